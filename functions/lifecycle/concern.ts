import { appendConcernWatch, getPairing, isTerminal, listAudit, pairingIdsOf, pairingsOf, type Pairing } from '../adapters/pairings';
import { createConcern, markConcern, type StoredConcern } from '../adapters/concerns';
import { createMailer, type Mailer } from '../adapters/mailer';
import { getParticipant } from '../adapters/participants';
import { getProgram, type StoredProgram } from '../adapters/programs';
import { issueStandingAddress } from '../adapters/reply-tokens';
import { sendTaskAnswer } from '../adapters/workflow-callbacks';
import { concernIdFor, escalationAt, recentHistory, type ConcernCase, type ConcernChannel } from '../domain/concerns';
import { adminConcernRaised, concernReceived, participantAudience, type ProgramContext } from '../domain/emails';
import { oneOfAddresses, type Participant } from '../domain/participant';
import { requireEnv } from '../shared/config';
import { logger } from '../shared/powertools';
import { requestControl } from './departure';

/**
 * Raises a private concern (a reply CONCERN, or the concern form): opens the case, emails every
 * program admin at once and acknowledges it to the person, then puts it under the pairing's watch
 * (the lifecycle escalates it if nobody acknowledges it in time) or, when the person asked to
 * leave, ends the pairing as not-a-fit. The partner is never emailed about it: their pairing
 * carries on exactly as before (or ends with the neutral wording of any rematch). Safe to repeat:
 * the case id comes from what raised it, and each side effect is marked on the case once done.
 */

export interface RaiseConcernInput {
  readonly programId: string;
  readonly participantId: string;
  /** The pairing the email was about (a question's); otherwise the person's running pairing. */
  readonly pairingId?: string;
  readonly text?: string;
  readonly exit: boolean;
  readonly channel: ConcernChannel;
  /** What raised it, unique per message or form: the case id is derived from it. */
  readonly seed: string;
  readonly now: Date;
}

let mailer: Mailer | undefined;
const mail = () => (mailer ??= createMailer({ from: requireEnv('MAIL_FROM') }));

/**
 * The pairing a concern is about: the one named, or the person's running one in the program
 * (latest first), or else their latest one that ended (a concern written to "your pairing has
 * ended" is about that pairing: the admins read whose it was).
 */
async function pairingOf(input: RaiseConcernInput): Promise<Pairing | undefined> {
  if (input.pairingId) return getPairing(input.pairingId);
  let running: Pairing | undefined;
  let ended: Pairing | undefined;
  for (const id of await pairingIdsOf(input.participantId)) {
    const p = await getPairing(id);
    if (!p || p.programId !== input.programId) continue;
    if (isTerminal(p.status)) {
      if (!ended || p.createdAt > ended.createdAt) ended = p;
    } else if (!running || p.createdAt > running.createdAt) running = p;
  }
  return running ?? ended;
}

function programContext(program: StoredProgram): ProgramContext {
  return { name: program.name, admin: { name: 'the program team', email: program.admins[0] ?? '' } };
}

export async function raiseConcern(input: RaiseConcernInput): Promise<{ concernId: string; created: boolean; exit: boolean }> {
  const [person, program] = await Promise.all([getParticipant(input.participantId), getProgram(input.programId)]);
  if (!person || !program) throw new Error(`A concern names participant ${input.participantId} of program ${input.programId}, which are not both stored.`);
  const pairing = await pairingOf(input);
  const partnerId = pairing ? (pairing.mentorId === person.participantId ? pairing.menteeId : pairing.mentorId) : undefined;
  const running = pairing !== undefined && !isTerminal(pairing.status);
  const concernId = concernIdFor(input.seed);
  const days = program.lifecycle.concernEscalationDays;
  const escalateAt = escalationAt(input.now, days, program.timeZone, program.lifecycle.sendTime, program.nonWorkingDays ?? []);
  const draft: ConcernCase = {
    concernId,
    programId: program.programId,
    participantId: person.participantId,
    role: person.role,
    ...(pairing ? { pairingId: pairing.pairingId } : {}),
    ...(partnerId ? { partnerId } : {}),
    ...(input.text ? { text: input.text } : {}),
    exit: input.exit && running,
    channel: input.channel,
    state: 'open',
    raisedAt: input.now.toISOString(),
    escalateAt: escalateAt.toISOString(),
    ...(pairing
      ? {
          pairing: {
            pairingId: pairing.pairingId,
            status: pairing.status,
            checkInsHeld: pairing.checkInsHeld,
            checkInsMissed: pairing.checkInsMissed,
            missedInRow: pairing.missedInRow,
            ...(pairing.startedAt ? { startedAt: pairing.startedAt } : {}),
            ...(pairing.acceptedAt ? { acceptedAt: pairing.acceptedAt } : {}),
            ...(pairing.lastMetAt ? { lastMetAt: pairing.lastMetAt } : {}),
            recent: recentHistory(await listAudit(pairing.pairingId)),
          },
        }
      : {}),
    version: 1,
  };
  const { created, concern } = await createConcern(draft);
  const partner = partnerId ? await getParticipant(partnerId) : undefined;
  await notifyAdmins(concern, program, person, partner, input.now);
  await acknowledge(concern, program, person, input.now);
  // Watched first, also when the person asks to leave: the pairing's execution keeps watching the
  // case after the end it is about to act on, and reminds the admins if nobody reads it in time.
  if (pairing && running && (await markConcern(concernId, 'watchedAt', input.now))) {
    const out = await appendConcernWatch(pairing.pairingId, { concernId, escalateAt: concern.escalateAt }, input.now);
    // The execution wakes to plan the escalation date (it may be waiting for a later one).
    if (out !== false && out.wakeToken) await sendTaskAnswer(out.wakeToken, { woken: 'concern' });
  }
  if (concern.exit && pairing) await requestControl(pairing.pairingId, { kind: 'end', requestedAt: input.now.toISOString(), reason: 'not-a-fit' });
  logger.info('concern raised', { concernId, programId: program.programId, pairingId: pairing?.pairingId, created, exit: concern.exit });
  return { concernId, created, exit: concern.exit };
}

async function notifyAdmins(c: StoredConcern, program: StoredProgram, person: Participant, partner: Participant | undefined, now: Date): Promise<void> {
  if (c.adminsNotifiedAt) return;
  // Never to the pair's own people: an admin who is the partner (or the raiser) is not told.
  const ofThePair = oneOfAddresses([person.email, partner?.email]);
  for (const to of program.admins.filter((a) => !ofThePair(a))) {
    const email = adminConcernRaised({
      to: { timeZone: program.timeZone },
      program: programContext(program),
      concernId: c.concernId,
      raisedAt: c.raisedAt,
      raisedBy: { name: person.name, role: person.role },
      ...(partner ? { partner: { name: partner.name, role: partner.role } } : {}),
      ...(c.text ? { text: c.text } : {}),
      ...(c.exit ? { exit: true } : {}),
      ...(c.pairingId ? { pairingId: c.pairingId } : {}),
      ...(c.pairing && isTerminal(c.pairing.status as Pairing['status']) ? { pairingEnded: true } : {}),
      workingDays: program.lifecycle.concernEscalationDays,
    });
    await mail().send({ to, email, tags: { programId: program.programId.replace(/[^A-Za-z0-9_-]/g, '-') } });
  }
  // Marked after sending: an admin may get a second copy after a crash, never none.
  await markConcern(c.concernId, 'adminsNotifiedAt', now);
}

async function acknowledge(c: StoredConcern, program: StoredProgram, person: Participant, now: Date): Promise<void> {
  if (c.acknowledgementSentAt) return;
  const standing = await issueStandingAddress({ programId: program.programId, participantId: person.participantId, email: person.email }, now);
  const email = concernReceived({
    reader: participantAudience((await pairingsOf(person.participantId)).map((p) => p.status)),
    to: { name: person.name, timeZone: person.timeZone },
    program: { ...programContext(program), ...(standing ? { concernUrl: standing.concernUrl } : {}) },
    ...(c.text ? { text: c.text } : {}),
    readBy: c.escalateAt,
    workingDays: program.lifecycle.concernEscalationDays,
    ...(c.exit ? { exit: true } : {}),
  });
  await mail().send({
    to: person.email,
    email,
    ...(standing ? { replyTo: standing.replyAddress, headers: standing.headers } : {}),
    tags: { programId: program.programId.replace(/[^A-Za-z0-9_-]/g, '-') },
  });
  await markConcern(c.concernId, 'acknowledgementSentAt', now);
}
