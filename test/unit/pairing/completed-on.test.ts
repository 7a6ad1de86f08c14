import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../functions/domain/pairing/decide';
import { localDate } from '../../../functions/domain/schedule';
import { agreeable, participant, simProgram, simulate } from './simulate';

/**
 * "Please answer by Saturday 9 January": when nobody answers the end-of-program review, it closes at
 * that deadline and the pairing completes then. The certificate's period ends on that day, not on
 * the next one: on AWS the wait after the deadline is whole seconds, so the step that closes the
 * round runs just after it, already the next day where the deadline's reader is.
 */
describe('a pairing completed by its end review closing at the deadline', () => {
  const zones = { mentor: 'Asia/Tokyo', mentee: 'America/Los_Angeles' } as const;
  const lifecycle = { durationMonths: 2 } as never;
  const r = simulate({
    mentor: { timeZone: zones.mentor },
    mentee: { timeZone: zones.mentee },
    program: { lifecycle },
    // Everything answered but the end-of-program review.
    answer: (e, side) => (e.input.milestone === 'End of program review' ? undefined : agreeable!(e, side)),
  });
  const open = r.decisions
    .map((d) => d.decision.pairing)
    .filter((p) => p.round?.kind === 'final-review' && p.status === 'active')
    .at(-1)!;

  it('ends at the deadline, on the day the review named for each reader, when the step comes a second after it', () => {
    expect(r.pairing.status).toBe('completed');
    const closesAt = open.round!.closesAt;
    const d = decideNext({
      pairing: open,
      program: simProgram({ lifecycle }),
      mentor: participant('mentor', { timeZone: zones.mentor }),
      mentee: participant('mentee', { timeZone: zones.mentee }),
      now: new Date(Date.parse(closesAt) + 1),
      execution: { startedAt: r.pairing.createdAt, generation: 1 },
    });
    expect(d.pairing.status).toBe('completed');
    expect(d.pairing.endedAt).toBe(closesAt);
    for (const zone of Object.values(zones)) expect(localDate(new Date(d.pairing.endedAt!), zone)).toBe(localDate(new Date(closesAt), zone));
  });
});
