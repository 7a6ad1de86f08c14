import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLegalTransition } from '../../../functions/domain/pairing/model';
import { simulate, type SimOptions } from './simulate';

type Policy = { acceptance: 'yes' | 'no' | 'silent'; checkIn: 'met' | 'missed' | 'silent' | 'mixed'; delayHours: number };

const policy = fc.record({
  acceptance: fc.constantFrom('yes', 'yes', 'yes', 'no', 'silent'),
  checkIn: fc.constantFrom('met', 'missed', 'silent', 'mixed'),
  delayHours: fc.integer({ min: 0, max: 200 }),
}) as fc.Arbitrary<Policy>;

const controlArb = fc.array(
  fc.record({
    day: fc.integer({ min: 0, max: 200 }),
    kind: fc.constantFrom('pause', 'resume', 'end', 'left'),
    pauseDays: fc.integer({ min: 1, max: 60 }),
  }),
  { maxLength: 4 },
);

function answerer(mentor: Policy, mentee: Policy): SimOptions['answer'] {
  let n = 0;
  return (email, side) => {
    const p = side === 'mentor' ? mentor : side === 'mentee' ? mentee : mentor;
    const q = email.question!;
    if (q.purpose === 'acceptance') return p.acceptance === 'silent' ? undefined : { text: { intent: p.acceptance }, delayHours: p.delayHours };
    if (q.purpose === 'admin-decision') return { text: { intent: 'yes', decision: 'continue' }, delayHours: 1 };
    if (q.purpose === 'milestone') return p.checkIn === 'silent' ? undefined : { text: { intent: 'rating', rating: 3, score: 7 }, delayHours: p.delayHours };
    n++;
    const mode = p.checkIn === 'mixed' ? (n % 3 === 0 ? 'silent' : n % 3 === 1 ? 'met' : 'missed') : p.checkIn;
    if (mode === 'silent') return undefined;
    return { text: mode === 'met' ? { intent: 'rating', rating: 4 } : { intent: 'no' }, delayHours: p.delayHours };
  };
}

describe('the pure lifecycle core keeps its invariants whatever people do', () => {
  it('only legal status moves; no email decided twice; counts equal answers recorded; nothing asked after an end', () => {
    fc.assert(
      fc.property(policy, policy, controlArb, fc.constantFrom(3, 6, 12), (mentor, mentee, controls, months) => {
        const start = Date.parse('2027-01-04T08:00:00Z');
        const r = simulate({
          program: { lifecycle: { durationMonths: months } },
          answer: answerer(mentor, mentee),
          controls: controls.map((c) => ({
            at: new Date(start + c.day * 86_400_000 + 3_600_000).toISOString(),
            request:
              c.kind === 'pause'
                ? { kind: 'pause', until: new Date(start + (c.day + c.pauseDays) * 86_400_000).toISOString().slice(0, 10) }
                : c.kind === 'left'
                  ? { kind: 'left', participantId: 'pt_mentee', reason: 'left the company' }
                  : { kind: c.kind },
          })),
        });
        // Every execution ends: a lifecycle never runs forever.
        expect(['completed', 'ended', 'not-started']).toContain(r.pairing.status);
        for (let i = 1; i < r.statuses.length; i++) expect(isLegalTransition(r.statuses[i - 1]!, r.statuses[i]!)).toBe(true);
        const keys = r.emails.map((e) => e.key);
        expect(new Set(keys).size).toBe(keys.length);
        const eventKeys = r.decisions.flatMap((d) => d.decision.events.map((e) => e.key));
        expect(new Set(eventKeys).size).toBe(eventKeys.length);
        const checkIns = [...r.records.entries()].filter(([k]) => k.startsWith('CHECKIN#')).map(([, v]) => v);
        expect(r.pairing.checkInsHeld).toBe(checkIns.filter((c) => c.met).length);
        expect(r.pairing.checkInsMissed).toBe(checkIns.filter((c) => !c.met).length);
        // From the step that acts on an end or a departure on, no question and no nudge is decided.
        const ending = r.decisions.findIndex((d) => d.decision.pairing.status === 'ended');
        if (ending >= 0) {
          const after = r.decisions.slice(ending).flatMap((d) => d.decision.emails);
          expect(after.filter((e) => e.question || e.template === 'missedCheckInNudge' || e.template === 'seniorCommitmentNote')).toEqual([]);
          // A departed member gets nothing from then on.
          if (r.pairing.statusReason === 'participant-left') expect(after.filter((e) => e.to === 'mentee@example.com')).toEqual([]);
        }
        // Every question states the deadline its reply channel keeps.
        for (const e of r.emails.filter((x) => x.question)) expect(e.input.answerBy).toBe(e.question!.closesAt);
        // Thanks only to people who answered that round.
        for (const e of r.emails.filter((x) => x.template === 'checkInThanks')) {
          const round = e.key.split(':')[0]!;
          const side = e.key.split(':')[2] as 'mentor' | 'mentee';
          const rec = checkIns.find((c) => c.round === round) as Record<string, { intent?: string }> | undefined;
          if (rec) expect(rec[side]?.intent).toBeDefined();
        }
      }),
      { numRuns: 150 },
    );
  });
});
