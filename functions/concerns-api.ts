import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { ConcernVersionConflict, getConcern, listConcerns, saveConcern, type StoredConcern } from './adapters/concerns';
import { getParticipant } from './adapters/participants';
import { getProgram } from './adapters/programs';
import { applyConcernAction, concernActionSchema, sortCases } from './domain/concerns';
import { knownName } from './domain/matching/proposal-names';
import { HttpError, httpApiHandler, json, optionalJsonBody, pathId, type HttpEvent, type HttpResult } from './shared/http';
import { programPathId } from './shared/program-path';
import { logger, metrics } from './shared/powertools';

/**
 * Private concern cases in the admin API (docs/admin-api.md, Concerns): list a program's cases,
 * read one, acknowledge or resolve it with a note. A function of its own so that the admin API
 * stays read-only: this one may put items in concern partitions (CONCERN#*) only.
 */

const MAX_BODY_BYTES = 8 * 1024;

async function requireProgramId(event: HttpEvent): Promise<string> {
  const programId = programPathId(event);
  if (!(await getProgram(programId)))
    throw new HttpError(404, `There is no program "${programId}": check the program id.`, [{ field: 'programId', message: 'is not a known program' }]);
  return programId;
}

/** The case named in the path; with a program in the path too, only a case of that program. */
async function requireConcern(event: HttpEvent): Promise<StoredConcern> {
  const programId = event.pathParameters?.programId === undefined ? undefined : await requireProgramId(event);
  const concernId = pathId(event, 'concernId', 'concern');
  const found = await getConcern(concernId);
  // A case of another program is as unknown here as a made-up id.
  if (!found || (programId !== undefined && found.programId !== programId)) {
    throw new HttpError(
      404,
      `There is no concern "${concernId}"${programId ? ` in program "${programId}"` : ''}: use the id from the admins' email or the list.`,
      [{ field: 'concernId', message: 'is not a known concern' }],
    );
  }
  return found;
}

/** What an admin reads of a case: everything stored but the bookkeeping markers. */
function view(c: StoredConcern) {
  const { adminsNotifiedAt: _a, acknowledgementSentAt: _b, watchedAt: _w, keptFromDigests: _k, ...rest } = c;
  return rest;
}

async function withNames(c: StoredConcern) {
  const [raiser, partner] = await Promise.all([getParticipant(c.participantId), c.partnerId ? getParticipant(c.partnerId) : undefined]);
  return {
    ...view(c),
    // Their address, for the admin to write to them as the case's emails ask; never the partner's.
    // No name for someone erased since (their tombstone's is empty), as in a matching proposal.
    raisedBy: {
      participantId: c.participantId,
      role: c.role,
      ...(knownName(raiser) ? { name: knownName(raiser) } : {}),
      ...(raiser?.email ? { email: raiser.email } : {}),
    },
    ...(c.partnerId
      ? { partner: { participantId: c.partnerId, ...(partner ? { ...(knownName(partner) ? { name: knownName(partner) } : {}), role: partner.role } : {}) } }
      : {}),
  };
}

async function list(event: HttpEvent): Promise<HttpResult> {
  const programId = await requireProgramId(event);
  const state = event.queryStringParameters?.state;
  if (state !== undefined && !['open', 'acknowledged', 'resolved'].includes(state))
    throw new HttpError(400, `"${state}" is not a concern state: use open, acknowledged or resolved, or leave state out for all.`, [
      { field: 'state', message: 'must be open, acknowledged or resolved' },
    ]);
  const cases = sortCases((await listConcerns(programId)).filter((c) => state === undefined || c.state === state));
  return json(200, { programId, concerns: cases.map(view) });
}

async function read(event: HttpEvent): Promise<HttpResult> {
  return json(200, await withNames(await requireConcern(event)));
}

async function act(event: HttpEvent): Promise<HttpResult> {
  const current = await requireConcern(event);
  // No body counts as {} (as on the other admin routes): 400 naming `action`, not 415 for a missing Content-Type.
  const action = optionalJsonBody(event, concernActionSchema, { what: 'A concern action', maxBytes: MAX_BODY_BYTES });
  const out = applyConcernAction(current, action, new Date());
  if ('refused' in out) throw new HttpError(409, out.refused, [{ field: 'action', message: `the concern is ${current.state}` }]);
  let saved: StoredConcern;
  try {
    saved = await saveConcern({ ...current, ...out.case }, current.version);
  } catch (error) {
    if (error instanceof ConcernVersionConflict) throw new HttpError(409, error.message, [{ field: 'concernId', message: 'was changed meanwhile' }]);
    throw error;
  }
  logger.info('concern updated', { concernId: saved.concernId, programId: saved.programId, state: saved.state });
  metrics.addMetric(action.action === 'resolve' ? 'ConcernResolved' : 'ConcernAcknowledged', MetricUnit.Count, 1);
  return json(200, await withNames(saved));
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [
    { method: 'GET', path: '/programs/{programId}/concerns', handler: list },
    { method: 'GET', path: '/programs/{programId}/concerns/{concernId}', handler: read },
    { method: 'POST', path: '/programs/{programId}/concerns/{concernId}', handler: act },
    { method: 'GET', path: '/concerns/{concernId}', handler: read },
    { method: 'POST', path: '/concerns/{concernId}', handler: act },
  ],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(404, `There is no ${method} ${path} in the admin API: see docs/admin-api.md for its routes.`);
  },
});

export const handler = httpApiHandler(router, { hrGroup: true });
