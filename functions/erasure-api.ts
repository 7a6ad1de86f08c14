import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { PARTICIPANT_ID } from './domain/participant';
import { eraseParticipant } from './lifecycle/erasure';
import { HttpError, httpApiHandler, json, pathId, type HttpEvent, type HttpResult } from './shared/http';
import { logger, metrics } from './shared/powertools';

/**
 * `POST /participants/{id}/erase` (admin API, `hr` group): erases a person (docs/admin-api.md,
 * Data rights). A function of its own, because it writes and deletes across the table and the
 * inbound-mail bucket while the admin API stays read-only.
 */

async function erase(event: HttpEvent): Promise<HttpResult> {
  const participantId = pathId(event, 'id', 'participant');
  // Only a well-formed id that names nobody is 404 (docs/admin-api.md): "not-an-id" names no id at all (QA hr8).
  if (!PARTICIPANT_ID.test(participantId))
    throw new HttpError(400, `"${participantId}" is not a participant id: a participant id is "pt_" and 20 letters and digits, as enrolment answered it.`, [
      { field: 'id', message: 'is not a valid id' },
    ]);
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
