import { bullets, heading, paragraph } from './blocks';
import { capitalised, countOf, formatDate, fullNameOrErased, joinAnd, type DateInput } from './format';
import { notStartedWithoutRematch } from './admin';
import { renderEmail } from './layout';
import { endedInWords, type StandsAfterEnd } from './replies';
import type { EndReason } from '../pairing/model';
import type { NoPairAllowed, PairBar } from '../waiting-pairable';
import type { Block, EmailBase, RenderedEmail } from './types';

/**
 * The admins' weekly digest (functions/domain/digest.ts decides what goes in). People by full
 * name with their role, each pairing once as "Reference: pairing <id>" for the admin API.
 */

interface People {
  mentor: string;
  mentee: string;
}

export interface AdminDigestInput extends EmailBase {
  programId: string;
  /** The digest day (YYYY-MM-DD). */
  weekOf: DateInput;
  atRisk: readonly { pairingId: string; people: People; risks: readonly { reason: string; action: string }[] }[];
  milestones: readonly { pairingId: string; people: People; label: string; dueAt: DateInput }[];
  /**
   * The last day the reviews are listed through (YYYY-MM-DD: the day before the next digest's;
   * functions/domain/digest.ts, reviewDays). Without it, "in the next 7 days".
   */
  reviewsThrough?: string;
  /** People on the waitlist not yet told the program closed. */
  waitlistSize: number;
  /**
   * Everyone else the next matching run would look for a partner for (functions/domain/digest.ts,
   * waitingForPartner): back in the pool after a pairing ended or did not start without a rematch,
   * enrolled and never matched, waiting on a rematch; `away`: said they are away until a later
   * date; `roles`: the roles among all who wait now, the waitlist included; `cannotPair`: both
   * roles wait but the hard rules rule out every pair of them (functions/domain/waiting-pairable.ts).
   */
  alsoWaiting?: {
    afterEnd: number;
    newcomers: number;
    rematching: number;
    away: number;
    roles: readonly ('mentor' | 'mentee')[];
    cannotPair?: NoPairAllowed;
  };
  /** The program has closed: a run only tells the waitlist no partner was found. */
  programClosed?: boolean;
  approvals: readonly { runId: string; pairCount: number; unmatchedCount: number; since: DateInput; route: string }[];
  started: readonly { pairingId: string; people: People; at: DateInput }[];
  /** `programClosed`: the program had closed when it did not start (no new pairing for anyone). */
  /** `stays`: where each of the pair who still takes part stands now; without it, the general rule is said. */
  notStarted: readonly {
    pairingId: string;
    people: People;
    at: DateInput;
    detail?: string;
    programClosed?: boolean;
    stays?: readonly { readonly name: string; readonly now: StandsAfterEnd }[];
  }[];
  /**
   * Pairings that ended early: the end reason's code (said in neutral words: never who of the pair
   * asked, nor anything a person wrote) and each of the pair who still takes part, by full name,
   * with where they stand now.
   */
  endedEarly?: readonly { pairingId: string; people: People; at: DateInput; reason: EndReason; stays: readonly { name: string; now: StandsAfterEnd }[] }[];
  /** Private concerns nobody has acknowledged: who raised them, when, and the date promised to them. */
  openConcerns?: readonly { concernId: string; raisedBy: string; raisedAt: DateInput; escalateAt: DateInput; overdue: boolean }[];
  /** People whose address stopped taking our email (a hard bounce, a spam complaint). */
  suppressed?: readonly { participantId: string; person: string; reason: 'email-bounced' | 'email-complaint'; at: DateInput }[];
  /** Pairings paused now (until their return day) or with a pause booked (its first and return days, YYYY-MM-DD). */
  breaks?: readonly { pairingId: string; people: People; fromDay?: string; untilDay?: string }[];
}

/** Past this many a section, the rest is counted and the report route given. */
export const DIGEST_ROWS_SHOWN = 20;

// Someone whose data was erased has an empty name: "an erased participant" (format.ts, fullNameOrErased).
const pair = (p: People) => `${fullNameOrErased(p.mentor)} (mentor) and ${fullNameOrErased(p.mentee)} (mentee)`;
const ref = (pairingId: string) => `Reference: pairing ${pairingId}`;

function section<T>(title: string, rows: readonly T[], row: (r: T) => string, more: string): Block[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, DIGEST_ROWS_SHOWN).map(row);
  const rest = rows.length - shown.length;
  return [heading(title), bullets(...shown), ...(rest > 0 ? [paragraph(`And ${countOf(rest, 'more')}: ${more}`)] : [])];
}

/** Why a pairing did not start, in words (its stored reason: "no-answer", "declined", "declined: <their note>"). */
function notStartedWhy(detail: string): string {
  return detail === 'no-answer' ? 'the introduction was not answered in time' : detail;
}

/**
 * After a pairing that did not start, to its full stop: that nobody is offered anyone (a closed
 * program, no automatic rematches), else where each of the pair stands now, or the general rule
 * when that was not read.
 */
function notStartedAfter(program: AdminDigestInput['program'], n: AdminDigestInput['notStarted'][number]): string {
  const without = notStartedWithoutRematch(program, n.programClosed);
  if (without) return `${without}.`;
  if (!n.stays) return "; whoever did not decline is offered someone new, within the rematch policy's limits.";
  const { stands } = endedInWords({ why: 'unknown', stays: n.stays });
  return `. ${stands.length > 0 ? stands.join(' ') : 'Neither of them takes part in the program any more.'}`;
}

/** Why one mentor and one mentee are never proposed to each other, after "the 2 waiting" (in the order said). */
const ONE_PAIR: Record<PairBar, string> = {
  'partners-before': 'were partners before',
  'ruled-out': 'were ruled out as a pair by an admin in a match review',
  'same-person': 'are one person, enrolled twice',
  'do-not-pair': 'are on a do-not-pair list',
  'reporting-line': 'are in one reporting line',
  'same-department': "are in the same department, which the program's rules rule out",
  'no-shared-language': 'share no language',
  'too-little-overlap': "have too little shared availability for the program's rules",
  'missing-must-have': "lack a must-have of the program's matching weights",
};

const PAIR_BARS = Object.keys(ONE_PAIR) as PairBar[];

/** How many pairs a bar rules out: "3 had a pairing together before". */
const PAIRS: Record<PairBar, (n: number) => string> = {
  'partners-before': (n) => `${n} had a pairing together before`,
  'ruled-out': (n) => `${n} ${n === 1 ? 'was' : 'were'} ruled out by an admin in a match review`,
  'same-person': (n) => `${n} ${n === 1 ? 'is one person' : 'are each one person'}, enrolled twice`,
  'do-not-pair': (n) => `${n} ${n === 1 ? 'is' : 'are'} on a do-not-pair list`,
  'reporting-line': (n) => `${n} ${n === 1 ? 'is' : 'are'} in one reporting line`,
  'same-department': (n) => `${n} ${n === 1 ? 'is' : 'are'} in the same department`,
  'no-shared-language': (n) => `${n} ${n === 1 ? 'shares' : 'share'} no language`,
  'too-little-overlap': (n) => `${n} ${n === 1 ? 'has' : 'have'} too little shared availability`,
  'missing-must-have': (n) => `${n} ${n === 1 ? 'lacks' : 'lack'} a must-have of the program's matching weights`,
};

/** Bars a change of someone's profile (their languages, their availability) can lift: the pair is not barred for good. */
const PROFILE_BARS: readonly PairBar[] = ['no-shared-language', 'too-little-overlap', 'missing-must-have'];

/** Why matching cannot pair anyone who waits (QA: two former partners were said to be pairable every week). */
function whyNoPair(c: NoPairAllowed): string {
  const bars = PAIR_BARS.filter((b) => (c.bars[b] ?? 0) > 0);
  if (c.pairs === 1) {
    const again =
      bars.length === 1 && bars[0] === 'partners-before'
        ? 'are not paired again'
        : bars.some((b) => PROFILE_BARS.includes(b))
          ? 'cannot be paired as their profiles stand'
          : 'are never paired';
    return `the 2 waiting ${joinAnd(bars.map((b) => ONE_PAIR[b]))}, and ${again}`;
  }
  const withFree = c.freePlaceMentors > 0 ? ` and ${countOf(c.freePlaceMentors, 'mentor')} with a free place` : '';
  return `of the ${c.pairs} pairs of a mentor and a mentee among them${withFree}, ${joinAnd(bars.map((b) => PAIRS[b](c.bars[b]!)))}, and none of them may be paired`;
}

/**
 * Everyone the next matching run would look for a partner for, by why they wait: the waitlist, and
 * the people not on it (a pairing an admin ended without a rematch puts both back in the pool, and
 * their end email promised them the next run). "When new people have joined" is said only when the
 * waitlist is all that waits (an earlier run found them no partner); with others waiting of both
 * roles, a run can pair them now, unless the hard rules rule out every pair of them (former
 * partners, one reporting line...: `cannotPair`), when it waits for someone new.
 */
function waitingSection(input: AdminDigestInput): Block[] {
  const others = input.alsoWaiting ?? { afterEnd: 0, newcomers: 0, rematching: 0, away: 0, roles: [] };
  const besides = others.afterEnd + others.newcomers + others.rematching;
  const total = input.waitlistSize + besides;
  if (total === 0) return [];
  const route = `POST /programs/${input.programId}/matching`;
  const are = (n: number) => (n === 1 ? 'is' : 'are');
  const groups = [
    input.waitlistSize > 0 ? `${input.waitlistSize} on the waitlist` : '',
    others.afterEnd > 0 ? `${others.afterEnd} back in the pool after a pairing ended or did not start without a new partner` : '',
    others.newcomers > 0 ? `${others.newcomers} who joined and ${others.newcomers === 1 ? 'has' : 'have'} not been matched yet` : '',
    others.rematching > 0 ? `${others.rematching} for whom a rematch is looking for a partner` : '',
  ].filter(Boolean);
  const listed = groups.length > 1 ? `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}` : groups[0]!;
  const away =
    others.away > 0 && !input.programClosed
      ? ` ${countOf(others.away, 'more person', 'more people')} said they are away until a later date: a run offers them from then.`
      : '';
  if (input.programClosed) {
    const who =
      besides === 0
        ? `${countOf(total, 'person', 'people')} on the waitlist ${total === 1 ? 'has' : 'have'}`
        : `${countOf(total, 'person', 'people')} waiting for a partner (${listed}) ${total === 1 ? 'has' : 'have'}`;
    return [
      heading(besides === 0 ? 'Waitlist' : 'Waiting for a partner'),
      paragraph(
        `The program has closed, and ${who} not been told yet that no partner was found. Run matching once (${route}): a run after the close pairs nobody, and tells each of them.`,
      ),
    ];
  }
  const waiting =
    besides === 0
      ? `${countOf(total, 'person', 'people')} ${are(total)} waiting for a partner, on the waitlist.`
      : `${countOf(total, 'person', 'people')} ${are(total)} waiting for a partner: ${listed}.`;
  const bothRoles = others.roles.includes('mentor') && others.roles.includes('mentee');
  const onlyRole = others.roles.length === 1 ? others.roles[0] : undefined;
  const next =
    besides === 0
      ? `Run matching (${route}) when new people have joined.`
      : bothRoles && others.cannotPair
        ? `Matching cannot pair them now: ${whyNoPair(others.cannotPair)}. Run matching (${route}) when someone new of either role has joined.`
        : bothRoles
          ? `Matching can pair them now: run it (${route}); it looks for a partner for each of them, the waitlist first.`
          : onlyRole === 'mentee'
            ? `They are all mentees: run matching (${route}) when a mentor has a free place or new mentors have joined.`
            : `They are all mentors: run matching (${route}) when new mentees have joined.`;
  return [heading(besides === 0 ? 'Waitlist' : 'Waiting for a partner'), paragraph(`${waiting} ${next}${away}`)];
}

export function adminDigest(input: AdminDigestInput): RenderedEmail {
  const tz = input.to.timeZone;
  const date = (d: DateInput) => formatDate(d, tz);
  const report = `GET /programs/${input.programId}/report lists them all.`;
  const concerns = input.openConcerns ?? [];
  // The days the reviews are listed for, as they are (QA: "due this week" over a window that split a day).
  const reviewsWhen = input.reviewsThrough ? `by ${date(input.reviewsThrough)}` : 'in the next 7 days';
  const headline = [
    concerns.length > 0 ? `${countOf(concerns.length, 'private concern')} not acknowledged` : '',
    input.approvals.length > 0 ? `${countOf(input.approvals.length, 'proposal')} waiting for approval` : '',
    input.atRisk.length > 0 ? `${countOf(input.atRisk.length, 'pair')} at risk` : '',
    input.milestones.length > 0 ? `${countOf(input.milestones.length, 'review')} due ${reviewsWhen}` : '',
  ].filter(Boolean);
  const subject = `${input.program.name}: weekly digest${headline.length > 0 ? ` (${headline.join(', ')})` : ''}`;
  const blocks: Block[] = [
    paragraph(
      `What needs your eye in ${input.program.name} for the week of ${date(input.weekOf)}. Decisions that cannot wait still reach you at once, by their own email.`,
    ),
    ...section(
      'Private concerns not acknowledged yet',
      concerns,
      (c) =>
        `${c.raisedBy}, raised on ${date(c.raisedAt)}; they were promised an answer by ${date(c.escalateAt)}${c.overdue ? ', which has passed' : ''}. Read it with GET /concerns/${c.concernId} and acknowledge it with POST /concerns/${c.concernId}.`,
      `GET /programs/${input.programId}/concerns?state=open lists them all.`,
    ),
    ...section(
      'Proposals waiting for your approval',
      input.approvals,
      (a) =>
        `${countOf(a.pairCount, 'pair')} proposed, ${countOf(a.unmatchedCount, 'person', 'people')} left waiting, since ${date(a.since)}: read it with ${a.route}, approve by replying APPROVE to its email or with POST ${a.route}/approve.`,
      'each has its approval email.',
    ),
    ...section(
      'Pairs at risk',
      input.atRisk,
      (p) => `${capitalised(pair(p.people))}: ${p.risks.map((r) => `${r.reason} Suggested: ${r.action}`).join(' ')} ${ref(p.pairingId)}.`,
      report,
    ),
    ...section(`Reviews due ${reviewsWhen}`, input.milestones, (m) => `${m.label} of ${pair(m.people)}, ${date(m.dueAt)}. ${ref(m.pairingId)}.`, report),
    ...section(
      'Pairings that started since the last digest',
      input.started,
      (s) => `${capitalised(pair(s.people))} both accepted on ${date(s.at)}. ${ref(s.pairingId)}.`,
      report,
    ),
    ...section(
      'Pairings that did not start since the last digest',
      input.notStarted,
      (n) =>
        `${capitalised(pair(n.people))}, ${date(n.at)}${n.detail ? ` (${notStartedWhy(n.detail)})` : ''}${notStartedAfter(input.program, n)} ${ref(n.pairingId)}.`,
      report,
    ),
    ...section(
      'Pairings that ended early since the last digest',
      input.endedEarly ?? [],
      (e) => {
        const { because, stands } = endedInWords({ why: e.reason, stays: e.stays });
        const after = stands.length > 0 ? stands.join(' ') : 'Neither of them takes part in the program any more.';
        return `The pairing of ${pair(e.people)} ended on ${date(e.at)}: ${because}. ${after} ${ref(e.pairingId)}.`;
      },
      report,
    ),
    ...section(
      'Email addresses that stopped working since the last digest',
      input.suppressed ?? [],
      (n) =>
        `${n.person}: ${n.reason === 'email-bounced' ? 'their address bounced' : 'they marked our email as spam'} on ${date(n.at)}, so we send them nothing more; any pairing of theirs ended and their partner was told. ${n.reason === 'email-bounced' ? 'If they should take part, enrol them again under a working address (POST /participants), or give them one through your HR system (a ParticipantUpdated event).' : 'A complaint stands for that address: if they want to take part after all, they can enrol under another address (POST /participants), or your HR system can give them one (a ParticipantUpdated event).'} Reference: participant ${n.participantId}.`,
      report,
    ),
    ...section(
      'Pairings on a break',
      input.breaks ?? [],
      (b) =>
        `${capitalised(pair(b.people))}: ${b.fromDay ? `a pause is booked from ${date(b.fromDay)}` : 'paused'}, ${b.untilDay ? `resuming on ${date(b.untilDay)}` : 'with no return day set (it resumes when someone resumes it)'}. To end a pause early or cancel a booked one: POST /pairings/${b.pairingId}/resume. ${ref(b.pairingId)}.`,
      report,
    ),
    ...waitingSection(input),
  ];
  return renderEmail({ template: 'adminDigest', subject, audience: 'admin', to: input.to, program: input.program, title: 'Your weekly digest', blocks });
}
