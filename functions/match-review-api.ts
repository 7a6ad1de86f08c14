import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import {
  approvalQuestionsOf,
  excludedPairs,
  markApproved,
  recordChange,
  RunChangedMeanwhile,
  saveReviewChange,
  unmarkApproved,
  type ReviewChangeRecord,
  type ReviewedRun,
} from './adapters/match-review';
import { listPairings } from './adapters/pairings';
import { pairedElsewhere } from './adapters/past-partners';
import { reportingLinesElsewhere } from './adapters/reporting-elsewhere';
import { listParticipants } from './adapters/participants';
import { getProgram, type StoredProgram } from './adapters/programs';
import { answerQuestion } from './adapters/reply-tokens';
import { runApprovalQuestions } from './lifecycle/admin-questions';
import { getRun, listProposedPairs, listUnmatched, type StoredProposedPair } from './adapters/waitlist';
import { describeExecution, executionArnOf } from './adapters/workflow-callbacks';
import { matchingInput, pairingIdFor } from './cohort-matching';
import { adminRequestSchemas } from './domain/admin-requests';
import { apiApprovalRefusal, freeAdmins, ownPairs, pairsShownTo, reviewChangeRefusal } from './domain/approval-conflict';
import type { ProposedPair } from './domain/matching/match';
import { withNames } from './domain/matching/proposal-names';
import { reviewedStats } from './domain/matching/proposal-stats';
import { NO_REVIEW, pairNamed, reviewProposal, type ReviewCohort, type ReviewOperation } from './domain/matching/review';
import { requireEnv } from './shared/config';
import { HttpError, httpApiHandler, json, optionalJsonBody, pathId, type HttpEvent, type HttpResult } from './shared/http';
import { requester } from './shared/caller';
import { programPathId } from './shared/program-path';
import { logger, metrics } from './shared/powertools';

/**
 * Match review through the admin API (docs/admin-api.md, Match review): approve a proposal as the
 * approval email does, or change it pair by pair first (reject, swap, force, forbid). A function of
 * its own, beside the read-only admin API: it rewrites proposals in program partitions and answers
 * the run's approval question (SendTaskSuccess). The decisions are pure
 * (functions/domain/matching/review.ts); this loads the run, applies one change and stores it.
 */

const MAX_BODY_BYTES = 4 * 1024;

async function requireProgram(event: HttpEvent): Promise<StoredProgram> {
  const programId = programPathId(event);
  const program = await getProgram(programId);
  if (!program)
    throw new HttpError(404, `There is no program "${programId}": check the program id.`, [{ field: 'programId', message: 'is not a known program' }]);
  return program;
}

/** The run, or 409 while it is still solving, or 404 for a run this program does not have. */
async function requireRun(event: HttpEvent, program: StoredProgram): Promise<ReviewedRun> {
  const runId = pathId(event, 'runId', 'matching run');
  const run = (await getRun(program.programId, runId)) as ReviewedRun | undefined;
  if (run) return run;
  const execution = await describeExecution(executionArnOf(requireEnv('COHORT_MATCHING_ARN'), runId));
  if (execution?.status === 'RUNNING' && (execution.input as { programId?: unknown } | undefined)?.programId === program.programId) {
    throw new HttpError(
      409,
      `Matching run "${runId}" is still solving: wait until GET /programs/${program.programId}/matching/${runId} shows its proposal, then try again.`,
      [{ field: 'runId', message: 'is still solving' }],
    );
  }
  throw new HttpError(
    404,
    `Program "${program.programId}" has no matching run "${runId}": use the run id that POST /programs/${program.programId}/matching returned.`,
    [{ field: 'runId', message: 'is not a known matching run' }],
  );
}

/** True when an admin already approved by reply or link (the workflow may not have recorded it yet). */
async function answeredByEmail(run: ReviewedRun): Promise<boolean> {
  return (await runApprovalQuestions(run.programId, run.runId)).some((q) => q.usedAt !== undefined);
}

function closedRun(run: ReviewedRun): HttpError | undefined {
  // A run completes unapproved only when nothing in it waited for approval.
  if (run.approvedAt === undefined && run.status === 'completed')
    return new HttpError(
      409,
      `Matching run ${run.runId} needed no approval: ${run.pairCount > 0 ? 'its pairs started at once, as a rematch does unless the program sets rematch.needsApproval' : 'it proposed no pairs'}.`,
      [{ field: 'runId', message: 'needed no approval' }],
    );
  if (run.approvedAt !== undefined || run.status === 'completed')
    return new HttpError(
      409,
      `Matching run ${run.runId} is already approved: its pairs are starting, so the proposal cannot change. End or rematch a pairing instead.`,
      [{ field: 'runId', message: 'is already approved' }],
    );
  if (run.status === 'not-approved')
    return new HttpError(409, `Matching run ${run.runId} ended without approval: request matching again for a new proposal.`, [
      { field: 'runId', message: 'ended without approval' },
    ]);
  return undefined;
}

async function approve(event: HttpEvent): Promise<HttpResult> {
  const program = await requireProgram(event);
  const run = await requireRun(event, program);
  optionalJsonBody(event, adminRequestSchemas.approve, { what: 'An approval', maxBytes: MAX_BODY_BYTES });
  const answer = (status: string, approvedAt?: string, approvedBy?: string) =>
    json(200, { programId: program.programId, runId: run.runId, status, ...(approvedAt ? { approvedAt } : {}), ...(approvedBy ? { approvedBy } : {}) });
  // Idempotent: approving an approved run answers as the first approval did.
  if (run.approvedAt !== undefined) return answer('approved', run.approvedAt, run.approvedBy);
  const closed = closedRun(run);
  if (closed) throw closed;
  const questions = (await approvalQuestionsOf(program.programId, run.runId)).reverse();
  if (questions.length === 0)
    throw new HttpError(409, `The approval request of run ${run.runId} is still being sent: try again in a minute.`, [
      { field: 'runId', message: 'has no approval request yet' },
    ]);
  const by = requester(event);
  // Nobody approves a proposal that holds their own pair (domain/approval-conflict.ts): read after
  // the run's header, so the pairs are those of its version or a later one.
  const version = run.reviewVersion ?? 0;
  await refuseOwnPair(program, run.runId, by);
  const now = new Date();
  // Taken first, so that no review change slips in between the approval and the pairs starting;
  // at the version checked, so that a change adding the caller's pair meanwhile is not approved.
  if (!(await markApproved(program.programId, run.runId, by, now, { reviewVersion: version }))) {
    const again = (await getRun(program.programId, run.runId)) as ReviewedRun;
    if (again.approvedAt !== undefined) return answer('approved', again.approvedAt, again.approvedBy);
    throw (
      closedRun(again) ??
      new HttpError(409, `Matching run ${run.runId} was changed in match review meanwhile: read it again, then approve it as it is now.`, [
        { field: 'runId', message: 'changed meanwhile' },
      ])
    );
  }
  let delivered = false;
  for (const id of questions) {
    const result = await answerQuestion(id, { intent: 'yes', reason: 'Approved through the admin API.' }, { channel: 'api', now });
    if (result.status === 'recorded' || result.status === 'already-answered' || result.status === 'duplicate') {
      delivered = true;
      break;
    }
  }
  if (!delivered) {
    await unmarkApproved(program.programId, run.runId, now.toISOString());
    throw new HttpError(409, `Matching run ${run.runId} no longer waits for approval (its window closed): request matching again for a new proposal.`, [
      { field: 'runId', message: 'no longer waits for approval' },
    ]);
  }
  await recordChange(program.programId, run.runId, { at: now.toISOString(), by, action: 'approve', added: [], removed: [], reexplained: [] });
  logger.info('proposal approved', { programId: program.programId, runId: run.runId, channel: 'api' });
  metrics.addMetric('ProposalApproved', MetricUnit.Count, 1);
  return answer('approved', now.toISOString(), by);
}

/**
 * 403 when the caller is one of the people of a pair the run proposes now (their address compared
 * without letter case): the approval must come from someone in no proposed pair.
 */
async function refuseOwnPair(program: StoredProgram, runId: string, caller: string): Promise<void> {
  const [pairs, people] = await Promise.all([listProposedPairs(program.programId, runId), listParticipants(program.programId)]);
  const own = ownPairs(caller, pairs, people);
  if (own.length === 0) return;
  const approvers = freeAdmins(program.admins, pairs, people);
  const refusal = apiApprovalRefusal(caller, own, { programId: program.programId, runId, approvers });
  logger.info('approval refused: the caller is in a proposed pair', { programId: program.programId, runId, pairs: own.length });
  throw new HttpError(403, refusal!, [{ field: 'runId', message: 'holds a pair you are in' }]);
}

const asProposed = (p: StoredProposedPair): ProposedPair => ({
  mentorId: p.mentorId,
  menteeId: p.menteeId,
  score: p.score,
  reasons: p.reasons,
  reasonsFor: p.reasonsFor ?? { mentor: p.reasons, mentee: p.reasons, admin: p.reasons },
  tradeOffs: p.tradeOffs,
});

type ReviewAction = Exclude<ReviewChangeRecord['action'], 'approve'>;

async function change(event: HttpEvent, action: ReviewAction): Promise<HttpResult> {
  const program = await requireProgram(event);
  const run = await requireRun(event, program);
  const { programId } = program;
  const closed = closedRun(run);
  if (closed) throw closed;
  const [stored, unmatched] = await Promise.all([listProposedPairs(programId, run.runId), listUnmatched(programId, run.runId)]);
  const pairOf = (id: string, field: string) => {
    const p = pairNamed(id, stored, run.changes ?? []);
    if (!p)
      throw new HttpError(404, `Pair "${id}" is not in the proposal of run ${run.runId}: read the proposal again and use one of its pairing ids.`, [
        { field, message: 'is not a pair of this proposal' },
      ]);
    return p;
  };
  let op: ReviewOperation;
  let record: Pick<ReviewChangeRecord, 'mentorId' | 'menteeId' | 'pairingIds'>;
  if (action === 'reject') {
    optionalJsonBody(event, adminRequestSchemas.reject, { what: 'A rejection', maxBytes: MAX_BODY_BYTES });
    const pairingId = pathId(event, 'pairingId', 'pairing');
    op = { kind: 'reject', pair: pairOf(pairingId, 'pairingId') };
    record = { pairingIds: [pairingId] };
  } else if (action === 'swap') {
    const { pairIds } = optionalJsonBody(event, adminRequestSchemas.swap, { what: 'A swap', maxBytes: MAX_BODY_BYTES });
    op = { kind: 'swap', pairs: [pairOf(pairIds[0], 'pairIds.0'), pairOf(pairIds[1], 'pairIds.1')], ids: pairIds };
    record = { pairingIds: [...pairIds] };
  } else {
    const pair = optionalJsonBody(event, adminRequestSchemas[action], {
      what: action === 'force' ? 'A forced pair' : 'A forbidden pair',
      maxBytes: MAX_BODY_BYTES,
    });
    op = { kind: action, pair };
    record = pair;
  }
  if (await answeredByEmail(run)) throw closedRun({ ...run, approvedAt: 'by reply' })!;

  const [people, pairings, excluded] = await Promise.all([listParticipants(programId), listPairings(programId), excludedPairs(programId)]);
  const by = requester(event);
  const named = op.kind === 'force' || op.kind === 'forbid' ? [op.pair.mentorId, op.pair.menteeId] : [];
  const approvers = freeAdmins(program.admins, stored, people);
  const refuseIfOwn = (after: readonly StoredProposedPair[]) => {
    const refused = reviewChangeRefusal({ caller: by, before: stored, after, named, people, runId: run.runId, approvers });
    if (!refused) return;
    logger.info('review change refused: the caller is in a proposed pair or named by it', { programId, runId: run.runId, action });
    throw new HttpError(403, refused.message, [{ field: refused.field, message: refused.issue }]);
  };
  // Before the change is weighed: one in a proposed pair, or named by the change, is refused as
  // such, not told whether it would break a rule (409) of a proposal they may not review.
  refuseIfOwn(stored);
  const inRun = new Set([...stored.flatMap((p) => [p.mentorId, p.menteeId]), ...unmatched.map((u) => u.participantId)]);
  const input = matchingInput(people, pairings, { waiting: (p) => inRun.has(p.participantId) });
  const { version: _v, createdAt: _c, updatedAt: _u, ...settings } = program;
  // Pairs rejected or forbidden in an earlier approved review stay out of every re-solve.
  const cohort: ReviewCohort = {
    program: settings,
    ...input,
    // As the run solved: managers enrolled only elsewhere still link the reporting lines.
    reportingLines: [...input.reportingLines, ...(await reportingLinesElsewhere(programId, people))],
    previousPairs: [...input.previousPairs, ...excluded],
    // As the run solved: pairs ended for good in another program stay out, others are noted.
    pairedElsewhere: await pairedElsewhere(programId, input.participants, input.waitingIds),
  };
  const outcome = reviewProposal(cohort, { pairs: stored.map(asProposed), unmatched }, run.review ?? NO_REVIEW, op);
  if (outcome.refused) {
    throw new HttpError(outcome.status, outcome.message, [{ field: outcome.field, message: outcome.issue }]);
  }
  const idOf = (p: { mentorId: string; menteeId: string }) =>
    stored.find((s) => s.mentorId === p.mentorId && s.menteeId === p.menteeId)?.pairingId ?? pairingIdFor(programId, p.mentorId, p.menteeId);
  const withId = (p: ProposedPair): StoredProposedPair => ({ pairingId: idOf(p), ...p });
  // A re-solve may put the caller in a pair.
  refuseIfOwn(outcome.proposal.pairs.map(withId));
  const added = outcome.changes.added.map(withId);
  const reexplained = outcome.changes.reexplained.map(withId);
  const removed = outcome.changes.removed.map(idOf);
  const now = new Date().toISOString();
  const sorted = (list: ProposedPair[]) => list.map(withId).sort((a, b) => b.score - a.score || a.pairingId.localeCompare(b.pairingId));
  if (!outcome.changed) {
    // Made already (a retry after a lost answer, or the same change twice): the run as it stands, nothing stored.
    logger.info('review change already made', { programId, runId: run.runId, action });
    const none = { at: now, by, action, ...record, added: [], removed: [], reexplained: [], pairs: {}, unchanged: true };
    return json(200, {
      ...run,
      ...withNames({ pairs: pairsShownTo(by, sorted(outcome.proposal.pairs), people), unmatched: outcome.proposal.unmatched }, people),
      change: none,
    });
  }
  const entry: ReviewChangeRecord = {
    at: now,
    by,
    action,
    ...record,
    added: added.map((p) => p.pairingId),
    removed,
    reexplained: reexplained.map((p) => p.pairingId),
    // Who the added and removed pairs are (ids only), for the admins asked again with the change.
    pairs: Object.fromEntries([...added, ...outcome.changes.removed].map((p) => [idOf(p), { mentorId: p.mentorId, menteeId: p.menteeId }])),
  };
  const stillUnmatched = new Set(outcome.proposal.unmatched.map((u) => u.participantId));
  try {
    await saveReviewChange({
      programId,
      runId: run.runId,
      expectedVersion: run.reviewVersion ?? 0,
      state: outcome.state,
      change: entry,
      put: [...added, ...reexplained],
      deletePairs: removed,
      unmatched: outcome.proposal.unmatched,
      deleteUnmatched: unmatched.map((u) => u.participantId).filter((id) => !stillUnmatched.has(id)),
      pairCount: outcome.proposal.pairs.length,
      // The stats follow the pairs as reviewed, as pairCount and unmatchedCount do.
      stats: reviewedStats(run.stats ?? {}, outcome.proposal),
    });
  } catch (e) {
    if (e instanceof RunChangedMeanwhile) throw new HttpError(409, e.message, [{ field: 'runId', message: 'changed meanwhile' }]);
    throw e;
  }
  logger.info('proposal changed in review', { programId, runId: run.runId, action, added: added.length, removed: removed.length });
  metrics.addMetric('ProposalReviewed', MetricUnit.Count, 1);
  const pairs = sorted(outcome.proposal.pairs);
  const after = (await getRun(programId, run.runId)) as ReviewedRun;
  // As GET of the run answers it: names beside the ids (domain/matching/proposal-names.ts).
  return json(200, { ...after, ...withNames({ pairs: pairsShownTo(by, pairs, people), unmatched: outcome.proposal.unmatched }, people), change: entry });
}

const base = '/programs/{programId}/matching/{runId}';
const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [
    { method: 'POST', path: `${base}/approve`, handler: approve },
    { method: 'POST', path: `${base}/pairs/{pairingId}/reject`, handler: (e: HttpEvent) => change(e, 'reject') },
    { method: 'POST', path: `${base}/swap`, handler: (e: HttpEvent) => change(e, 'swap') },
    { method: 'POST', path: `${base}/force`, handler: (e: HttpEvent) => change(e, 'force') },
    { method: 'POST', path: `${base}/forbid`, handler: (e: HttpEvent) => change(e, 'forbid') },
  ],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(404, `There is no ${method} ${path} in the admin API: see docs/admin-api.md for its routes.`);
  },
});

export const handler = httpApiHandler(router, { hrGroup: true });
