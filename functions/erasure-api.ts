import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { eraseParticipant } from './lifecycle/erasure';
import { HttpError, httpApiHandler, json, pathId, type HttpEvent, type HttpResult } from './shared/http';
import { participantPathId } from './shared/participant-path';
import { logger, metrics } from './shared/powertools';

/**
 * `POST /participants/{id}/erase` (admin API, `hr` group): erases a person (docs/admin-api.md,
 * Data rights). A function of its own, because it writes and deletes across the table and the
 * inbound-mail bucket while the admin API stays read-only.
 */

async function erase(event: HttpEvent): Promise<HttpResult> {
  // An id with characters other than letters, digits, - and _, or over 80 of them, is refused in the general
  // path check's words first, as erase always answered it; the participant routes' own words come second.
  pathId(event, 'id', 'participant');
  const participantId = participantPathId(event);
  if ((event.body ?? '').trim() !== '')
    throw new HttpError(400, 'An erasure takes no body: send the request without one.', [{ field: '(body)', message: 'must be empty' }]);
  const result = await eraseParticipant(participantId, { requestedBy: 'admin', ...(process.env.INBOUND_BUCKET ? { bucket: process.env.INBOUND_BUCKET } : {}) });
  if (!result)
    throw new HttpError(404, `There is no participant "${participantId}": check the participant id.`, [{ field: 'id', message: 'is not a known participant' }]);
  if (result.status === 'erased') metrics.addMetric('ParticipantErased', MetricUnit.Count, 1);
  logger.info('erasure answered', { erasureId: result.erasureId, status: result.status });
  return json(200, result);
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [{ method: 'POST', path: '/participants/{id}/erase', handler: erase }],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(404, `There is no ${method} ${path} here: erase a participant with POST /participants/{id}/erase.`);
  },
});

export const handler = httpApiHandler(router, { hrGroup: true });
