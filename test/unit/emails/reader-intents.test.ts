import { describe, expect, it } from 'vitest';
import { upcoming } from '../../../functions/domain/pairing/context';
import type { EmailIntent } from '../../../functions/domain/pairing/decision';
import { adminConcernInput } from '../../../functions/domain/pairing/concerns';
import { closeFitCheck, fitQuestion } from '../../../functions/domain/pairing/fit-check';
import * as goals from '../../../functions/domain/pairing/goals';
import * as mail from '../../../functions/domain/pairing/mail';
import { planRematch } from '../../../functions/domain/pairing/rematch';
import type { Pairing, Round } from '../../../functions/domain/pairing/model';
import { END_REASONS, PERSON_SIDES } from '../../../functions/domain/pairing/model';
import { LIFECYCLE_TEMPLATES, renderIntent } from '../../../functions/domain/pairing/render';
import { answerLinkLabel, questionWording } from '../../../functions/domain/answer-page';
import * as emails from '../../../functions/domain/emails';
import type { RenderedEmail } from '../../../functions/domain/emails';
import { askedOf, interpretReply, type ReplyPurpose } from '../../../functions/domain/replies';
import { agreeable, simulate, type SimOptions } from '../pairing/simulate';
import { answerLink, contextOf, MENTEE, MENTOR, NOW, PAIRING_ID, PROGRAM, RUN_ID, STARTED, WAITING } from './reader-cast';
import { allProblems, deployedRoutes, type Delivery } from './reader-checks';

/**
 * The lifecycle's emails as its core decides them (functions/domain/pairing/mail.ts), rendered the
 * way the outbox renders them (render.ts), each read by whoever it goes to: a question's email
 * carries its question's address, any other email to a member the member's standing address,
 * emails to admins and managers no reply address (outbox.ts).
 */

const routes = deployedRoutes();
const IDS = [MENTOR.participantId, MENTEE.participantId, WAITING.participantId, PAIRING_ID, PROGRAM.programId, RUN_ID];
const now = NOW;
const pairing: Pairing = { ...STARTED, planDoneMs: upcoming(contextOf(STARTED))[0]!.offsetMs };
const ctx = contextOf(pairing);
const round = (kind: Round['kind'], label: string): Round => ({
  key: `r${kind}`,
  kind,
  label,
  dueAt: now.toISOString(),
  closesAt: '2027-02-09T17:00:00Z',
  asks: {},
  answers: {},
});

/**
 * An email as its addressee reads it: a member (with their partner), an admin, or a member's
 * manager. `questionPurpose` is the Reply-To's purpose when the email carries a question's address;
 * otherwise a member gets their standing address and others none.
 */
function readAs(
  label: string,
  to: string,
  email: RenderedEmail,
  questionPurpose: ReplyPurpose | undefined,
  links: readonly string[],
  admins: readonly string[],
  questionContext?: Record<string, unknown>,
): Delivery {
  const base = { label, email, ids: IDS, links, adminEmail: admins[0]!, ...(questionContext ? { replyContext: questionContext } : {}) };
  const member = [MENTOR, MENTEE].find((p) => p.email === to);
  if (member) {
    const partner = member === MENTOR ? MENTEE : MENTOR;
    return { ...base, reader: member.role, self: member, partner, replyPurpose: questionPurpose ?? 'standing' };
  }
  if (admins.includes(to)) return { ...base, reader: 'admin', about: [MENTOR, MENTEE], replyPurpose: questionPurpose };
  const report = [MENTOR, MENTEE].find((p) => p.manager?.email === to);
  if (!report) throw new Error(`${label} goes to ${to}, who is neither a member, an admin nor a manager.`);
  return { ...base, reader: 'manager', about: [report], replyPurpose: undefined };
}

/**
 * A lifecycle intent rendered as the outbox renders it, with its question's answer links. An
 * admin's copy names another admin as the program team, never the reader (mail.ts, toAdmins).
 */
function delivery(label: string, intent: Pick<EmailIntent, 'to' | 'template' | 'input' | 'question'>, admins: readonly string[]): Delivery {
  const links = Object.fromEntries((intent.question?.choices ?? []).map((c) => [c, answerLink(c)]));
  const read = readAs(
    label,
    intent.to,
    renderIntent(intent.template, intent.input, links),
    intent.question?.purpose,
    Object.values(links),
    admins,
    intent.question?.context,
  );
  return read.reader === 'admin' ? { ...read, adminEmail: admins.find((a) => a !== intent.to) ?? read.adminEmail } : read;
}

/**
 * What functions/inbound-mail.ts sends back about a question: the clarification (at the question's
 * own address) and "that question has closed" (at the standing address, none for an admin), worded
 * from the question as stored (questionWording over its context).
 */
function replyNotices(label: string, intent: EmailIntent, admins: readonly string[]): Delivery[] {
  const q = intent.question;
  if (!q) return [];
  const member = [MENTOR, MENTEE].find((p) => p.email === intent.to);
  const to = member ? { name: member.name, timeZone: member.timeZone } : { timeZone: PROGRAM.timeZone };
  const program = { name: PROGRAM.name, admin: { name: 'the program team', email: admins[0]! } };
  const reader = q.participantId ? ('participant' as const) : ('admin' as const);
  const wording = questionWording(q.purpose, q.context);
  const quoted = 'Maybe next week, I have to check my diary';
  const reason = interpretReply(quoted, q.purpose, { now, ...askedOf(q.context) }).reason.replace(/\.$/, '');
  const links = q.choices.map((choice) => ({ label: answerLinkLabel(choice, q.purpose), url: answerLink(choice) }));
  const nextOn = typeof q.context?.nextQuestionAt === 'string' ? { nextOn: q.context.nextQuestionAt } : {};
  const clarification = emails.clarificationRequest({
    to,
    program,
    reader,
    quotedReply: quoted,
    understood: reason.charAt(0).toLowerCase() + reason.slice(1),
    prompt: wording.prompt,
    replyExamples: wording.replyExamples,
    answerBy: q.closesAt,
    answerLinks: links,
  });
  const closed = emails.questionClosed({ to, program, reader, question: wording.topic, closedOn: q.closesAt, ...nextOn });
  return [
    readAs(
      `${label}: clarification`,
      intent.to,
      clarification,
      q.purpose,
      links.map((l) => l.url),
      admins,
      q.context,
    ),
    readAs(`${label}: question closed`, intent.to, closed, undefined, [], admins),
  ];
}

/** A round as the core closes it, with both people's answers. */
const answered = (kind: Round['kind'], label: string, answers: Round['answers']): Round => ({ ...round(kind, label), answers });
const at = now.toISOString();

const admins = PROGRAM.admins;
const direct = (label: string, intents: EmailIntent | readonly EmailIntent[]) =>
  (Array.isArray(intents) ? intents : [intents]).flatMap((i) => [
    delivery(`${label} to ${i.to}`, i, admins),
    ...replyNotices(`${label} to ${i.to}`, i, admins),
  ]);
const adminIntents = (key: string, e: { template: EmailIntent['template']; input: Record<string, unknown> }) => mail.toAdmins(ctx, key, () => e);

/** Every intent mail.ts builds, for each side it can go to. */
const built: Delivery[] = [
  ...PERSON_SIDES.flatMap((side) => [
    ...direct(`introduction (${side})`, mail.question(ctx, pairing, round('acceptance', 'Acceptance'), side, 'ask')),
    ...direct(`acceptance reminder (${side})`, mail.question(ctx, pairing, round('acceptance', 'Acceptance'), side, 'remind')),
    ...direct(`check-in (${side})`, mail.question(ctx, pairing, round('check-in', 'Check-in 2'), side, 'ask')),
    ...direct(`milestone review (${side})`, mail.question(ctx, pairing, round('milestone', 'Day 30 review'), side, 'ask')),
    ...direct(`final review (${side})`, mail.question(ctx, pairing, round('final-review', 'End of program review'), side, 'ask')),
    ...direct(`thanks (${side})`, mail.thanks(ctx, pairing, round('check-in', 'Check-in 2'), side, 1, { intent: 'yes', rating: 2, at: now.toISOString() })),
    ...direct(`nudge (${side})`, mail.nudge(ctx, pairing, round('check-in', 'Check-in 2'), side)),
    ...direct(`not started (${side})`, mail.partnerDidNotStart(ctx, side)),
    ...direct(`paused (${side})`, mail.paused(ctx, pairing, side, '2027-03-01', 'mentor')),
    ...direct(`resumed (${side})`, mail.resumed(ctx, pairing, side, '2027-03-01T08:00:00Z')),
    ...direct(`partner left (${side})`, mail.ended(ctx, pairing, side, 'participant-left', true, 'new-partner')),
    ...END_REASONS.flatMap((reason) =>
      direct(`ended, ${reason} (${side})`, mail.ended(ctx, pairing, side, reason, false, reason !== 'participant-request' ? 'new-partner' : 'pool')),
    ),
    ...direct(`recognition and manager note (${side})`, mail.recognition(ctx, { ...pairing, status: 'completed', endedAt: '2027-07-13T08:00:00Z' }, side)),
  ]),
  ...PERSON_SIDES.flatMap((side) => direct(`fit check (${side})`, fitQuestion(ctx, round('fit-check', 'Fit check'), side, 'ask'))),
  // A PAUSE by reply that found its pairing ended by a round closing in the same step.
  ...PERSON_SIDES.flatMap((side) => direct(`nothing to pause, ended (${side})`, mail.nothingToPause(ctx, side, at))),
  // Both accepted with goals and a starting point per topic: the goals go back to both.
  ...direct(
    'goals confirmed',
    goals
      .onAccepted(
        ctx,
        pairing,
        answered('acceptance', 'Acceptance', {
          mentor: { intent: 'yes', at, goals: ['Learn how the team uses AI tools'], items: Object.fromEntries(MENTOR.topicsWanted.map((t) => [t, 2])) },
          mentee: { intent: 'yes', at, goals: ['Understand how budgets are decided', 'Lead one planning meeting'] },
        }),
        at,
      )
      .emails.map((e) => e.intent),
  ),
  // Both accepted, one saying they will be away, with no goals to confirm: the PAUSE line in an email of its own.
  ...direct(
    'started while away',
    goals
      .onAccepted(
        ctx,
        pairing,
        answered('acceptance', 'Acceptance', { mentor: { intent: 'yes', at, note: 'I am on leave until 1 March' }, mentee: { intent: 'yes', at } }),
        at,
      )
      .emails.map((e) => e.intent),
  ),
  // The end-of-program review: a note written for the partner and shared (SHARE).
  ...direct(
    'partner note',
    goals
      .partnerNotes(
        ctx,
        answered('final-review', 'End of program review', {
          mentor: { intent: 'rating', at, partnerNote: { valued: 'your questions about our tools', try: 'ask your team for a demo' } },
        }),
      )
      .emails.map((e) => e.intent),
  ),
  ...direct(
    'fit unsure',
    closeFitCheck(ctx, answered('fit-check', 'Fit check', { mentor: { intent: 'yes', at }, mentee: { intent: 'unsure', at, note: 'Too early to tell' } }), now)
      .adminEmails,
  ),
  // The pairing did not start: one person past the rematch cap, the other silent once too often.
  ...direct(
    'rematch held',
    planRematch(
      { ...ctx, mentor: { ...MENTOR, rematchAttempts: 3 }, mentee: { ...MENTEE, unansweredIntroductions: 1 } },
      pairing,
      [
        { side: 'mentor', answer: 'accepted', wantsRematch: true },
        { side: 'mentee', answer: 'no-answer', wantsRematch: true },
      ],
      now,
    ).adminEmails,
  ),
  ...direct(
    'concern escalated',
    adminIntents(`concern:c1:escalated`, {
      template: 'adminConcernEscalated',
      input: adminConcernInput(ctx, {
        concernId: 'cn_7h2k9q4m1x',
        programId: PROGRAM.programId,
        participantId: MENTEE.participantId,
        role: 'mentee',
        pairingId: PAIRING_ID,
        partnerId: MENTOR.participantId,
        text: 'We keep moving our meetings and I do not know how to raise it.',
        exit: false,
        channel: 'email',
        state: 'open',
        raisedAt: '2027-01-28T09:00:00Z',
        escalateAt: '2027-02-02T09:00:00Z',
        version: 1,
      }),
    }),
  ),
  ...direct('senior note', mail.seniorNote(ctx, pairing, round('check-in', 'Check-in 3'), 2)),
  ...direct('decision request', mail.question(ctx, pairing, round('admin-decision', 'Decision'), 'admin', 'ask')),
  ...direct('escalation', adminIntents('escalation', mail.adminEscalation(ctx, pairing, 2))),
  ...direct(
    'not-started notice',
    adminIntents(
      'not-started',
      mail.adminNotStarted(
        ctx,
        pairing,
        { mentor: 'accepted', mentee: 'declined' },
        { mentee: { intent: 'no', note: 'Ich bin bis März auf Reisen', at: now.toISOString() } },
      ),
    ),
  ),
];

/** Whole programs run by the pure core with the cast: every email it decides, as sent. */
function run(label: string, opts: SimOptions): Delivery[] {
  const program = { programId: PROGRAM.programId, name: PROGRAM.name, admins: [...PROGRAM.admins], timeZone: PROGRAM.timeZone, startDate: PROGRAM.startDate };
  const r = simulate({ ...opts, program: { ...program, ...opts.program }, mentor: MENTOR, mentee: MENTEE, start: '2027-01-04T08:00:00Z' });
  return r.emails.map((e, i) => delivery(`${label} #${i + 1}: ${e.template} to ${e.to}`, e, program.admins));
}
const silentAfterYes: SimOptions['answer'] = (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined);
const simulated: Delivery[] = [
  ...run('agreeable program', { answer: agreeable }),
  ...run('silent pair', { answer: silentAfterYes, program: { lifecycle: { durationMonths: 3 } } }),
  ...run('declined', {
    answer: (_e, side) => (side === 'mentee' ? { text: { intent: 'no', note: 'Ich bin bis März auf Reisen' } } : { text: { intent: 'yes' } }),
  }),
  ...run('nobody answers', { answer: () => undefined }),
  ...run('paused and resumed', {
    answer: agreeable,
    controls: [
      { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-04-01' } },
      { at: '2027-02-20T10:00:00Z', request: { kind: 'resume' } },
    ],
  }),
  ...run('partner left', { answer: agreeable, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'left', participantId: MENTEE.participantId } }] }),
  // Working hours wide enough for Tokyo's evening and Berlin's morning: the pair has a series.
  ...run('cadence and length changed by HR', {
    answer: agreeable,
    program: { workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '20:00' } },
    programChanges: [
      {
        at: '2027-02-10T10:00:00Z',
        program: {
          workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '20:00' },
          lifecycle: { checkInCadenceDays: 7, durationMonths: 4 },
        },
      },
    ],
  }),
  // The reviews moved while the series stays: the next question's new date (datesRescheduled).
  ...run('reviews moved by HR', {
    answer: agreeable,
    program: { lifecycle: { durationMonths: 3, milestoneDays: [30] } },
    programChanges: [{ at: '2027-01-28T10:00:00Z', program: { lifecycle: { durationMonths: 3, milestoneDays: [45] } } }],
  }),
  ...run('ended by an admin', { answer: agreeable, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'end', reason: 'admin-decision' } }] }),
];

describe('the lifecycle emails, read by whoever gets them', () => {
  it('cover every template the outbox renders (a new lifecycle email needs a place in this walk)', () => {
    const seen = new Set([...built, ...simulated].map((d) => d.email.template));
    // The parked notice is built by the shell (functions/lifecycle/fault.ts); the template walk reads it.
    const missing = LIFECYCLE_TEMPLATES.filter((t) => t !== 'adminPairingParked' && !seen.has(t));
    expect(missing).toEqual([]);
  });

  it('reach every kind of reader', () => {
    expect(new Set([...built, ...simulated].map((d) => d.reader))).toEqual(new Set(['mentor', 'mentee', 'admin', 'manager']));
  });

  it.each([...built, ...simulated].map((d) => [d.label, d] as const))('%s', (_label, d) => {
    expect(allProblems(d, routes)).toEqual([]);
  });

  it.each(built.map((d) => [d.label, d] as const))('%s promises no next date that has passed', (_label, d) => {
    for (const [, date] of d.email.text.replace(/\s+/g, ' ').matchAll(/next (?:check-in|question) comes on \w+ (\d+ \w+ \d{4})/g)) {
      expect(Date.parse(`${date} 23:59 UTC`), `${d.label} promises ${date}`).toBeGreaterThan(now.getTime());
    }
  });
});
