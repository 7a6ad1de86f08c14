import { createHash } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import httpRouterHandler from '@middy/http-router';
import { getQuestion, standingWithoutSignature, type StoredQuestion } from './adapters/reply-tokens';
import { answerAdminQuestion, approvalFamilyOf, approvalLinkNote, endedPairOf, putToFormerAdmin } from './lifecycle/admin-questions';
import { endedSinceOf } from './domain/emails/replies';

import {
  approvalRunOf,
  isAdminQuestion,
  openAdminLink,
  openAnswerLink,
  openRoundLink,
  pairingOverOf,
  standingLinkRefusal,
  settledAnswerOf,
  type FellowQuestion,
  type RoundStanding,
  type SettledAnswer,
} from './domain/answer-link';
import { askOf, introductionExtras, offersGoals, surveyProblems, topicItemsOf, typedBackOf, type FieldProblem, type TypedBack } from './domain/answer-form';
import { closedApprovalSettlement, decisionSettlement, type DecisionRecord, type Settlement } from './domain/admin-answer';
import { recordAnswer as recordOnRound } from './domain/pairing/answers';
import { PAIRING_KEYS } from './domain/pairing/model';
import { getRun } from './adapters/waitlist';
import { replySigningKeys, replyVerificationKeys } from './adapters/secrets';
import {
  choiceLabel,
  isSurveyLink,
  needsResumeDay,
  questionWording,
  PAGE_STYLE,
  renderConfirmPage,
  renderEndedSincePage,
  renderPairingOverPage,
  renderProblemPage,
  renderRequestProblemPage,
  renderSettledPage,
  wantsPage,
  renderThanksPage,
  renderUnsubscribeConfirmPage,
  renderAskedAgainPage,
  renderNotYoursPage,
  renderUnsubscribedPage,
  renderDataRightsConfirmPage,
  renderDataRightsRequestedPage,
  surveyReplyText,
  type AnswerProblem,
} from './domain/answer-page';
import { getProgram, programNames } from './adapters/programs';
import { programContact } from './domain/program-contact';
import { publishControlRequest } from './adapters/workflow-callbacks';
import {
  askedOf,
  claimedStandingTokenId,
  interpretReply,
  readAnswerToken,
  verifyConcernToken,
  verifyDataRightsToken,
  verifyUnsubscribeToken,
  type ReplyAnswer,
} from './domain/replies';
import { getParticipant, sameAddressEnrolments } from './adapters/participants';
import { whatErasureEnds } from './lifecycle/erasure-ends';
import { isErased } from './domain/erasure';
import { whatStopDoes, type Participant } from './domain/participant';
import { insteadOfNewPartner } from './domain/emails/footer';
import { formatDate } from './domain/emails/format';
import { todayFor } from './domain/pairing/controls';
import { pauseAgainstBound, pauseBoundOf } from './domain/pairing/pause-bound';
import { getPairing, isTerminal, listChildren, pairingsOf } from './adapters/pairings';
import type { Pairing } from './domain/pairing/model';
import { CONCERN_TEXT_MAX, concernFormEmpty, renderConcernForm, renderConcernSent } from './domain/concern-page';
import { formConcernSeed } from './domain/concerns';
import { concernFormReader, raiseConcern } from './lifecycle/concern';
import { lastPauseDayIn, type PauseLastDay } from './lifecycle/pause-last-day';
import { header, html, HttpError, httpApiHandler, type HttpEvent, type HttpResult } from './shared/http';
import { withoutDirectionControls } from './domain/text-input';
import type { Context } from 'aws-lambda';
import { countBusiness } from './shared/business-metrics';
import { logger, metrics } from './shared/powertools';

/**
 * The answer page `/r/{token}` (public route: the signed, expiring token is the permission), and
 * the one-click unsubscribe link `/u/{token}` every participant email carries (List-Unsubscribe).
 * GET only shows the question and a confirm button, because mail scanners open every link in an
 * email; POST records the answer through the same path as an emailed reply.
 */

const MAX_FORM_BYTES = 8 * 1024;
const MAX_NOTE = 1000;
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
const STATUS: Record<AnswerProblem, number> = {
  invalid: 400,
  expired: 410,
  closed: 410,
  'already-answered': 409,
  'not-an-admin': 403,
  'data-link-expired': 410,
  'data-gone': 410,
  inactive: 410,
};

const page = (status: number, body: string) => html(status, body, { 'content-security-policy': CSP, 'referrer-policy': 'no-referrer' });

/**
 * `admin`: the link of a question put to the program's admins, refused in an admin's words;
 * `typed`: what the person wrote on the form they sent, shown back (nothing of it was recorded).
 */
function problem(kind: AnswerProblem, reason: string, admin?: { readonly route?: string }, typed?: readonly TypedBack[]): HttpResult {
  metrics.addMetric('AnswerLinkRefused', MetricUnit.Count, 1);
  logger.info('answer link refused', { problem: kind, reason });
  return page(STATUS[kind], renderProblemPage(kind, admin, typed));
}

/** The admin API route that shows where an admin question's pairing or matching run stands. */
function adminRouteOf(q: StoredQuestion): { route?: string } {
  const run = approvalRunOf(q);
  if (run) return { route: `GET /programs/${run.programId}/matching/${run.runId}` };
  return q.pairingId ? { route: `GET /pairings/${q.pairingId}` } : {};
}

/**
 * What the pairing or the matching run holds of an admin question's settlement, read as the reply
 * path reads it (inbound-mail.ts, settlementFor): the pairing's record of the decision round (or
 * the answer on the round still open) with the round's questions to every admin, or the run's
 * questions and its audit; and whether the pairing still holds the decision round open.
 */
async function adminFacts(q: StoredQuestion, family: readonly StoredQuestion[], now: Date): Promise<{ settled?: SettledAnswer; roundClosed?: boolean }> {
  let settlement: Settlement | undefined;
  let fellows: readonly FellowQuestion[] = family;
  let approvedBy: string | undefined;
  let roundClosed: boolean | undefined;
  if (q.purpose === 'admin-decision' && q.pairingId && q.roundKey) {
    const [pairing, records] = await Promise.all([getPairing(q.pairingId), listChildren<DecisionRecord>(q.pairingId, PAIRING_KEYS.decision(''))]);
    settlement = decisionSettlement(q, records, pairing?.round);
    roundClosed = !pairing || recordOnRound(pairing, q.roundKey, 'admin', { intent: 'unclear', at: now.toISOString() }, now).status === 'closed';
    if (settlement && settlement.via !== 'silence' && settlement.via !== 'api') fellows = await roundAdminQuestions(q.pairingId, q.roundKey);
  } else {
    const of = approvalRunOf(q);
    const run = of && ((await getRun(of.programId, of.runId)) as { status?: string; approvedBy?: unknown } | undefined);
    settlement = closedApprovalSettlement(q, family, run);
    approvedBy = typeof run?.approvedBy === 'string' && run.approvedBy.includes('@') ? run.approvedBy : undefined;
  }
  const settled = settledAnswerOf(q, settlement, fellows, approvedBy);
  return { ...(settled ? { settled } : {}), ...(roundClosed !== undefined ? { roundClosed } : {}) };
}

/** The questions of a decision round put to the admins (each one's question and reminder), from the pairing's outbox. */
async function roundAdminQuestions(pairingId: string, roundKey: string): Promise<StoredQuestion[]> {
  const entries = await listChildren<{ opaqueId?: string; email?: { question?: { roundKey?: string; side?: string } } }>(pairingId, PAIRING_KEYS.outbox(''));
  const ids = entries.filter((e) => e.opaqueId && e.email?.question?.roundKey === roundKey && e.email?.question?.side === 'admin').map((e) => e.opaqueId!);
  const found = await Promise.all(ids.map((id) => getQuestion(id)));
  return found.filter((f): f is StoredQuestion => f !== undefined);
}

/**
 * The refusal of an admin's link to a question that closed unanswered: about a pairing that has
 * ended since (a member's STOP or END, a departure), when and why it ended and where the pair
 * stands, as the reply path's closed notice says it; otherwise the admin's refusal page.
 */
async function adminClosedPage(q: StoredQuestion, kind: AnswerProblem, reason: string, now: Date, typed?: readonly TypedBack[]): Promise<HttpResult> {
  const pairing = (kind === 'closed' || kind === 'expired') && q.purpose === 'admin-decision' && q.pairingId ? await getPairing(q.pairingId) : undefined;
  const [program, pair] = pairing ? await Promise.all([getProgram(q.programId), endedPairOf(q, pairing)]) : [];
  const endedSince = program && endedSinceOf(pairing, pair ?? [], { programHasClosed: programContact(program, [], now).closed === true });
  if (!program || !endedSince) return problem(kind, reason, adminRouteOf(q), typed);
  metrics.addMetric('AnswerLinkRefused', MetricUnit.Count, 1);
  logger.info('answer link refused', { problem: kind, reason: `${reason}, pairing ended since` });
  return page(
    410,
    renderEndedSincePage({
      endedSince,
      topic: questionWording(q.purpose, q.context).topic,
      timeZone: program.timeZone,
      ...adminRouteOf(q),
      typed: typed ?? [],
    }),
  );
}

/**
 * Where a participant's question of a pairing round stands, read as the POST would record on it
 * (domain/pairing/answers.ts, recordAnswer): undefined for a question of no round.
 */
async function roundOf(q: StoredQuestion, now: Date): Promise<{ standing?: RoundStanding; pairing?: Pairing }> {
  if (!q.roundKey || !q.pairingId || (q.side !== 'mentor' && q.side !== 'mentee')) return {};
  const pairing = await getPairing(q.pairingId);
  if (!pairing) return { standing: 'closed' };
  const out = recordOnRound(pairing, q.roundKey, q.side, { intent: 'unclear', at: now.toISOString() }, now);
  return { standing: out.status === 'recorded' ? 'open' : out.status === 'closed' ? 'closed' : 'answered', pairing };
}

/**
 * The refusal of a participant's link: a question of a pairing that has ended or completed since
 * says so (on GET already, as the POST finds it), with the day, in the person's zone; otherwise the
 * plain refusal page. `typed`: what they wrote on the form, shown back.
 */
async function participantRefusal(
  q: StoredQuestion | undefined,
  kind: AnswerProblem,
  reason: string,
  typed: readonly TypedBack[] | undefined,
  read?: Pairing,
): Promise<HttpResult> {
  const closed = kind === 'closed' || kind === 'expired';
  const pairing = closed && q?.pairingId ? (read ?? (await getPairing(q.pairingId))) : undefined;
  const over = pairingOverOf(pairing);
  if (!q || !over) return problem(kind, reason, undefined, typed);
  const [person, program] = await Promise.all([q.participantId ? getParticipant(q.participantId) : undefined, getProgram(q.programId)]);
  metrics.addMetric('AnswerLinkRefused', MetricUnit.Count, 1);
  logger.info('answer link refused', { problem: kind, reason: `${reason}, pairing over` });
  const timeZone = person?.timeZone ?? program?.timeZone ?? 'UTC';
  return page(410, renderPairingOverPage({ topic: questionWording(q.purpose, q.context).topic, over, timeZone, typed: typed ?? [] }));
}

/** The page of an admin's link to a question already settled: who answered, and what was decided. */
async function settledPage(q: StoredQuestion, settled: SettledAnswer, now: Date, typed?: readonly TypedBack[]): Promise<HttpResult> {
  const program = await getProgram(q.programId);
  if (!program) return problem('closed', 'settled, program gone', adminRouteOf(q), typed);
  metrics.addMetric('AnswerLinkRefused', MetricUnit.Count, 1);
  logger.info('answer link refused', { problem: 'settled', by: settled.by, decision: settled.decision });
  const run = approvalRunOf(q);
  return page(
    settled.by === 'nobody' ? 410 : 409,
    renderSettledPage({
      settled,
      topic: questionWording(q.purpose, q.context).topic,
      program: programContact(program, [q.recipientEmail], now),
      timeZone: program.timeZone,
      ...(run ? { programId: run.programId, runId: run.runId } : {}),
      typed: typed ?? [],
    }),
  );
}

/** `linked`: the question of the link's own email (`question` may be the reminder's that took over from it). */
type Opened = { question: StoredQuestion; choice: string; linked: string } | { refused: HttpResult };

/**
 * Checks the token's signature, then what it opens (domain/answer-link.ts: its question, or the
 * reminder's that took over from it); anything doubtful is refused without detail. A pairing
 * round's question is read on the pairing too, as the POST records it: closed or answered there, it
 * is refused on GET already. `typed`: on POST, what the form held, shown back with a refusal.
 */
async function open(event: HttpEvent, now: Date, typed?: readonly TypedBack[]): Promise<Opened> {
  const token = event.pathParameters?.token ?? '';
  let payload = readAnswerToken(token, await replyVerificationKeys(now));
  // A link signed with a key rotated in since this container read the secret: read it again.
  if ('error' in payload) payload = readAnswerToken(token, await replyVerificationKeys(now, { fresh: true }));
  if ('error' in payload) return { refused: problem('invalid', 'token invalid', undefined, typed) };
  const linked = await getQuestion(payload.opaqueId);
  const family = linked ? await approvalFamilyOf(linked) : [];
  const opening = openAnswerLink({ link: payload, linked, family, now });
  // An admin removed from the program since the question was asked decides nothing any more: the
  // page says so on GET already, not only when the button is pressed.
  if ('question' in opening && (await putToFormerAdmin(opening.question)))
    return { refused: problem('not-an-admin', 'link of a former admin', undefined, typed) };
  if (!linked || !isAdminQuestion(linked)) {
    const round = 'question' in opening ? await roundOf(opening.question, now) : {};
    const opened = openRoundLink(opening, round.standing);
    if ('refused' in opened) return { refused: await participantRefusal(linked, opened.refused, opened.reason, typed, round.pairing) };
    return { question: opened.question, choice: payload.choice, linked: payload.opaqueId };
  }
  // One answer settles an admin question for every admin: another admin's link says who and what at once.
  const opened = openAdminLink(opening, await adminFacts(linked, family, now));
  if ('settled' in opened) return { refused: await settledPage(linked, opened.settled, now, typed) };
  if ('refused' in opened) return { refused: await adminClosedPage(linked, opened.refused, opened.reason, now, typed) };
  return { question: opened.question, choice: payload.choice, linked: payload.opaqueId };
}

/** After a press that recorded nothing on an admin question: who settled it meanwhile, else the admin's refusal. */
async function adminRefusal(q: StoredQuestion, kind: AnswerProblem, reason: string, now: Date, typed: readonly TypedBack[]): Promise<HttpResult> {
  const linked = (await getQuestion(q.opaqueId)) ?? q;
  const { settled } = await adminFacts(linked, await approvalFamilyOf(linked), now);
  return settled ? settledPage(linked, settled, now, typed) : adminClosedPage(linked, kind, reason, now, typed);
}

/**
 * What the confirm page says beyond the question, as its email said it: a fit check's "No" ends the
 * pairing, and what follows instead of a new partner (the reader's rematches so far, the program's
 * policy and whether it has closed: footer.ts, insteadOfNewPartner); an admin's "Pause", the first
 * day it may resume on (the reply reader's today: UTC, as the POST reads the day).
 */
async function confirmExtras(question: StoredQuestion, choice: string, now: Date): Promise<{ fitNoInstead?: string; resumeFrom?: string }> {
  if (needsResumeDay(question.purpose, choice)) return { resumeFrom: todayFor(now) };
  if (question.purpose !== 'fit' || choice !== 'no') return {};
  const [stored, person] = await Promise.all([getProgram(question.programId), question.participantId ? getParticipant(question.participantId) : undefined]);
  if (!stored) return {};
  const instead = insteadOfNewPartner(
    person?.rematchAttempts !== undefined ? { rematchAttempts: person.rematchAttempts } : {},
    programContact(stored, [], now),
  );
  return instead ? { fitNoInstead: instead } : {};
}

/** The confirm page of an opened link, with the form sent before (`values`) and why it recorded nothing (`problems`). */
async function confirmPage(
  status: number,
  event: HttpEvent,
  opened: { question: StoredQuestion; choice: string },
  now: Date,
  sent?: { values: URLSearchParams; problems: readonly FieldProblem[] },
  context = opened.question.context,
): Promise<HttpResult> {
  const { question, choice } = opened;
  return page(
    status,
    renderConfirmPage({
      purpose: question.purpose,
      choice,
      action: event.rawPath,
      ...(context ? { context } : {}),
      ...(await confirmExtras(question, choice, now)),
      ...(sent ? { values: sent.values, problems: sent.problems } : {}),
    }),
  );
}

async function showQuestion(event: HttpEvent): Promise<HttpResult> {
  const now = new Date();
  const opened = await open(event, now);
  if ('refused' in opened) return opened.refused;
  const { question } = opened;
  // An approval whose proposal changed since its email: the page says what pressing does instead.
  const changed = question.purpose === 'approval' ? await approvalLinkNote(question, opened.linked) : undefined;
  const context = changed ? { ...question.context, prompt: changed } : question.context;
  return confirmPage(200, event, opened, now, undefined, context);
}

function formFields(event: HttpEvent): URLSearchParams {
  const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!event.body) return new URLSearchParams();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'The answer form must be sent as application/x-www-form-urlencoded: use the button on the page.');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_FORM_BYTES) throw new HttpError(413, 'The form is too long: keep each note under 1,000 characters.');
  return new URLSearchParams(raw);
}

/** The form's fields, or undefined when it cannot be read (refused below, once the link is known to work). */
function formIfReadable(event: HttpEvent): URLSearchParams | undefined {
  try {
    return formFields(event);
  } catch {
    return undefined;
  }
}

/**
 * The form's note on one line, without the direction controls a reply loses too
 * (withoutDirectionControls): a reply's note is kept on one line too (replies/interpret.ts, tidyNote).
 */
function noteOf(form: URLSearchParams): string | undefined {
  const note = form.get('note');
  return note === null ? undefined : withoutDirectionControls(note).replace(/\s+/g, ' ').trim();
}

/**
 * The answer a form gives: the link's choice (plus a note), the milestone survey's fields, or the
 * introduction's YES with the goals and starting points its page takes.
 */
function readingOf(
  question: StoredQuestion,
  choice: string,
  form: URLSearchParams,
  note: string | undefined,
  now: Date,
  bound?: PauseLastDay,
): ReplyAnswer | undefined {
  if (isSurveyLink(question.purpose, choice)) {
    const text = surveyReplyText(form, question.context);
    return text === undefined ? undefined : interpretReply(text, question.purpose, { now, ...askedOf(question.context) });
  }
  if (needsResumeDay(question.purpose, choice)) {
    // The page's date field: read as the reply "PAUSE until <day>" would be (a day passed is unclear, with why).
    const until = form.get('until')?.trim() ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) return undefined;
    // Read as the reply is, against the pairing's last pause day: the email said "a pause may run to … at the latest".
    const reading = interpretReply(`PAUSE until ${until}`, question.purpose, {
      now,
      ...(bound ? { timeZone: bound.timeZone, pauseLastDay: bound.lastDay } : {}),
    });
    return note && reading.intent !== 'unclear' ? { ...reading, note } : reading;
  }
  const reading = interpretReply(choice, question.purpose, { now });
  const extras = offersGoals(question.purpose, choice, question.context) ? introductionExtras(form, question.context) : {};
  return { ...reading, ...extras, ...(note ? { note } : {}) };
}

/** The resume day's bound for a decision's "Pause" link: none when the pairing no longer runs (the answer is refused as closed anyway). */
async function resumeBoundOf(question: StoredQuestion): Promise<PauseLastDay | undefined> {
  const pairing = question.pairingId ? await getPairing(question.pairingId) : undefined;
  return pairing ? lastPauseDayIn([pairing], pairing.programId) : undefined;
}

/** Why a form recorded nothing that the person can put right on the page, each on its field; undefined for any other refusal. */
function formProblems(
  question: StoredQuestion,
  choice: string,
  form: URLSearchParams,
  reading: ReplyAnswer | undefined,
  now: Date,
  bound?: PauseLastDay,
): FieldProblem[] | undefined {
  if (needsResumeDay(question.purpose, choice)) {
    const until = form.get('until')?.trim() ?? '';
    const against = bound && reading ? pauseAgainstBound(pauseBoundOf(bound.lastDay), todayFor(now, bound.timeZone), until) : 'within';
    const last = bound ? formatDate(bound.lastDay, bound.timeZone) : '';
    const text = !reading
      ? 'Choose the day the pairing should resume: a pause needs it. Nothing was recorded.'
      : against === 'none-left'
        ? `No pause can be given any more: a pause of this pairing may run to ${last} at the latest. Nothing was recorded: reply to the email with CONTINUE, END or REMATCH instead.`
        : against === 'past-last-day'
          ? `A pause of this pairing may run to ${last} at the latest: choose that day or an earlier one. Nothing was recorded.`
          : 'The day you chose is today or has passed: choose a day after today, on which the pairing resumes. Nothing was recorded.';
    return [{ field: 'until', text }];
  }
  if (!isSurveyLink(question.purpose, choice)) return undefined;
  const missing = surveyProblems(form);
  return missing.length > 0
    ? missing
    : [{ text: 'Your answers could not be read as they are, so nothing was recorded: check them and press the button again, or reply to the email instead.' }];
}

async function recordAnswer(event: HttpEvent): Promise<HttpResult> {
  const now = new Date();
  // Read before the link is checked, so that a refusal can show back what was typed (QA ui8).
  const sent = formIfReadable(event);
  const opened = await open(event, now, typedBackOf(sent));
  if ('refused' in opened) return opened.refused;
  const { question, choice } = opened;
  const form = sent ?? formFields(event);
  const typed = typedBackOf(form);
  // A note longer than the form allows (only a client that ignores its maxlength sends one) is
  // shown back with the limit, nothing recorded: never stored cut short without a word (QA attack6).
  const note = noteOf(form);
  const long = isSurveyLink(question.purpose, choice) ? 0 : (note?.length ?? 0);
  if (long > MAX_NOTE) {
    const text = `Your note is ${long.toLocaleString('en-GB')} characters long, and at most ${MAX_NOTE.toLocaleString('en-GB')} fit: shorten it and press the button again. Nothing was recorded.`;
    return confirmPage(413, event, opened, now, { values: form, problems: [{ field: 'note', text }] });
  }
  const bound = needsResumeDay(question.purpose, choice) ? await resumeBoundOf(question) : undefined;
  const reading = readingOf(question, choice, form, note, now, bound);
  if (!reading || reading.intent === 'unclear') {
    // What they typed and chose stays on the page, with what to put right on its field.
    const problems = formProblems(question, choice, form, reading, now, bound);
    if (problems) return confirmPage(400, event, opened, now, { values: form, problems });
    return problem('invalid', 'choice not understood', undefined, typed);
  }
  const result = await answerAdminQuestion(question.opaqueId, reading, { channel: 'link', now, answeredTo: opened.linked });
  switch (result.status) {
    case 'recorded':
      metrics.addMetric('AnswerRecorded', MetricUnit.Count, 1);
      countBusiness('answersRecorded', question.programId);
      logger.info('answer recorded from link', {
        opaqueId: question.opaqueId,
        purpose: question.purpose,
        participantId: question.participantId,
        intent: reading.intent,
      });
      // A review's form: the review it answered by name (a milestone or the end of the program).
      if (isSurveyLink(question.purpose, choice)) return page(200, renderThanksPage('', questionWording(question.purpose, question.context).topic));
      return page(
        200,
        renderThanksPage(
          choiceLabel(choice, question.purpose),
          undefined,
          offersGoals(question.purpose, choice, question.context) ? { recorded: reading, topics: topicItemsOf(askOf(question.context)) } : undefined,
        ),
      );
    case 'duplicate':
    case 'already-answered':
      return isAdminQuestion(question)
        ? adminRefusal(question, 'already-answered', 'answered meanwhile', now, typed)
        : problem('already-answered', 'answered meanwhile', undefined, typed);
    case 'asked-again':
      return page(200, renderAskedAgainPage(result.sentNow));
    case 'not-yours':
      return page(403, renderNotYoursPage());
    default:
      return isAdminQuestion(question)
        ? adminRefusal(question, 'closed', `answer ${result.status}`, now, typed)
        : participantRefusal(question, 'closed', `answer ${result.status}`, typed);
  }
}

/**
 * The standing address behind a one-click unsubscribe or concern token, or the refusal to show.
 * A token signed with a key retired since is vouched for by the stored standing address itself
 * (domain/replies/standing-credential.ts): one read, as for a signed one. A genuine token (its
 * signature holds) whose address is no longer stored, or whose person was erased, is "no longer
 * active" (410), never "changed or incomplete": the page does not say why (QA ui8).
 */
async function openStanding(
  event: HttpEvent,
  now: Date,
  link: { readonly verify: typeof verifyUnsubscribeToken; readonly name: string },
): Promise<{ question: StoredQuestion; person: Participant } | { refused: HttpResult }> {
  const token = event.pathParameters?.token ?? '';
  let payload = link.verify(token, await replyVerificationKeys(now));
  if ('error' in payload) payload = link.verify(token, await replyVerificationKeys(now, { fresh: true }));
  const question =
    'error' in payload ? await standingWithoutSignature(claimedStandingTokenId(token), await replySigningKeys()) : await getQuestion(payload.opaqueId);
  const signed = !('error' in payload);
  const refused = (r: { refused: AnswerProblem; reason: string }) => ({ refused: problem(r.refused, `${link.name}: ${r.reason}`) });
  const found = standingLinkRefusal({ signed, standing: question });
  if (found || !question?.participantId) return refused(found ?? { refused: 'invalid', reason: 'no standing address' });
  const person = await getParticipant(question.participantId);
  const held = standingLinkRefusal({ signed, standing: question, person: person && { erased: isErased(person) } });
  if (held || !person) return refused(held ?? { refused: 'inactive', reason: 'person no longer held' });
  return { question, person };
}

const UNSUBSCRIBE = { verify: verifyUnsubscribeToken, name: 'unsubscribe' } as const;
const CONCERN = { verify: verifyConcernToken, name: 'concern' } as const;

/** GET /u/{token}: a confirm page; nothing changes (mail scanners open every link). */
async function showUnsubscribe(event: HttpEvent): Promise<HttpResult> {
  const opened = await openStanding(event, new Date(), UNSUBSCRIBE);
  if ('refused' in opened) return opened.refused;
  const program = await getProgram(opened.question.programId);
  const afterCompletion = await stopsOnlyEmail(opened.person);
  return page(200, renderUnsubscribeConfirmPage({ action: event.rawPath, afterCompletion, ...(program ? { programName: program.name } : {}) }));
}

/** Whether a STOP from this person only stops the program's email: their pairings have all completed (participant.ts, whatStopDoes). */
async function stopsOnlyEmail(person: Participant): Promise<boolean> {
  if (person.status !== 'completed') return false;
  const pairingRunning = (await pairingsOf(person.participantId)).some((p) => !isTerminal(p.status));
  return whatStopDoes(person, { pairingRunning }) !== 'withdraw';
}

/**
 * POST /u/{token}: one-click unsubscribe (RFC 8058, body "List-Unsubscribe=One-Click", or the
 * confirm page's button). Withdraws the person at once, as a reply STOP does; repeating it is
 * harmless (the departure changes nothing the second time).
 */
async function unsubscribe(event: HttpEvent): Promise<HttpResult> {
  const now = new Date();
  const opened = await openStanding(event, now, UNSUBSCRIBE);
  if ('refused' in opened) return opened.refused;
  const { question } = opened;
  // Read before the request is on its way: what the page then says is what the STOP does.
  const afterCompletion = await stopsOnlyEmail(opened.person);
  await publishControlRequest(
    { type: 'ParticipantWithdrew', programId: question.programId, participantId: question.participantId! },
    { requestedAt: now.toISOString(), channel: 'link' },
  );
  metrics.addMetric('OneClickUnsubscribe', MetricUnit.Count, 1);
  logger.info('one-click unsubscribe', { opaqueId: question.opaqueId, participantId: question.participantId });
  return page(200, renderUnsubscribedPage({ afterCompletion }));
}

/** The person behind a data-rights confirm link, or the refusal to show. */
async function openDataRights(event: HttpEvent, now: Date): Promise<{ participant: Participant; request: 'data' | 'erase' } | { refused: HttpResult }> {
  const token = event.pathParameters?.token ?? '';
  let payload = verifyDataRightsToken(token, await replyVerificationKeys(now), now);
  if ('error' in payload && payload.error === 'invalid') payload = verifyDataRightsToken(token, await replyVerificationKeys(now, { fresh: true }), now);
  // An expired confirm link answers no question: its page says how to ask again, not "the next email".
  if ('error' in payload) return { refused: problem(payload.error === 'expired' ? 'data-link-expired' : 'invalid', `data-rights token ${payload.error}`) };
  const participant = await getParticipant(payload.participantId);
  // Erased already (or never enrolled): there is nothing left to send or erase.
  if (!participant || isErased(participant)) return { refused: problem('data-gone', 'no participant data') };
  return { participant, request: payload.request };
}

/**
 * GET /d/{token}: a confirm page; nothing happens (mail scanners open every link). The request
 * covers every enrolment under the address, so the page names each program (the one asked through first).
 */
async function showDataRights(event: HttpEvent): Promise<HttpResult> {
  const opened = await openDataRights(event, new Date());
  if ('refused' in opened) return opened.refused;
  const { participant } = opened;
  // The address index is eventually consistent: the asked-for enrolment is always included.
  const others = await sameAddressEnrolments(participant);
  const programs = await programNames([participant, ...others].map((p) => p.programId));
  // What an ERASE would end as things stand: a pairing and a partner are named only when one runs.
  const ends = opened.request === 'erase' ? await whatErasureEnds(participant, others) : undefined;
  return page(200, renderDataRightsConfirmPage({ request: opened.request, action: event.rawPath, programs, ...(ends ? { ends } : {}) }));
}

/** POST /d/{token}: the confirmed DATA or ERASE request goes to the data-rights function as an event. */
async function requestDataRights(event: HttpEvent): Promise<HttpResult> {
  const now = new Date();
  const opened = await openDataRights(event, now);
  if ('refused' in opened) return opened.refused;
  const { participant, request } = opened;
  await publishControlRequest(
    {
      type: request === 'erase' ? 'ParticipantErasureRequested' : 'ParticipantDataRequested',
      programId: participant.programId,
      participantId: participant.participantId,
    },
    { requestedAt: now.toISOString(), channel: 'link' },
  );
  metrics.addMetric(request === 'erase' ? 'ErasureConfirmed' : 'DataRequestConfirmed', MetricUnit.Count, 1);
  logger.info('data rights confirmed', { request, participantId: participant.participantId });
  return page(200, renderDataRightsRequestedPage(request));
}

/** GET /c/{token}: the private concern form; nothing is sent by opening it. */
async function showConcernForm(event: HttpEvent): Promise<HttpResult> {
  const now = new Date();
  const opened = await openStanding(event, now, CONCERN);
  if ('refused' in opened) return opened.refused;
  const [program, reader] = await Promise.all([
    getProgram(opened.question.programId),
    concernFormReader(opened.question.programId, opened.question.participantId),
  ]);
  // What leaving does is said as the program stands now (its rematch policy, whether it has closed)
  // and as the reader stands: who would read it, and whether a pairing of theirs runs to leave.
  return page(200, renderConcernForm({ action: event.rawPath, reader, ...(program ? { program: programContact(program, [], now) } : {}) }));
}

/** POST /c/{token}: opens the case, as a reply CONCERN does (functions/lifecycle/concern.ts). */
async function sendConcern(event: HttpEvent): Promise<HttpResult> {
  const now = new Date();
  const opened = await openStanding(event, now, CONCERN);
  if ('refused' in opened) return opened.refused;
  const { question } = opened;
  const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (event.body && type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'The concern form must be sent as application/x-www-form-urlencoded: use the button on the page.');
  }
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  // Room for 4,000 characters of any script, percent-encoded.
  if (Buffer.byteLength(raw) > 48 * 1024) throw new HttpError(413, 'The form is too long: keep what you write under 4,000 characters.');
  const form = new URLSearchParams(raw);
  const text = withoutDirectionControls(form.get('text') ?? '')
    .replace(/\r\n/g, '\n')
    .trim();
  const exit = form.get('exit') === 'yes';
  const [stored, reader] = await Promise.all([getProgram(question.programId), concernFormReader(question.programId, question.participantId)]);
  const program = stored ? programContact(stored, [], now) : undefined;
  // Longer than the box allows (only a client that ignores its maxlength sends it): shown back with
  // the limit and their words, nothing sent, never cut short without a word (QA attack6).
  if (text.length > CONCERN_TEXT_MAX) {
    return page(
      413,
      renderConcernForm({
        action: event.rawPath,
        reader,
        ...(program ? { program } : {}),
        text,
        problem: `What you wrote is ${text.length.toLocaleString('en-GB')} characters long, and at most ${CONCERN_TEXT_MAX.toLocaleString('en-GB')} fit: shorten it, then press the button. Nothing was sent yet.`,
      }),
    );
  }
  // A leave alone with no pairing running (the page offers none): nothing to send, and the page says why.
  if (!text && (!exit || reader.noRunningPairing)) {
    return page(
      400,
      renderConcernForm({
        action: event.rawPath,
        reader,
        ...(program ? { program } : {}),
        problem: concernFormEmpty(reader),
      }),
    );
  }
  const raised = await raiseConcern({
    programId: question.programId,
    participantId: question.participantId!,
    ...(text ? { text } : {}),
    exit,
    channel: 'link',
    // The form sent twice (a double click, a reload) opens one case; the same words another day, or
    // once an admin acted on that case, are a new concern (domain/concerns.ts, concernRaise).
    seed: formConcernSeed(question.opaqueId, now, exit, text),
    now,
  });
  metrics.addMetric('ConcernRaised', MetricUnit.Count, 1);
  logger.info('concern raised from the form', { opaqueId: question.opaqueId, participantId: question.participantId, concernId: raised.concernId });
  return page(
    200,
    renderConcernSent({
      workingDays: stored?.lifecycle.concernEscalationDays ?? 2,
      exit: raised.exit,
      reader,
      ...(program ? { program } : {}),
      ...(raised.unrouted ? { unrouted: true } : {}),
      ...(raised.leaveUnclear ? { leaveUnclear: true } : {}),
      ...(raised.noPairingToLeave ? { noPairingToLeave: true } : {}),
      // The same words again while their case is open: the page promises nothing new.
      ...(raised.created ? {} : { repeat: true }),
      // A suppressed address gets no receipt (lifecycle/concern.ts, acknowledge): the page says so.
      ...(raised.acknowledgedByEmail ? {} : { noEmail: true }),
    }),
  );
}

const router = httpRouterHandler<HttpEvent, HttpResult>({
  routes: [
    { method: 'GET', path: '/r/{token}', handler: showQuestion },
    { method: 'POST', path: '/r/{token}', handler: recordAnswer },
    { method: 'GET', path: '/u/{token}', handler: showUnsubscribe },
    { method: 'POST', path: '/u/{token}', handler: unsubscribe },
    { method: 'GET', path: '/d/{token}', handler: showDataRights },
    { method: 'POST', path: '/d/{token}', handler: requestDataRights },
    { method: 'GET', path: '/c/{token}', handler: showConcernForm },
    { method: 'POST', path: '/c/{token}', handler: sendConcern },
  ],
  notFoundResponse: ({ method, path }) => {
    throw new HttpError(
      404,
      `There is no ${method} ${path}: answer links look like /r/<token> and unsubscribe links /u/<token>; open the whole link from the email.`,
    );
  },
});

/**
 * Every route here is opened in a browser: a request refused before any link is read (a form too
 * long, not a form, a path that is no link) is answered with a page for a browser (Accept:
 * text/html), never raw JSON (QA ui8); any other client keeps the JSON error.
 */
async function pagesForBrowsers(event: HttpEvent, context: Context): Promise<HttpResult> {
  try {
    return await router(event, context);
  } catch (error) {
    if (!(error instanceof HttpError) || !wantsPage(header(event, 'accept'))) throw error;
    logger.info('answer page request refused', { status: error.statusCode });
    return page(error.statusCode, renderRequestProblemPage(error.statusCode, error.message));
  }
}

export const handler = httpApiHandler(pagesForBrowsers);
