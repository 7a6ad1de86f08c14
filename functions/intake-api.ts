import { randomBytes } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { createMailer } from './adapters/mailer';
import { getProgram, listPrograms } from './adapters/programs';
import { enrolParticipant, getParticipant } from './adapters/participants';
import { confirmByEmail, enrol, importParticipants, type IntakePorts } from './domain/intake';
import { MAX_IMPORT_BYTES } from './domain/intake-csv';
import { intakePrograms, renderIntakeForm, type SignInConfig } from './domain/intake-form';
import { requireEnv } from './shared/config';
import { html, HttpError, httpApiHandler, json, parseJsonBody, readBody, type HttpEvent, type HttpResult } from './shared/http';
import { logger, metrics } from './shared/powertools';

/**
 * The HTTP intake (API Gateway HTTP API, payload 2.0): enrol one participant as JSON, import a
 * CSV file, read a participant, serve the HR intake form. API Gateway authorises every route.
 */

const MAX_JSON_BYTES = 256 * 1024;

let ports: IntakePorts | undefined;
function intakePorts(): IntakePorts {
  ports ??= { getProgram, enrolParticipant, confirm: confirmByEmail(createMailer({ from: requireEnv('MAIL_FROM') })) };
  return ports;
}

async function enrolOne(event: HttpEvent): Promise<HttpResult> {
  const input = parseJsonBody(readBody(event, { mediaTypes: ['application/json'], maxBytes: MAX_JSON_BYTES, what: 'A participant' }));
  const { participant, created } = await enrol(input, intakePorts());
  logger.info(created ? 'participant enrolled' : 'participant already enrolled', { participantId: participant.participantId, programId: participant.programId });
  if (created) metrics.addMetric('ParticipantEnrolled', MetricUnit.Count, 1);
  return json(created ? 201 : 200, participant);
}

async function importCsv(event: HttpEvent): Promise<HttpResult> {
  const programId = event.queryStringParameters?.programId?.trim();
  if (!programId) {
    throw new HttpError(400, 'Say which program to import into: add ?programId=<program id> to the address.', [{ field: 'programId', message: 'is required as a query parameter' }]);
  }
  const csv = readBody(event, { mediaTypes: ['text/csv', 'application/csv'], maxBytes: MAX_IMPORT_BYTES, what: 'A CSV import' });
  const report = await importParticipants(csv, programId, intakePorts());
  logger.info('participants imported', { programId, rows: report.rows, created: report.created, alreadyEnrolled: report.alreadyEnrolled, rejected: report.rejected.length });
  metrics.addMetric('ParticipantEnrolled', MetricUnit.Count, report.created);
  metrics.addMetric('ImportRowRejected', MetricUnit.Count, report.rejected.length);
  return json(200, report);
}

async function readParticipant(event: HttpEvent): Promise<HttpResult> {
  const id = event.pathParameters?.id ?? '';
  const participant = /^pt_[a-z2-7]{20}$/.test(id) ? await getParticipant(id) : undefined;
  if (!participant) throw new HttpError(404, `No participant has the id "${id}": check the id (it starts with "pt_").`, [{ field: 'id', message: 'is not a known participant id' }]);
  return json(200, participant);
}

/** The hosted sign-in, when the deployment configured it (AWS); the local cloud leaves it out. */
function signInConfig(): SignInConfig | undefined {
  const { SIGN_IN_AUTHORIZE_URL: authorizeUrl, SIGN_IN_TOKEN_URL: tokenUrl, SIGN_IN_CLIENT_ID: clientId, SIGN_IN_REDIRECT_URI: redirectUri } = process.env;
  if (!authorizeUrl || !tokenUrl || !clientId || !redirectUri) return undefined;
  return { authorizeUrl, tokenUrl, clientId, redirectUri };
}

/**
 * The form's page is public (people arrive from a link before signing in), so it holds no program
 * data and reads nothing: the program id in the address is echoed, escaped. The signed-in page
 * reads the programs it may enrol into from GET /intake/programs.
 */
async function intakeForm(event: HttpEvent): Promise<HttpResult> {
  const query = event.queryStringParameters ?? {};
  // Back from the sign-in page the address carries the code and the state, which ends in the program id.
  const wanted = (query.programId ?? (query.code && query.state?.includes('.') ? query.state.slice(query.state.lastIndexOf('.') + 1) : undefined))?.trim();
  const nonce = randomBytes(16).toString('base64');
  const signIn = signInConfig();
  // Same-origin fetches (and the sign-in token endpoint) only; the nonce admits our own inline script and style, nothing else.
  const connect = signIn ? `'self' ${new URL(signIn.tokenUrl).origin}` : "'self'";
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src ${connect}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
  return html(200, renderIntakeForm({ ...(wanted ? { programId: wanted.slice(0, 100) } : {}), nonce, ...(signIn ? { signIn } : {}) }), { 'content-security-policy': csp, 'referrer-policy': 'no-referrer' });
}

/** Protected: the programs an HR person may enrol into, with what the form needs to draw them. */
async function readIntakePrograms(): Promise<HttpResult> {
  return json(200, intakePrograms(await listPrograms()));
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [
    { method: 'POST', path: '/participants', handler: enrolOne },
    { method: 'POST', path: '/participants/import', handler: importCsv },
    { method: 'GET', path: '/participants/{id}', handler: readParticipant },
    { method: 'GET', path: '/intake', handler: intakeForm },
    { method: 'GET', path: '/intake/programs', handler: readIntakePrograms },
  ],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(404, `There is no ${method} ${path}: the intake serves POST /participants, POST /participants/import, GET /participants/{id}, GET /intake and GET /intake/programs.`);
  },
});

// GET /intake is the only public route of this function (the page shell, no data).
export const handler = httpApiHandler(router, { hrGroup: true, publicRoutes: ['GET /intake'] });
