import type { Role } from '../participant';
import { facts, paragraph } from './blocks';
import { capitalised, formatDate, fullNameOrErased, joinAnd, type DateInput } from './format';
import { renderEmail } from './layout';
import type { EmailBase, RenderedEmail } from './types';

/**
 * The waitlist, told plainly (docs/emails.md): once when a person is put on it and why, again when
 * they are matched or when the program closes. No email promises a date for a match: nothing
 * guarantees one; once matched, the introduction's day is known and named.
 */

/** Why a person waits, as a code the waitlist keeps (UnmatchedParticipant codes and the rematch cap). */
export type WaitlistCode =
  | 'no-eligible-partner'
  | 'capacity'
  | 'no-partners-in-cohort'
  | 'rejected-in-review'
  | 'partner-unavailable'
  | 'rematch-not-approved'
  | 'rematch-limit'
  | 'program-closed';

const WHY: Record<WaitlistCode, string> = {
  'no-eligible-partner': 'nobody in the program right now fits what you asked for well enough (topics, languages, time together, or the program rules)',
  // Running pairings, or the admins' review, took them: never said as "nobody is free" (QA review2).
  capacity: 'every partner who would suit you is already paired, or not available in this matching round',
  // Said of the round, not of the program (QA): a rematch offers only the waitlist and the people
  // it names, so people of the other side who joined and wait for the next full matching were not in it.
  'no-partners-in-cohort': 'nobody from the other side of the program was in this matching round to pair you with',
  // Said without blame: the admin's review is not about the person.
  'rejected-in-review': 'the program team reviewed the proposed pairs and will look for a better partner for you in a later matching round',
  // Said as what happened, not as "not found yet": they may have been told a partner was found (waitlistMatched).
  'partner-unavailable':
    // No cause named: it may be the partner's (STOP, a departure, another pair first) or the program team's (an end before the introduction).
    'the partner we had found for you could not start with you after all, and we have no other partner for you yet',
  // The admins answered no, or did not answer in time: said so as both, never as a review that may not have happened.
  'rematch-not-approved': 'the new pair we proposed for you was not approved by the program team, so you wait for the next matching round',
  'rematch-limit':
    'we have already looked for a new partner for you as many times as the program does on its own, so the program team will now look at it themselves',
  'program-closed': 'the program has closed',
};

export interface WaitlistedInput extends EmailBase {
  code: WaitlistCode;
  /**
   * The program's automatic rematches per person (`rematch.maxAttempts`): at 0 someone held at the
   * cap (`rematch-limit`) was never searched for, and is told the program does not do so.
   */
  automaticRematches?: number;
  /**
   * They had a partner before (a pairing of theirs ended or did not start): what a run did not find
   * is a *new* partner, never "a partner" (QA: told "We are looking for a new partner for you").
   */
  hadPartner?: boolean;
}

/**
 * How the reason is introduced, where "We have not found a partner for you yet" would be untrue: a
 * partner was found (and the person may have been told so, "You are off the waitlist"), who could
 * not start with them (QA promises4); a rematch's people had a partner, and one was found for them
 * again when the admins did not approve it: they wait for a *new* partner.
 */
const LEAD: Partial<Record<WaitlistCode, string>> = {
  'partner-unavailable': 'We are sorry',
  'rematch-not-approved': 'We do not have a new partner for you yet',
  'rematch-limit': 'We do not have a new partner for you yet',
};

/** Why someone at the rematch cap waits: a cap of none means no search was ever made. */
const NO_AUTOMATIC_REMATCHES = 'this program does not look for new partners on its own when a pairing ends, so the program team will look at it themselves';

/** To a person put on the waitlist (by a matching run, a rematch that found nobody, or the rematch cap). */
export function waitlisted(input: WaitlistedInput): RenderedEmail {
  return renderEmail({
    template: 'waitlisted',
    subject: `You are on the waitlist of ${input.program.name}`,
    audience: 'waiting',
    to: input.to,
    program: input.program,
    title: 'You are on the waitlist',
    blocks: [
      paragraph(
        `${LEAD[input.code] ?? (input.hadPartner ? 'We do not have a new partner for you yet' : 'We have not found a partner for you yet')}: ${input.code === 'rematch-limit' && input.automaticRematches === 0 ? NO_AUTOMATIC_REMATCHES : WHY[input.code]}. You are on the waitlist, and you keep your place in the program.`,
      ),
      paragraph(
        input.code === 'rematch-limit'
          ? 'The program team will decide with you how to go on: the next time they match the whole program, you can be paired again. We cannot say when that will be, so we will not guess a date: you will get an introduction email as soon as there is a good match, or an email if the program closes before then.'
          : 'Each time the program matches people again (when the program team runs matching, or when a pairing ends early and its people are matched again), you are considered first: a place that would suit you goes to you before anyone who has not waited. We cannot say when that will be, so we will not guess a date: you will get an introduction email as soon as there is a good match, or an email if the program closes before then.',
      ),
      paragraph(
        `There is nothing you need to do. If your topics or your availability have changed, write to ${input.program.admin.name} at ${input.program.admin.email}.`,
      ),
    ],
  });
}

/**
 * To a waitlisted person whom a run has just paired: their introduction follows at their own send
 * time, by the day `introductionBy` names (schedule.ts), in their own time zone.
 */
export function waitlistMatched(input: EmailBase & { introductionBy: DateInput }): RenderedEmail {
  return renderEmail({
    template: 'waitlistMatched',
    subject: 'You are off the waitlist: we have found you a partner',
    audience: 'waiting',
    to: input.to,
    program: input.program,
    title: 'We have found you a partner',
    blocks: [
      paragraph('You were on the waitlist, and we have now found a partner for you. Thank you for waiting.'),
      paragraph(
        `Your introduction email, with your partner and why we matched you, follows by ${formatDate(input.introductionBy, input.to.timeZone)}. Reply to it to say whether you will take part.`,
      ),
    ],
  });
}

/** To a person still on the waitlist when the program has closed: no (new) partner was found. */
export function waitlistProgramClosed(input: EmailBase & { hadPartner?: boolean; neverToldWaiting?: boolean }): RenderedEmail {
  const partner = input.hadPartner ? 'new partner' : 'partner';
  return renderEmail({
    template: 'waitlistProgramClosed',
    subject: `${input.program.name} has closed: no ${partner} was found for you`,
    // Off the waitlist, with no more emails to come (they are `inactive` once told): STOP has nothing
    // left to leave or stop, so the footer offers only what their reply address still takes
    // (CONCERN, DATA, ERASE), as to anyone no longer taking part.
    audience: 'former',
    to: input.to,
    program: input.program,
    title: 'The program has closed',
    blocks: [
      paragraph(
        `${input.program.name} has now closed, and we did not find a ${partner} for you while it ran. We are sorry: this says nothing about you, only about who took part this time.`,
      ),
      paragraph(
        `${input.neverToldWaiting ? 'You will' : 'You are off the waitlist and will'} get no more emails about this program. To take part in a later one, write to ${input.program.admin.name} at ${input.program.admin.email}.`,
      ),
    ],
  });
}

export interface AdminRematchHeldInput extends EmailBase {
  /** Each person the rematch policy did not offer a new partner to, by full name. */
  people: readonly {
    name: string;
    role: Role;
    held: 'inactive' | 'capped';
    count: number;
    /** For `capped`: the program allows no automatic rematch at all (`rematch.maxAttempts` 0). */
    allowed?: 0;
    /** For `capped`: a mentor who keeps another running pairing; only the place this one freed is held. */
    keepsPairing?: true;
  }[];
  pairingId: string;
}

/** To every program admin: people the rematch policy stopped offering automatically, and why. */
export function adminRematchHeld(given: AdminRematchHeldInput): RenderedEmail {
  const input = { ...given, people: given.people.map((p) => ({ ...p, name: fullNameOrErased(p.name) })) };
  const names = joinAnd(input.people.map((p) => p.name));
  return renderEmail({
    template: 'adminRematchHeld',
    subject: `Not rematched automatically: ${names}`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'People not rematched automatically',
    blocks: [
      paragraph("A pairing ended or did not start, and the program's rematch settings stop these people being offered a new partner automatically:"),
      facts(
        input.people.map((p) => ({
          term: `${capitalised(p.name)} (${p.role})`,
          detail:
            p.held === 'inactive'
              ? `did not answer ${p.count === 1 ? 'their introduction' : `${p.count} introductions in a row`}, so their status is now "inactive" and nobody is introduced to them again in this program. You may want to check in with them.`
              : `${p.allowed === 0 ? 'is not offered a new partner automatically, as the program makes no automatic rematches (rematch.maxAttempts is 0)' : `has had ${p.count === 1 ? 'one automatic rematch' : `${p.count} automatic rematches`}, the most the program allows`}, ${
                  p.keepsPairing
                    ? 'and keeps their other running pairing (their status stays "paired"). The place this pairing freed is held for you: automatic rematches do not fill it, the next cohort matching you approve may.'
                    : 'so they are on the waitlist with that reason. The next cohort matching you approve may pair them.'
                }`,
        })),
      ),
      paragraph(`Reference: pairing ${input.pairingId} (GET /pairings/${input.pairingId} on the admin API shows its details and timeline).`),
    ],
  });
}
