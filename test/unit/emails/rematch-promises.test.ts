import { describe, expect, it } from 'vitest';
import type { ConcernCase } from '../../../functions/domain/concerns';
import * as emails from '../../../functions/domain/emails';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import { decideNext } from '../../../functions/domain/pairing/decide';
import { adminNotStarted } from '../../../functions/domain/pairing/mail';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { ProgramInput } from '../../../functions/domain/program';
import { programContact } from '../../../functions/domain/program-contact';
import { agreeable, participant, simPairing, simProgram, simulate, type SimOptions } from '../pairing/simulate';

/**
 * The emails that still spoke of a rematch say what happens for the program (docs/lifecycle.md,
 * Rematch policy): at `rematch.maxAttempts` 0 whoever a rematch would offer a partner waits on the
 * waitlist while the program team decides; once the program has closed no new pairing starts; and
 * the admins read who of the pair had every automatic rematch the program allows.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const LINKS = Object.fromEntries(['yes', 'no', 'accept', 'decline'].map((k) => [k, `https://answers.example.org/${k}`]));
const text = (e: { template: string; input: Record<string, unknown> }) => flat(renderIntent(e.template as never, e.input, LINKS).text);
const NONE = { rematch: { maxAttempts: 0, offersAfterSilence: 1, needsApproval: false } } satisfies Partial<ProgramInput>;
const CLOSED = { startDate: '2026-12-01', endDate: '2026-12-15' } satisfies Partial<ProgramInput>;
const PROMISED = /offered a new partner|rematch both|rematch has been requested|matched with someone else|look for a new partner for you/;
const ADMIN_WAITS = /makes no automatic rematches \(rematch\.maxAttempts is 0\), so (?:both wait|whoever did not decline waits) on the waitlist for you/;

describe("the admins' concern emails, when the person asks to leave", () => {
  const people = { raisedBy: { name: 'Mia Mentor', role: 'mentor' as const }, partner: { name: 'Sam Senior', role: 'mentee' as const } };
  const raised = (program: Partial<ProgramInput>, more: Partial<emails.AdminConcernInput> = {}) =>
    flat(
      emails.adminConcernRaised({
        to: { timeZone: 'Europe/London' },
        program: programContact(simProgram(program)),
        concernId: 'cn_x',
        raisedAt: '2027-02-05T15:00:00Z',
        ...people,
        exit: true,
        pairingId: 'pr_sim',
        workingDays: 2,
        ...more,
      }).text,
    );

  it('say both wait on the waitlist for the admins at a cap of 0, and that no new pairing starts once the program has closed', () => {
    expect(raised({})).toMatch(/the pairing ends without fault and both are offered a new partner/);
    expect(raised(NONE)).not.toMatch(PROMISED);
    expect(raised(NONE)).toMatch(ADMIN_WAITS);
    const closed = raised({}, { programClosed: true });
    expect(closed).not.toMatch(PROMISED);
    expect(closed).toMatch(/the program has closed, so no new pairing starts for either of them/);
  });

  it('name who had every automatic rematch the program allows', () => {
    expect(raised({}, { capped: ['mentor'] })).toMatch(
      /Sam Senior is offered a new partner; Mia Mentor has had every automatic rematch the program allows, so will wait on the waitlist for you/,
    );
  });

  it('the escalation, after the exit ended the pairing, says the same for the program and promises no one a partner the cap held back', () => {
    const program = simProgram(NONE);
    const mentor = participant('mentor');
    const mentee = participant('mentee');
    const exit: ConcernCase = {
      concernId: 'cn_x',
      programId: 'sim',
      participantId: 'pt_mentor',
      role: 'mentor',
      pairingId: 'pr_sim',
      partnerId: 'pt_mentee',
      exit: true,
      channel: 'email',
      state: 'open',
      raisedAt: '2027-02-05T15:00:00Z',
      escalateAt: '2027-02-09T09:00:00Z',
      version: 1,
    };
    const ended = simPairing('2027-01-04T08:00:00Z', {
      status: 'ended',
      statusReason: 'not-a-fit',
      endedAt: '2027-02-05T15:00:00Z',
      concerns: [{ concernId: 'cn_x', escalateAt: exit.escalateAt }],
    });
    const escalate = (p: typeof program, m = mentor): string => {
      const ctx: LifecycleContext = {
        pairing: ended,
        program: p,
        mentor: m,
        mentee,
        now: new Date('2027-02-09T09:00:00Z'),
        execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
        concerns: [exit],
      };
      return text(decideNext(ctx).emails.find((e) => e.template === 'adminConcernEscalated')!);
    };
    expect(escalate(program)).toMatch(ADMIN_WAITS);
    // Its rematches were counted when it ended: who was past the cap is not told from them.
    const open = escalate(simProgram(), participant('mentor', { rematchAttempts: 3 }));
    expect(open).not.toMatch(/both are offered a new partner(?!, except)/);
    expect(open).toMatch(/both are offered a new partner, except anyone who had every automatic rematch the program allows/);
  });
});

describe('the admins\' note on a fit check answered "not sure"', () => {
  const unsure: SimOptions['answer'] = (e, side) =>
    e.question?.purpose === 'fit' ? { text: { intent: side === 'mentor' ? 'unsure' : 'yes' } } : agreeable!(e, side);
  const note = (opts: Omit<SimOptions, 'answer'>) => text(simulate({ answer: unsure, ...opts }).emails.find((e) => e.template === 'adminFitUnsure')!);

  it('says what an end with a rematch does for this pair', () => {
    expect(note({})).toMatch(/end with \{"rematch":true\}: the pairing ends without fault and both are offered a new partner/);
    expect(note({ program: NONE })).not.toMatch(PROMISED);
    expect(note({ program: NONE })).toMatch(ADMIN_WAITS);
    expect(note({ mentee: { rematchAttempts: 3 } })).toMatch(
      /Mia Mentor is offered a new partner; Sam Senior has had every automatic rematch the program allows/,
    );
  });

  it('once the program has closed, says no new pairing starts', () => {
    const closed = note({ program: { startDate: '2026-12-01', endDate: '2027-01-15' } });
    expect(closed).not.toMatch(PROMISED);
    expect(closed).toMatch(/the program has closed, so no new pairing starts for either of them/);
  });
});

describe("the admins' note on a pairing that did not start", () => {
  const ctxFor = (program: Partial<ProgramInput>, mentee: Parameters<typeof participant>[1] = {}, now = '2027-01-12T10:00:00Z'): LifecycleContext => ({
    pairing: simPairing('2027-01-04T08:00:00Z'),
    program: simProgram(program),
    mentor: participant('mentor'),
    mentee: participant('mentee', mentee),
    now: new Date(now),
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
  });
  const notice = (ctx: LifecycleContext) => text(adminNotStarted(ctx, ctx.pairing, { mentor: 'declined', mentee: 'accepted' }, {}));

  it('says who waits for the admins at a cap of 0, who is past their cap, and that nothing starts after the close', () => {
    expect(notice(ctxFor({}))).toMatch(/a rematch has been requested for whoever did not decline\./);
    expect(notice(ctxFor(NONE))).not.toMatch(PROMISED);
    expect(notice(ctxFor(NONE))).toMatch(ADMIN_WAITS);
    expect(notice(ctxFor({}, { rematchAttempts: 3 }))).toMatch(
      /except anyone who had every automatic rematch the program allows: Sam Senior, who will wait on the waitlist for you/,
    );
    const closed = notice(ctxFor(CLOSED));
    expect(closed).not.toMatch(PROMISED);
    expect(closed).toMatch(/the program has closed, so no new pairing starts for either of them/);
  });
});

describe('the acceptance reminder', () => {
  const silentMentee: SimOptions['answer'] = (e, side) => (e.question?.purpose === 'acceptance' && side === 'mentor' ? { text: { intent: 'yes' } } : undefined);
  const reminder = (opts: Omit<SimOptions, 'answer'>) =>
    text(simulate({ answer: silentMentee, ...opts }).emails.find((e) => e.template === 'acceptanceReminder')!);

  it('promises the partner a new match only when one will be looked for', () => {
    expect(reminder({})).toMatch(/the pairing will not start and Mia will be matched with someone else/);
    const none = reminder({ program: NONE });
    expect(none).not.toMatch(PROMISED);
    expect(none).toMatch(/the pairing will not start, and Mia will wait on the waitlist while the program team decides with them how to go on/);
    const closed = reminder({ program: CLOSED });
    expect(closed).not.toMatch(PROMISED);
    expect(closed).toMatch(/the pairing will not start, and as the program will have closed by then, no new pairing will start for Mia/);
  });

  it('says nothing of a partner past their own cap (whose rematches are theirs to know), and promises nothing', () => {
    const capped = reminder({ mentor: { rematchAttempts: 3 } });
    expect(capped).not.toMatch(PROMISED);
    expect(capped).toMatch(/If we have no answer by .*, the pairing will not start\. That is fine too/);
  });
});

describe('the concern acknowledgement after the program has closed', () => {
  it('says the pairing ends and no new pairing will start, not that a partner is looked for', () => {
    const to = emails.recipientNow({ name: 'Mia Mentor', timeZone: 'Europe/London' }, 'paired', 0);
    const ack = (programClosed?: boolean) =>
      flat(
        emails.concernReceived({
          to,
          program: programContact(simProgram()),
          readBy: '2027-02-03T17:00:00Z',
          workingDays: 2,
          exit: true,
          ...(programClosed ? { programClosed } : {}),
        }).text,
      );
    expect(ack()).toMatch(/we will look for a new partner for you/);
    expect(ack(true)).not.toMatch(PROMISED);
    expect(ack(true)).toMatch(
      /your partner is told only that your pairing has ended, as the program is changing pairings, never why, and as the program has closed, no new pairing will start/,
    );
  });
});
