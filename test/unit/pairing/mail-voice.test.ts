import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import { adminEscalation, adminNotStarted, question } from '../../../functions/domain/pairing/mail';
import type { Pairing, Round } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { participant } from './simulate';

/** The lifecycle's emails in each reader's own words: introductions and admin emails. */
const program = programSchema.parse({
  programId: 'sim',
  name: 'Sim cohort',
  startDate: '2027-01-04',
  admins: ['admin@example.com'],
  timeZone: 'Europe/London',
});
const mentor = participant('mentor');
const mentee = participant('mentee');
const now = new Date('2027-01-04T09:00:00Z');
const basePairing: Pairing = {
  pairingId: 'pr_voice',
  programId: 'sim',
  mentorId: mentor.participantId,
  menteeId: mentee.participantId,
  score: 80,
  reasons: ['Mia Mentor can help Sam Senior with AI tools, which Sam ranked first'],
  tradeOffs: [],
  status: 'introduced',
  checkInsHeld: 0,
  checkInsMissed: 0,
  missedInRow: 3,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 1,
};
const reasonsFor = {
  mentor: ['You can help Sam with AI tools, which Sam ranked first'],
  mentee: ['Mia can help with AI tools, which you ranked first'],
  admin: basePairing.reasons,
};
const round = (kind: Round['kind']): Round => ({
  key: `${kind}-1`,
  kind,
  label: kind,
  dueAt: now.toISOString(),
  closesAt: '2027-01-11T17:00:00Z',
  asks: {},
  answers: {},
});
const ctxOf = (pairing: Pairing): LifecycleContext => ({ pairing, program, mentor, mentee, now, execution: { startedAt: now.toISOString(), generation: 1 } });
const links = (choices: readonly string[] = []) => Object.fromEntries(choices.map((c) => [c, `https://answers.example.com/r/${c}`]));
const textOf = (template: Parameters<typeof renderIntent>[0], input: Record<string, unknown>, choices?: readonly string[]) =>
  renderIntent(template, input, links(choices)).text.replace(/\s+/g, ' ');

function introductionText(pairing: Pairing, side: 'mentor' | 'mentee'): string {
  const [intent] = question(ctxOf(pairing), pairing, round('acceptance'), side, 'ask');
  return textOf(intent!.template, intent!.input, intent!.question?.choices);
}

describe('introductions', () => {
  const pairing = { ...basePairing, reasonsFor };

  it("give the mentor the mentor's own reasons", () => {
    const text = introductionText(pairing, 'mentor');
    expect(text).toContain('You can help Sam with AI tools, which Sam ranked first');
    expect(text).not.toContain('which you ranked first');
  });

  it("give the mentee the mentee's own reasons", () => {
    const text = introductionText(pairing, 'mentee');
    expect(text).toContain('Mia can help with AI tools, which you ranked first');
    expect(text).not.toContain('You can help Sam');
  });

  it('fall back to the stored reasons for a pairing made without reasons per reader', () => {
    expect(introductionText(basePairing, 'mentor')).toContain('Mia Mentor can help Sam Senior with AI tools');
  });
});

describe('admin emails of the lifecycle', () => {
  const ctx = ctxOf(basePairing);
  const expectNamed = (text: string) => {
    expect(text).toContain('Mia Mentor (mentor)');
    expect(text).toContain('Sam Senior (mentee)');
    expect(text).not.toContain(mentor.participantId);
    expect(text).not.toContain(mentee.participantId);
    expect(text).toContain('Reference: pairing pr_voice');
  };

  it('the decision request names both people', () => {
    const intents = question(ctx, basePairing, round('admin-decision'), 'admin', 'ask');
    expect(intents).toHaveLength(program.admins.length);
    expectNamed(textOf(intents[0]!.template, intents[0]!.input, intents[0]!.question?.choices));
  });

  it('the escalation names both people', () => {
    const e = adminEscalation(ctx, basePairing, 2);
    expectNamed(textOf(e.template, e.input));
  });

  it('the not-started notice names both people and what each answered', () => {
    const e = adminNotStarted(
      ctx,
      basePairing,
      { mentor: 'accepted', mentee: 'declined' },
      { mentee: { intent: 'no', note: 'Away until March', at: now.toISOString() } },
    );
    const text = textOf(e.template, e.input);
    expectNamed(text);
    expect(text).toContain('Sam Senior (mentee): declined, reason given: "Away until March"');
  });
});
