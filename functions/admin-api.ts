import { createHash, randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { z } from 'zod';
import { getPairing, isTerminal, listChildren, listPairings, type Pairing } from './adapters/pairings';
import { collectParticipantData } from './adapters/participant-data';
import { listParticipants } from './adapters/participants';
import { getProgram, type StoredProgram } from './adapters/programs';
import { reviewAnsweredAt } from './domain/pairing/answers';
import { planEnd } from './domain/pairing/context';
import { getRun, listProposedPairs, listUnmatched } from './adapters/waitlist';
import { describeExecution, executionArnOf, publishControlRequest, startNamedExecution, type AdminControlRequest } from './adapters/workflow-callbacks';
import { adminRequestSchemas, checkPauseRequest, endRequestReason } from './domain/admin-requests';
import { pairingFinishedProblem, pairingStatusInWords } from './domain/control-events';
import { programReport, type ProgramReportInput, type ReportCheckIn, type ReportFeedback, type ReportReview, type ReportSkillRatings } from './domain/report';
import { pairsShownTo } from './domain/approval-conflict';
import { withNames } from './domain/matching/proposal-names';
import { participantExport } from './domain/participant-export';
import { reportCsv } from './domain/report-csv';
import { pauseBeforeStart } from './domain/pairing/controls';
import { pauseDay } from './domain/pairing/model';
import { programClosed } from './domain/rematch-policy';
import { requireEnv } from './shared/config';
import { header, HttpError, httpApiHandler, json, optionalJsonBody, pathId, type HttpEvent, type HttpResult } from './shared/http';
import { requester } from './shared/caller';
import { programPathId } from './shared/program-path';
import { participantPathId } from './shared/participant-path';
import { logger, metrics } from './shared/powertools';

/**
 * The admin API (API Gateway HTTP API, payload 2.0, every route authorised: HR people through
 * Cognito, systems through IAM): run a cohort's matching and read its proposal, read the program's
 * report, read a pairing, and pause, resume or end it. Matching starts CohortMatching directly, so the caller gets the run
 * id back; pause, resume and end are published as the same events HR systems send, so there is one
 * path that records them (docs/admin-api.md).
 */

const MAX_BODY_BYTES = 16 * 1024;
const REPORT_CONCURRENCY = 8;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

const schemas = adminRequestSchemas;

async function requireProgram(event: HttpEvent): Promise<StoredProgram> {
  const programId = programPathId(event);
  const program = await getProgram(programId);
  if (!program)
    throw new HttpError(404, `There is no program "${programId}": check the program id.`, [{ field: 'programId', message: 'is not a known program' }]);
  return program;
}

/**
 * The run id is the execution name. With an Idempotency-Key header it is derived from the program
 * and the key, so a retried request lands on the run the first one started.
 */
function runIdFor(event: HttpEvent, programId: string): string {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return `run-${randomUUID()}`;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HttpError(400, 'The Idempotency-Key header must be 1 to 128 visible ASCII characters, such as a UUID.', [
      { field: '(header) idempotency-key', message: 'must be 1-128 visible ASCII characters' },
    ]);
  }
  return `run-${createHash('sha256').update(`${programId}\n${key}`).digest('hex').slice(0, 32)}`;
}

async function startMatching(event: HttpEvent): Promise<HttpResult> {
  const program = await requireProgram(event);
  const { programId } = program;
  optionalJsonBody(event, schemas.matching, { what: 'A matching request', maxBytes: MAX_BODY_BYTES });
  const runId = runIdFor(event, programId);
  // Same input on every retry, so that AWS treats a repeat of a running execution as the same call.
  let out: Awaited<ReturnType<typeof startNamedExecution>>;
  try {
    out = await startNamedExecution(requireEnv('COHORT_MATCHING_ARN'), runId, { programId, requestedBy: 'admin-api' });
  } catch (error) {
    // Step Functions' start rate (its token bucket) is spent for now, past the SDK's retries: say so, and how to repeat.
    if ((error as Error)?.name !== 'ThrottlingException') throw error;
    const answer = json(503, {
      programId,
      runId,
      message:
        'Step Functions is starting too much other work right now, so no matching run was started: send the same request again in a minute (with the same Idempotency-Key header, a repeat can never start a second run).',
    });
    return { ...answer, headers: { ...answer.headers, 'retry-after': '60' } };
  }
  const { executionArn, started } = out;
  logger.info(started ? 'matching started' : 'matching already requested', { programId, runId });
  if (started) metrics.addMetric('MatchingStarted', MetricUnit.Count, 1);
  // A closed program's run pairs nobody: said with the answer, not left to be found out (QA hr7).
  const closed = programClosed(program, new Date())
    ? {
        note: `The program closed after its end date (${program.endDate}): this run pairs nobody. It tells everyone still waiting that no partner was found, once, and takes them off the waitlist.`,
      }
    : {};
  return json(202, { programId, runId, executionArn, status: 'requested', proposal: `/programs/${programId}/matching/${runId}`, ...closed });
}

async function readRun(event: HttpEvent): Promise<HttpResult> {
  const { programId } = await requireProgram(event);
  const runId = pathId(event, 'runId', 'matching run');
  const run = await getRun(programId, runId);
  if (!run) {
    // No proposal yet: the run may still be solving, or may have failed before it stored one.
    const execution = await describeExecution(executionArnOf(requireEnv('COHORT_MATCHING_ARN'), runId));
    // Only a run of this program: a run id of another program is as unknown here as a made-up one.
    if (execution && (execution.input as { programId?: unknown } | undefined)?.programId === programId) {
      if (execution.status === 'RUNNING') return json(200, { programId, runId, status: 'solving' });
      return json(200, { programId, runId, status: 'ended-without-proposal', execution: execution.status });
    }
    throw new HttpError(404, `Program "${programId}" has no matching run "${runId}": use the run id that POST /programs/${programId}/matching returned.`, [
      { field: 'runId', message: 'is not a known matching run' },
    ]);
  }
  const [pairs, unmatched, people] = await Promise.all([listProposedPairs(programId, runId), listUnmatched(programId, runId), listParticipants(programId)]);
  const byScore = <T extends { score: number; pairingId: string }>(a: T, b: T) => b.score - a.score || a.pairingId.localeCompare(b.pairingId);
  // HR reviews by name: each person's as it is now, beside the ids the review routes take; a
  // caller who is one of a pair reads who is in it, never its score, reasons or trade-offs.
  return json(200, { ...run, ...withNames({ pairs: pairsShownTo(requester(event), [...pairs].sort(byScore), people), unmatched }, people) });
}

const REPORT_FORMATS = ['json', 'csv'] as const;

/** Aggregates only (functions/domain/report.ts); per-pairing records are read a few at a time. */
async function readReport(event: HttpEvent): Promise<HttpResult> {
  const format = event.queryStringParameters?.format ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new HttpError(400, `The report comes as json or csv, not "${format}": use ?format=csv for a spreadsheet, or leave format out for JSON.`, [
      { field: 'format', message: 'must be json or csv' },
    ]);
  }
  const program = await requireProgram(event);
  const { programId } = program;
  const [participants, pairings] = await Promise.all([listParticipants(programId), listPairings(programId)]);
  const details: ProgramReportInput['pairings'][number][] = [];
  for (let i = 0; i < pairings.length; i += REPORT_CONCURRENCY) {
    details.push(
      ...(await Promise.all(
        pairings.slice(i, i + REPORT_CONCURRENCY).map(async (pairing) => {
          const [checkIns, reviews, skills, feedback] = await Promise.all([
            listChildren<ReportCheckIn>(pairing.pairingId, 'CHECKIN#'),
            listChildren<ReportReview>(pairing.pairingId, 'REVIEW#'),
            listChildren<ReportSkillRatings>(pairing.pairingId, 'SKILLS#'),
            listChildren<ReportFeedback>(pairing.pairingId, 'FEEDBACK#'),
          ]);
          return { pairing, checkIns, reviews, skills, feedback };
        }),
      )),
    );
  }
  const report = programReport({ program, participants, pairings: details, now: new Date() });
  if (format === 'json') return json(200, report);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${programId}-report.csv"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: reportCsv(report),
  };
}

async function requirePairing(event: HttpEvent): Promise<Pairing> {
  const pairingId = pathId(event, 'pairingId', 'pairing');
  const pairing = await getPairing(pairingId);
  if (!pairing)
    throw new HttpError(404, `There is no pairing "${pairingId}": check the pairing id.`, [{ field: 'pairingId', message: 'is not a known pairing' }]);
  return pairing;
}

/**
 * The pairing, with what its emails promise the program admin reads: each check-in's answers
 * (met or not, the rating, the note), each review (progress, recommendation, LEARNED and
 * TAUGHT) and each admin decision with its note. Never the end-of-program KEEP/CHANGE feedback, which admins read only grouped with
 * other people's (the report), nor a note for the partner.
 */
async function readPairing(event: HttpEvent): Promise<HttpResult> {
  const pairing = await requirePairing(event);
  // Each person's self-ratings per topic and goal progress (the reviews promise "read by the
  // program admin"); never the KEEP/CHANGE feedback (FEEDBACK#), read only grouped in the report.
  const [checkIns, reviews, decisions, selfRatings] = await Promise.all([
    listChildren<Record<string, unknown>>(pairing.pairingId, 'CHECKIN#'),
    listChildren<Record<string, unknown>>(pairing.pairingId, 'REVIEW#'),
    listChildren<Record<string, unknown>>(pairing.pairingId, 'DECISION#'),
    listChildren<Record<string, unknown>>(pairing.pairingId, 'SKILLS#'),
  ]);
  const plain = (item: Record<string, unknown>) => {
    const { type: _type, ...rest } = item;
    return rest;
  };
  return json(200, {
    ...pairing,
    checkIns: checkIns.map(plain),
    // When each person answered: reviews stored before it was kept have only the round's close.
    reviews: reviews.map((r) => {
      const answeredAt = reviewAnsweredAt(r);
      return { ...plain(r), ...(answeredAt ? { answeredAt } : {}) };
    }),
    decisions: decisions.map(plain),
    selfRatings: selfRatings.map(plain),
  });
}

/** The shape of a request the pairing cannot take any more: 409 with what it is now. */
function conflict(pairing: Pairing, message: string): HttpError {
  return new HttpError(409, message, [{ field: 'pairingId', message: `is ${pairingStatusInWords(pairing.status)}` }]);
}

type ControlAction = 'pause' | 'resume' | 'end';

/**
 * The day a pause "until <day>" was asked for, as both people were told it (pairings stored before
 * `pausedUntilDay` hold that day's first instant in UTC); undefined for a pause without a date.
 */
function pausedUntilDay(pairing: Pick<Pairing, 'pausedUntil' | 'pausedUntilDay'>): string | undefined {
  if (pairing.pausedUntilDay) return pairing.pausedUntilDay;
  const day = pairing.pausedUntil ? pauseDay(pairing.pausedUntil) : undefined;
  return day?.length === 10 ? day : undefined;
}

async function control(event: HttpEvent, action: ControlAction): Promise<HttpResult> {
  const pairing = await requirePairing(event);
  if (isTerminal(pairing.status)) throw conflict(pairing, pairingFinishedProblem(pairing));
  const ref = { programId: pairing.programId, pairingId: pairing.pairingId };
  let request: AdminControlRequest;
  let note: string | undefined;
  if (action === 'pause') {
    // Read as JSON here, checked whole below: its form and its days in one answer (QA hr8).
    const input: unknown = optionalJsonBody(event, z.unknown(), { what: 'A pause request', maxBytes: MAX_BODY_BYTES });
    const untilSent = input !== null && typeof input === 'object' && typeof (input as { until?: unknown }).until === 'string';
    // Read once: the program's end date and the pairing's end bound the days a pause names.
    const program = untilSent ? await getProgram(pairing.programId) : undefined;
    const checked = checkPauseRequest(input, pairing, new Date(), program);
    if (!checked.ok) throw new HttpError(400, checked.message, checked.issues);
    const body = checked.body;
    if (body.from !== undefined) {
      if (pairing.status === 'paused')
        throw conflict(
          pairing,
          `Pairing ${pairing.pairingId} is paused already: a pause cannot be booked for later now. To change the day it resumes, send only "until".`,
        );
      // A pause from after the pairing's end would never happen: said now, not left to the audit.
      const ends = program && pairing.status === 'active' ? planEnd({ program }, pairing) : undefined;
      if (ends && Date.parse(`${body.from}T00:00:00Z`) >= ends.getTime())
        throw conflict(
          pairing,
          `Pairing ${pairing.pairingId} comes to its end on ${ends.toISOString().slice(0, 10)}, before ${body.from}: there is nothing to pause then. Book an earlier day, or pause it now with "until" alone.`,
        );
    }
    // The workflow pauses an active pairing only: one not started yet would ignore the request
    // (the same reason an HR system's pause event is dead-lettered with).
    const notStarted = pauseBeforeStart(pairing);
    if (notStarted) throw conflict(pairing, notStarted);
    // A pause under way changes only with a new date: without one there is nothing to change.
    if (pairing.status === 'paused' && !body.until)
      throw conflict(
        pairing,
        `Pairing ${pairing.pairingId} is already paused${pausedUntilDay(pairing) ? ` until ${pausedUntilDay(pairing)}` : pairing.pausedUntil ? ` until ${pairing.pausedUntil}` : ''}: to change the date, send the new one in "until"; to end the pause now, resume it.`,
      );
    // The same date again would change nothing either (the workflow would ignore it): say so now.
    if (pairing.status === 'paused' && body.until && pausedUntilDay(pairing) === body.until)
      throw conflict(
        pairing,
        `Pairing ${pairing.pairingId} is already paused until that date (${body.until}): to change the date, send a different one in "until"; to end the pause now, resume it.`,
      );
    request = {
      type: 'PairingPauseRequested',
      ...ref,
      ...(body.until ? { until: body.until } : {}),
      ...(body.from ? { from: body.from } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    };
  } else if (action === 'resume') {
    optionalJsonBody(event, schemas.resume, { what: 'A resume request', maxBytes: MAX_BODY_BYTES });
    const pausing =
      pairing.status === 'paused' ||
      (pairing.controls ?? []).some((c) => c.kind === 'pause') ||
      pairing.fault !== undefined ||
      pairing.pauseBooked !== undefined;
    if (!pausing)
      throw conflict(
        pairing,
        `Pairing ${pairing.pairingId} is ${pairingStatusInWords(pairing.status)}, not paused, on hold or with a pause booked: there is nothing to resume.`,
      );
    request = { type: 'PairingResumeRequested', ...ref };
  } else {
    const body = optionalJsonBody(event, schemas.end, { what: 'An end request', maxBytes: MAX_BODY_BYTES });
    const decided = endRequestReason(body);
    if ('refused' in decided) throw new HttpError(400, decided.refused.message, [{ field: decided.refused.field, message: decided.refused.issue }]);
    request = { type: 'PairingEndRequested', ...ref, reason: decided.reason };
    // After the program's end no new pairing starts: a rematch asked then finds nobody (QA hr7).
    const program = body.rematch ? await getProgram(pairing.programId) : undefined;
    if (program && programClosed(program, new Date()))
      note = `The program closed after its end date (${program.endDate}): no new partner will be looked for. Both are told the program has closed and no new pairing will start.`;
  }
  const requestedAt = new Date().toISOString();
  await publishControlRequest(request, { requestedAt, channel: 'api' });
  logger.info('control requested', { action, pairingId: pairing.pairingId, programId: pairing.programId });
  metrics.addMetric('ControlRequested', MetricUnit.Count, 1);
  // Accepted, not done: the workflow honours it at its next step (docs/lifecycle.md, Control).
  return json(202, { pairingId: pairing.pairingId, requested: action, requestedAt, status: pairing.status, ...(note ? { note } : {}) });
}

/** Data rights: everything held about one person, as JSON (docs/admin-api.md, Data rights). */
async function exportParticipant(event: HttpEvent): Promise<HttpResult> {
  const participantId = participantPathId(event);
  const enrolments = await collectParticipantData(participantId);
  if (!enrolments)
    throw new HttpError(404, `There is no participant "${participantId}": check the participant id.`, [{ field: 'id', message: 'is not a known participant' }]);
  logger.info('participant data exported', { participantId, enrolments: enrolments.length });
  metrics.addMetric('ParticipantDataExported', MetricUnit.Count, 1);
  // An admin downloads it: without the KEEP/CHANGE feedback the review promised admins read only grouped.
  const res = json(200, participantExport(participantId, enrolments, new Date(), 'admin'));
  return { ...res, headers: { ...res.headers, 'content-disposition': `attachment; filename="${participantId}.json"` } };
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [
    { method: 'POST', path: '/programs/{programId}/matching', handler: startMatching },
    { method: 'GET', path: '/programs/{programId}/matching/{runId}', handler: readRun },
    { method: 'GET', path: '/programs/{programId}/report', handler: readReport },
    { method: 'GET', path: '/participants/{id}/export', handler: exportParticipant },
    { method: 'GET', path: '/pairings/{pairingId}', handler: readPairing },
    { method: 'POST', path: '/pairings/{pairingId}/pause', handler: (e: HttpEvent) => control(e, 'pause') },
    { method: 'POST', path: '/pairings/{pairingId}/resume', handler: (e: HttpEvent) => control(e, 'resume') },
    { method: 'POST', path: '/pairings/{pairingId}/end', handler: (e: HttpEvent) => control(e, 'end') },
  ],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(404, `There is no ${method} ${path} in the admin API: see docs/admin-api.md for its routes.`);
  },
});

export const handler = httpApiHandler(router, { hrGroup: true });
