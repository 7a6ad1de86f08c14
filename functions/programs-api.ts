import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import type { z } from 'zod';
import { publish } from './adapters/events';
import { getProgram, listPrograms, ProgramVersionConflict, putProgram, type StoredProgram } from './adapters/programs';
import { decidePatch, reschedulingFields, sentIn, type PatchDecision } from './domain/program-changes';
import { namingSentFields, programSchema, type Program } from './domain/program';
import { answeredChanges, pastEndDateIssue } from './domain/program-end';
import { boundIssues, describeIssues, type FieldIssue, fieldIssuesOf } from './domain/validation';
import { header, HttpError, httpApiHandler, json, parseJsonBody, readBody, type HttpEvent, type HttpResult } from './shared/http';
import { programPathId } from './shared/program-path';
import { planWarnings } from './domain/program-plan';
import { logger, metrics } from './shared/powertools';

/**
 * Programs API (docs/admin-api.md, Programs): HR creates, reads, lists and changes programs. Every
 * program goes through the one program schema; a change is a JSON merge patch applied to the
 * stored program and saved only if nobody changed it since the caller read it (If-Match).
 * This function may put items in program partitions only (lib/workflow-stack.ts).
 */

const MAX_BODY_BYTES = 64 * 1024;
const MEDIA_TYPES = ['application/json', 'application/merge-patch+json'];
/** Set by crossgen: a program read with GET can be sent back as it is. */
const BOOKKEEPING = ['createdAt', 'updatedAt'] as const;

function jsonObject(event: HttpEvent, what: string): Record<string, unknown> {
  const body = parseJsonBody(readBody(event, { mediaTypes: MEDIA_TYPES, maxBytes: MAX_BODY_BYTES, what }), what);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, `${what} must be a JSON object.`, [{ field: '(body)', message: 'must be a JSON object' }]);
  return body as Record<string, unknown>;
}

/**
 * A new program: the schema's issues and an end date already past (pastEndDateIssue), all at once;
 * a rule tying two fields is told on those of them the program sent (both, when it sent both).
 */
function validProgram(input: Record<string, unknown>, what: string): Program {
  const parsed = programSchema.safeParse(input);
  const ownIssues = [pastEndDateIssue(undefined, input, new Date())].filter((i) => i !== undefined);
  const error = parsed.success ? undefined : namingSentFields(parsed.error, (path) => sentIn(input, path));
  if (!parsed.success || ownIssues.length > 0) throw notAccepted(error, what, ownIssues);
  return parsed.data;
}

/**
 * 400 with one issue per field, every problem at once: the schema's, and the checks it cannot make
 * (an id that would change, a date before today) for the fields it found nothing wrong with.
 */
function notAccepted(error: z.ZodError | undefined, what: string, ownIssues: readonly FieldIssue[] = []): HttpError {
  const schemaIssues = error ? fieldIssuesOf(error) : [];
  const issues = boundIssues([...ownIssues.filter((o) => !schemaIssues.some((i) => i.field === o.field)), ...schemaIssues]);
  return new HttpError(400, `${what} was not accepted: ${describeIssues(issues)}. Fix these fields and send it again.`, issues);
}

const withEtag = (status: number, program: StoredProgram, body: unknown = program): HttpResult => {
  const res = json(status, body);
  return { ...res, headers: { ...res.headers, etag: `"${program.version}"` } };
};

async function requireProgram(programId: string): Promise<StoredProgram> {
  const program = await getProgram(programId);
  if (!program)
    throw new HttpError(404, `There is no program "${programId}": check the program id, or create it with POST /programs.`, [
      { field: 'programId', message: 'is not a known program' },
    ]);
  return program;
}

async function createProgram(event: HttpEvent): Promise<HttpResult> {
  const program = validProgram(jsonObject(event, 'The program'), 'The program');
  let stored: StoredProgram;
  try {
    stored = await putProgram(program);
  } catch (error) {
    if (error instanceof ProgramVersionConflict) {
      throw new HttpError(
        409,
        `Program "${program.programId}" already exists: change it with PATCH /programs/${program.programId}, or choose another program id.`,
        [{ field: 'programId', message: 'is already taken' }],
      );
    }
    throw error;
  }
  logger.info('program created', { programId: stored.programId });
  metrics.addMetric('ProgramCreated', MetricUnit.Count, 1);
  // What the plan can never do (a ladder rung, an objective out of reach): said beside the program, not stored.
  const warnings = planWarnings(stored.lifecycle, stored.objectives);
  const res = withEtag(201, stored, warnings.length > 0 ? { ...stored, warnings } : stored);
  return { ...res, headers: { ...res.headers, location: `/programs/${stored.programId}` } };
}

async function readPrograms(): Promise<HttpResult> {
  const programs = (await listPrograms()).sort((a, b) => a.programId.localeCompare(b.programId));
  return json(200, { programs });
}

async function readProgram(event: HttpEvent): Promise<HttpResult> {
  return withEtag(200, await requireProgram(programPathId(event)));
}

/** The version the caller read: the If-Match header (an ETag of GET) or `version` in the body. */
function expectedVersion(event: HttpEvent, bodyVersion: unknown): number {
  const raw = header(event, 'if-match');
  const fromHeader = raw === undefined ? undefined : /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim())?.[1];
  if (raw !== undefined && fromHeader === undefined) {
    throw new HttpError(400, `The If-Match header must be the ETag the program was read with, such as "3", not ${raw}.`, [
      { field: '(header) if-match', message: 'must be the ETag of the program' },
    ]);
  }
  if (bodyVersion !== undefined && !(Number.isInteger(bodyVersion) && (bodyVersion as number) >= 1)) {
    throw new HttpError(400, 'version must be the version number the program was read with.', [
      { field: 'version', message: 'must be a whole number of at least 1' },
    ]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && Number(fromHeader) !== bodyVersion) {
    throw new HttpError(400, `The If-Match header (${fromHeader}) and version (${String(bodyVersion)}) disagree: send one of them.`, [
      { field: 'version', message: 'disagrees with If-Match' },
    ]);
  }
  const version = fromHeader !== undefined ? Number(fromHeader) : (bodyVersion as number | undefined);
  if (version === undefined) {
    throw new HttpError(
      428,
      "Say which version of the program you changed: read it with GET, then send its ETag in an If-Match header (or its version in the body), so that nobody else's change is overwritten.",
      [{ field: '(header) if-match', message: 'is required' }],
    );
  }
  return version;
}

async function updateProgram(event: HttpEvent): Promise<HttpResult> {
  const programId = programPathId(event);
  const patch = jsonObject(event, 'The change');
  const { version: bodyVersion, ...rest } = patch;
  // An unknown program is 404 whatever version the caller names: asking for a version (428) would
  // send them to read a program that does not exist.
  const current = await requireProgram(programId);
  const expected = expectedVersion(event, bodyVersion);
  const now = new Date();
  // Told with every other problem of the change, not alone (QA hr7): the id is left out of what
  // the schema checks, so that it is named once, as the field that cannot change.
  const ownIssues: FieldIssue[] = [];
  if ('programId' in rest && rest.programId !== programId) {
    ownIssues.push({ field: 'programId', message: `cannot be changed (it is "${programId}"): create a new program instead` });
    delete rest.programId;
  }
  for (const key of BOOKKEEPING) delete rest[key];
  const pastEnd = pastEndDateIssue(current, rest, now);
  if (pastEnd) ownIssues.push(pastEnd);
  const decision = decidePatch(settingsOf(current), current.version, expected, rest);
  if (ownIssues.length > 0) throw notAccepted(decision.kind === 'invalid' ? decision.error : undefined, 'The change', ownIssues);
  if (decision.kind !== 'change') return unchangedOrRefused(current, expected, decision);
  const { program: next } = decision;
  const changes = answeredChanges(decision.changes, next, now);
  let stored: StoredProgram;
  try {
    stored = await putProgram(next, { expectedVersion: expected, createdAt: current.createdAt });
  } catch (error) {
    if (!(error instanceof ProgramVersionConflict)) throw error;
    // Changed between the read and the write: by this very change (a retry sent at once), or by someone else.
    const now = await requireProgram(programId);
    const again = decidePatch(settingsOf(now), now.version, expected, rest);
    return unchangedOrRefused(now, expected, again.kind === 'change' ? { kind: 'stale' } : again);
  }
  logger.info('program changed', { programId, version: stored.version, fields: changes.map((c) => c.field) });
  metrics.addMetric('ProgramUpdated', MetricUnit.Count, 1);
  await wakeRunningPairings(programId, stored.version, reschedulingFields(changes));
  const warnings = planWarnings(stored.lifecycle, stored.objectives);
  return withEtag(200, stored, { program: stored, changes, ...(warnings.length > 0 ? { warnings } : {}) });
}

/**
 * A new schedule reaches running pairings now: ProgramChanged wakes each of them (PairingControl),
 * and each plans its next date again. The change is stored whatever happens here: if the event
 * cannot be published, each pairing still takes the change at the step it had planned.
 */
async function wakeRunningPairings(programId: string, version: number, fields: string[]): Promise<void> {
  if (fields.length === 0) return;
  try {
    await publish({ type: 'ProgramChanged', detail: { programId, version, fields } });
  } catch (error) {
    logger.error('program changed, but its running pairings could not be woken: they take it at their next planned step', { programId, error });
    metrics.addMetric('ProgramChangeWakeFailed', MetricUnit.Count, 1);
  }
}

function settingsOf(stored: StoredProgram): Program {
  const { version: _v, createdAt: _c, updatedAt: _u, ...settings } = stored;
  return settings;
}

/**
 * The answer to a change that is not saved: 200 when the program is already as it asks (a retry of
 * a change saved before, or one that changes nothing), with its current version; 400, 412 otherwise.
 */
function unchangedOrRefused(current: StoredProgram, expected: number, decision: Exclude<PatchDecision, { kind: 'change' }>): HttpResult {
  const { programId, version } = current;
  switch (decision.kind) {
    case 'unchanged':
      if (decision.retry) logger.info('program change already saved: answered as a retry', { programId, expected, version });
      return withEtag(200, current, { program: current, changes: [] });
    case 'invalid':
      throw notAccepted(decision.error, 'The change');
    case 'no-such-version':
      throw new HttpError(
        412,
        `The change names version ${expected} of program "${programId}", but version ${expected} does not exist: the program is at version ${version}. Read it with GET and send its ETag in If-Match.`,
        [{ field: '(header) if-match', message: 'is not a version of the program' }],
      );
    case 'stale':
      throw new HttpError(
        412,
        `Program "${programId}" was changed by someone else since version ${expected} (it is at version ${version}): read it again and reapply your change.`,
        [{ field: '(header) if-match', message: 'is not the current version' }],
      );
  }
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [
    { method: 'POST', path: '/programs', handler: createProgram },
    { method: 'GET', path: '/programs', handler: readPrograms },
    { method: 'GET', path: '/programs/{programId}', handler: readProgram },
    { method: 'PATCH', path: '/programs/{programId}', handler: updateProgram },
  ],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(404, `There is no ${method} ${path} in the programs API: see docs/admin-api.md for its routes.`);
  },
});

export const handler = httpApiHandler(router, { hrGroup: true });
