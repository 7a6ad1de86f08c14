import type { Harness } from './harness';

const DAY = 86_400_000;

/**
 * A pair that accepts and then misses its weekly check-ins, in a one-month program started at the
 * clock's time: the admins are asked "Decision needed" at the second check-in missed in a row.
 * `programDays`: how many days after the start the program ends, which sets the last day a pause
 * of the pairing may run to (near the decision, or weeks after it).
 */
export async function decisionNeeded(h: Harness, programDays: number) {
  const start = await h.now();
  const startDate = start.toISOString().slice(0, 10);
  const endDate = new Date(start.getTime() + programDays * DAY).toISOString().slice(0, 10);
  const programId = await h.program({
    startDate,
    endDate,
    lifecycle: { durationMonths: 1, checkInCadenceDays: 7, escalation: { nudgeAfter: 1, seniorNoteAfter: 1, adminDecisionAfter: 2 } },
  });
  const { mentor, mentee, pairingId } = await h.pair({ programId });
  await h.answerAll([mentor.email, mentee.email], () => 'yes');
  const decision = await h.nextEmail(h.admin, /^Decision needed/, 'P1D');
  return { pairingId, endDate, decision };
}
