import { describe, expect, it } from 'vitest';
import { composeDigest, nudgesToGo } from '../../../functions/domain/digest';
import { pairsAtRisk } from '../../../functions/domain/report-risk';
import { simProgram, simulate, type SimOptions } from '../pairing/simulate';
import { springDigest } from './spring';

/**
 * QA: the 09:30 digest said "Nothing yet: both were nudged" of nudges that went at 10:36 that
 * morning (held for the readers' send time). Past tense only for nudges sent by the digest's time.
 */

const WERE = 'Nothing yet: both were nudged; watch the next check-in.';
const TODAY = 'Nothing yet: both are nudged today; watch the next check-in.';

// The pair accept, then stay silent: the first check-in is missed and both are nudged.
const silent: SimOptions['answer'] = (email) => (email.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined);

describe('digest: a nudge in the tense of the digest’s time (QA)', () => {
  const program = simProgram();
  const r = simulate({ answer: silent, maxSteps: 200 });
  // The step that closed the missed check-in decided the nudges, held for the readers' working hours.
  const step = r.decisions.find((d) => d.decision.emails.some((e) => e.key.includes(':nudge:')))!;
  const nudges = step.decision.emails.filter((e) => e.key.includes(':nudge:'));
  const pending = nudges.map((e) => ({ key: `email:${e.key}`, dueAt: e.notBefore ?? step.at }));
  const goes = pending.map((p) => p.dueAt).sort()[1]!;
  const pairing = step.decision.pairing;

  const actionAt = (now: Date, toGo: readonly string[]) => {
    const [risk] = pairsAtRisk([{ pairing, checkIns: [], reviews: [], nudgesToGo: toGo }], program, now);
    return risk?.risks.find((x) => x.code === 'missed-check-ins')?.action;
  };

  it('the nudges were held past the step that decided them (the case QA saw)', () => {
    expect(nudges).toHaveLength(2);
    expect(nudges.every((e) => e.notBefore !== undefined && e.notBefore > step.at)).toBe(true);
    expect(nudgesToGo(pending)).toEqual(pending.map((p) => p.dueAt));
    // Other held emails of the pairing are not nudges.
    expect(
      nudgesToGo([
        { key: 'email:round-003:senior-note', dueAt: goes },
        { key: 'event:round-003:missed', dueAt: goes },
      ]),
    ).toEqual([]);
  });

  it('before they go, the same day: "both are nudged today"; once gone: "both were nudged"', () => {
    const before = new Date(Date.parse(goes) - 60_000);
    expect(actionAt(before, nudgesToGo(pending))).toBe(TODAY);
    // Sent: the outbox holds them no more.
    expect(actionAt(new Date(Date.parse(goes) + 60_000), [])).toBe(WERE);
  });

  it('held for a later day: names it', () => {
    expect(actionAt(new Date('2027-02-26T09:30:00Z'), ['2027-03-01T10:36:00Z', '2027-03-01T10:36:00Z'])).toBe(
      'Nothing yet: both are nudged on Monday 1 March 2027; watch the next check-in.',
    );
    // One of the pair, in an earlier zone, already had theirs.
    expect(actionAt(new Date('2027-03-01T09:30:00Z'), ['2027-03-01T10:36:00Z'])).toBe(
      'Nothing yet: one of them was nudged, the other is nudged today; watch the next check-in.',
    );
  });

  it('says so in the digest sent at 09:30 before the 10:36 nudges', () => {
    const now = new Date('2027-03-01T09:30:00Z');
    const [risk] = pairsAtRisk([{ pairing, checkIns: [], reviews: [], nudgesToGo: ['2027-03-01T10:36:00Z', '2027-03-01T10:36:00Z'] }], program, now);
    const content = composeDigest({
      program: { ...program, name: 'Spring' },
      now,
      atRisk: [{ ...risk!, people: { mentor: 'Ana Souza', mentee: 'Sam Lee' } }],
      pairings: [],
      waitlistSize: 0,
      approvals: [],
      notices: [],
    })!;
    const text = springDigest(content).text.replace(/\s+/g, ' ');
    expect(text).toContain('The pair missed its last check-in. Suggested: Nothing yet: both are nudged today; watch the next check-in.');
    expect(text).not.toContain('were nudged');
  });
});
