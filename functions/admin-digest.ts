import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { claimDigest, lastDigestSentAt, listDigestItems, putDigestItem, releaseDigest } from './adapters/digest';
import { listConcerns } from './adapters/concerns';
import { concernHiddenFrom } from './domain/concerns';
import { excludedPairs, listRunsAwaitingApproval } from './adapters/match-review';
import { listChildren, listPairingItems, type Pairing } from './adapters/pairings';
import { pairedElsewhere } from './adapters/past-partners';
import { reportingLinesElsewhere } from './adapters/reporting-elsewhere';
import { partnerIdOf } from './domain/pairing/model';
import { getParticipant, listParticipants } from './adapters/participants';
import { listPrograms, type StoredProgram } from './adapters/programs';
import { listWaitlist } from './adapters/waitlist';
import { composeDigest, digestDue, nudgesToGo, waitingForPartner, whoWaits, type DigestFacts, type PairPeople } from './domain/digest';
import { adminDigest } from './domain/emails';
import { endedSinceOf } from './domain/emails/replies';
import { oneOfAddresses } from './domain/participant';
import { programContact } from './domain/program-contact';
import { programClosed } from './domain/rematch-policy';
import { outboundEvents } from './domain/events';
import type { ReportCheckIn } from './domain/report-facts';
import { pairsAtRisk } from './domain/report-risk';
import { sendEmail } from './lifecycle/context';
import { parsePendingRef } from './lifecycle/outbox';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

/**
 * The admins' weekly digest (docs/emails.md, Admin digest). Two inputs:
 * - `PairingAccepted`, `PairingNotStarted` and `PairingEnded` (an early end: a pairing that runs its
 *   course publishes `PairingCompleted`): routine notices, kept on the program as digest items (one
 *   per pairing and kind, so a redelivered event changes nothing) instead of an email each;
 * - the hourly schedule: every program whose digest hour it is (functions/domain/digest.ts) gets
 *   its digest composed, and each admin is sent theirs once a week, unless there is nothing to say.
 */

type Notice = 'PairingAccepted' | 'PairingNotStarted' | 'PairingEnded' | 'ParticipantSuppressed';
const NOTICES: ReadonlySet<string> = new Set<Notice>(['PairingAccepted', 'PairingNotStarted', 'PairingEnded', 'ParticipantSuppressed']);
type DigestEvent = EventBridgeEvent<Notice | 'Scheduled Event', unknown>;

const RUNNING = new Set(['introduced', 'active', 'paused']);
const READ_CONCURRENCY = 8;

async function keepNotice(event: DigestEvent & { 'detail-type': Notice }): Promise<{ kept: boolean }> {
  const type = event['detail-type'];
  const at = event.time && !Number.isNaN(Date.parse(event.time)) ? new Date(event.time).toISOString() : new Date().toISOString();
  if (type === 'ParticipantSuppressed') {
    // The event carries ids only: the person's enrolment says which program's admins read it.
    const { participantId, reason } = outboundEvents.ParticipantSuppressed.parse(event.detail);
    const person = await getParticipant(participantId);
    if (!person) return { kept: false };
    const { created } = await putDigestItem(person.programId, { key: `suppressed#${participantId}`, kind: 'suppressed', participantId, reason, at });
    logger.info('digest item kept', { programId: person.programId, participantId, kind: 'suppressed', created });
    return { kept: created };
  }
  if (type === 'PairingEnded') {
    // The reason is a code (the event carries no words): the digest says it in neutral words.
    const { programId, pairingId, reason } = outboundEvents.PairingEnded.parse(event.detail);
    const { created } = await putDigestItem(programId, { key: `ended#${pairingId}`, kind: 'ended', pairingId, reason, at });
    logger.info('digest item kept', { programId, pairingId, kind: 'ended', created });
    return { kept: created };
  }
  const detail = outboundEvents[type].parse(event.detail);
  const kind = type === 'PairingAccepted' ? 'accepted' : 'not-started';
  const { created } = await putDigestItem(detail.programId, { key: `${kind}#${detail.pairingId}`, kind, pairingId: detail.pairingId, at });
  logger.info('digest item kept', { programId: detail.programId, pairingId: detail.pairingId, kind, created });
  return { kept: created };
}

async function checkInsOf(pairings: readonly Pairing[]): Promise<Map<string, ReportCheckIn[]>> {
  const out = new Map<string, ReportCheckIn[]>();
  for (let i = 0; i < pairings.length; i += READ_CONCURRENCY) {
    const batch = pairings.slice(i, i + READ_CONCURRENCY);
    const lists = await Promise.all(batch.map((p) => listChildren<ReportCheckIn>(p.pairingId, 'CHECKIN#')));
    batch.forEach((p, k) => out.set(p.pairingId, lists[k]!));
  }
  return out;
}

/** Composes one program's digest and sends it to each admin who has not had this week's. */
async function sendDigest(program: StoredProgram, digestDay: string, now: Date): Promise<number> {
  const { programId } = program;
  const [pairingItems, people, waitlist, runs, items, concerns, lastSentAt, excluded] = await Promise.all([
    listPairingItems(programId),
    listParticipants(programId),
    listWaitlist(programId),
    listRunsAwaitingApproval(programId),
    listDigestItems(programId),
    listConcerns(programId),
    lastDigestSentAt(programId, digestDay),
    excludedPairs(programId),
  ]);
  const pairings = pairingItems.map((i) => i.pairing);
  // Nudges decided and held for the readers' working hours: the digest may go before them.
  const nudgesOf = new Map(pairingItems.map((i) => [i.pairing.pairingId, nudgesToGo(i.pendingOutbox.map(parsePendingRef))]));
  // Admins are staff: they read people by the full name stored at enrolment (an erased person by id).
  const nameOf = new Map(people.map((p) => [p.participantId, p.name]));
  const byId = new Map(pairings.map((p) => [p.pairingId, p]));
  const peopleOf = (p: Pick<Pairing, 'mentorId' | 'menteeId'>): PairPeople => ({
    mentor: nameOf.get(p.mentorId) ?? `participant ${p.mentorId}`,
    mentee: nameOf.get(p.menteeId) ?? `participant ${p.menteeId}`,
  });
  const running = pairings.filter((p) => RUNNING.has(p.status));
  const checkIns = await checkInsOf(running);
  const atRisk = pairsAtRisk(
    running.map((pairing) => ({
      pairing,
      checkIns: checkIns.get(pairing.pairingId) ?? [],
      reviews: [],
      nudgesToGo: nudgesOf.get(pairing.pairingId) ?? [],
    })),
    program,
    now,
  ).map((r) => ({ ...r, people: peopleOf(byId.get(r.pairingId)!) }));
  const roleOf = new Map(people.map((p) => [p.participantId, p.role]));
  const suppressed = items.flatMap((item) =>
    item.kind === 'suppressed'
      ? [
          {
            participantId: item.participantId,
            person: `${nameOf.get(item.participantId) || `participant ${item.participantId}`} (${roleOf.get(item.participantId) ?? 'participant'})`,
            reason: item.reason,
            at: item.at,
          },
        ]
      : [],
  );
  const statusOf = new Map(people.map((p) => [p.participantId, p.status]));
  const closedNow = programClosed(program, now);
  // Who waits, and whether the rules allow any pair of them at all (their pairings elsewhere are
  // read only when both roles wait: otherwise there is no pair to rule out).
  const { waiting } = whoWaits(people, pairings, waitlist, now, closedNow);
  const bothRoles = new Set(waiting.map((p) => p.role)).size === 2;
  // The same input a cohort run reads (cohort-matching.ts, solveFor), the matcher's rules checked on it.
  const [history, linesElsewhere] =
    bothRoles && !closedNow
      ? await Promise.all([
          pairedElsewhere(
            programId,
            people,
            waiting.map((p) => p.participantId),
          ),
          reportingLinesElsewhere(programId, people),
        ])
      : [[], []];
  const waitingNow = waitingForPartner(people, pairings, waitlist, now, closedNow, {
    program,
    excluded,
    pairedElsewhere: history,
    linesElsewhere,
  });
  const notices = items.flatMap((item): DigestFacts['notices'][number][] => {
    if (item.kind === 'suppressed') return [];
    const pairing = byId.get(item.pairingId);
    if (!pairing) return [];
    if (item.kind === 'ended') {
      // Where each of the pair who still takes part stands now (by their status at this digest).
      const pair = [pairing.mentorId, pairing.menteeId].map((id) => ({ name: nameOf.get(id) ?? '', status: statusOf.get(id) }));
      const stays = endedSinceOf(pairing, pair, { programHasClosed: closedNow })?.stays ?? [];
      return [{ ...item, people: peopleOf(pairing), stays }];
    }
    // The reason a person gave for declining is kept on the pairing, for the admins only.
    const detail = item.kind === 'not-started' ? pairing.statusReason : undefined;
    if (item.kind !== 'not-started') return [{ ...item, people: peopleOf(pairing) }];
    // Where each of the pair stands now, read as for an early end: an introduction that closed
    // unanswered leaves both waiting, one that one of them declined offers the other someone new.
    const pair = [pairing.mentorId, pairing.menteeId].map((id) => ({ name: nameOf.get(id) ?? '', status: statusOf.get(id) }));
    const stays = endedSinceOf({ ...pairing, status: 'ended' }, pair, { programHasClosed: closedNow })?.stays ?? [];
    return [{ ...item, people: peopleOf(pairing), ...(detail ? { detail } : {}), stays }];
  });
  // An admin who is one of a pair reads nothing about that pairing (a partner's decline reason, a risk about them).
  const emailOf = new Map(people.map((p) => [p.participantId, p.email]));
  const zoneOf = new Map(people.map((p) => [p.participantId, p.timeZone]));
  const open = concerns.filter((c) => c.state === 'open');
  // Who must never read a case: whoever raised it, and their partner in any of their pairings here.
  const privateFrom = (c: (typeof open)[number]) => {
    const partners = pairings
      .filter((p) => (p.mentorId === c.participantId || p.menteeId === c.participantId) && (RUNNING.has(p.status) || p.pairingId === c.pairingId))
      .map((p) => emailOf.get(partnerIdOf(p, c.participantId)));
    return [emailOf.get(c.participantId), ...partners];
  };
  const digestFor = (admin: string) => {
    const isAdmin = oneOfAddresses([admin]);
    const theirs = (pairingId: string) => {
      const p = byId.get(pairingId);
      return p !== undefined && [emailOf.get(p.mentorId), emailOf.get(p.menteeId)].some((e) => e !== undefined && isAdmin(e));
    };
    const openConcerns = open
      // Also kept from an admin who is the person's partner in another program (as raised: keptFromDigests).
      .filter((c) => !concernHiddenFrom(c, admin, privateFrom(c)))
      .map((c) => ({
        concernId: c.concernId,
        raisedBy: `${nameOf.get(c.participantId) || `participant ${c.participantId}`} (${c.role})`,
        raisedAt: c.raisedAt,
        escalateAt: c.escalateAt,
      }));
    const content = composeDigest({
      program,
      now,
      atRisk: atRisk.filter((r) => !theirs(r.pairingId)),
      pairings: running
        .filter((p) => !theirs(p.pairingId))
        .map((pairing) => ({ pairing, people: peopleOf(pairing), timeZones: [pairing.mentorId, pairing.menteeId].flatMap((id) => zoneOf.get(id) ?? []) })),
      ...waitingNow,
      programClosed: closedNow,
      approvals: runs.map((r) => ({
        runId: r.runId,
        pairCount: r.pairCount,
        unmatchedCount: r.unmatchedCount,
        since: r.createdAt,
        route: `/programs/${programId}/matching/${r.runId}`,
      })),
      notices: notices.filter((n) => !theirs(n.pairingId)),
      suppressed,
      openConcerns,
      ...(lastSentAt ? { lastSentAt } : {}),
    });
    return content
      ? adminDigest({
          to: { timeZone: program.timeZone },
          program: programContact(program, [admin]),
          programId,
          weekOf: `${digestDay}T12:00:00Z`,
          ...content,
        })
      : undefined;
  };
  let sent = 0;
  for (const admin of program.admins) {
    const email = digestFor(admin);
    if (!email) {
      logger.info('digest: nothing to say', { programId, digestDay });
      continue;
    }
    if (!(await claimDigest(programId, digestDay, admin, now))) continue;
    try {
      await sendEmail(admin, email, undefined, { programId });
    } catch (e) {
      await releaseDigest(programId, digestDay, admin);
      throw e;
    }
    sent++;
  }
  logger.info('digest sent', { programId, digestDay, admins: sent });
  if (sent > 0) metrics.addMetric('DigestsSent', MetricUnit.Count, sent);
  return sent;
}

export const handler = eventHandler('admin-digest', async (event: DigestEvent): Promise<{ kept: boolean } | { programs: number; sent: number }> => {
  const type = event['detail-type'];
  if (NOTICES.has(type)) return keepNotice(event as DigestEvent & { 'detail-type': Notice });
  const now = new Date();
  let programs = 0;
  let sent = 0;
  for (const program of await listPrograms()) {
    const digestDay = digestDue(program, now);
    if (!digestDay) continue;
    programs++;
    sent += await sendDigest(program, digestDay, now);
  }
  logger.info('digest hour', { programs, sent });
  return { programs, sent };
});
