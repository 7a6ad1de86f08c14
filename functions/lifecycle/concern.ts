import { randomUUID } from 'node:crypto';
import { appendConcernWatch, getPairing, isTerminal, listAudit, pairingIdsOf, pairingsOf, type Pairing } from '../adapters/pairings';
import { partnerIdOf } from '../domain/pairing/model';
import { casesRaisedBy, claimConcernEmail, concernEmailSent, createConcern, markConcern, releaseConcernEmail, type StoredConcern } from '../adapters/concerns';
import { createMailer, type Mailer } from '../adapters/mailer';
import { enrolmentsOfSamePerson, getParticipant } from '../adapters/participants';
import { getProgram, type StoredProgram } from '../adapters/programs';
import { issueStandingAddress } from '../adapters/reply-tokens';
import { sendTaskAnswer } from '../adapters/workflow-callbacks';
import {
  addressDigest,
  concernAudience,
  concernRaise,
  concernTarget,
  escalationAt,
  recentHistory,
  type ConcernCase,
  type ConcernChannel,
  type RaiserPairing,
} from '../domain/concerns';
import { adminConcernRaised, concernReceived, participantAudience, recipientNow } from '../domain/emails';
import { programContact } from '../domain/program-contact';
import { emailKey, type Participant } from '../domain/participant';
import { programClosed, rematchFactsOf } from '../domain/rematch-policy';
import { answeredByEmail } from '../domain/suppression';
import { requireEnv } from '../shared/config';
import { logger } from '../shared/powertools';
import { requestControl } from './departure';
import { runningPartnerNames } from './running-partners';
import { keptAdminNames, nothingToLeave, pairingsAfterExit } from '../domain/concern-readers';
import type { PageReader } from '../domain/concern-page';

/**
 * Raises a private concern (a reply CONCERN, or the concern form): opens the case, emails every
 * program admin at once and acknowledges it to the person (not to an address that bounced or
 * complained: domain/suppression.ts, answeredByEmail), then puts it under the pairing's watch
 * (the lifecycle escalates it if nobody acknowledges it in time) or, when the person asked to
 * leave, ends the pairing as not-a-fit. The partner is never emailed about it: their pairing
 * carries on exactly as before (or ends with the neutral wording of any rematch). Safe to repeat,
 * also at once (the form sent twice by a double click): the case id comes from what raised it, each
 * email is claimed on the case before it is sent (sendOnce), and the watch is marked once.
 */

export interface RaiseConcernInput {
  readonly programId: string;
  readonly participantId: string;
  /** The pairing the email was about (a question's); otherwise the person's running pairing. */
  readonly pairingId?: string;
  readonly text?: string;
  readonly exit: boolean;
  readonly channel: ConcernChannel;
  /** What raised it, unique per message or form and day: the case id is derived from it (domain/concerns.ts, concernRaise). */
  readonly seed: string;
  readonly now: Date;
}

let mailer: Mailer | undefined;
const mail = () => (mailer ??= createMailer({ from: requireEnv('MAIL_FROM') }));

/**
 * The pairing a concern is about (functions/domain/concerns.ts, concernTarget): the one named, the
 * person's only running one, the one whose partner the text names, or none when that cannot be
 * told apart (`among`); with none running, the latest that ended.
 */
async function pairingOf(
  input: Pick<RaiseConcernInput, 'programId' | 'participantId' | 'pairingId' | 'text'>,
  person: Participant,
): Promise<{ pairing?: Pairing; among: Pairing[]; mine: Pairing[]; byName?: true }> {
  const pairings: Pairing[] = [];
  for (const id of await pairingIdsOf(input.participantId)) {
    const p = await getPairing(id);
    if (p && p.programId === input.programId) pairings.push(p);
  }
  const running = pairings.filter((p) => !isTerminal(p.status));
  if (input.pairingId) {
    const named = pairings.find((p) => p.pairingId === input.pairingId) ?? (await getPairing(input.pairingId));
    return { ...(named ? { pairing: named } : {}), among: [], mine: pairings };
  }
  // Partners' names are read only when there is a choice to make.
  const names = new Map<string, string>();
  if (running.length > 1) for (const p of running) names.set(p.pairingId, (await getParticipant(partnerIdOf(p, person.participantId)))?.name ?? '');
  const target = concernTarget(
    undefined,
    pairings.map((p) => ({ pairingId: p.pairingId, running: !isTerminal(p.status), createdAt: p.createdAt, partnerName: names.get(p.pairingId) ?? '' })),
    input.text,
  );
  const byId = (id: string) => pairings.find((p) => p.pairingId === id)!;
  return {
    ...(target.pairingId ? { pairing: byId(target.pairingId) } : {}),
    among: (target.among ?? []).map(byId),
    mine: pairings,
    ...(target.byName ? { byName: true as const } : {}),
  };
}

/**
 * The person's running pairings in every program, as any enrolment of theirs (same-person.ts: by
 * address and employee id), with their partner's address: their partner in one program may be an
 * admin of another, and never reads the case (concernAudience). `here`: the enrolment's own
 * pairings in this program, already read.
 */
async function runningEverywhere(
  person: Participant,
  here: readonly Pairing[],
): Promise<{ addresses: string[]; pairings: RaiserPairing[]; names: Map<string, string> }> {
  const enrolments = await enrolmentsOfSamePerson(person);
  const running: { pairing: Pairing; self: string }[] = here.filter((p) => !isTerminal(p.status)).map((pairing) => ({ pairing, self: person.participantId }));
  for (const e of enrolments) {
    if (e.participantId === person.participantId) continue;
    for (const id of await pairingIdsOf(e.participantId)) {
      const p = await getPairing(id);
      if (p && !isTerminal(p.status) && !running.some((r) => r.pairing.pairingId === id)) running.push({ pairing: p, self: e.participantId });
    }
  }
  const partners = await Promise.all(running.map((r) => getParticipant(partnerIdOf(r.pairing, r.self))));
  return {
    addresses: [person.email, ...enrolments.map((e) => e.email)],
    pairings: running.map((r, i) => ({ pairingId: r.pairing.pairingId, running: true, ...(partners[i] ? { partnerEmail: partners[i]!.email } : {}) })),
    names: new Map(partners.filter((p): p is Participant => p !== undefined).map((p) => [emailKey(p.email), p.name])),
  };
}

/**
 * Whom a concern the person raises now would be kept from, and which pairing it is about
 * (concernAudience): what raiseConcern acts on, and what the form says before anything is sent.
 * `keptAdmins`: the admins among them who are, or were, the person's partner, by first name.
 */
async function audienceOf(input: Pick<RaiseConcernInput, 'programId' | 'participantId' | 'pairingId' | 'text'>, person: Participant, program: StoredProgram) {
  const target = await pairingOf(input, person);
  const about = target.pairing ? [target.pairing] : target.among;
  const aboutPartners = await Promise.all(about.map((p) => getParticipant(partnerIdOf(p, person.participantId))));
  // Whoever is the person's partner in any running pairing, in any program, never reads it, as an
  // admin or otherwise: now, and in the reminder and the digest (the case keeps their digests).
  const everywhere = await runningEverywhere(person, target.mine);
  const audience = concernAudience({
    admins: program.admins,
    raiser: everywhere.addresses,
    pairings: [
      ...everywhere.pairings,
      ...about.map((p, i) => ({
        pairingId: p.pairingId,
        running: !isTerminal(p.status),
        ...(aboutPartners[i] ? { partnerEmail: aboutPartners[i].email } : {}),
      })),
    ],
    about: about.map((p) => p.pairingId),
  });
  const names = new Map(everywhere.names);
  for (const p of aboutPartners) if (p) names.set(emailKey(p.email), p.name);
  const keptAdmins = keptAdminNames({ admins: program.admins, keptFrom: audience.keptFrom, raiser: everywhere.addresses, names });
  return { ...target, about, aboutPartners, audience, keptAdmins };
}

/**
 * The person who opens their concern form, as the page speaks to them (domain/concern-page.ts):
 * whether a pairing of theirs runs here (else no "leave this pairing" and no partner to speak
 * of), the admins their concern would be kept from, and whether any admin would be emailed at all.
 */
export async function concernFormReader(programId: string, participantId: string | undefined): Promise<PageReader> {
  const [person, program] = await Promise.all([participantId ? getParticipant(participantId) : undefined, getProgram(programId)]);
  if (!person) return {};
  const counted = person.rematchAttempts !== undefined ? { rematchAttempts: person.rematchAttempts } : {};
  if (!program) return counted;
  const { mine, audience, keptAdmins } = await audienceOf({ programId, participantId: person.participantId }, person, program);
  return {
    ...counted,
    ...(mine.some((p) => !isTerminal(p.status)) ? {} : { noRunningPairing: true }),
    ...(keptAdmins.length > 0 ? { keptAdmins } : {}),
    ...(audience.unrouted ? { unrouted: true } : {}),
  };
}

export async function raiseConcern(input: RaiseConcernInput): Promise<{
  concernId: string;
  created: boolean;
  exit: boolean;
  unrouted: boolean;
  leaveUnclear: boolean;
  noPairingToLeave?: boolean;
  acknowledgedByEmail: boolean;
}> {
  const [person, program] = await Promise.all([getParticipant(input.participantId), getProgram(input.programId)]);
  if (!person || !program) throw new Error(`A concern names participant ${input.participantId} of program ${input.programId}, which are not both stored.`);
  const { pairing, among, byName, aboutPartners, audience, keptAdmins } = await audienceOf(input, person, program);
  const partnerId = pairing ? partnerIdOf(pairing, person.participantId) : undefined;
  const running = pairing !== undefined && !isTerminal(pairing.status);
  // Several pairings and no telling which: the latest watches the case (its escalation), none is ended.
  const watcher = pairing ?? [...among].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  // The same words through the form after an admin acted on their case are a new case (concernRaise).
  const { concernId } = concernRaise(input.seed, input.channel, await casesRaisedBy(input.seed, input.channel));
  const days = program.lifecycle.concernEscalationDays;
  const escalateAt = escalationAt(input.now, days, program.timeZone, program.lifecycle.sendTime, program.nonWorkingDays ?? []);
  const partners = aboutPartners.filter((p): p is Participant => p !== undefined);
  // A leave asked for with no pairing running: nothing ends, and the receipt says there is none to leave.
  const noPairingToLeave = nothingToLeave({ asked: input.exit, running, among: among.length });
  const draft: ConcernCase = {
    concernId,
    programId: program.programId,
    participantId: person.participantId,
    role: person.role,
    ...(pairing ? { pairingId: pairing.pairingId } : {}),
    ...(partnerId ? { partnerId } : {}),
    ...(input.text ? { text: input.text } : {}),
    // An exit ends a pairing only when the email named it (or it is the only one running): one told
    // apart by a name in the text is confirmed by an admin first.
    exit: input.exit && running && !byName,
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
    ...(among.length > 0 ? { amongPairingIds: among.map((p) => p.pairingId) } : {}),
    ...(input.exit && (among.length > 0 || (byName && running)) ? { leaveUnclear: true } : {}),
    ...(noPairingToLeave ? { leaveWithNone: true } : {}),
    version: 1,
  };
  const { created, concern } = await createConcern({ ...draft, keptFromDigests: audience.keptFrom.map(addressDigest) });
  const once: Once = { concernId, claimant: randomUUID(), now: input.now };
  await notifyAdmins(concern, program, person, partners, audience, once);
  await acknowledge(concern, program, person, audience.keptFrom, once, { keptAdmins, noPairingToLeave });
  // Watched first, also when the person asks to leave: the pairing's execution keeps watching the
  // case after the end it is about to act on, and reminds the admins if nobody reads it in time.
  if (watcher && !isTerminal(watcher.status) && (await markConcern(concernId, 'watchedAt', input.now))) {
    const out = await appendConcernWatch(watcher.pairingId, { concernId, escalateAt: concern.escalateAt }, input.now);
    // The execution wakes to plan the escalation date (it may be waiting for a later one).
    if (out !== false && out.wakeToken) await sendTaskAnswer(out.wakeToken, { woken: 'concern' });
  }
  if (concern.exit && pairing) await requestControl(pairing.pairingId, { kind: 'end', requestedAt: input.now.toISOString(), reason: 'not-a-fit' });
  logger.info('concern raised', { concernId, programId: program.programId, pairingId: pairing?.pairingId, created, exit: concern.exit });
  // What the form's page says, as the receipt does: nobody could be emailed (every admin is one of
  // the pair), and a leave asked for that ended nothing (several pairings, none told apart).
  return {
    concernId,
    created,
    exit: concern.exit,
    unrouted: audience.unrouted,
    leaveUnclear: concern.leaveUnclear === true,
    noPairingToLeave,
    acknowledgedByEmail: answeredByEmail(person.status),
  };
}

/** One raise of a case, as the claims on its emails name it. */
interface Once {
  readonly concernId: string;
  /** This raise's own id: the SDK repeating a claim whose response was lost gets it again. */
  readonly claimant: string;
  readonly now: Date;
}

/**
 * Sends one email of the case (`key`: the template, and the admin it goes to) exactly once, however
 * many raises of the case run at once: claimed first (pending), marked sent after. A send that fails
 * gives the claim back, so the next try (the form sent again, the message redelivered) sends it; a
 * claim whose sender died before marking it is taken over after its lease (CONCERN_EMAIL_LEASE_MS).
 * The inbound notices' markNotice claims for good before sending: there, a notice lost to a crash is
 * acceptable; an admin never hearing of a concern is not.
 */
async function sendOnce(once: Once, key: string, send: () => Promise<{ messageId: string }>): Promise<void> {
  if (!(await claimConcernEmail(once.concernId, key, once.claimant, once.now))) return;
  let messageId: string;
  try {
    ({ messageId } = await send());
  } catch (error) {
    await releaseConcernEmail(once.concernId, key, once.claimant).catch((e: unknown) => logger.warn('concern email claim not released', { key, error: e }));
    throw error;
  }
  await concernEmailSent(once.concernId, key, once.now, messageId);
}

async function notifyAdmins(
  c: StoredConcern,
  program: StoredProgram,
  person: Participant,
  partners: readonly Participant[],
  audience: ReturnType<typeof concernAudience>,
  once: Once,
): Promise<void> {
  // Marked by cases raised before emails were claimed one by one: those were all sent.
  if (c.adminsNotifiedAt) return;
  const { now } = once;
  // Never to the pair's own people: an admin who is the raiser, or their partner in this pairing or
  // in any running one (of any program), is not told.
  const { admins, keptFrom } = audience;
  // Every admin is one of the pair: nobody can be emailed. The case is kept for HR (GET /concerns)
  // and the person is told so; operators see it in the log.
  if (admins.length === 0)
    logger.error('concern not emailed: every program admin is one of the pair', { concernId: c.concernId, programId: program.programId });
  const partner = c.pairingId ? partners[0] : undefined;
  for (const to of admins) {
    const email = adminConcernRaised({
      to: { timeZone: program.timeZone },
      // The admin to ask is another admin than this reader (footer.ts): with none, nobody is named.
      program: programContact(program, [...keptFrom, to]),
      concernId: c.concernId,
      raisedAt: c.raisedAt,
      // Their address, for the admin to write to them as the email asks (never the partner's).
      raisedBy: { name: person.name, role: person.role, ...(person.email ? { email: person.email } : {}) },
      ...(partner ? { partner: { name: partner.name, role: partner.role } } : {}),
      ...(!c.pairingId && partners.length > 0 ? { partners: partners.map((p) => ({ name: p.name, role: p.role })) } : {}),
      ...(c.leaveUnclear ? { leaveUnclear: true } : {}),
      ...(c.leaveWithNone ? { leaveWithNone: true } : {}),
      ...(c.text ? { text: c.text } : {}),
      // Before the exit's end is asked for (below): the rematches as they stand say who is past their cap.
      ...(c.exit ? { exit: true, ...rematchFactsOf(partner ? [person, partner] : [person], program, now) } : {}),
      ...(c.pairingId ? { pairingId: c.pairingId } : {}),
      ...(c.pairing && isTerminal(c.pairing.status as Pairing['status']) ? { pairingEnded: true } : {}),
      workingDays: program.lifecycle.concernEscalationDays,
    });
    await sendOnce(once, `adminConcernRaised:${emailKey(to)}`, () =>
      mail().send({ to, email, tags: { programId: program.programId.replace(/[^A-Za-z0-9_-]/g, '-') } }),
    );
  }
}

/**
 * What the receipt says beyond the case: the admins it is kept from as the person's partners
 * (keptAdminNames), and a leave asked for with no pairing to end (nothingToLeave).
 */
interface Receipt {
  readonly keptAdmins: readonly string[];
  readonly noPairingToLeave: boolean;
}

async function acknowledge(
  c: StoredConcern,
  program: StoredProgram,
  person: Participant,
  pair: readonly (string | undefined)[],
  once: Once,
  receipt: Receipt,
): Promise<void> {
  // As for the admins' note: a case raised before the claims marks its receipt once sent.
  if (c.acknowledgementSentAt) return;
  // Their address bounced or complained: the admins have the concern, the person gets no email (docs/mail-feedback.md).
  if (!answeredByEmail(person.status)) {
    logger.info('concern not acknowledged: address suppressed', { concernId: c.concernId, participantId: person.participantId });
    return;
  }
  const { now } = once;
  const standing = await issueStandingAddress({ programId: program.programId, participantId: person.participantId, email: person.email }, now);
  const contact = programContact(program, pair, now);
  // The footer as their pairings stand once the leave asked for has ended the pairing (the end is
  // asked for just after): no PAUSE or REMATCH for a pairing that is over.
  const pairings = pairingsAfterExit(await pairingsOf(person.participantId), c.exit ? c.pairingId : undefined);
  const email = concernReceived({
    reader: participantAudience(person.participantId, pairings),
    // With several pairings running, the footer's REMATCH names the partners, as every email's does.
    to: recipientNow(
      { name: person.name, timeZone: person.timeZone },
      person.status,
      person.rematchAttempts,
      await runningPartnerNames(person, pairings),
      person.mailStoppedAt,
      now,
    ),
    program: { ...contact, ...(standing ? { concernUrl: standing.concernUrl } : {}) },
    ...(c.text ? { text: c.text } : {}),
    readBy: c.escalateAt,
    programTimeZone: program.timeZone,
    workingDays: program.lifecycle.concernEscalationDays,
    ...(c.exit ? { exit: true, ...(programClosed(program, now) ? { programClosed: true } : {}) } : {}),
    ...(c.leaveUnclear ? { leaveUnclear: true } : {}),
    ...(contact.admin.inPair ? { unrouted: true } : {}),
    ...(receipt.keptAdmins.length > 0 ? { keptAdmins: receipt.keptAdmins } : {}),
    ...(receipt.noPairingToLeave ? { noPairingToLeave: true } : {}),
  });
  await sendOnce(once, 'concernReceived', () =>
    mail().send({
      to: person.email,
      email,
      ...(standing ? { replyTo: standing.replyAddress, headers: standing.headers } : {}),
      tags: { programId: program.programId.replace(/[^A-Za-z0-9_-]/g, '-') },
    }),
  );
}
