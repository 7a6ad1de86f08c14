import { pairingIdsOf } from '../adapters/pairings';
import { issueStandingAddress } from '../adapters/reply-tokens';
import { getParticipant } from '../adapters/participants';
import type { StoredProgram } from '../adapters/programs';
import {
  claimWaitlistNotice,
  getWaitlistEntry,
  listWaitlist,
  putWaitlistEntry,
  releaseWaitlistNotice,
  type WaitlistEntry,
  type WaitlistNotice,
} from '../adapters/waitlist';
import { waitlisted, waitlistMatched, waitlistProgramClosed, type EmailBase, type RenderedEmail } from '../domain/emails';
import { receivesMail, type Participant } from '../domain/participant';
import { programContact } from '../domain/program-contact';
import { DEFAULT_SEND_WINDOW_MINUTES } from '../domain/program';
import { rematchSettingsOf } from '../domain/rematch-policy';
import { introductionBy } from '../domain/schedule';
import { logger } from '../shared/powertools';
import { sendEmail } from './context';

/**
 * The waitlist's emails (docs/emails.md): a person put on it is told once, and why; told again
 * when a run pairs them, or when the program closes without a partner for them. Each notice is
 * claimed on the waitlist entry before it is sent, so a retried step never sends it twice.
 */

/**
 * Sends to a participant with their standing reply address (STOP, PAUSE, END, REMATCH), its
 * unsubscribe headers and, in the footer, their private concern form, as every participant email.
 */
async function sendToPerson(program: StoredProgram, person: Participant, render: (base: EmailBase) => RenderedEmail): Promise<void> {
  const standing = await issueStandingAddress({ programId: person.programId, participantId: person.participantId, email: person.email });
  const contact = programContact(program, [person.email]);
  const email = render({
    to: { name: person.name, timeZone: person.timeZone },
    program: standing ? { ...contact, concernUrl: standing.concernUrl } : contact,
  });
  await sendEmail(person.email, email, standing?.replyAddress, { programId: program.programId.replace(/[^A-Za-z0-9_-]/g, '-') }, standing?.headers);
  logger.info('waitlist notice sent', { template: email.template, programId: program.programId, participantId: person.participantId });
}

async function notice(
  program: StoredProgram,
  participantId: string,
  field: WaitlistNotice,
  render: (base: EmailBase) => RenderedEmail,
  now: Date,
): Promise<boolean> {
  const person = await getParticipant(participantId);
  if (!person || !receivesMail(person.status)) return false;
  if (!(await claimWaitlistNotice(program.programId, participantId, field, now))) return false;
  try {
    await sendToPerson(program, person, render);
    return true;
  } catch (error) {
    await releaseWaitlistNotice(program.programId, participantId, field).catch(() => undefined);
    throw error;
  }
}

/**
 * Puts (or keeps) a person on the waitlist with why, and tells them once; `announce` as in
 * putWaitlistEntry. With `searchPromised` (the rematch their pairing's end set off found nobody,
 * and that end's email already said a new partner is being looked for and the introduction comes
 * when there is a good match) they are not told now: the waitlist email would only repeat it, in
 * the same second, and a second rematch of the same moment could follow it with "You are off the
 * waitlist" (QA hris8, restart8, mail8). Untold, they get no "off the waitlist" either (their
 * introduction comes); a later run that still finds nobody tells them then.
 */
export async function waitlistAndTell(
  program: StoredProgram,
  entry: Omit<WaitlistEntry, 'since' | 'updatedAt' | 'toldAt' | 'matchedNoticeAt' | 'closedNoticeAt' | 'eventOwed'>,
  now: Date,
  opts: { announce?: boolean; searchPromised?: boolean } = {},
): Promise<{ created: boolean; eventOwed: boolean }> {
  const out = await putWaitlistEntry(entry, now, opts);
  if (opts.searchPromised) return out;
  // Someone who had a partner (a pairing of theirs ended or did not start) waits for a *new* one (QA goals6).
  const hadPartner = (await pairingIdsOf(entry.participantId)).length > 0;
  await notice(
    program,
    entry.participantId,
    'toldAt',
    (base) => waitlisted({ ...base, code: entry.code, automaticRematches: rematchSettingsOf(program).maxAttempts, ...(hadPartner ? { hadPartner } : {}) }),
    now,
  );
  return out;
}

/**
 * Before a waitlisted person's entry is removed because a run paired them: tells them they are off
 * the waitlist (their introduction follows at their own send time). Only people who were told they
 * wait are told they no longer do.
 */
export async function tellMatchedFromWaitlist(program: StoredProgram, participantId: string, pairingId: string, now: Date): Promise<void> {
  const entry = await getWaitlistEntry(program.programId, participantId);
  if (!entry?.toldAt || entry.closedNoticeAt) return;
  // Programs stored before the send window existed have none: the default applies, as in context.ts.
  const lifecycle = { sendTime: program.lifecycle.sendTime, sendWindowMinutes: program.lifecycle.sendWindowMinutes ?? DEFAULT_SEND_WINDOW_MINUTES };
  const by = (timeZone: string) => introductionBy(now, timeZone, lifecycle, program.nonWorkingDays ?? [], pairingId);
  await notice(program, participantId, 'matchedNoticeAt', (base) => waitlistMatched({ ...base, introductionBy: by(base.to.timeZone) }), now);
}

/** The program has closed: everyone still on its waitlist is told, once, that no partner was found. */
export async function tellWaitlistProgramClosed(program: StoredProgram, now: Date): Promise<number> {
  let told = 0;
  for (const entry of await listWaitlist(program.programId)) {
    // Someone introduced before (who declined, or whose pairing ended) was found a partner once:
    // what the program did not find was a new one.
    const hadPartner = (await pairingIdsOf(entry.participantId)).length > 0;
    // Someone the close put on the waitlist (enrolled after the last run) was never told they wait:
    // they are not told they are off it either.
    const never = entry.toldAt === undefined ? { neverToldWaiting: true } : {};
    if (
      await notice(
        program,
        entry.participantId,
        'closedNoticeAt',
        (base) => waitlistProgramClosed({ ...base, ...(hadPartner ? { hadPartner } : {}), ...never }),
        now,
      )
    )
      told++;
  }
  return told;
}
