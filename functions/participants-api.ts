import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { z } from 'zod';
import { getParticipant } from './adapters/participants';
import { getProgram } from './adapters/programs';
import { isErased } from './domain/erasure';
import { checkParticipantChanges, participantChanges } from './domain/events';
import { fixedFieldsRemedy } from './domain/fixed-fields';
import { changeIssues } from './domain/participant-update';
import { endsConfirmation, endsRefusal, loadChangeEnds } from './domain/update-ends';
import { boundIssues, describeIssues, fieldIssuesOf } from './domain/validation';
import { applyParticipantUpdate, changeEndsPorts, UpdateRefused } from './shared/apply-participant-update';
import { HttpError, httpApiHandler, json, parseJsonBody, readBody, type HttpEvent, type HttpResult } from './shared/http';
import { participantPathId } from './shared/participant-path';
import { logger, metrics } from './shared/powertools';

/**
 * `PATCH /participants/{id}` (admin API, `hr` group): HR changes a participant's name, address,
 * department, manager, time zone, languages, availability or capacity, or their other intake
 * answers (job title, location, topics, interests, goals, meeting preference, communication style:
 * the next matching run reads them; docs/admin-api.md, Participants). Applied exactly as a
 * ParticipantUpdated event is (shared/apply-participant-update.ts):
 * the same person's other enrolments take the person's facts, a pairing the change puts in one
 * reporting line ends, former addresses are kept. Unlike the event, a refusal is answered to the
 * caller, and so is a change that would end running pairings: 409 naming them, nothing stored,
 * unless the request says it means it (`?confirm=end-pairings`, domain/update-ends.ts); then the
 * 200 lists them (`pairingsEnded`). A function of its own: it writes participants and wakes
 * pairings, nothing more.
 */

const MAX_BODY_BYTES = 64 * 1024;
const MEDIA_TYPES = ['application/json', 'application/merge-patch+json'];

/** The fields of a ParticipantUpdated event, without who it names: the path names the person. */
const participantPatch = z.object(participantChanges).strict().superRefine(checkParticipantChanges);

async function changeParticipant(event: HttpEvent): Promise<HttpResult> {
  const id = participantPathId(event);
  const confirmation = endsConfirmation(event.queryStringParameters);
  if ('issue' in confirmation) throw new HttpError(400, confirmation.message, [confirmation.issue]);
  const found = await getParticipant(id);
  if (!found)
    throw new HttpError(404, `No participant has the id "${id}": check the id (it starts with "pt_").`, [
      { field: 'id', message: 'is not a known participant id' },
    ]);
  const body = parseJsonBody(readBody(event, { mediaTypes: MEDIA_TYPES, maxBytes: MAX_BODY_BYTES, what: 'The change' }), 'The change');
  const parsed = participantPatch.safeParse(body);
  if (!parsed.success) {
    // Every problem at once: the checks against the stored participant and the program's topics too, on the fields valid on their own.
    const program = await getProgram(found.programId);
    const issues = boundIssues(changeIssues(found, body, fieldIssuesOf(parsed.error), participantChanges, program?.topics));
    // Only fields that stay as enrolled: nothing to fix in them, only to leave out.
    const remedy = fixedFieldsRemedy(issues) ?? 'Fix these fields and send it again.';
    throw new HttpError(400, `The change was not accepted: ${describeIssues(issues)}. ${remedy}`, issues);
  }
  // An erased person stays erased: nothing of theirs is written back.
  if (isErased(found))
    throw new HttpError(409, `Participant ${id} was erased: nothing of theirs can be changed. Enrol the person again if they take part anew.`, [
      { field: 'id', message: 'names an erased participant' },
    ]);
  // The change happens now: its time keeps it from being undone by an older HR event arriving later.
  const at = new Date().toISOString();
  // HR fixing a typo must not end a pair by surprise: a change that ends running pairings nobody has
  // asked to end yet is answered with them, and stored only once the request says it means it.
  const ends = await loadChangeEnds(found, [], parsed.data, at, changeEndsPorts);
  const refusal = endsRefusal(ends, parsed.data, confirmation.confirmed);
  if (refusal) {
    logger.info('participant update held: it would end pairings', { participantId: id, pairings: refusal.pairingsToEnd.map((e) => e.pairingId), via: 'api' });
    metrics.addMetric('ParticipantUpdateNeedsConfirmation', MetricUnit.Count, 1);
    return json(409, { error: refusal.message, issues: refusal.issues, pairingsToEnd: refusal.pairingsToEnd });
  }
  try {
    const { changed, pairingsEnded: endRequests, otherEnrolments } = await applyParticipantUpdate(found, [], parsed.data, { at, log: { via: 'api' } });
    // Field names and ids only: the values are personal data.
    logger.info('participant updated', { participantId: id, changed, pairingsEnded: ends.ends, endRequests, otherEnrolments, via: 'api' });
    metrics.addMetric('ParticipantUpdated', MetricUnit.Count, 1);
    const participant = await getParticipant(id);
    return json(200, { ...participant, changed, pairingsEnded: ends.ends });
  } catch (error) {
    if (!(error instanceof UpdateRefused)) throw error;
    metrics.addMetric('ParticipantUpdateRejected', MetricUnit.Count, 1);
    if (error.kind === 'address-taken')
      throw new HttpError(
        409,
        `The change was not accepted: ${error.message}. Give this participant an address no one else in the program has, or change the other participant's first.`,
        error.issues,
      );
    if (error.kind === 'not-enrolled')
      throw new HttpError(404, `No participant has the id "${id}" any more: check the id.`, [{ field: 'id', message: 'is not a known participant id' }]);
    throw new HttpError(400, `The change was not accepted: ${error.message}. Fix these fields and send it again.`, error.issues);
  }
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [{ method: 'PATCH', path: '/participants/{id}', handler: changeParticipant }],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(404, `There is no ${method} ${path} here: change a participant with PATCH /participants/{id}.`);
  },
});

export const handler = httpApiHandler(router, { hrGroup: true });
