import type { Role } from '../participant';
import { facts, heading, paragraph } from './blocks';
import { asSentences, capitalised, countOf, ERASED_PERSON, formatDate, formatDeadline, fullNameOrErased, joinAnd, type DateInput } from './format';
import { renderEmail } from './layout';
import { pauseExample, pauseWindowOf } from './pause-example';
import { pauseBoundOf } from '../pairing/pause-bound';
import { endOfLocalDay, localDate, startOfLocalDay } from '../schedule';
import type { EmailBase, ProgramContext, RenderedEmail } from './types';

/**
 * Emails to program admins. Admins are staff who run the program, so people are named by their
 * full name as stored, with their role; the pairing id is given once, as a reference for the
 * admin API (GET /pairings/{pairingId}). Ids never stand in for a name the email knows.
 */

/** The two people of a pairing, by full name. */
export interface PairPeople {
  mentor: string;
  mentee: string;
}

/** The pair as admins read it: someone whose data was erased (an empty name) in words (format.ts, fullNameOrErased). */
export const namedPair = (p: PairPeople): PairPeople => ({ mentor: fullNameOrErased(p.mentor), mentee: fullNameOrErased(p.mentee) });

const pairInWords = (p: PairPeople) => `${p.mentor} (mentor) and ${p.mentee} (mentee)`;
const reference = (pairingId: string) =>
  paragraph(`Reference: pairing ${pairingId} (GET /pairings/${pairingId} on the admin API shows its details and timeline).`);

/**
 * What ending the pair with a rematch would do now (docs/lifecycle.md, Rematch policy), as the
 * sender knows it (rematch-policy.ts, rematchFactsOf); the program's own cap is `program.automaticRematches`.
 */
export interface RematchFacts {
  /** Who of the pair had every automatic rematch the program allows: a rematch puts them on the waitlist. */
  capped?: readonly Role[];
  /** Who was past their cap is not known (the pairing has ended and its rematches were counted). */
  cappedUnknown?: boolean;
  /** The program has closed (rematch-policy.ts, programClosed): no new pairing starts. */
  programClosed?: boolean;
}

const WAITS = 'wait on the waitlist for you to pair them again';
const AT_CAP = 'every automatic rematch the program allows';
const CLOSED = '; the program has closed, so no new pairing starts for either of them';
const NO_AUTOMATIC_REMATCHES = 'the program makes no automatic rematches (rematch.maxAttempts is 0)';

/** A new partner looked for, in the email's own words: for both, or for one person by name. */
interface Offer {
  both: string;
  one: (name: string) => string;
}
const OFFERED: Offer = { both: 'both are offered a new partner', one: (name) => `${name} is offered a new partner` };

/** An admins' decision to pause, as a notice or page names it: "the pairing pauses from 6 January until 27 January" for one booked for later days. */
export function pauseDecidedText(pausedUntil: string | undefined, pausedFrom: string | undefined, timeZone: string): string {
  if (pausedUntil && pausedFrom) return `the pairing pauses from ${formatDate(pausedFrom, timeZone)} until ${formatDate(pausedUntil, timeZone)}`;
  return pausedUntil ? `the pairing is paused until ${formatDate(pausedUntil, timeZone)}` : 'the pairing is paused';
}

/** How the pair goes on after an end with a rematch, to follow "the pairing ends" or "end this pairing". */
export function afterRematchEnd(program: ProgramContext, people: PairPeople, facts: RematchFacts, offer: Offer = OFFERED): string {
  if (facts.programClosed) return CLOSED;
  if (program.automaticRematches === 0) return `; ${NO_AUTOMATIC_REMATCHES}, so both ${WAITS}`;
  if (facts.cappedUnknown) return ` and ${offer.both}, except anyone who had ${AT_CAP}: they ${WAITS}`;
  const capped = facts.capped ?? [];
  if (capped.length === 0) return ` and ${offer.both}`;
  if (capped.length === 2) return `; both have had ${AT_CAP}, so both ${WAITS}`;
  const held = people[capped[0]!];
  const offered = people[capped[0] === 'mentor' ? 'mentee' : 'mentor'];
  return ` and ${offer.one(offered)}; ${held} has had ${AT_CAP}, so will ${WAITS}`;
}

export interface AdminPairingNotStartedInput extends EmailBase, RematchFacts {
  pairingId: string;
  participants: readonly { participantId: string; name: string; role: Role; answer: 'accepted' | 'declined' | 'no-answer'; reason?: string }[];
}

const ANSWER_WORDS = { accepted: 'accepted', declined: 'declined', 'no-answer': 'did not answer' } as const;

/**
 * How a pairing that did not start goes on for whoever did not decline when no rematch is made for
 * anyone: the program had closed, or it makes no automatic rematches; undefined when the rematch
 * policy offers them a new partner (the digest says the same: emails/digest.ts).
 */
export function notStartedWithoutRematch(program: ProgramContext, programClosed: boolean | undefined): string | undefined {
  if (programClosed) return CLOSED;
  if (program.automaticRematches === 0) return `; ${NO_AUTOMATIC_REMATCHES}, so whoever did not decline waits on the waitlist for you to pair them again`;
  return undefined;
}

/** A pairing that did not start: whoever did not decline is offered a new partner, within the rematch policy. */
function afterNotStarted(input: AdminPairingNotStartedInput): string {
  const without = notStartedWithoutRematch(input.program, input.programClosed);
  if (without) return without;
  const held = input.participants.filter((p) => p.answer !== 'declined' && input.capped?.includes(p.role)).map((p) => p.name);
  return `, and a rematch has been requested for whoever did not decline${held.length > 0 ? `, except anyone who had ${AT_CAP}: ${joinAnd(held)}, who will ${WAITS}` : ''}`;
}

export function adminPairingNotStarted(given: AdminPairingNotStartedInput): RenderedEmail {
  const input = { ...given, participants: given.participants.map((p) => ({ ...p, name: fullNameOrErased(p.name) })) };
  const mentor = input.participants.find((p) => p.role === 'mentor')?.name ?? 'the mentor';
  const mentee = input.participants.find((p) => p.role === 'mentee')?.name ?? 'the mentee';
  return renderEmail({
    template: 'adminPairingNotStarted',
    subject: capitalised(`${mentor} and ${mentee} did not start their pairing`),
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A pairing did not start',
    blocks: [
      paragraph(`The pairing of ${pairInWords({ mentor, mentee })} has ended as "not started"${afterNotStarted(input)}.`),
      facts(
        input.participants.map((p) => ({
          term: `${p.name} (${p.role})`,
          detail: ANSWER_WORDS[p.answer] + (p.reason === undefined || p.reason.trim() === '' ? '' : `, reason given: "${p.reason.trim()}"`),
        })),
      ),
      reference(input.pairingId),
    ],
  });
}

/**
 * Time away one of the pair told of in a check-in answer since they last met (pairing/away.ts):
 * who, when they said it, and the days. The note's own words are not repeated (the admin API's
 * pairing record has them, as the check-in email promised: read by the program admin only).
 */
export interface AwayTold {
  role: Role;
  saidOn: DateInput;
  until: DateInput;
  from?: DateInput;
}

/**
 * "Sam Senior (mentee) wrote in their check-in answer of Wednesday 9 December 2026 that they would
 * be away until Tuesday 29 December 2026." Only the days: what else they wrote is not repeated.
 */
function awayTold(people: PairPeople, away: readonly AwayTold[] | undefined, timeZone: string) {
  return (away ?? []).map((a) =>
    paragraph(
      `${people[a.role]} (${a.role}) wrote in their check-in answer of ${formatDate(a.saidOn, timeZone)} that they would be away ${
        a.from === undefined ? '' : `from ${formatDate(a.from, timeZone)} `
      }until ${formatDate(a.until, timeZone)}.`,
    ),
  );
}

/** The admins' last decision on a pairing's ladder, when it is not the first time it climbs. */
export interface EarlierDecision {
  readonly decision: string;
  readonly at: DateInput;
  /** An admin answered (else the question closed in silence and the pairing continued). */
  readonly answered: boolean;
}

/** "This is not the first time: on Monday 1 March 2027, an admin decided to let the pairing continue." */
function earlierDecisionBlocks(earlier: EarlierDecision | undefined, pairingId: string, timeZone: string) {
  if (!earlier) return [];
  const on = formatDate(earlier.at, timeZone);
  const what: Record<string, string> = {
    continue: 'let the pairing continue',
    pause: 'pause the pairing',
  };
  const decided = earlier.answered
    ? `an admin decided to ${what[earlier.decision] ?? earlier.decision}`
    : 'no admin answered the decision request, so the pairing continued as it was';
  return [
    paragraph(
      `This is not the first time: on ${on}, ${decided}, and the check-ins have been missed again since. GET /pairings/${pairingId} on the admin API shows that decision with any note given.`,
    ),
  ];
}

export interface AdminEscalationInput extends EmailBase {
  pairingId: string;
  people: PairPeople;
  missedCount: number;
  /** The admins' decision the last time the ladder reached them. */
  earlierDecision?: EarlierDecision;
  lastMetOn?: DateInput;
  /** Time away one of them told of since they last met. */
  away?: readonly AwayTold[];
  /** How many more check-ins missed in a row bring the decision request (1: the next one). @default 1 */
  decisionAfterMissed?: number;
  /**
   * Set instead when too few check-ins are left for that (0: only reviews remain): no decision
   * request can come, and the email says what does.
   */
  checkInsLeft?: number;
  /** When the end-of-program review goes out (to the first of the pair), with `checkInsLeft`. */
  finalReviewOn?: DateInput;
  /**
   * Who has had the friendly nudge: both (it came at an earlier miss), or only the mentor, nudged
   * with this very miss while the mentee had the firmer note (the program's ladder puts both rungs
   * at the same miss). @default 'both'
   */
  nudged?: 'both' | 'mentor';
}

/** The escalation's last word: what comes next for the pair, never a decision request that cannot come. */
function afterEscalation(input: AdminEscalationInput): string {
  if (input.checkInsLeft !== undefined) {
    const review = `the end-of-program review${input.finalReviewOn === undefined ? '' : `, sent on ${formatDate(input.finalReviewOn, input.to.timeZone)}`}`;
    const left =
      input.checkInsLeft === 0
        ? `no check-in is left before ${review}`
        : `only ${countOf(input.checkInsLeft, 'check-in')} ${input.checkInsLeft === 1 ? 'is' : 'are'} left before ${review}, too few to bring a decision request`;
    return `No decision is needed, and none will be asked: ${left}. The pairing runs on to that review and then completes. To pause or end it sooner, use the admin API (below).`;
  }
  const n = input.decisionAfterMissed ?? 1;
  const missed = n === 1 ? 'the next check-in is' : `the next ${countOf(n, 'check-in')} are`;
  return `No decision is needed yet. If ${missed} missed too, you will be asked whether to continue, pause, end or rematch.`;
}

const missedInWords = (n: number) => `${countOf(n, 'check-in')} missed in a row`;

/** Second rung of the ladder: the admin is told, no decision needed yet. */
export function adminEscalation(given: AdminEscalationInput): RenderedEmail {
  const input = { ...given, people: namedPair(given.people) };
  const lastMet = input.lastMetOn === undefined ? 'not yet' : formatDate(input.lastMetOn, input.to.timeZone);
  return renderEmail({
    template: 'adminEscalation',
    subject: capitalised(`${input.people.mentor} and ${input.people.mentee}: ${missedInWords(input.missedCount)}`),
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A pairing is losing momentum',
    blocks: [
      paragraph(
        `The pairing of ${pairInWords(input.people)} has missed ${countOf(input.missedCount, 'check-in')} in a row. ${
          input.nudged === 'mentor' ? `${input.people.mentor} has had a friendly nudge` : 'Both partners had a friendly nudge'
        }, and ${input.people.mentee} has had a note about the commitment they made.`,
      ),
      facts([
        { term: 'Mentor', detail: input.people.mentor },
        { term: 'Mentee', detail: input.people.mentee },
        { term: 'Missed check-ins in a row', detail: String(input.missedCount) },
        // The day of the answer that said they met: a check-in names no day of the meeting (QA life7).
        { term: 'Last meeting reported', detail: lastMet },
      ]),
      ...awayTold(input.people, input.away, input.to.timeZone),
      ...earlierDecisionBlocks(input.earlierDecision, input.pairingId, input.to.timeZone),
      paragraph(afterEscalation(input)),
      reference(input.pairingId),
    ],
  });
}

export interface AdminDecisionRequestInput extends EmailBase, RematchFacts {
  pairingId: string;
  people: PairPeople;
  missedCount: number;
  /** The pair had no nudge or note before this (the program's ladder puts the decision at the first rung). */
  unnudged?: boolean;
  /** Time away one of them told of since they last met. */
  away?: readonly AwayTold[];
  /** The admins' decision the last time the ladder reached them. */
  earlierDecision?: EarlierDecision;
  answerBy: DateInput;
  answerLinks: { continue: string; pause: string; end: string; rematch: string };
}

/** A REMATCH decision, in the admin's own voice: "end this pairing and look for ...". */
const SEARCH: Offer = { both: 'look for new partners for both', one: (name) => `look for a new partner for ${name}` };

/**
 * The last day a PAUSE answers the decision, when that is before the day its "Please answer by"
 * names (the reader's last whole day before the deadline, as formatDeadline names it): the last
 * day a PAUSE is still taken (pairing/pause-bound.ts, the rule the reply reader keeps), the day
 * before the last day a pause may run to. A decision asked near the pairing's end runs past the
 * day a pause could still be given (QA: asked 27 April, answer by 4 May, pause until 1 May at the
 * latest); undefined when PAUSE may be answered as long as the question is open.
 */
function pauseAnswerBy(lastDay: string | undefined, answerBy: DateInput, timeZone: string): string | undefined {
  if (lastDay === undefined) return undefined;
  const by = pauseBoundOf(lastDay).lastDayToAsk;
  const deadline = new Date(answerBy);
  if (Number.isNaN(deadline.getTime())) return undefined;
  const whole = endOfLocalDay(deadline, timeZone).getTime() <= deadline.getTime();
  const deadlineDay = localDate(whole ? deadline : new Date(startOfLocalDay(deadline, timeZone).getTime() - 1), timeZone);
  return by < deadlineDay ? by : undefined;
}

/** Top rung of the ladder: the workflow waits for the admin's decision. */
export function adminDecisionRequest(given: AdminDecisionRequestInput): RenderedEmail {
  const input = { ...given, people: namedPair(given.people) };
  // A PAUSE example the reply reader would take (pause-example.ts): past the pairing's last day a
  // pause is dropped unanswered, so near it the example is that day, and without one none is given.
  const window = pauseWindowOf(input.to, input.program);
  const pauseReply = pauseExample(window, [{ weeks: 3 }, 'last-day']);
  const runsTo = window.lastDay === undefined ? undefined : pauseBoundOf(window.lastDay).runsTo;
  const lastDay = pauseReply?.startsWith('PAUSE until') && runsTo !== undefined ? ` (no later than ${formatDate(runsTo, input.to.timeZone)})` : '';
  const pauseBy = pauseReply ? pauseAnswerBy(window.lastDay, input.answerBy, input.to.timeZone) : undefined;
  const pauseByWords = pauseBy === undefined ? '' : ` (answer by ${formatDate(pauseBy, input.to.timeZone)})`;
  return renderEmail({
    template: 'adminDecisionRequest',
    subject: `Decision needed: ${input.people.mentor} and ${input.people.mentee}`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'Your decision is needed',
    blocks: [
      paragraph(
        `The pairing of ${pairInWords(input.people)} has missed ${countOf(input.missedCount, 'check-in')} in a row${input.unnudged ? '' : ', despite the nudges'}. The pairing waits for your decision.`,
      ),
      ...awayTold(input.people, input.away, input.to.timeZone),
      ...earlierDecisionBlocks(input.earlierDecision, input.pairingId, input.to.timeZone),
      facts([
        { term: 'Continue', detail: 'keep the pairing and the check-ins as they are.' },
        ...(pauseReply
          ? [
              {
                term: 'Pause',
                detail: `stop check-ins until a date you give; nothing recorded is lost.${
                  pauseBy === undefined || runsTo === undefined
                    ? ''
                    : ` Only until ${formatDate(pauseBy, input.to.timeZone)}: a pause may run to ${formatDate(runsTo, input.to.timeZone)} at the latest, so it cannot be given after that.`
                }`,
              },
            ]
          : []),
        { term: 'End', detail: 'close the pairing without blame; both partners are told kindly.' },
        { term: 'Rematch', detail: `end this pairing${afterRematchEnd(input.program, input.people, input, SEARCH)}.` },
      ]),
      reference(input.pairingId),
    ],
    question: {
      prompt: `What should happen to this pairing? Reply CONTINUE, ${pauseReply ? `PAUSE${pauseByWords} with how long or a resume date${lastDay}, ` : ''}END or REMATCH.`,
      replyExamples: ['CONTINUE', ...(pauseReply ? [pauseReply] : []), 'END', 'REMATCH'],
      notes: [
        'Anything after the first line is kept as your note on the decision (GET /pairings/{pairingId} shows it with the decision).',
        'The first answer from any of the program admins counts. If no admin answers in time, the pairing continues as it is.',
      ],
      answerBy: input.answerBy,
      links: [
        { label: 'Continue', url: input.answerLinks.continue },
        ...(pauseReply ? [{ label: 'Pause', url: input.answerLinks.pause }] : []),
        { label: 'End', url: input.answerLinks.end },
        { label: 'Rematch', url: input.answerLinks.rematch },
      ],
    },
  });
}

/** One proposed pair as the admin reads it: names, score, reasons and trade-offs in the admin's voice. */
export interface ApprovalPair {
  mentor: string;
  mentee: string;
  score: number;
  reasons: readonly string[];
  tradeOffs: readonly string[];
}

/** Someone the run leaves without a partner, and why (the matching's own sentence). */
export interface ApprovalUnmatched {
  name: string;
  role: Role;
  reason: string;
  /** Erased since the proposal: never paired, nor put on the waitlist (the email says so instead of the reason). */
  erased?: boolean;
}

export interface MatchingApprovalRequestInput extends EmailBase {
  /** The pairs shown in the email (the caller may pass more; at most APPROVAL_PAIRS_SHOWN are listed). */
  pairs: readonly ApprovalPair[];
  /** How many pairs the run proposed in all. */
  proposedPairs: number;
  unmatched: readonly ApprovalUnmatched[];
  /** How many people the run leaves unmatched in all. */
  unmatchedCount: number;
  /**
   * How many of `unmatchedCount` were erased since the proposal: they are not put on the waitlist,
   * so they are not counted among those who will be.
   */
  erasedUnmatched?: number;
  answerBy: DateInput;
  /** The admin API route with the whole proposal, e.g. GET /programs/{programId}/matching/{runId}. */
  proposalRoute: string;
  answerLinks: { approve: string };
  /**
   * The admin answered APPROVE to an earlier approval email of this run whose proposal was changed
   * in match review since: nothing was approved, and this email asks again with the proposal as it
   * is now, saying first what changed.
   */
  changedSince?: ProposalChangedSince;
  /**
   * The program's first day (YYYY-MM-DD), while it is still ahead: approved pairs are introduced at
   * once, not on that day, and the admin is told so before approving (QA hrfirst5).
   */
  startsOn?: string;
}

/**
 * What changed in a proposal since the approval email an admin answered, as the run's audit gives
 * it: the pairs no longer proposed and the new ones (undefined where the audit does not name the
 * people), how many pairs that email listed, and who changed it (their addresses).
 */
export interface ProposalChangedSince {
  shownPairs: number;
  removed: readonly (PairPeople | undefined)[];
  added: readonly (PairPeople | undefined)[];
  by: readonly string[];
}

function pairsInWords(pairs: readonly (PairPeople | undefined)[], what: string): string {
  const named = pairs
    .filter((p) => p !== undefined)
    .map((p) => {
      const { mentor, mentee } = namedPair(p);
      return `${mentor} with ${mentee}`;
    });
  const unnamed = pairs.length - named.length;
  const names = [...named, ...(unnamed > 0 && named.length > 0 ? [countOf(unnamed, 'other pair', 'other pairs')] : [])];
  return `${countOf(pairs.length, 'pair')} ${what}${named.length > 0 ? ` (${joinAnd(names)})` : ''}`;
}

/**
 * The opening of an approval email that asks again, and of the answer page of the email it
 * replaces: that the proposal changed since the email answered (by whom, and what, in counts and
 * names), and how many pairs it proposes now.
 */
export function proposalChangedSentence(changed: ProposalChangedSince, proposedPairs: number): string {
  const who = changed.by.length > 0 ? ` by ${joinAnd([...changed.by])}` : '';
  const what = [
    ...(changed.removed.length > 0 ? [pairsInWords(changed.removed, changed.removed.length === 1 ? 'was taken out' : 'were taken out')] : []),
    ...(changed.added.length > 0 ? [pairsInWords(changed.added, changed.added.length === 1 ? 'was added' : 'were added')] : []),
  ];
  // Two clauses, not a list: their names are in brackets, set off there by the list joiner.
  const detail = what.length > 0 ? what.join(' and ') : 'no pair was added or taken out, but pairs were worked out again (their scores or reasons changed)';
  const count =
    proposedPairs === changed.shownPairs
      ? `it still proposes ${countOf(proposedPairs, 'pair')}`
      : `it now proposes ${countOf(proposedPairs, 'pair')}, not the ${changed.shownPairs} that email listed`;
  return `The proposal was changed in match review${who} after the approval email you answered was sent: ${detail}; ${count}.`;
}

/** An approval email stays readable: the first pairs and unmatched people, then a pointer to the rest. */
export const APPROVAL_PAIRS_SHOWN = 50;

/**
 * Who of a proposed pair was erased since the proposal (an empty name: format.ts, fullNameOrErased),
 * or undefined when neither was.
 */
function erasedOfPair(p: ApprovalPair): 'mentor' | 'mentee' | 'both' | undefined {
  const [mentor, mentee] = [p.mentor, p.mentee].map((name) => fullNameOrErased(name) === ERASED_PERSON);
  if (mentor && mentee) return 'both';
  return mentor ? 'mentor' : mentee ? 'mentee' : undefined;
}

/**
 * What becomes of a pair one of whose people was erased since the proposal, as the run does it on
 * approval: the pair is marked not started ("the mentor is no longer in the program",
 * cohort-matching.ts createProposedPairing), and the other person, with no pairing running, waits on
 * the waitlist, first in line for the next run (waitlistUnmatched, `partner-unavailable`); a mentor
 * keeps any other pairing of theirs, and is then not waitlisted.
 */
function erasedPairSentence(p: ApprovalPair, erased: 'mentor' | 'mentee' | 'both'): string {
  if (erased === 'both') return 'This pair will not start: both were erased since the proposal, so neither is paired or put on the waitlist.';
  const lead = `This pair will not start: the ${erased} was erased since the proposal. If you approve,`;
  return erased === 'mentor'
    ? `${lead} ${p.mentee} is not paired in this run and waits on the waitlist, first in line for the next matching run.`
    : `${lead} ${p.mentor} keeps any other pairing they have; with none, they wait on the waitlist, first in line for the next matching run.`;
}

function pairBlock(p: ApprovalPair, index: number) {
  const lines = [
    `Score ${Math.round(p.score)}.`,
    ...(p.reasons.length > 0 ? [`Why: ${asSentences(p.reasons)}`] : []),
    ...(p.tradeOffs.length > 0 ? [`Trade-offs: ${asSentences(p.tradeOffs)}`] : []),
  ];
  const { mentor, mentee } = namedPair(p);
  const erased = erasedOfPair(p);
  return [
    heading(`${index + 1}. ${capitalised(mentor)} (mentor) with ${mentee} (mentee)`),
    ...(erased ? [paragraph(erasedPairSentence(p, erased))] : []),
    paragraph(lines.join(' ')),
  ];
}

/** The opening's word on the listed pairs that will not start, someone in them erased since the proposal. */
function erasedPairsWords(pairs: readonly ApprovalPair[]): string {
  const n = pairs.filter((p) => erasedOfPair(p) !== undefined).length;
  if (n === 0) return '';
  return ` Of the pairs listed below, ${n} will not start, as someone in ${n === 1 ? 'it' : 'each'} was erased since the proposal.`;
}

/** What the approval email says of an unmatched person erased since the proposal, in place of why they were unmatched. */
export const ERASED_UNMATCHED = 'Erased since the proposal: they will not be paired, and are not put on the waitlist.';

/**
 * Who the run leaves unmatched, after "has proposed 3 pairs": "; 1 participant stays unmatched and
 * will be put on the waitlist", with those erased since (never waitlisted) after it; nothing when
 * nobody is (never "0 participants stay unmatched").
 */
function waitlistedWords(waiting: number, erased: number): string {
  const stay = waiting > 0 ? [`${countOf(waiting, 'participant')} ${waiting === 1 ? 'stays' : 'stay'} unmatched and will be put on the waitlist`] : [];
  const gone = erased > 0 ? [`${countOf(erased, 'unmatched participant')} erased since will not be paired`] : [];
  return stay.length + gone.length === 0 ? '' : `; ${[...stay, ...gone].join(', and ')}`;
}

/** CohortMatching waits for this approval before any introduction is sent. */
export function matchingApprovalRequest(input: MatchingApprovalRequestInput): RenderedEmail {
  const pairs = input.pairs.slice(0, APPROVAL_PAIRS_SHOWN);
  const unmatched = input.unmatched.slice(0, APPROVAL_PAIRS_SHOWN);
  const morePairs = input.proposedPairs - pairs.length;
  const moreUnmatched = input.unmatchedCount - unmatched.length;
  const erased = Math.min(input.erasedUnmatched ?? 0, input.unmatchedCount);
  const waiting = input.unmatchedCount - erased;
  const unmatchedWords = waitlistedWords(waiting, erased);
  const changed = input.changedSince;
  return renderEmail({
    template: 'matchingApprovalRequest',
    subject: `${changed ? 'The proposal changed: approve' : 'Approve'} matching for ${input.program.name}: ${countOf(input.proposedPairs, 'pair')} proposed`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: changed ? 'The proposal changed: please approve it again' : 'Matching is ready for your approval',
    blocks: [
      ...(changed
        ? [
            paragraph(
              `${proposalChangedSentence(changed, input.proposedPairs)} So your APPROVE approved nothing, and no one has been introduced. Below is the proposal as it is now: if you agree with it, approve this one.`,
            ),
          ]
        : []),
      paragraph(
        `Matching for ${input.program.name} has proposed ${countOf(input.proposedPairs, 'pair')}${unmatchedWords}.${erasedPairsWords(pairs)} No one is introduced until you approve.`,
      ),
      ...(input.startsOn
        ? [
            paragraph(
              `${input.program.name} starts on ${formatDate(input.startsOn, input.to.timeZone)}. The pairs you approve are introduced straight away, not on that day, so they may start meeting before it: to have them introduced on the first day, approve on that day.`,
            ),
          ]
        : []),
      ...(pairs.length > 0 ? [heading('Proposed pairs'), ...pairs.flatMap(pairBlock)] : []),
      ...(morePairs > 0 ? [paragraph(`And ${countOf(morePairs, 'more pair')}: see ${input.proposalRoute} on the admin API.`)] : []),
      ...(unmatched.length > 0
        ? [
            heading('Left unmatched'),
            facts(
              unmatched.map((u) => ({
                term: `${capitalised(fullNameOrErased(u.name))} (${u.role})`,
                detail: u.erased ? ERASED_UNMATCHED : u.reason,
              })),
            ),
          ]
        : []),
      ...(moreUnmatched > 0 ? [paragraph(`And ${countOf(moreUnmatched, 'more person', 'more people')}: see ${input.proposalRoute} on the admin API.`)] : []),
      paragraph(`The whole proposal, with every pair's reasons and trade-offs, is at ${input.proposalRoute} on the admin API.`),
    ],
    question: {
      prompt: 'Approve these pairs? Reply APPROVE, or REJECT to close the proposal.',
      replyExamples: ['APPROVE', 'REJECT'],
      notes: [
        'An APPROVE approves the proposal this email lists: should another admin change it in match review before you answer, nothing is approved and you are sent the changed proposal to approve.',
        'A reply approves or rejects the proposal as a whole. To change it pair by pair first (reject, swap, force or forbid a pair), use the match review routes of the admin API on this run, then approve. A rejected proposal closes without introducing anyone, and people stay enrolled for the next run; with no answer, it closes the same way after one reminder.',
      ],
      answerBy: input.answerBy,
      links: [{ label: 'Approve all pairs', url: input.answerLinks.approve }],
    },
  });
}

/** One of the proposed pairs the reading admin is in: their role in it, and their partner's full name. */
export interface OwnProposedPair {
  role: Role;
  partner: string;
}

export interface MatchingApprovalConflictInput extends EmailBase {
  /** How many pairs the run proposes in all (the reader's own among them). */
  proposedPairs: number;
  /** The pairs the reader is one of the people of (at least one). */
  own: readonly OwnProposedPair[];
  /** The program's admins in no proposed pair: they are asked to approve it. None: nobody is asked by email. */
  approvers: readonly string[];
  /** When the wait the approvers were asked in closes. */
  answerBy: DateInput;
  /** The admin API route that approves the run, e.g. POST /programs/{programId}/matching/{runId}/approve. */
  approveRoute: string;
  /** The reminder is still to go out: an admin HR adds to the program before it is sent the request with it. */
  reminderAhead: boolean;
}

function ownPairWords(p: OwnProposedPair): string {
  const partner = capitalised(fullNameOrErased(p.partner));
  return p.role === 'mentor' ? `you as mentor with ${partner} (mentee)` : `you as mentee with ${partner} (mentor)`;
}

/**
 * To an admin who is one of the people of a proposed pair: the proposal holds their own pair, so
 * they are not asked to approve it (a run is approved as a whole, and nobody approves their own
 * pair), which pair that is, and who can approve it instead; without the pair's score, reasons and
 * trade-offs, which are never shown to the pair. It asks nothing: no reply address, no link
 * (docs/decisions.md, "An admin in a proposed pair does not approve it").
 */
export function matchingApprovalConflict(input: MatchingApprovalConflictInput): RenderedEmail {
  const name = input.program.name;
  const n = input.own.length;
  const tz = input.to.timeZone;
  const others = input.approvers;
  const who =
    others.length > 0
      ? [
          paragraph(
            `${joinAnd([...others])}, the program's ${others.length === 1 ? 'admin' : 'admins'} in no proposed pair, ${others.length === 1 ? 'has' : 'have'} been asked to approve it by ${formatDeadline(input.answerBy, tz)}. Someone of HR who is in no proposed pair can also approve it through the admin API: ${input.approveRoute}.`,
          ),
        ]
      : [
          paragraph(
            `${name} has no other admin who is in no proposed pair, so nobody has been asked to approve it by email. It can still be approved through the admin API, by someone of HR who is in no proposed pair: ${input.approveRoute}.${input.reminderAhead ? " An admin HR adds to the program's admins (PATCH /programs/{programId}) before the reminder goes out is sent the request with it." : ''}`,
          ),
        ];
  return renderEmail({
    template: 'matchingApprovalRequest',
    subject: `Matching for ${name} awaits approval: you are in ${n === 1 ? 'a proposed pair' : 'proposed pairs'}`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'You are in a proposed pair: not yours to approve',
    blocks: [
      paragraph(
        `Matching for ${name} has proposed ${countOf(input.proposedPairs, 'pair')}, and ${n === 1 ? 'one of them is' : `${n} of them are`} your own: ${joinAnd(input.own.map(ownPairWords))}.`,
      ),
      paragraph(
        `A proposal is approved as a whole, and nobody approves a proposal that holds their own pair, so you are not asked to approve this one: an approval of yours would not count. For the same reason this email does not show your ${n === 1 ? "pair's" : "pairs'"} score, reasons and trade-offs.`,
      ),
      ...who,
      paragraph(
        `If nobody approves it in time, it closes without introducing anyone, and everyone stays enrolled for the next matching run. If it is approved, you are introduced to your partner as every participant is.`,
      ),
    ],
  });
}

export interface AdminPairingParkedInput extends EmailBase {
  pairingId: string;
  /** Absent when the people can no longer be read (erased, or the read failed too). */
  people?: PairPeople;
  /** The error's name only: never a message that could carry personal data. */
  errorName: string;
  /** How to resume it, e.g. the admin API call. */
  resumeHow: string;
}

/** A step of a pairing failed even after retries: the pairing waits, safely, for an admin. */
export function adminPairingParked(given: AdminPairingParkedInput): RenderedEmail {
  const input = { ...given, ...(given.people ? { people: namedPair(given.people) } : {}) };
  return renderEmail({
    template: 'adminPairingParked',
    subject: input.people
      ? `The pairing of ${input.people.mentor} and ${input.people.mentee} is on hold after an error`
      : `Pairing ${input.pairingId} is on hold after an error`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A pairing is on hold after an error',
    blocks: [
      paragraph(
        `A step of ${input.people ? `the pairing of ${pairInWords(input.people)}` : `pairing ${input.pairingId}`} failed three times in a row (${input.errorName}), so the pairing is on hold: nothing is sent to the pair and nothing recorded is lost.`,
      ),
      paragraph(`Once the cause is fixed, resume it: ${input.resumeHow}. An end request still ends it at once.`),
      ...(input.people ? [reference(input.pairingId)] : []),
    ],
  });
}
