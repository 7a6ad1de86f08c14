import type { Role } from '../participant';
import { afterRematchEnd, namedPair, type PairPeople, type RematchFacts } from './admin';
import { facts, paragraph, quote } from './blocks';
import { insteadOfNewPartner, rematchOffered, waitInstead } from './footer';
import { capitalised, countOf, formatDate, fullNameOrErased, joinAnd, partnerFirstName, type DateInput } from './format';
import { renderEmail } from './layout';
import { localDate } from '../schedule';
import type { Block, EmailBase, ParticipantAudience, Partner, RenderedEmail } from './types';

/**
 * The private concern channel and the fit check (docs/emails.md). A concern is read by the program
 * admins only: the person who raised it is told who reads it and by when; the partner is never
 * told, and no email to the partner changes because of it (a leave it asks for ends the pairing,
 * which the partner learns only in the neutral words of any rematch).
 */

const reference = (pairingId: string) =>
  paragraph(`Reference: pairing ${pairingId} (GET /pairings/${pairingId} on the admin API shows its details and timeline).`);

const about = (input: ConcernPeople) =>
  input.partner
    ? ` (pairing with ${input.partner.name})`
    : input.partners && input.partners.length > 1
      ? ` (one of ${input.partners.length} pairings)`
      : input.unclearPairing
        ? ' (one of their pairings)'
        : '';

const ACT = (concernId: string) =>
  paragraph(
    `Acknowledge it with POST /concerns/${concernId} and the body {"action":"acknowledge"} on the admin API, then resolve it with {"action":"resolve","note":"what was done"}. GET /concerns/${concernId} shows the case and the pairing's recent history.`,
  );

export interface ConcernReceivedInput extends EmailBase {
  /** What the person wrote (shown back to them only). */
  text?: string;
  /** By when an admin will have read it (the program's escalation date). */
  readBy: DateInput;
  /**
   * The program's time zone, whose working days `readBy` counts: a reader to its west would see
   * that moment (Monday 09:00 in London) on the day before, a Sunday (concernReadByDay).
   */
  programTimeZone?: string;
  workingDays: number;
  /** The person also asked to leave their pairing. */
  exit?: boolean;
  /** Their footer, from their pairings (participantAudience); default `participant`. */
  reader?: ParticipantAudience;
  /** They asked to leave, but have several pairings and did not say which: none was ended. */
  leaveUnclear?: boolean;
  /** Every program admin is one of the pair: no admin could be emailed (HR sees the case in the list). */
  unrouted?: boolean;
  /** The program has closed (rematch-policy.ts, programClosed): the exit starts no new pairing. */
  programClosed?: boolean;
  /**
   * The program's admins the case is kept from as the person's partners, now or before, by first
   * name (concern-readers.ts, keptAdminNames): the receipt says they never see it (QA safe7).
   */
  keptAdmins?: readonly string[];
  /** They asked to leave, but no pairing of theirs runs: there was none to end (concern-readers.ts, nothingToLeave). */
  noPairingToLeave?: boolean;
}

/** After an exit: a new partner, or what happens instead (as their end email says, control.ts). */
function afterExit(input: ConcernReceivedInput): string {
  if (input.programClosed || input.program.closed) return 'as the program has closed, no new pairing will start for you';
  return rematchOffered(input.to, input.program) ? 'we will look for a new partner for you' : waitInstead(input.program);
}

/**
 * The day to name for `readBy`: the reader's own day of it, or the program's when that is later.
 * The promise counts the program's working days, so a reader west of it is never told a weekend
 * day or a day before the admins' working day; a reader east of it gets their own, later, day, so
 * "by Tuesday" still holds where they are.
 */
export function concernReadByDay(input: Pick<ConcernReceivedInput, 'readBy' | 'programTimeZone' | 'to'>): DateInput {
  if (!input.programTimeZone) return input.readBy;
  const at = typeof input.readBy === 'string' ? new Date(input.readBy) : input.readBy;
  const theirs = localDate(at, input.to.timeZone);
  const programs = localDate(at, input.programTimeZone);
  return programs > theirs ? programs : theirs;
}

/**
 * The day as the receipt says it. A reader east of the program whose own day of it falls on their
 * weekend (Friday 09:00 in Los Angeles is Saturday in Auckland) reads the program's working day with
 * their own beside it: "by Friday 18 December (Saturday 19 December where you are)", since "2
 * working days, by Saturday" reads as a slip.
 */
function concernByText(input: ConcernReceivedInput): string {
  const day = concernReadByDay(input);
  const own = formatDate(day, input.to.timeZone);
  if (!input.programTimeZone || typeof day !== 'string') return own;
  const at = typeof input.readBy === 'string' ? new Date(input.readBy) : input.readBy;
  const programs = localDate(at, input.programTimeZone);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  if (programs === day || (weekday !== 0 && weekday !== 6)) return own;
  return `${formatDate(programs, input.to.timeZone)} (${own} where you are)`;
}

/**
 * Who reads the concern, as the receipt's opening says it. Every admin one of the pair
 * (`unrouted`): no admin was sent it, from the heading on. Otherwise the program admins, naming
 * an admin who is or was the person's partner as one who never sees it; the partner of a running
 * pairing never sees it, and after a leave is told only that the pairing has ended.
 */
function whoReads(input: ConcernReceivedInput): Block[] {
  const name = input.program.name;
  if (input.unrouted) {
    const pair = input.reader === 'waiting' && !input.exit ? 'is, or was, part of a pairing of yours' : 'is part of your pairing';
    return [
      paragraph(`Thank you for telling us. Every admin of ${name} ${pair}, so we have not emailed your concern to anyone: no program admin was sent it.`),
      paragraph(
        "It is kept, private, in the program's list of concerns, where your HR team can see it and ask someone outside your pairing to get back to you.",
      ),
    ];
  }
  const kept = input.keptAdmins ?? [];
  const partner = input.exit
    ? 'your partner never sees it and is never told that you raised a concern'
    : input.reader === 'waiting'
      ? undefined
      : 'your partner never sees it, and nothing in the emails your partner receives changes because of it';
  if (kept.length === 0) return [paragraph(`Thank you for telling us. Only the program admins of ${name} read it${partner ? `; ${partner}` : ''}.`)];
  const who = joinAnd(kept);
  return [
    paragraph(
      `Thank you for telling us. Only the program admins of ${name}, other than ${who}, read it: ${who} never ${kept.length === 1 ? 'sees' : 'see'} it.${partner ? ` ${capitalised(partner)}.` : ''}`,
    ),
  ];
}

/** To the person who raised a concern, at once. */
export function concernReceived(input: ConcernReceivedInput): RenderedEmail {
  const by = concernByText(input);
  return renderEmail({
    template: 'concernReceived',
    subject: 'We received your concern',
    audience: input.reader ?? 'participant',
    to: input.to,
    program: input.program,
    title: input.unrouted ? 'Your concern is kept for your HR team' : 'Your concern is with the program admins',
    blocks: [
      ...whoReads(input),
      ...(input.unrouted
        ? []
        : [
            paragraph(
              `A program admin will read it and get back to you within ${countOf(input.workingDays, 'working day')}, by ${by}.${
                input.program.admin.inPair ? '' : ` If it is urgent, write to ${input.program.admin.name} at ${input.program.admin.email}.`
              }`,
            ),
          ]),
      ...(input.leaveUnclear
        ? [
            paragraph(
              'You also asked to leave a pairing. As you have more than one, none has ended yet: a program admin will confirm with you which one you meant before it does.',
            ),
          ]
        : []),
      ...(input.noPairingToLeave && !input.exit && !input.leaveUnclear
        ? [
            paragraph(
              `You also asked to leave your pairing, but no pairing of yours is running in ${input.program.name}: there is none to leave, and nothing has ended.`,
            ),
          ]
        : []),
      ...(input.exit
        ? [
            paragraph(
              `You also asked to leave your pairing. It ends now, without blame on either of you: your partner is told only that your pairing has ended, as the program is changing pairings, never why, and ${afterExit(input)}.`,
            ),
          ]
        : []),
      ...(input.text ? [paragraph('What you wrote:'), quote(input.text)] : []),
    ],
  });
}

interface ConcernPeople {
  /**
   * Who raised it, by full name, and their role; `email`, their address, for the admins to write to
   * them (only these emails to the admins and GET /concerns/{id} carry it: never the partner's
   * emails, an event or a log). Absent once their data is erased.
   */
  raisedBy: { name: string; role: Role; email?: string };
  /** Their partner, when the concern is about a pairing. */
  partner?: { name: string; role: Role };
  /** Their partners, when they have several pairings and did not say which one it is about. */
  partners?: readonly { name: string; role: Role }[];
  /** It is about one of their several pairings, not said which (partners not listed here). */
  unclearPairing?: boolean;
}

/** With `exit`, the rematch facts say what the exit's end does for the pair. */
export interface AdminConcernInput extends EmailBase, ConcernPeople, RematchFacts {
  concernId: string;
  raisedAt: DateInput;
  text?: string;
  exit?: boolean;
  pairingId?: string;
  /** The pairing had already ended when the concern was raised (it is about that pairing). */
  pairingEnded?: boolean;
  /** How many working days the program gives before it escalates. */
  workingDays: number;
  /** They asked to leave one of several pairings without saying which: none was ended. */
  leaveUnclear?: boolean;
  /** They asked to leave, but no pairing of theirs ran: nothing was ended, and they were told so. */
  leaveWithNone?: boolean;
  /** For the escalation: the case is still open. */
  escalated?: boolean;
}

/** The people of a case as admins read them: someone whose data was erased (an empty name) in words (format.ts, fullNameOrErased). */
function withNames<T extends ConcernPeople>(input: T): T {
  const named = <P extends { name: string }>(p: P): P => ({ ...p, name: fullNameOrErased(p.name) });
  return {
    ...input,
    raisedBy: named(input.raisedBy),
    ...(input.partner ? { partner: named(input.partner) } : {}),
    ...(input.partners ? { partners: input.partners.map(named) } : {}),
  };
}

/** Where the admin writes to the person, after "write to them": their address, when known. */
const writeTo = (input: AdminConcernInput) => (input.raisedBy.email ? ` at ${input.raisedBy.email}` : '');

/** The pair by full name, as far as the case names them. */
const pairOf = (input: AdminConcernInput): PairPeople => ({
  mentor: 'the mentor',
  mentee: 'the mentee',
  [input.raisedBy.role]: input.raisedBy.name,
  ...(input.partner ? { [input.partner.role]: input.partner.name } : {}),
});

function concernFacts(input: AdminConcernInput) {
  return facts([
    { term: 'Raised by', detail: `${input.raisedBy.name} (${input.raisedBy.role})` },
    ...(input.raisedBy.email ? [{ term: 'Their email address', detail: input.raisedBy.email }] : []),
    {
      term: 'About the pairing with',
      detail: input.partner
        ? `${input.partner.name} (${input.partner.role})${input.pairingEnded ? ', which has ended' : ''}`
        : input.partners && input.partners.length > 0
          ? `one of their pairings, with ${input.partners.map((p) => `${p.name} (${p.role})`).join(' or ')}: their message did not say which, so please ask them`
          : input.unclearPairing
            ? 'one of their pairings: their message did not say which (GET the case to see them), so please ask them'
            : 'no pairing yet',
    },
    { term: 'Raised on', detail: formatDate(input.raisedAt, input.to.timeZone) },
    {
      term: 'Asks to leave the pairing',
      detail: input.exit
        ? `yes: the pairing ends without fault${afterRematchEnd(input.program, pairOf(input), input)}`
        : input.leaveUnclear
          ? 'yes, but they have several pairings, so none has ended: confirm with them which one, then end it (POST /pairings/{pairingId}/end)'
          : input.leaveWithNone
            ? 'yes, but no pairing of theirs runs, so nothing has ended (they were told so)'
            : 'no',
    },
    { term: 'Case', detail: `concern ${input.concernId}` },
  ]);
}

/** To every program admin, at once, when a participant raises a concern. */
export function adminConcernRaised(given: AdminConcernInput): RenderedEmail {
  const input = withNames(given);
  return renderEmail({
    template: 'adminConcernRaised',
    subject: `Private concern from ${input.raisedBy.name}${about(input)}`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A participant raised a private concern',
    blocks: [
      paragraph(
        `${capitalised(input.raisedBy.name)} (${input.raisedBy.role}) raised a concern. It is private: their partner has not been told and must not learn of it from the program.`,
      ),
      input.text ? quote(input.text) : paragraph('They wrote no text: they ask to be contacted.'),
      concernFacts(input),
      paragraph(
        `They were told that a program admin will read it and get back to them within ${countOf(input.workingDays, 'working day')}: please write to them yourself${writeTo(input)} (the notes you acknowledge and resolve the case with stay in the case and are not emailed to them, but they are part of this person's data: a copy of their data they ask for includes them).`,
      ),
      ACT(input.concernId),
      ...(input.pairingId ? [reference(input.pairingId)] : []),
    ],
  });
}

/** To every program admin again when nobody acknowledged the concern in time. */
export function adminConcernEscalated(given: AdminConcernInput): RenderedEmail {
  const input = withNames(given);
  return renderEmail({
    template: 'adminConcernEscalated',
    subject: `Still open: private concern from ${input.raisedBy.name}${about(input)}`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A private concern is still waiting',
    blocks: [
      paragraph(
        `The concern ${input.raisedBy.name} (${input.raisedBy.role}) raised has not been acknowledged yet. They were promised an answer within ${countOf(input.workingDays, 'working day')}, and today is the last of them: please write to them today${writeTo(input)}.`,
      ),
      input.text ? quote(input.text) : paragraph('They wrote no text: they ask to be contacted.'),
      concernFacts(input),
      ACT(input.concernId),
      ...(input.pairingId ? [reference(input.pairingId)] : []),
    ],
  });
}

export interface FitCheckRequestInput extends EmailBase {
  partner: Partner;
  answerBy: DateInput;
  answerLinks: { yes: string; unsure: string; no: string };
}

/** After the first check-in in which the pair said they met: asked of each person privately. */
export function fitCheckRequest(input: FitCheckRequestInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  return renderEmail({
    template: 'fitCheckRequest',
    subject: `Is your pairing with ${partner} a good fit?`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Is this pairing a good fit?',
    blocks: [
      paragraph(
        `You and ${partner} have met. Now is a good moment to say, privately, whether the pairing works for you. Not every pairing fits, and saying so is the right thing to do.`,
      ),
      paragraph(
        `Your answer is read by the program admins only, never by ${partner}. If you answer NO, the pairing ends without blame on either of you: ${partner} is told only that the program is changing pairings, and ${insteadOfNewPartner(input.to, input.program) ?? 'both of you are offered a new partner'}.`,
      ),
    ],
    question: {
      prompt: `Is your pairing with ${partner} a good fit? Reply YES, NOT SURE or NO, and a note if you like.`,
      replyExamples: ['YES', 'NOT SURE we have different expectations', 'NO'],
      notes: ['Only the program admins read your answer and note.'],
      answerBy: input.answerBy,
      links: [
        { label: 'Yes, a good fit', url: input.answerLinks.yes },
        { label: 'Not sure yet', url: input.answerLinks.unsure },
        { label: 'No, not a fit', url: input.answerLinks.no },
      ],
    },
  });
}

export interface AdminFitUnsureInput extends EmailBase, RematchFacts {
  pairingId: string;
  people: { mentor: string; mentee: string };
  /** Who answered "not sure", with their note if any. */
  unsure: readonly { name: string; role: Role; note?: string }[];
}

/** "Not sure" to the fit check: the admins may want to talk to the person; nothing ends. */
export function adminFitUnsure(given: AdminFitUnsureInput): RenderedEmail {
  const input = { ...given, people: namedPair(given.people), unsure: given.unsure.map((u) => ({ ...u, name: fullNameOrErased(u.name) })) };
  return renderEmail({
    template: 'adminFitUnsure',
    subject: `Fit check of ${input.people.mentor} and ${input.people.mentee}: not sure`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'Not sure the pairing fits',
    blocks: [
      paragraph(
        `In the fit check of the pairing of ${input.people.mentor} (mentor) and ${input.people.mentee} (mentee), ${joinAnd(input.unsure.map((u) => `${u.name} (${u.role})`))} answered "not sure". The pairing carries on; their partner has not been told.`,
      ),
      ...input.unsure.flatMap((u) => (u.note ? [paragraph(`${capitalised(u.name)} wrote:`), quote(u.note)] : [])),
      paragraph(
        `A short private conversation often helps. To end the pairing, use POST /pairings/${input.pairingId}/end with {"rematch":true}: the pairing ends without fault${afterRematchEnd(input.program, input.people, input)}.`,
      ),
      reference(input.pairingId),
    ],
  });
}
