import { createHash } from 'node:crypto';
import { z } from 'zod';
import { publish } from './adapters/events';
import { createPairing, getPairing, isTerminal, listChildren, listPairingItems, listPairings, pairingsOf, type Pairing } from './adapters/pairings';
import { pairedElsewhere } from './adapters/past-partners';
import { reportingLinesElsewhere } from './adapters/reporting-elsewhere';
import { excludedPairs, excludePairs, markApproved, recordChange, type ReviewedRun } from './adapters/match-review';
import { getParticipant, listParticipants, ParticipantVersionConflict, updateParticipantStatus } from './adapters/participants';
import { getProgram, type StoredProgram } from './adapters/programs';
import {
  claimWaitlistNotice,
  closeRun,
  getProposedPair,
  getRun,
  getWaitlistEntry,
  listProposedPairs,
  listUnmatched,
  listWaitlist,
  markPairingAnnounced,
  markPairNotStarted,
  markProposalAnnounced,
  markWaitlistAnnounced,
  pairingAnnounced,
  putWaitlistEntry,
  removeWaitlistEntry,
  saveProposal,
  addToProposal,
  type RunKind,
  type StoredProposedPair,
  type WaitlistEntry,
} from './adapters/waitlist';
import type { OutboundEventDetail } from './domain/events';
import { owesPairingMatched, strandedPairings, waitlistedByThisStep } from './domain/matching/announcements';
import { matchIncrementally, type MatchParticipant, type PastPair, type UnmatchedParticipant } from './domain/matching/match';
import { PAIRING_KEYS } from './domain/pairing/model';
import type { Participant, ParticipantStatus } from './domain/participant';
import { whyPairCannotStart } from './domain/matching/free-to-start';
import { proposedPairsRuledOut, type ReportingLink, reportingLinkOf } from './domain/matching/reporting-chain';
import type { Program } from './domain/program';
import { programIdSchema } from './domain/program-id';
import { describeIssues, toFieldIssues } from './domain/validation';
import { isRunFinding, lastEndedPairing, whyUnmatchedWaits, type DecidedEmail } from './domain/waitlist-reason';
import { availableOn, OPEN_TO_MATCHING, placesHeldForAdmin, programClosed, REMATCH_LIMIT_CODE, toldClosedWhenEnded } from './domain/rematch-policy';
import { approvedByReplyOrLink } from './lifecycle/admin-questions';
import { stillToBeToldOfEnd } from './lifecycle/outbox';
import { tellMatchedFromWaitlist, tellWaitlistProgramClosed, waitlistAndTell } from './lifecycle/waitlist-notices';
import { eventHandler } from './shared/event-handler';
import { logger } from './shared/powertools';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The pairing id of a mentor and mentee in a program, derived, not random: an ended pair is never
 * proposed again and a mentee has one open pairing at a time, so the pair names its pairing for
 * good. Every run that proposes the same pair (a retried Map, a second MatchingRequested, a
 * duplicate RematchRequested) therefore creates the same pairing and starts the same execution.
 */
export function pairingIdFor(programId: string, mentorId: string, menteeId: string): string {
  const digest = createHash('sha256').update(`${programId}\n${mentorId}\n${menteeId}`).digest();
  return `pr_${[...digest.subarray(0, 20)].map((b) => B32[b & 31]).join('')}`;
}

export interface MatchingInput {
  readonly participants: MatchParticipant[];
  readonly activePairs: PastPair[];
  readonly previousPairs: PastPair[];
  /** Ids of the people looking for a partner in this run. */
  readonly waitingIds: string[];
  /** Those of them on the waitlist: matched first (their email promises so). */
  readonly priorityIds: string[];
  /** Everyone else of the program (left, withdrew, finished): they still link reporting lines. */
  readonly reportingLines: ReportingLink[];
  /** People the run leaves for later (`leaveOut`): the news that their pairing ended has not gone yet. */
  readonly leftOut: string[];
}

/** What a run's selection knows besides people and pairings. */
export interface RunContext {
  readonly program: Pick<Program, 'startDate' | 'endDate' | 'timeZone' | 'lifecycle'> & { readonly rematch?: Program['rematch'] };
  readonly now: Date;
  /**
   * People held for the admins at the rematch cap: on the waitlist (`rematch-limit`), or mentors
   * whose free places are held (placesHeldForAdmin). Only a cohort run, which the admins approve, offers them.
   */
  readonly heldForAdmin?: ReadonlySet<string>;
  /** Members an ended pairing still owes an email (its end news waits for their working hours). */
  readonly owedEndNews?: ReadonlySet<string>;
}

/**
 * Who takes part in a run: the waiting people, plus the people of running pairs (their mentors'
 * free places are offered, their mentees are left alone, reporting lines through them are known).
 * Ended pairings, and those named in `endedPairingIds` (a rematch can arrive before the workflow
 * records the end), are previous pairs, never proposed again. Nobody waits who said they are away
 * until a later date (`availableFrom`), and nobody at all once the program has closed. People in
 * `leaveOut` take no part at all (not offered, not waitlisted, no free place of theirs offered):
 * they only link reporting lines, and a later step or run offers them.
 */
export function matchingInput(
  people: readonly Participant[],
  pairings: readonly Pairing[],
  opts: { waiting: (p: Participant) => boolean; endedPairingIds?: readonly string[]; now?: Date; closed?: boolean; leaveOut?: ReadonlySet<string> },
): MatchingInput {
  const now = opts.now ?? new Date();
  const endedIds = new Set(opts.endedPairingIds ?? []);
  const ended = pairings.filter((p) => isTerminal(p.status) || endedIds.has(p.pairingId));
  const active = pairings.filter((p) => !ended.includes(p));
  const inActive = new Set(active.flatMap((p) => [p.mentorId, p.menteeId]));
  const openToMatching = people.filter((p) => OPEN_TO_MATCHING.includes(p.status));
  const open = openToMatching.filter((p) => !opts.leaveOut?.has(p.participantId));
  const waiting = opts.closed ? [] : open.filter((p) => !inActive.has(p.participantId) && availableOn(p, now) && opts.waiting(p));
  const waitingIds = new Set(waiting.map((p) => p.participantId));
  const chosen = open.filter((p) => waitingIds.has(p.participantId) || inActive.has(p.participantId));
  const chosenIds = new Set(chosen.map((p) => p.participantId));
  const pairOf = (p: Pairing): PastPair => ({ mentorId: p.mentorId, menteeId: p.menteeId });
  return {
    participants: chosen.map(({ status: _s, createdAt: _c, updatedAt: _u, version: _v, ...intake }) => intake),
    activePairs: active.map(pairOf),
    previousPairs: ended.map(pairOf),
    waitingIds: [...waitingIds],
    priorityIds: waiting.filter((p) => p.status === 'waitlisted').map((p) => p.participantId),
    reportingLines: people.filter((p) => !chosenIds.has(p.participantId)).map(reportingLinkOf),
    leftOut: openToMatching.filter((p) => !open.includes(p)).map((p) => p.participantId),
  };
}

/**
 * The input with the free places of the held mentors of running pairs (`held`) taken away: their
 * capacity becomes the places their running pairs take, so a rematch offers none of them.
 */
export function withPlacesHeld(input: MatchingInput, held: ReadonlySet<string>): MatchingInput {
  if (held.size === 0) return input;
  const taken = new Map<string, number>();
  for (const p of input.activePairs) taken.set(p.mentorId, (taken.get(p.mentorId) ?? 0) + 1);
  return {
    ...input,
    participants: input.participants.map((p) =>
      held.has(p.participantId) && taken.has(p.participantId) ? { ...p, capacity: taken.get(p.participantId)! } : p,
    ),
  };
}

/** What the state machine carries: ids only, so that a large cohort stays far below 256 KB. */
export interface ProposalSummary {
  readonly runId: string;
  readonly pairs: { pairingId: string }[];
  readonly pairCount: number;
  readonly unmatchedCount: number;
  /** Whether the admins approve it before it starts: always for a cohort run; for a rematch, when the program says so. */
  readonly needsApproval: boolean;
}

/**
 * A request or a step that no retry can make right (no such program, a pair of another run): the
 * state machine fails the run with this at once rather than retrying it (lib/workflows/cohort-matching.ts).
 */
export class MatchingRequestRefused extends Error {
  override readonly name = 'MatchingRequestRefused';
}

export async function requireProgram(programId: string): Promise<StoredProgram> {
  const program = await getProgram(programId);
  if (!program) throw new MatchingRequestRefused(`Program ${programId} does not exist: create it (and enrol its participants) before requesting matching.`);
  return program;
}

type Selection = (people: Participant[], pairings: Pairing[], run: RunContext) => MatchingInput;

/**
 * Reads the program's people, pairings, excluded pairs and waitlist, and solves the selection
 * incrementally. `automatic` (a rematch, or the pairs added after an approval): the free places of
 * mentors held for the admins (placesHeldForAdmin) are not offered.
 */
async function solveFor(program: StoredProgram, select: Selection, now: Date, automatic: boolean) {
  const { programId } = program;
  const [people, items, excluded, waitlist] = await Promise.all([
    listParticipants(programId),
    listPairingItems(programId),
    excludedPairs(programId),
    listWaitlist(programId),
  ]);
  const pairings = items.map((i) => i.pairing);
  const owedEndNews = await stillToBeToldOfEnd(items, now);
  const heldPlaces = people
    .filter(
      (p) =>
        p.role === 'mentor' &&
        placesHeldForAdmin(
          p,
          pairings.filter((x) => x.mentorId === p.participantId),
        ),
    )
    .map((p) => p.participantId);
  const heldForAdmin = new Set([...waitlist.filter((w) => w.code === REMATCH_LIMIT_CODE).map((w) => w.participantId), ...heldPlaces]);
  // Whoever was told the program closed ("you are off the waitlist and will get no more emails
  // about this program") is never offered again, even if HR moves the end date later: they still
  // link reporting lines, as anyone no longer taking part does.
  const toldClosed = new Set(waitlist.filter((w) => w.closedNoticeAt !== undefined).map((w) => w.participantId));
  const offered = people.map((p) => (toldClosed.has(p.participantId) ? { ...p, status: 'inactive' as const } : p));
  const selected = select(offered, pairings, { program, now, heldForAdmin, owedEndNews });
  const input = automatic ? withPlacesHeld(selected, new Set(heldPlaces)) : selected;
  const { version: _v, createdAt: _c, updatedAt: _u, ...settings } = program;
  // The same two people's pairings in other programs (found by the person, across programs), and
  // the reporting lines of managers enrolled only elsewhere.
  const [history, linesElsewhere] = await Promise.all([
    pairedElsewhere(programId, input.participants, input.waitingIds),
    reportingLinesElsewhere(programId, people),
  ]);
  const result = matchIncrementally({
    program: settings,
    participants: input.participants,
    activePairs: input.activePairs,
    // Pairs the admins rejected or forbade in an approved review are never proposed again.
    previousPairs: [...input.previousPairs, ...excluded],
    priorityIds: input.priorityIds,
    reportingLines: [...input.reportingLines, ...linesElsewhere],
    pairedElsewhere: history,
  });
  return { input, result };
}

/** Solves one run (cohort or rematch) incrementally against running pairs and stores the proposal. */
export async function propose(kind: RunKind, programId: string, runId: string, select: Selection, now: Date): Promise<ProposalSummary> {
  const program = await requireProgram(programId);
  const { input, result } = await solveFor(program, select, now, kind !== 'cohort');
  const waiting = new Set(input.waitingIds);
  const pairs = result.pairs.map((p) => ({ pairingId: pairingIdFor(programId, p.mentorId, p.menteeId), ...p }));
  // Mentors of running pairs are in the solve for their free places, not as people waiting.
  const unmatched = result.unmatched.filter((u) => waiting.has(u.participantId));
  const stats = { ...result.stats, ...(input.leftOut.length > 0 ? { leftForTheirEndNews: input.leftOut.length } : {}) };
  const { created, eventOwed } = await saveProposal({ programId, runId, kind, stats }, pairs, unmatched, now);
  const stored = created ? pairs : await listProposedPairs(programId, runId);
  const unmatchedCount = created ? unmatched.length : (await listUnmatched(programId, runId)).length;
  // Owed from the header's first write until it is out: a retry after a failed put sends it then.
  if (eventOwed) {
    await publish({ type: 'MatchingProposed', detail: { programId, runId, kind, pairs: stored.length, unmatched: unmatchedCount } });
    await markProposalAnnounced(programId, runId);
  }
  logger.info('matching proposed', {
    programId,
    runId,
    kind,
    pairs: stored.length,
    unmatched: unmatchedCount,
    waiting: waiting.size,
    leftOut: input.leftOut.length,
  });
  const needsApproval = kind === 'cohort' || program.rematch?.needsApproval === true;
  return { runId, pairs: stored.map((p) => ({ pairingId: p.pairingId })), pairCount: stored.length, unmatchedCount, needsApproval };
}

/** Open (not ended) pairings a participant is in, other than `except`. */
async function openPairings(participantId: string, except?: string): Promise<Pairing[]> {
  return (await pairingsOf(participantId)).filter((p) => p.pairingId !== except && !isTerminal(p.status));
}

/** Sets a status unless the person is already there or no longer open to it; re-reads on a version race. */
async function moveTo(participantId: string, status: 'paired' | 'waitlisted' | 'enrolled' | 'inactive', from: readonly ParticipantStatus[]): Promise<boolean> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const p = await getParticipant(participantId);
    if (!p || p.status === status || !from.includes(p.status)) return false;
    try {
      await updateParticipantStatus(participantId, p.version, status);
      return true;
    } catch (e) {
      if (!(e instanceof ParticipantVersionConflict)) throw e;
    }
  }
  throw new Error(`Participant ${participantId} kept changing while being marked ${status}; the step will be retried.`);
}

/** Why this pair cannot start now, read item by item (the rule: whyPairCannotStart). */
async function whyNotFree(
  program: StoredProgram,
  pairingId: string,
  mentorId: string,
  menteeId: string,
): Promise<{ reason: string; taken: boolean } | undefined> {
  const [mentor, mentee, menteeOpen, mentorOpen] = await Promise.all([
    getParticipant(mentorId),
    getParticipant(menteeId),
    openPairings(menteeId, pairingId),
    openPairings(mentorId, pairingId),
  ]);
  return whyPairCannotStart({
    ...(mentor ? { mentor } : {}),
    ...(mentee ? { mentee } : {}),
    menteeOpen: menteeOpen.length,
    mentorOpen: mentorOpen.length,
    maxMenteesPerMentor: program.matching.rules.maxMenteesPerMentor,
  });
}

/** One Map item: create the proposed pairing (idempotent) and say whether its lifecycle may start. */
export async function createProposedPairing(programId: string, runId: string, pairingId: string, now: Date): Promise<{ start: boolean; reason?: string }> {
  const pair = await getProposedPair(programId, runId, pairingId);
  if (!pair) throw new MatchingRequestRefused(`Pairing ${pairingId} is not part of matching run ${runId}: start the Map from that run's proposal.`);
  const existing = await getPairing(pairingId);
  if (!existing) {
    // Marked at approval (a reporting line that changed since the proposal).
    if (pair.notStarted) return { start: false, reason: pair.notStarted };
    const blocker = (await whyNotFree(await requireProgram(programId), pairingId, pair.mentorId, pair.menteeId))?.reason;
    if (blocker) {
      logger.warn('proposed pair skipped', { programId, runId, pairingId, blocker });
      await markPairNotStarted(programId, runId, pairingId, blocker);
      return { start: false, reason: blocker };
    }
  } else if (isTerminal(existing.status)) {
    return { start: false, reason: `pairing ${pairingId} has already ended` };
  }
  const { pairing } = await createPairing(
    {
      pairingId,
      programId,
      mentorId: pair.mentorId,
      menteeId: pair.menteeId,
      score: pair.score,
      reasons: pair.reasons,
      ...(pair.reasonsFor ? { reasonsFor: pair.reasonsFor } : {}),
      tradeOffs: pair.tradeOffs,
    },
    now,
  );
  await readyToStart(await requireProgram(programId), pairing, now);
  return { start: true };
}

/**
 * What a pairing about to start needs besides its record, each part safe to do again: both people
 * `paired` and off the waitlist, and `PairingMatched` put once. A retry, or a later run, that finds
 * the pairing already created still puts the event if no earlier attempt did.
 */
async function readyToStart(program: StoredProgram, pairing: Pairing, now: Date): Promise<void> {
  const { programId, pairingId, mentorId, menteeId, score } = pairing;
  for (const id of [mentorId, menteeId]) {
    await moveTo(id, 'paired', ['enrolled', 'waitlisted', 'awaiting-rematch']);
    // Whoever was told they wait is told they no longer do; the introduction itself follows.
    await tellMatchedFromWaitlist(program, id, pairingId, now);
    await removeWaitlistEntry(programId, id);
  }
  if (owesPairingMatched(pairing, await pairingAnnounced(programId, pairingId))) {
    await publish({ type: 'PairingMatched', detail: { pairingId, programId, mentorId, menteeId, score } });
    await markPairingAnnounced(programId, pairingId, now);
  }
}

/** The pairings of the program an earlier run created but never started (strandedPairings), for a cohort run to start. */
async function strandedOf(programId: string, now: Date): Promise<{ pairingId: string }[]> {
  return strandedPairings(await listPairings(programId), now).map((pairingId) => ({ pairingId }));
}

/**
 * One item of "Start the pairings an earlier run left": the pairing was approved with its own run,
 * so it starts without a new approval, once its people and its event are seen to. One that has
 * moved on meanwhile (its lifecycle did start, or it ended) is left alone.
 */
export async function startStrandedPairing(programId: string, pairingId: string, now: Date): Promise<{ start: boolean; reason?: string }> {
  const pairing = await getPairing(pairingId);
  if (pairing?.programId !== programId) throw new MatchingRequestRefused(`Pairing ${pairingId} is not a pairing of program ${programId}.`);
  if (pairing.status !== 'proposed') return { start: false, reason: `pairing ${pairingId} is ${pairing.status} now` };
  logger.warn('starting a pairing an earlier run left', { programId, pairingId, createdAt: pairing.createdAt });
  await readyToStart(await requireProgram(programId), pairing, now);
  return { start: true };
}

/**
 * Puts the run's unmatched people on the waitlist with their reason, unless they were paired
 * meanwhile, and tells each once. Once the program has closed, everyone still waiting is told that
 * no partner was found (people a rematch was looking for join the waitlist first).
 */
export async function waitlistUnmatched(programId: string, runId: string, now: Date): Promise<{ waitlisted: number; toldClosed: number }> {
  const program = await requireProgram(programId);
  // Someone held at the rematch cap whom a cohort run did not pair stays held, with the reason they were told.
  const held = new Map((await listWaitlist(programId)).filter((w) => w.code === REMATCH_LIMIT_CODE).map((w) => [w.participantId, w]));
  let waitlisted = 0;
  for (const u of await listUnmatched(programId, runId)) {
    const p = await getParticipant(u.participantId);
    if (!p || !OPEN_TO_MATCHING.includes(p.status)) continue;
    const pairings = await pairingsOf(p.participantId);
    if (pairings.some((x) => !isTerminal(x.status))) continue;
    await moveTo(p.participantId, 'waitlisted', ['enrolled', 'paired', 'awaiting-rematch']);
    const kept = held.get(u.participantId);
    const found = await whyTheyWait(p, u, pairings);
    const why = kept ? { code: kept.code, reason: kept.reason, runId: kept.runId } : { ...found, runId };
    // Awaiting a rematch, their end email said a new partner is looked for (waitlistAndTell,
    // searchPromised); not someone whose pairing ended before any of its emails reached them.
    const searchPromised = p.status === 'awaiting-rematch' && !kept && found.code !== 'partner-unavailable';
    const { eventOwed } = await waitlistAndTell(program, { programId, participantId: u.participantId, role: u.role, ...why }, now, {
      announce: true,
      searchPromised,
    });
    if (eventOwed) await announceWaitlisted(programId, u.participantId, found.code);
    waitlisted++;
  }
  // A proposed pair that could not start (marked by its Map item, e.g. one of the two left before
  // the approval): the other one is not dropped in silence, but waits, first in line, for the next run.
  for (const pair of await listProposedPairs(programId, runId)) {
    if (!pair.notStarted) continue;
    for (const [participantId, role] of [
      [pair.mentorId, 'mentor'],
      [pair.menteeId, 'mentee'],
    ] as const) {
      const p = await getParticipant(participantId);
      if (!p || !OPEN_TO_MATCHING.includes(p.status) || (await openPairings(participantId)).length > 0) continue;
      if (p.status === 'waitlisted' && !(await waitlistedHere(programId, participantId, runId, 'partner-unavailable'))) continue;
      await moveTo(participantId, 'waitlisted', ['enrolled', 'paired', 'awaiting-rematch']);
      const reason = `${p.name}'s proposed pair could not start (${pair.notStarted}); they wait, first in line, for the next matching run.`;
      const { eventOwed } = await waitlistAndTell(program, { programId, participantId, role, code: 'partner-unavailable', reason, runId }, now, {
        announce: true,
      });
      if (eventOwed) await announceWaitlisted(programId, participantId, 'partner-unavailable');
      waitlisted++;
    }
  }
  let toldClosed = 0;
  if (programClosed(program, now)) {
    // Whoever still waits without being on the waitlist: a rematch's people, and anyone enrolled
    // before the program closed whom no run paired (a closed run offers nobody).
    for (const p of await listParticipants(programId)) {
      if ((p.status !== 'awaiting-rematch' && p.status !== 'enrolled') || (await openPairings(p.participantId)).length > 0) continue;
      await moveTo(p.participantId, 'waitlisted', ['awaiting-rematch', 'enrolled']);
      // Told once, below, that the program closed (not first that they wait); or already, by the
      // email that ended their pairing after the program's last day.
      await putWaitlistEntry({ programId, participantId: p.participantId, role: p.role, code: 'program-closed', reason: 'the program has closed', runId }, now);
      if (
        toldClosedWhenEnded(
          program,
          (await pairingsOf(p.participantId)).map((x) => x.endedAt),
        )
      ) {
        await claimWaitlistNotice(programId, p.participantId, 'closedNoticeAt', now);
      }
    }
    toldClosed = await tellWaitlistProgramClosed(program, now);
    // "You are off the waitlist and will get no more emails about this program": from then on they
    // are no longer waiting (the report, their record) but inactive, as matching already treated
    // them (toldClosed, above: never offered again). Their entry stays, with why (QA journey3).
    for (const entry of await listWaitlist(programId)) {
      if (entry.closedNoticeAt !== undefined) await moveTo(entry.participantId, 'inactive', ['waitlisted']);
    }
  }
  await closeRun(programId, runId, 'completed', now);
  return { waitlisted, toldClosed };
}

/**
 * Why an unmatched person waits (whyUnmatchedWaits): the run's finding, or, when their latest pairing
 * ended before any of its emails reached them (a partner who left before the introduction they were
 * promised went out), that the partner found for them could not start after all.
 */
async function whyTheyWait(person: Participant, u: UnmatchedParticipant, pairings: readonly Pairing[]) {
  const ended = lastEndedPairing(pairings);
  // Its emails are read only when they could change the code (isRunFinding).
  const lost =
    ended && isRunFinding(u.code)
      ? {
          pairingId: ended.pairingId,
          emails: (
            await listChildren<{ status: DecidedEmail['status']; email?: { toParticipant?: string } }>(ended.pairingId, PAIRING_KEYS.outbox('email:'))
          ).map((e): DecidedEmail => ({ status: e.status, ...(e.email?.toParticipant ? { toParticipant: e.email.toParticipant } : {}) })),
        }
      : undefined;
  return whyUnmatchedWaits({ participantId: person.participantId, name: person.name, code: u.code, reason: u.reason }, lost);
}

/** Whether someone already `waitlisted` was put there by an earlier attempt of this step (waitlistedByThisStep). */
async function waitlistedHere(programId: string, participantId: string, runId: string, code: WaitlistEntry['code']): Promise<boolean> {
  return waitlistedByThisStep(await getWaitlistEntry(programId, participantId), runId, code);
}

/** Puts `ParticipantWaitlisted` for an entry that owes it (written with `announce`), then marks it out. */
async function announceWaitlisted(programId: string, participantId: string, code: OutboundEventDetail<'ParticipantWaitlisted'>['code']): Promise<void> {
  await publish({ type: 'ParticipantWaitlisted', detail: { programId, participantId, code } });
  await markWaitlistAnnounced(programId, participantId);
}

/**
 * A run the admins did not approve (REJECT, or no answer in time). A cohort run's people simply
 * stay enrolled for the next run; but a rematch's people were told "we are finding you a new
 * match": whoever of them still waits is waitlisted, told once that the program team reviewed the
 * proposed pairs and will look for a better partner in a later round, and is first in line then.
 */
async function closeNotApproved(programId: string, runId: string, now: Date): Promise<number> {
  const run = await getRun(programId, runId);
  let waitlisted = 0;
  if (run?.kind === 'rematch') {
    const program = await requireProgram(programId);
    const [pairs, unmatched] = await Promise.all([listProposedPairs(programId, runId), listUnmatched(programId, runId)]);
    const roles = new Map<string, 'mentor' | 'mentee'>([
      ...pairs.flatMap((p) => [[p.mentorId, 'mentor'] as const, [p.menteeId, 'mentee'] as const]),
      ...unmatched.map((u) => [u.participantId, u.role] as const),
    ]);
    for (const [participantId, role] of roles) {
      const p = await getParticipant(participantId);
      const waiting =
        p?.status === 'awaiting-rematch' || (p?.status === 'waitlisted' && (await waitlistedHere(programId, participantId, runId, 'rematch-not-approved')));
      if (!p || !waiting || (await openPairings(participantId)).length > 0) continue;
      await moveTo(participantId, 'waitlisted', ['awaiting-rematch']);
      const reason = `${p.name}'s rematch proposal was not approved; they wait, first in line, for the next matching run.`;
      const { eventOwed } = await waitlistAndTell(program, { programId, participantId, role, code: 'rematch-not-approved', reason, runId }, now, {
        announce: true,
      });
      if (eventOwed) await announceWaitlisted(programId, participantId, 'rematch-not-approved');
      waitlisted++;
    }
  }
  await closeRun(programId, runId, 'not-approved', now);
  return waitlisted;
}

/**
 * After the approval: the proposal as the admins left it (match review may have changed pairs
 * since it was solved, but an APPROVE by reply or link is taken only for the version its email
 * showed: lifecycle/admin-questions.ts answerAdminQuestion), and the approval recorded on the run
 * when the answer did not record it itself (an answer given before that existed).
 */
export async function approvedProposal(programId: string, runId: string, now: Date): Promise<ProposalSummary> {
  // The admin API and a reply or link mark their approval before answering; this marks one that
  // came otherwise, naming the admin whose question took it.
  const by = (await approvedByReplyOrLink(programId, runId)) ?? 'an admin, by reply or link';
  if (await markApproved(programId, runId, by, now))
    await recordChange(programId, runId, { at: now.toISOString(), by, action: 'approve', added: [], removed: [], reexplained: [] });
  // What the admins rejected or forbade in this run stays decided for the program's later runs:
  // the rejected person was told the team "will look for a better partner" for them.
  const review = ((await getRun(programId, runId)) as ReviewedRun | undefined)?.review;
  if (review) await excludePairs(programId, runId, [...review.rejected, ...review.ruledOut], now);
  const [pairs, unmatched, people] = await Promise.all([listProposedPairs(programId, runId), listUnmatched(programId, runId), listParticipants(programId)]);
  // HR may have moved a manager or a department since the proposal was solved: a pair the hard
  // rules now rule out does not start (its people wait, first in line, for the next run), as a
  // running pairing ends after such a change (reporting-line-changed, department-changed). The
  // lines are matching's: those other programs record for the same people included.
  const program = await requireProgram(programId);
  const skipped = new Set(pairs.filter((p) => p.notStarted).map((p) => p.pairingId));
  const linesElsewhere = await reportingLinesElsewhere(programId, people);
  for (const { index, reason } of proposedPairsRuledOut(pairs, people, program.matching.rules, linesElsewhere)) {
    const pair = pairs[index]!;
    if (pair.notStarted) continue;
    logger.warn('proposed pair skipped: ruled out since the proposal', { programId, runId, pairingId: pair.pairingId });
    await markPairNotStarted(programId, runId, pair.pairingId, reason);
    skipped.add(pair.pairingId);
  }
  // Another run approved meanwhile may have taken a partner (two proposals awaiting approval at
  // once): the other person is free, and fits others as before, so they are matched again now,
  // as a rematch would (without a second approval unless the program asks rematches to be approved).
  const freed = new Set<string>();
  const open = (await listPairings(programId)).filter((p) => !isTerminal(p.status));
  const started = new Set(open.map((p) => p.pairingId));
  const busyMentees = new Set(open.map((p) => p.menteeId));
  const placesUsed = new Map<string, number>();
  for (const p of open) placesUsed.set(p.mentorId, (placesUsed.get(p.mentorId) ?? 0) + 1);
  const byId = new Map(people.map((p) => [p.participantId, p]));
  // The same rule on what was read once for the whole proposal: a pair that looks blocked is
  // checked again item by item (the reads above may be a moment old).
  const maybeBlocked = (pair: StoredProposedPair) => {
    const [mentor, mentee] = [byId.get(pair.mentorId), byId.get(pair.menteeId)];
    return (
      whyPairCannotStart({
        ...(mentor ? { mentor } : {}),
        ...(mentee ? { mentee } : {}),
        menteeOpen: busyMentees.has(pair.menteeId) ? 1 : 0,
        mentorOpen: placesUsed.get(pair.mentorId) ?? 0,
        maxMenteesPerMentor: program.matching.rules.maxMenteesPerMentor,
      }) !== undefined
    );
  };
  for (const pair of pairs) {
    if (skipped.has(pair.pairingId) || started.has(pair.pairingId) || !maybeBlocked(pair)) continue;
    const blocker = await whyNotFree(program, pair.pairingId, pair.mentorId, pair.menteeId);
    if (!blocker) continue;
    logger.warn('proposed pair skipped: a partner was taken meanwhile', { programId, runId, pairingId: pair.pairingId, blocker: blocker.reason });
    await markPairNotStarted(programId, runId, pair.pairingId, blocker.reason);
    skipped.add(pair.pairingId);
    if (!blocker.taken) continue;
    for (const id of [pair.mentorId, pair.menteeId]) if ((await openPairings(id)).length === 0) freed.add(id);
  }
  const startable = pairs.filter((p) => !skipped.has(p.pairingId));
  const added =
    freed.size > 0 && program.rematch?.needsApproval !== true
      ? await pairFreedPeople(program, runId, freed, new Set(unmatched.map((u) => u.participantId)), startable, now)
      : [];
  const all = [...pairs, ...added];
  return { runId, pairs: all.map((p) => ({ pairingId: p.pairingId })), pairCount: all.length, unmatchedCount: unmatched.length, needsApproval: true };
}

/**
 * Matches again the people freed when their approved pair could not start because the partner was
 * taken, with this run's unmatched and the waitlist (as a rematch offers them), around the run's
 * pairs that still start. The new pairs join the proposal (the Map starts them with the others);
 * freed people left unmatched get an unmatched item with this solve's own reason, so the waitlist
 * step tells them the truth about why they wait.
 */
async function pairFreedPeople(
  program: StoredProgram,
  runId: string,
  freed: ReadonlySet<string>,
  runUnmatched: ReadonlySet<string>,
  startable: readonly StoredProposedPair[],
  now: Date,
): Promise<StoredProposedPair[]> {
  const { programId } = program;
  const startingMentees = new Set(startable.map((p) => p.menteeId));
  const { result } = await solveFor(
    program,
    (people, pairings, run) => {
      const input = matchingInput(people, pairings, {
        waiting: (p) =>
          !startingMentees.has(p.participantId) &&
          (freed.has(p.participantId) || runUnmatched.has(p.participantId) || (p.status === 'waitlisted' && !run.heldForAdmin?.has(p.participantId))),
        now: run.now,
        closed: programClosed(run.program, run.now),
        ...(run.owedEndNews ? { leaveOut: run.owedEndNews } : {}),
      });
      // The run's own pairs that still start use their mentors' places.
      return { ...input, activePairs: [...input.activePairs, ...startable.map((p) => ({ mentorId: p.mentorId, menteeId: p.menteeId }))] };
    },
    now,
    true,
  );
  const note = 'Proposed after the approval: an approved pair could not start because another run had paired one of its two people first';
  const pairs = result.pairs.map((p) => ({ pairingId: pairingIdFor(programId, p.mentorId, p.menteeId), ...p, reasons: [...p.reasons, note] }));
  const unmatched = result.unmatched.filter((u) => freed.has(u.participantId));
  await addToProposal(programId, runId, pairs, unmatched);
  logger.info('freed people matched again', { programId, runId, freed: freed.size, pairs: pairs.length, unmatched: unmatched.length });
  return pairs;
}

const id = z.string().min(1).max(80);
const stepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('solve'), request: z.unknown(), runId: id }),
  z.object({ step: z.literal('create-pairing'), programId: id, runId: id, pairingId: id }),
  z.object({ step: z.literal('start-stranded'), programId: id, pairingId: id }),
  z.object({ step: z.literal('waitlist'), programId: id, runId: id }),
  z.object({ step: z.literal('not-approved'), programId: id, runId: id }),
  z.object({ step: z.literal('approved'), programId: id, runId: id }),
]);
export type CohortStepEvent = z.input<typeof stepSchema>;

/** A matching request (MatchingRequested's detail, or the admin API's) names its program; anything else is refused with the reason. */
const matchingRequestSchema = z.object({ programId: programIdSchema }).passthrough();

export function matchingRequestProgram(request: unknown): string {
  const parsed = matchingRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new MatchingRequestRefused(
      `A matching request must name its program: ${describeIssues(toFieldIssues(parsed.error))} (for example {"programId": "pilot"}).`,
    );
  }
  return parsed.data.programId;
}

/** The steps of CohortMatching that are not questions; the state machine names each in plain English. */
export const handler = eventHandler('cohort-matching', async (event: unknown): Promise<unknown> => {
  const e = stepSchema.parse(event);
  const now = new Date();
  const programId = e.step === 'solve' ? matchingRequestProgram(e.request) : e.programId;
  logger.info('cohort matching step', { step: e.step, programId, ...('runId' in e ? { runId: e.runId } : { pairingId: e.pairingId }) });
  switch (e.step) {
    case 'solve':
      // A cohort run offers everyone not yet paired: new joiners and the waitlist. Whoever has not
      // yet been sent the news that their pairing ended is left out: their introduction or waitlist
      // email would come first, and the end email's "the next time the program team matches
      // people..." or "we are looking for a new partner" would be untrue when it comes. Their own
      // rematch (which waits for that news), or the next cohort run, offers them.
      // A cohort run also starts, before its own approval, what an earlier run approved but left
      // unstarted (`stranded`): their people are in an open pairing, so this solve leaves them alone.
      return {
        ...(await propose(
          'cohort',
          programId,
          e.runId,
          (people, pairings, run) =>
            matchingInput(people, pairings, {
              waiting: (p) => p.status === 'enrolled' || p.status === 'waitlisted' || p.status === 'awaiting-rematch',
              now: run.now,
              closed: programClosed(run.program, run.now),
              ...(run.owedEndNews ? { leaveOut: run.owedEndNews } : {}),
            }),
          now,
        )),
        stranded: await strandedOf(programId, now),
      };
    case 'create-pairing':
      return createProposedPairing(e.programId, e.runId, e.pairingId, now);
    case 'start-stranded':
      return startStrandedPairing(e.programId, e.pairingId, now);
    case 'waitlist':
      return waitlistUnmatched(e.programId, e.runId, now);
    case 'not-approved':
      return { closed: true, waitlisted: await closeNotApproved(e.programId, e.runId, now) };
    case 'approved':
      return approvedProposal(e.programId, e.runId, now);
  }
});
