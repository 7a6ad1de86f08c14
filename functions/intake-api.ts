import { randomBytes } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { createMailer } from './adapters/mailer';
import { getProgram, listPrograms } from './adapters/programs';
import { enrolParticipant, getParticipant } from './adapters/participants';
import { confirmationStatuses, dispatchConfirmation } from './adapters/confirmations';
import {
  createImportJob,
  deleteImportFile,
  endImportJob,
  getImportJob,
  IMPORT_ID,
  listChunks,
  newImportId,
  startImportJob,
  storeImportFile,
} from './adapters/imports';
import { chunkCount, importEntries, importReport, stillPendingIds, withConfirmationsNow } from './domain/import-job';
import {
  ConfirmationNotSent,
  closedProgramIssue,
  confirmByEmail,
  enrol,
  EnrolmentConflict,
  type EnrolmentResult,
  IntakeRejected,
  programIdOf,
  withProgramCache,
  type IntakePorts,
} from './domain/intake';
import { decodeCsv, MAX_IMPORT_BYTES, parseIntakeCsv } from './domain/intake-csv';
import { quotedProgramId } from './domain/program-id';
import { renderEnrolmentConfirmation, renderIntakeForm, renderIntakeNotice, summarySentence, type SignInConfig } from './domain/intake-form';
import { conflictFormIssues, enrolmentConfirmationText, formIssues, readIntakeForm } from './domain/intake-form-data';
import { unsentFormAnswer } from './domain/intake-form-messages';
import { requireEnv } from './shared/config';
import { header, html, HttpError, httpApiHandler, json, parseJsonBody, readBody, readBodyBytes, type HttpEvent, type HttpResult } from './shared/http';
import { logger, metrics } from './shared/powertools';
import { participantPathId } from './shared/participant-path';
import { wellFormedPathId } from './shared/path-id';
import { issueStandingAddress } from './adapters/reply-tokens';
import { afterEnrolment } from './lifecycle/after-enrolment';

/**
 * The HTTP intake (API Gateway HTTP API, payload 2.0): enrol one participant as JSON or from the
 * intake form, import a CSV file, read a participant, serve the HR intake form. API Gateway
 * authorises every route.
 */

const MAX_JSON_BYTES = 256 * 1024;
const FORM_ENCODING = 'application/x-www-form-urlencoded';

let ports: IntakePorts | undefined;
function intakePorts(): IntakePorts {
  ports ??= {
    getProgram,
    enrolParticipant,
    confirm: confirmByEmail(createMailer({ from: requireEnv('MAIL_FROM') }), (who) => issueStandingAddress(who), dispatchConfirmation),
    // A new person can close a reporting line between a running pair: it ends as after a manager change.
    afterEnrolment,
  };
  return ports;
}

/**
 * The participant is stored but its confirmation could not be sent: 503 saying so, that it is sent
 * automatically within 30 minutes (the sweep, functions/domain/confirmation-retry.ts), and that the
 * same request again sends it now (its outbox item stays pending; the repeat finds the participant).
 */
function confirmationNotSent(error: ConfirmationNotSent): HttpResult {
  logger.warn('participant stored, confirmation pending', { participantId: error.participant.participantId, programId: error.participant.programId });
  return json(503, {
    message: error.message,
    participantId: error.participant.participantId,
    stored: true,
    confirmation: 'pending',
  });
}

async function enrolOne(event: HttpEvent): Promise<HttpResult> {
  if ((header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase() === FORM_ENCODING) return enrolFromForm(event);
  const input = parseJsonBody(readBody(event, { mediaTypes: ['application/json'], maxBytes: MAX_JSON_BYTES, what: 'A participant' }), 'A participant');
  let result: EnrolmentResult;
  try {
    result = await enrol(input, intakePorts());
  } catch (error) {
    if (error instanceof ConfirmationNotSent) return confirmationNotSent(error);
    throw error;
  }
  const { participant, created } = result;
  logger.info(created ? 'participant enrolled' : 'participant already enrolled', {
    participantId: participant.participantId,
    programId: participant.programId,
  });
  if (created) metrics.addMetric('ParticipantEnrolled', MetricUnit.Count, 1);
  return json(created ? 201 : 200, participant);
}

/**
 * The intake form, sent as a form: by the browser itself without JavaScript (answered with a
 * page: the form again with what to correct, or a confirmation), or by the form's script with
 * `Accept: application/json` (answered with the same in JSON). Issues name the form's controls
 * and say what to do in the form's words (domain/intake-form-messages.ts), not the API's.
 */
async function enrolFromForm(event: HttpEvent): Promise<HttpResult> {
  try {
    refuseCrossSite(event);
  } catch (error) {
    // A browser (Accept: text/html) is answered with a page, never raw JSON (QA ui8).
    if (!(error instanceof HttpError) || !(header(event, 'accept') ?? '').includes('text/html')) throw error;
    return html(error.statusCode, renderIntakeNotice('The form was not sent', error.message), pageHeaders(randomBytes(16).toString('base64')));
  }
  const body = readBody(event, { mediaTypes: [FORM_ENCODING], maxBytes: MAX_JSON_BYTES, what: 'The intake form' });
  // A JSON document labelled as a form (curl -d and Python's urllib label every body so): the
  // integrator meant the API, and is told its content type, not that the form names no program.
  if (/^\s*[{[]/.test(body)) {
    throw new HttpError(
      415,
      'A participant must be sent with Content-Type: application/json: this body is JSON, sent as application/x-www-form-urlencoded (curl -d does that by default: add -H "Content-Type: application/json").',
    );
  }
  const submission = readIntakeForm(body);
  const accept = header(event, 'accept') ?? '';
  const wantsJson = accept.includes('application/json') && !accept.includes('text/html');
  const ports = withProgramCache(intakePorts());
  const programId = programIdOf(submission.input);
  const program = programId === undefined ? undefined : await ports.getProgram(programId);
  const nonce = randomBytes(16).toString('base64');
  try {
    const { participant, created } = await enrol(submission.input, ports);
    logger.info(created ? 'participant enrolled' : 'participant already enrolled', {
      participantId: participant.participantId,
      programId: participant.programId,
      via: 'form',
    });
    if (created) metrics.addMetric('ParticipantEnrolled', MetricUnit.Count, 1);
    const confirmation = enrolmentConfirmationText(participant, program!, created);
    return wantsJson
      ? json(created ? 201 : 200, { participantId: participant.participantId, created, confirmation })
      : html(created ? 201 : 200, renderEnrolmentConfirmation(confirmation, program!, nonce), pageHeaders(nonce));
  } catch (error) {
    if (error instanceof ConfirmationNotSent) {
      // The person is enrolled: the form says so, and that the email follows (the sweep sends it).
      const { participant, created } = error;
      logger.warn('participant stored from the form, confirmation pending', { participantId: participant.participantId, programId: participant.programId });
      if (created) metrics.addMetric('ParticipantEnrolled', MetricUnit.Count, 1);
      const confirmation = enrolmentConfirmationText(participant, program!, created, new Date(), 'pending');
      return wantsJson
        ? json(202, { participantId: participant.participantId, created, stored: true, confirmationEmail: 'pending', message: error.message, confirmation })
        : html(202, renderEnrolmentConfirmation(confirmation, program!, nonce), pageHeaders(nonce));
    }
    if (!(error instanceof IntakeRejected) && !(error instanceof EnrolmentConflict)) {
      // The script says so itself (its own sentence for a 5xx); a page gives the form back with what was typed.
      if (wantsJson || !program) throw error;
      logger.error('enrolment from the form failed', { errorName: error instanceof Error ? error.name : 'Error', programId: program.programId });
      const state = { values: new URLSearchParams(body), issues: [], summary: unsentFormAnswer(500) };
      return html(500, renderIntakeForm({ program, nonce, ...(signInConfig() ? { signIn: signInConfig()! } : {}), state }), pageHeaders(nonce));
    }
    const status = error instanceof EnrolmentConflict ? 409 : 400;
    const issues = error instanceof EnrolmentConflict ? conflictFormIssues(error) : formIssues(error.issues, submission);
    const summary = summarySentence(issues.length, status);
    if (wantsJson) return json(status, { error: summary, summary, issues });
    const page = program
      ? renderIntakeForm({
          program,
          nonce,
          ...(signInConfig() ? { signIn: signInConfig()! } : {}),
          state: { values: new URLSearchParams(body), issues, summary },
        })
      : renderIntakeNotice(
          'Program not found',
          programId === undefined
            ? 'The form does not name a program. Open the intake form from the link the program admin gave you and fill it in again.'
            : 'The form names a program that does not exist. Open the intake form from the link the program admin gave you and fill it in again.',
        );
    return html(status, page, pageHeaders(nonce));
  }
}

/**
 * A form post from another site is refused: the browser would otherwise send it with the person's
 * session. Sec-Fetch-Site says it directly; the form page's no-referrer policy makes browsers send
 * "Origin: null" even for our own form, so the origin only counts when it names a site.
 */
function refuseCrossSite(event: HttpEvent): void {
  const site = header(event, 'sec-fetch-site');
  const origin = header(event, 'origin');
  const host = header(event, 'host');
  let foreign = site !== undefined && site !== 'same-origin' && site !== 'none';
  if (!foreign && origin && origin !== 'null' && host) {
    try {
      foreign = new URL(origin).host !== host;
    } catch {
      foreign = true;
    }
  }
  if (foreign) {
    throw new HttpError(403, 'The intake form can only be sent from its own page: open the intake form and submit it there.', [
      { field: '(origin)', message: 'is another site' },
    ]);
  }
}

/**
 * A CSV import is a job (docs/admin-api.md, "Import jobs"): the file is checked as a whole (size,
 * encoding, header, row count: 400 at once, nothing stored), stored, and answered with 202 and the
 * job's address; the ImportParticipants workflow enrols its rows in chunks.
 */
async function importCsv(event: HttpEvent): Promise<HttpResult> {
  const programId = event.queryStringParameters?.programId?.trim();
  if (!programId) {
    throw new HttpError(400, 'Say which program to import into: add ?programId=<program id> to the address.', [
      { field: 'programId', message: 'is required as a query parameter' },
    ]);
  }
  const bytes = readBodyBytes(event, { mediaTypes: ['text/csv', 'application/csv'], maxBytes: MAX_IMPORT_BYTES, what: 'A CSV import' });
  const csv = decodeCsv(bytes);
  const program = await getProgram(programId);
  if (!program) {
    throw new IntakeRejected([
      { field: 'programId', message: `names no known program ("${quotedProgramId(programId)}"); ask the program admin for the program's id` },
    ]);
  }
  // Every row would be refused for it, on a column the file does not have: refused as a whole.
  const closed = closedProgramIssue(program);
  if (closed) throw new IntakeRejected([closed]);
  const total = importEntries(parseIntakeCsv(csv, programId)).length;
  const importId = newImportId();
  const chunks = chunkCount(total);
  await storeImportFile(importId, new TextEncoder().encode(csv));
  try {
    await createImportJob({ importId, programId, total, chunks, createdAt: new Date().toISOString() });
    await startImportJob(importId, programId, chunks);
  } catch (error) {
    // The job says so too, if it was written: GET shows it failed with every row not tried.
    await endImportJob(importId, { failure: 'NotStarted' }).catch(() => undefined);
    // No step will read the file: it is not kept, since the answer says nothing was stored and an
    // erasure never looks in import files (the bucket's expiry removes it if this fails too).
    await deleteImportFile(importId).catch(() => undefined);
    logger.error('participant import not started', { importId, programId, error: error instanceof Error ? error.name : 'Error' });
    return json(503, {
      importId,
      message: 'The file was received but the import could not be started, so no participant was stored: send the same file again in a minute.',
    });
  }
  logger.info('participant import started', { importId, programId, rows: total, chunks });
  const location = `/participants/import/${importId}`;
  const answer = json(202, {
    importId,
    programId,
    status: 'enrolling',
    total,
    location,
    message: `The file was stored and its ${total} ${total === 1 ? 'row is' : 'rows are'} being enrolled; no participant is stored yet. Follow the progress and each row's result at ${location}.`,
  });
  return { ...answer, headers: { ...answer.headers, location } };
}

async function readImport(event: HttpEvent): Promise<HttpResult> {
  const id = wellFormedPathId(event, {
    param: 'id',
    pattern: IMPORT_ID,
    what: 'an import',
    rule: '"imp_" and 20 lowercase letters and digits 2 to 7, as the import answered it',
  });
  const job = await getImportJob(id);
  if (!job) {
    throw new HttpError(404, `No import has the id "${id}": use the importId the import answered with (it starts with "imp_"); imports are kept 30 days.`, [
      { field: 'id', message: 'is not a known import id' },
    ]);
  }
  const chunks = await listChunks(id);
  // Confirmations left pending when the job ended go later (the sweep): the report says how they stand now.
  const left = job.finishedAt ? stillPendingIds(chunks) : [];
  const now = left.length > 0 ? withConfirmationsNow(chunks, await confirmationStatuses(job.programId, left)) : chunks;
  return json(200, importReport(job, now));
}

async function readParticipant(event: HttpEvent): Promise<HttpResult> {
  const id = participantPathId(event);
  const participant = await getParticipant(id);
  if (!participant)
    throw new HttpError(404, `No participant has the id "${id}": check the id (it starts with "pt_").`, [
      { field: 'id', message: 'is not a known participant id' },
    ]);
  return json(200, participant);
}

/** The hosted sign-in, when the deployment configured it (AWS); the local cloud leaves it out. */
function signInConfig(): SignInConfig | undefined {
  const { SIGN_IN_AUTHORIZE_URL: authorizeUrl, SIGN_IN_TOKEN_URL: tokenUrl, SIGN_IN_CLIENT_ID: clientId, SIGN_IN_REDIRECT_URI: redirectUri } = process.env;
  if (!authorizeUrl || !tokenUrl || !clientId || !redirectUri) return undefined;
  return { authorizeUrl, tokenUrl, clientId, redirectUri };
}

/**
 * The form's page is public on AWS (people arrive from a link before signing in). There it never
 * lists the programs: the link names its program. Locally (no sign-in) a missing id offers the
 * programs to choose from.
 */
async function intakeForm(event: HttpEvent): Promise<HttpResult> {
  const query = event.queryStringParameters ?? {};
  // Back from the sign-in page the address carries the code and the state, which ends in the program id.
  const wanted = (query.programId ?? (query.code && query.state?.includes('.') ? query.state.slice(query.state.lastIndexOf('.') + 1) : undefined))?.trim();
  if (!wanted && signInConfig()) {
    return html(
      400,
      renderIntakeNotice('Which program?', 'This link does not name a program. Use the link the program admin shared (it ends in ?programId=...).'),
    );
  }
  const programs = wanted ? [] : await listPrograms();
  const program = wanted ? await getProgram(wanted) : programs.length === 1 ? programs[0] : undefined;
  if (!program) {
    const links = programs.map((p) => ({ href: `/intake?programId=${encodeURIComponent(p.programId)}`, label: p.name }));
    const page = wanted
      ? renderIntakeNotice('Program not found', `There is no program "${quotedProgramId(wanted)}". Check the link, or ask the program admin for the right one.`)
      : renderIntakeNotice(
          'Choose a program',
          links.length ? 'Choose the program to enrol participants in:' : 'There are no programs yet: a program admin has to create one first.',
          links,
        );
    return html(wanted ? 404 : 200, page);
  }
  const nonce = randomBytes(16).toString('base64');
  const signIn = signInConfig();
  return html(200, renderIntakeForm({ program, nonce, ...(signIn ? { signIn } : {}) }), pageHeaders(nonce));
}

/** Headers of the form's pages: same-origin POST (and the sign-in token endpoint) only; the nonce admits our own inline script and style, nothing else. */
function pageHeaders(nonce: string): Record<string, string> {
  const signIn = signInConfig();
  const connect = signIn ? `'self' ${new URL(signIn.tokenUrl).origin}` : "'self'";
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src ${connect}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
  return { 'content-security-policy': csp, 'referrer-policy': 'no-referrer' };
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [
    { method: 'POST', path: '/participants', handler: enrolOne },
    { method: 'POST', path: '/participants/import', handler: importCsv },
    { method: 'GET', path: '/participants/import/{id}', handler: readImport },
    { method: 'GET', path: '/participants/{id}', handler: readParticipant },
    { method: 'GET', path: '/intake', handler: intakeForm },
  ],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(
      404,
      `There is no ${method} ${path}: the intake serves POST /participants, POST /participants/import, GET /participants/import/{id}, GET /participants/{id} and GET /intake.`,
    );
  },
});

// GET /intake is the only public route of this function: the form's page.
export const handler = httpApiHandler(router, { hrGroup: true, publicRoutes: ['GET /intake'] });
