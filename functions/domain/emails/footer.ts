import { receivesMail, type ParticipantStatus } from '../participant';
import { pastRematchCap } from '../rematch-policy';
import { dayAndMonth } from '../replies/pause-date';
import type { PartnerCalls } from '../replies/standing-target';
import { localDate } from '../schedule';
import { link, paragraph } from './blocks';
import { capitalised, formatDate } from './format';
import { pauseExample, pauseWindowOf } from './pause-example';
import type { Audience, Block, ParticipantAudience, ProgramContext, Recipient } from './types';
import { replyToItsOwnEmails, unnamedPairingLine } from './unnamed-partners';

/** One of the reader's pairings, as their footer depends on it (a stored pairing fits as it is). */
export interface ReaderPairing {
  readonly pairingId?: string;
  readonly status: string | undefined;
  readonly mentorId?: string;
  /**
   * The open round: at an introduction, whose answers are in, and when each person's own email of
   * it goes out (`asks`: introductions go at each person's own send time, introduction-coming.ts).
   */
  readonly round?: {
    readonly kind: string;
    readonly answers: Readonly<Partial<Record<string, unknown>>>;
    readonly asks?: Readonly<Partial<Record<string, { readonly sendAt: string; readonly sent?: boolean }>>>;
  };
}

/**
 * Which footer a participant's notice carries, from their pairings: PAUSE, STOP and REMATCH while
 * one runs; STOP only when none runs or waits. While an introduction waits for the reader's YES or
 * NO, "reply NO with the date" is offered as such only on an email whose reply address is that
 * introduction's question (`askedHere`: its pairing id); any other email (the standing address)
 * names the introduction email instead, since the standing address takes no YES or NO. Once the
 * reader has answered, no NO is offered at all.
 */
export function participantAudience(participantId: string, pairings: readonly ReaderPairing[], askedHere?: string): ParticipantAudience {
  if (pairings.some((p) => p.status === 'active' || p.status === 'paused')) return 'participant';
  const introductions = pairings.filter((p) => p.status === 'proposed' || p.status === 'introduced');
  if (introductions.length === 0) return 'waiting';
  const answered = (p: ReaderPairing) => p.round?.kind === 'acceptance' && p.round.answers[p.mentorId === participantId ? 'mentor' : 'mentee'] !== undefined;
  const open = introductions.filter((p) => !answered(p));
  if (open.length === 0) return 'introduced-answered';
  return askedHere !== undefined && open.some((p) => p.pairingId === askedHere) ? 'introduced' : 'introduced-elsewhere';
}

/** Whether the reader's pairing waits at its introduction (their footer is one of the `introduced` ones). */
export function atIntroduction(reader: Audience | undefined): boolean {
  return reader === 'introduced' || reader === 'introduced-elsewhere' || reader === 'introduced-answered';
}

/**
 * The reader of an email their pairing's completion sends (recognition, the partner's note): with
 * no pairing of theirs running any more as it goes (lifecycle/outbox.ts sets `pairingsRunning`),
 * their footer reads as for someone whose pairings all completed, though their status may still
 * read `paired` in the very step that completes the pairing (QA mail8: the partner's note offered
 * "Want to leave the program?" beside the certificate's "Rather not hear from the program again?").
 */
export function atCompletion<T extends Recipient>(to: T): T & { completedProgram: boolean } {
  return { ...to, completedProgram: (to.pairingsRunning ?? 0) === 0 };
}

/**
 * A reader as their footer reads them. `completedProgram`: their pairings have all completed
 * (status `completed`, recipientNow; or the recognition, which is about that completion): a STOP
 * from them asks only for no more email and leaves them counted as completed
 * (participant.ts, whatStopDoes), and their footer says so instead of "leave the program".
 */
export interface FooterReader extends Recipient {
  readonly completedProgram?: boolean;
  /** They replied STOP after completing (`mailStoppedAt`): STOP is not offered again (QA finale3). */
  readonly mailStopped?: boolean;
  /**
   * When the email goes (ISO), set by its sender (recipientNow): the example of a NO with the date
   * the reader is back names a day four weeks on (awayExample). Without it no day is named.
   */
  readonly sentAt?: string;
  /**
   * Their introduction email has not gone out yet (introduction-coming.ts): NO to it is offered for
   * when it arrives, not as a reply to an email already in their inbox.
   */
  readonly introductionToCome?: boolean;
  /**
   * The email is the pairing's end-of-program review, its last question: a PAUSE replied to it
   * pauses the pairing, which then completes on the resume day with nothing left to ask
   * (pairing/decide.ts, pausedRoundStep), so no break "with the date to resume" is offered.
   */
  readonly lastQuestion?: boolean;
}

/** How far ahead the example of "NO, away until ..." is: a day still to come, read as this year's or the next's. */
const AWAY_EXAMPLE_DAYS = 28;

/**
 * ` (for example "NO, away until 29 March")`: a NO with the day the reader is back, four weeks after
 * the day the email goes where they are, as the reply reader takes it (rematch-policy.ts,
 * readAwayUntil: a day and a month, the next such day). Empty when the email does not know when it
 * goes: a fixed day would be one that has passed, or next year's (QA time7).
 */
export function awayExample(to: Pick<FooterReader, 'sentAt' | 'timeZone'>): string {
  if (to.sentAt === undefined || Number.isNaN(Date.parse(to.sentAt))) return '';
  return ` (for example "NO, away until ${awayExampleDay(new Date(to.sentAt), to.timeZone)}")`;
}

/** "29 March": the day four weeks after `from`'s day in `timeZone`, for an example of the day someone is back. */
export function awayExampleDay(from: Date, timeZone: string): string {
  const today = localDate(from, timeZone);
  return dayAndMonth(new Date(Date.parse(`${today}T00:00:00Z`) + AWAY_EXAMPLE_DAYS * 86_400_000));
}

/**
 * The recipient as their footer must read them now: someone whose status says they no longer take
 * part (left the organisation, STOP, a suppressed address: participant.ts, receivesMail) is
 * flagged, since STOP, PAUSE, END and REMATCH would do nothing for them; someone whose pairings have
 * all completed too (`completedProgram`), since STOP only stops the program's email to them; and the
 * automatic rematches they have had, since at the program's cap a REMATCH offers them no new partner.
 * Senders set it from the person as stored when the email goes, so an email decided before the
 * departure reads true too. `runningPartners`: how the reader names the partners of their running
 * pairings, and how many have no name a reply can give (partnerCalls); kept only with more than one
 * pairing running, when REMATCH must name the partner (or answer that pairing's own email).
 * `sentAt`: when the email goes, for the days its examples name (awayExample).
 */
export function recipientNow<T extends Recipient>(
  to: T,
  status: ParticipantStatus | undefined,
  rematchAttempts?: number,
  runningPartners?: PartnerCalls,
  mailStoppedAt?: string,
  sentAt?: Date,
): T & Pick<FooterReader, 'completedProgram' | 'mailStopped' | 'sentAt'> {
  const dated = sentAt === undefined ? to : { ...to, sentAt: sentAt.toISOString() };
  const counted = rematchAttempts === undefined ? dated : { ...dated, rematchAttempts };
  const now = runningPartners && runningPartners.names.length + runningPartners.unnamed > 1 ? { ...counted, runningPartners } : counted;
  if (status === 'completed') return { ...now, completedProgram: true, ...(mailStoppedAt !== undefined ? { mailStopped: true } : {}) };
  return status !== undefined && !receivesMail(status) ? { ...now, noLongerTakingPart: true } : now;
}

/** What STOP does for someone whose pairings have all completed, as their footer offers it (whatStopDoes). */
const STOP_AFTER_COMPLETION =
  'Rather not hear from the program again? Reply STOP: we will not email you again unless you write to us, and your completed pairing stays on record.';

/** Said instead, once they replied STOP after completing: nothing more to stop. */
const STOPPED_AFTER_COMPLETION =
  'You replied STOP after your pairing completed: we email you only when you write to us, and your completed pairing stays on record.';

/** The STOP line of someone whose pairings have all completed, as their footer and the standing address's help say it. */
export function stopAfterCompletionLine(to: Pick<FooterReader, 'mailStopped'>): string {
  return to.mailStopped ? STOPPED_AFTER_COMPLETION : STOP_AFTER_COMPLETION;
}

/**
 * Whether ending the reader's pairing with a rematch (REMATCH, a NO to the fit check, an exit by
 * concern) would offer them a new partner: not in a program that makes no automatic rematches, nor
 * once they had every one it allows (rematch-policy.ts, pastRematchCap).
 */
export function rematchOffered(to: Pick<Recipient, 'rematchAttempts'>, program: Pick<ProgramContext, 'automaticRematches'>): boolean {
  return program.automaticRematches === undefined || !pastRematchCap(to, { maxAttempts: program.automaticRematches });
}

/** What such an end does for someone it offers no new partner, as their end email then says (control.ts). */
export function waitInstead(program: Pick<ProgramContext, 'admin'>): string {
  return `you wait on the waitlist while ${program.admin.name} decides with you how to go on`;
}

/** What such an end does once the program has closed: pairings run to their end, none starts. */
export const NO_NEW_PAIRING = 'no new pairing starts, as the program has closed';

/**
 * What ending the reader's pairing with a rematch does instead of offering a new partner, as one
 * clause, or undefined while the policy offers one: no new pairing once the program has closed, or
 * the waitlist (rematchOffered).
 */
export function insteadOfNewPartner(
  to: Pick<Recipient, 'rematchAttempts'>,
  program: Pick<ProgramContext, 'admin' | 'automaticRematches' | 'closed'>,
): string | undefined {
  if (program.closed) return NO_NEW_PAIRING;
  return rematchOffered(to, program) ? undefined : waitInstead(program);
}

/**
 * The footer's PAUSE line, with an example that is taken when sent back as the email is read
 * (pause-example.ts): "PAUSE for 3 weeks"; near the last day a pause may run to, that day, and that
 * it is the latest; none on or after it, when no pause can be taken (a paused pairing is then only
 * told it resumes as its pause email said).
 */
function pauseLine(program: ProgramContext, to: FooterReader): Block[] {
  if (to.lastQuestion) return [];
  const window = pauseWindowOf(to, program);
  const example = pauseExample(window, [{ weeks: 3 }, 'last-day']);
  if (example === undefined) return to.allPaused ? [paragraph('Your pairing is paused: it resumes on the day its pause email named.')] : [];
  const bounded = example.startsWith('PAUSE until') && window.lastDay !== undefined ? `, no later than ${formatDate(window.lastDay, to.timeZone)}` : '';
  return [
    paragraph(
      to.allPaused
        ? `Your pairing is paused. To change the day it resumes, reply PAUSE with how long from today or the new date${bounded} (for example "${example}").`
        : `Need a break? Reply PAUSE, with how long or the date to resume if you know it${bounded} (for example "${example}").`,
    ),
  ];
}

const PARTICIPANT_AUDIENCES: readonly Audience[] = ['participant', 'introduced', 'introduced-elsewhere', 'introduced-answered', 'waiting'];

/** The footer an email carries: a participant's one becomes `former` for someone no longer taking part. */
export function footerAudience(audience: Audience, to: Recipient): Audience {
  return to.noLongerTakingPart && PARTICIPANT_AUDIENCES.includes(audience) ? 'former' : audience;
}

/**
 * Every email ends with how to pause or stop and whom to contact. "Reply PAUSE/STOP" is printed
 * only for participants (to one with no pairing running, only STOP and CONCERN, which are all that
 * would do something): every email to a participant has a Reply-To that takes those commands
 * (the question's address, or the person's standing address, docs/inbound.md). Participants also learn that the
 * admin is a private channel: a junior mentor may not dare to be candid with a senior partner.
 */
export function footerBlocks(audience: Audience, program: ProgramContext, to: FooterReader): Block[] {
  const admin = program.admin;
  // REMATCH ends the pairing (or introduction) either way; a new partner follows only within the
  // policy, and never once the program has closed (then it is only a kind way to end).
  // Before their introduction has reached them, REMATCH acts only as a reply to it (inbound-mail.ts, standingControls).
  const rematch = (ends: string, toIntroduction = false) =>
    paragraph(
      `${program.closed ? 'Would you rather not go on with your partner?' : 'Would another partner suit you better?'} ${toIntroduction ? 'Once your introduction email arrives, reply REMATCH to it' : 'Reply REMATCH'}: ${ends} kindly and ${insteadOfNewPartner(to, program) ?? 'both of you are offered someone new'}.`,
    );
  const contact = link(admin.email, `mailto:${admin.email}`);
  // "Priya Shah, the program admin," but never "the program team, the program admin,".
  const who = /^the\s/i.test(admin.name.trim()) ? admin.name : `${admin.name}, the program admin,`;
  // CONCERN by reply, the private form when the email carries its link, or the admin's address.
  // Never "write to" an admin who is one of the reader's pair: that is not a private channel.
  const concern = (question: string, whoReads: string) =>
    paragraph(
      `${question} Reply CONCERN and what is on your mind`,
      ...(program.concernUrl ? [', or use ', link('your private concern form', program.concernUrl)] : []),
      ...(admin.inPair ? [] : [`, or write to ${who} at `, contact]),
      `. ${whoReads}`,
    );
  // Several pairings run: a bare REMATCH to the standing address ends none of them (it cannot tell
  // which one is meant, domain/replies/standing-target.ts), so the footer says how to name one. A
  // partner no reply can name is never offered by name: their pairing ends by a reply to its own email.
  const unnamed = to.runningPartners?.unnamed ?? 0;
  const partners = to.runningPartners && to.runningPartners.names.length + unnamed > 1 ? to.runningPartners.names : undefined;
  const rematchOne = (names: readonly string[]) =>
    paragraph(
      `${program.closed ? 'Would you rather not go on with one of your partners?' : 'Would another partner suit you better in one of your pairings?'} ${names.length > 0 ? `Reply REMATCH with that partner's name (${names.map((n) => `"REMATCH ${n}"`).join(' or ')})` : capitalised(replyToItsOwnEmails('REMATCH'))}: that pairing ends kindly and ${insteadOfNewPartner(to, program) ?? 'both of you are offered someone new'}; your other pairings go on.${names.length > 0 && unnamed > 0 ? ` ${unnamedPairingLine('REMATCH', unnamed)}` : ''}`,
    );
  switch (audience) {
    case 'participant':
      return [
        ...pauseLine(program, to),
        paragraph('Want to stop? Reply STOP. You can leave at any time, no reason needed, and no one is blamed.'),
        partners ? rematchOne(partners) : rematch('your pairing ends'),
        concern(
          'Something you would rather not say to your partner?',
          'Only the program admins read it; your partner never sees it, and nothing in their emails changes.',
        ),
        paragraph(`You receive this email because you are enrolled in ${program.name}.`),
      ];
    case 'introduced':
    case 'introduced-elsewhere':
    case 'introduced-answered':
      // The pairing has not started: nothing runs to pause. A NO with a date is how to say "not
      // now", and only the introduction's own address takes it; someone who answered has no NO left.
      return [
        ...(audience === 'introduced-answered'
          ? []
          : [
              paragraph(
                audience === 'introduced'
                  ? `Not a good moment? Reply NO with the date you are back${awayExample(to)}: this introduction then closes without blame, and you are matched again from that date.`
                  : to.introductionToCome
                    ? `Not a good moment? Once your introduction email arrives, reply NO to it with the date you are back${awayExample(to)}: the introduction then closes without blame, and you are matched again from that date.`
                    : `Not a good moment? Reply NO to your introduction email, with the date you are back${awayExample(to)}: the introduction then closes without blame, and you are matched again from that date.`,
              ),
            ]),
        paragraph('Want to stop? Reply STOP. You can leave at any time, no reason needed, and no one is blamed.'),
        rematch('this introduction closes', audience !== 'introduced' && to.introductionToCome === true),
        concern('Something you would rather not say to your partner?', 'Only the program admins read it; your partner never sees it.'),
        paragraph(`You receive this email because you are enrolled in ${program.name}.`),
      ];
    case 'waiting':
      // No pairing runs yet (or any more): nothing to pause, end or rematch, so only what works is
      // offered. Someone who completed has nothing left to leave: their STOP only stops the email.
      return [
        paragraph(
          to.completedProgram
            ? stopAfterCompletionLine(to)
            : 'Want to leave the program? Reply STOP. You can leave at any time, no reason needed, and no one is blamed.',
        ),
        concern('Something you would like the program team to know?', 'Only the program admins read it.'),
        paragraph(`You receive this email because you ${to.completedProgram ? 'took part in' : 'are enrolled in'} ${program.name}.`),
      ];
    case 'former':
      // They no longer take part: nothing runs to pause or end, and STOP has nothing left to stop.
      // Their reply address still raises a concern and still takes DATA and ERASE (inbound-mail.ts).
      return [
        concern('Something you would like the program team to know?', 'Only the program admins read it.'),
        paragraph(
          'Would you like a copy of the data the program holds about you, or to have it erased? Reply DATA or ERASE: we send you a link to confirm first.',
        ),
        paragraph(`You receive this email because you took part in ${program.name}.`),
      ];
    case 'erased':
      // Nothing of theirs is held any more, reply addresses included: nothing here asks for a reply.
      return [paragraph(`You receive this because you asked ${program.name} to erase your data. With any question, write to ${who} at `, contact, '.')];
    case 'manager':
      return [
        paragraph(`You receive this because a member of your team chose to share their progress in ${program.name} with their manager. No reply is needed.`),
        // Managers have no reply address (they are not participants): nothing here asks them to reply.
        paragraph(`To receive no more of these notes, or with any question, write to ${who} at `, contact, '.'),
      ];
    case 'admin':
      return [
        paragraph(
          `You receive this as an administrator of ${program.name}. Each pairing can also be paused, resumed or ended through the admin API: POST /pairings/{pairingId}/pause, /resume or /end.`,
        ),
        // Another admin to ask, never the reader themselves (`inPair`: no admin but the reader, or the pair, is left to name).
        admin.inPair
          ? paragraph("To stop receiving these emails, have yourself removed from the program's admins (PATCH /programs/{programId} on the admin API).")
          : paragraph(
              `To stop receiving these emails, have yourself removed from the program's admins (PATCH /programs/{programId} on the admin API), or ask ${admin.name} at `,
              contact,
              '.',
            ),
      ];
  }
}
