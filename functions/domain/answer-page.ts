import type { SettledAnswer } from './answer-link';
import { afterRematchEnd, pauseDecidedText } from './emails/admin';
import { endedSinceParagraphs, type PairingEndedSince } from './emails/replies';
import { programsCovered } from './emails/data-rights';
import { formatDate, formatDeadline, joinAnd } from './emails/format';
import { SURVEY_LINK_LABEL } from './emails/milestone';
import { html, raw, type Markup } from './emails/markup';
import type { ReplyPurpose } from './replies';
import type { AskedItem, AskedStructure } from './replies/structured';
import type { ProgramContext } from './emails/types';

/**
 * The words of each kind of question (shown on the answer page and asked again in a clarification
 * email) and the small HTML pages of `/r/{token}`. Pure: no AWS, no clock.
 */

export interface QuestionWording {
  /** The question, e.g. "Did you meet since the last check-in?". */
  readonly prompt: string;
  /** How to answer it by reply. */
  readonly replyExamples: readonly string[];
  /** What the question was about, for "your reply was about ...". */
  readonly topic: string;
}

const WORDING: Record<ReplyPurpose, QuestionWording> = {
  acceptance: {
    prompt: 'Will you take part in this mentoring pairing?',
    replyExamples: ['YES', 'NO, and a reason if you like'],
    topic: 'whether you would take part in your mentoring pairing',
  },
  'check-in': {
    prompt: 'Did you meet since the last check-in? If you did, how did it go from 1 to 5?',
    replyExamples: ['YES 4 a short note', 'YES', 'NO'],
    topic: 'the check-in about your recent meetings',
  },
  milestone: {
    prompt: 'How much progress have you made (1 to 5), and how likely are you to recommend the program (0 to 10)?',
    replyExamples: ['PROGRESS 4, RECOMMEND 9', 'LEARNED: ...', 'TAUGHT: ...'],
    topic: 'the milestone review',
  },
  'admin-decision': {
    prompt: 'This pairing has missed several check-ins. What should happen next?',
    replyExamples: ['CONTINUE', 'PAUSE for 3 weeks', 'END', 'REMATCH'],
    topic: 'the decision about a pairing that missed its check-ins',
  },
  approval: {
    prompt: 'Do you approve the proposed pairs?',
    replyExamples: ['APPROVE', 'REJECT'],
    topic: 'the approval of the proposed pairs',
  },
  fit: {
    prompt: 'Is your pairing a good fit? Only the program admins read your answer.',
    replyExamples: ['YES', 'NOT SURE', 'NO'],
    topic: 'whether your pairing is a good fit',
  },
  standing: {
    prompt: 'Would you like to pause, end your pairing, ask for a new partner or leave the program?',
    replyExamples: ['PAUSE for 3 weeks', 'END', 'REMATCH', 'STOP'],
    topic: 'your participation in the program',
  },
};

/** The question's wording; `context.prompt` / `context.topic` from the issuer win when given. */
export function questionWording(purpose: ReplyPurpose, context: Record<string, unknown> = {}): QuestionWording {
  const base = WORDING[purpose];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return { ...base, prompt: text(context.prompt) ?? base.prompt, topic: text(context.topic) ?? base.topic };
}

const CHOICE_LABELS: Record<string, string> = {
  yes: 'Yes',
  no: 'No',
  unsure: 'Not sure',
  continue: 'Continue',
  rematch: 'Rematch',
  end: 'End the pairing',
  pause: 'Pause',
  approve: 'Approve',
  reject: 'Reject',
};

/** What a link choice says, as a person reads it ("4" -> "4 out of 5" for ratings). */
export function choiceLabel(choice: string, purpose: ReplyPurpose): string {
  const known = CHOICE_LABELS[choice.toLowerCase()];
  if (known) return known;
  if (/^\d+$/.test(choice)) {
    const n = Number(choice);
    if (purpose === 'milestone' && n > 5) return `${n} out of 10`;
    return n <= 5 ? `${n} out of 5` : `${n} out of 10`;
  }
  return choice;
}

/**
 * The words of an answer link in an email: a review's link opens its web form and says so, as the
 * review email does ("review" is the link's code, never shown; QA goals6), any other its answer.
 */
export function answerLinkLabel(choice: string, purpose: ReplyPurpose): string {
  return isSurveyLink(purpose, choice) ? SURVEY_LINK_LABEL : choiceLabel(choice, purpose);
}

// WCAG AA contrast (body 17:1, button 8:1), large targets, visible focus; no script, no images.
// Exported so the handler can allow exactly this stylesheet in its Content-Security-Policy.
export const PAGE_STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;background:#fff;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
  'h1{font-size:1.5rem}button{font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:.375rem;padding:.75rem 1.5rem;cursor:pointer}' +
  'button:focus-visible,textarea:focus-visible{outline:3px solid #b45309;outline-offset:2px}textarea{font:inherit;width:100%;box-sizing:border-box}' +
  '.answer{font-size:1.25rem;font-weight:600}';

function page(title: string, body: Markup): string {
  return html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title} - crossgen</title><style>${raw(PAGE_STYLE)}</style></head><body><main>${body}</main></body></html>`.toString();
}

export interface ConfirmPageInput {
  readonly purpose: ReplyPurpose;
  readonly context?: Record<string, unknown>;
  readonly choice: string;
  /** Where the form posts: the same /r/{token} path. */
  readonly action: string;
  /** Why the form sent before recorded nothing (a resume day missing or passed): said above the form. */
  readonly problem?: string;
}

/**
 * The admins' "Pause" link: a pause needs the day the pairing resumes, as the PAUSE reply does, so
 * its page asks for it (`until`, YYYY-MM-DD) instead of recording a pause without an end.
 */
export function needsResumeDay(purpose: ReplyPurpose, choice: string): boolean {
  return purpose === 'admin-decision' && choice === 'pause';
}

/** True when the link opens a short survey instead of carrying the answer (milestone reviews). */
export function isSurveyLink(purpose: ReplyPurpose, choice: string): boolean {
  return purpose === 'milestone' && !/^\d+$/.test(choice);
}

/** What the survey asks beyond progress and recommend (the question's `ask`: topics, goals, the end's questions). */
function askOf(context: Record<string, unknown> | undefined): AskedStructure {
  const ask = context?.ask;
  return typeof ask === 'object' && ask !== null ? (ask as AskedStructure) : {};
}

/** How an item reads on the form (a goal by its own words) and in the reply text (the label the reader knows). */
const itemShown = (item: AskedItem) => (item.key.startsWith('goal-') ? (item.labels.at(-1) ?? item.key) : (item.labels[0] ?? item.key));
const itemField = (item: AskedItem) => `item-${item.key}`;

/** The survey fields as the reply the milestone email asks for, so one interpreter reads both. */
export function surveyReplyText(form: URLSearchParams, context?: Record<string, unknown>): string | undefined {
  const progress = form.get('progress') ?? '';
  const recommend = form.get('recommend') ?? '';
  if (!/^[1-5]$/.test(progress) || !/^(10|[0-9])$/.test(recommend)) return undefined;
  const lines = [`PROGRESS ${progress}, RECOMMEND ${recommend}`];
  const ask = askOf(context);
  for (const item of ask.items ?? []) {
    const n = form.get(itemField(item)) ?? '';
    if (/^[1-5]$/.test(n)) lines.push(`${item.labels[0] ?? item.key}: ${n}`);
  }
  const texts: (readonly [string, string])[] = [
    ['learned', 'LEARNED'],
    ['taught', 'TAUGHT'],
    ...(ask.programFeedback
      ? ([
          ['keep', 'KEEP'],
          ['change', 'CHANGE'],
        ] as const)
      : []),
    ...(ask.partnerNote
      ? ([
          ['valued', 'VALUED'],
          ['try', 'TRY'],
        ] as const)
      : []),
  ];
  for (const [field, label] of texts) {
    const text = form.get(field)?.replace(/\s+/g, ' ').trim();
    if (text) lines.push(`${label}: ${text.slice(0, 1000)}`);
  }
  // Consent is the ticked box, never a default.
  if (ask.partnerNote && form.get('share') === 'yes') lines.push('SHARE');
  return lines.join('\n');
}

function radios(name: string, legend: string, from: number, to: number, required = true): Markup {
  const options = Array.from({ length: to - from + 1 }, (_, i) => from + i).map((n) =>
    required
      ? html`<label style="margin-right:1rem"><input type="radio" name="${name}" value="${String(n)}" required> ${String(n)}</label>`
      : html`<label style="margin-right:1rem"><input type="radio" name="${name}" value="${String(n)}"> ${String(n)}</label>`,
  );
  return html`<fieldset><legend>${legend}</legend>${options}</fieldset>`;
}

function renderSurveyPage(input: ConfirmPageInput): string {
  const label = typeof input.context?.label === 'string' ? input.context.label : 'Milestone review';
  return page(
    label,
    html`<h1>${label}</h1>
<form method="post" action="${input.action}">
${radios('progress', 'How much progress have you made on your goals? (1 = none, 5 = a lot)', 1, 5)}
${radios('recommend', 'How likely are you to recommend reverse mentoring to a colleague? (0 = not at all, 10 = certainly)', 0, 10)}
<p><label for="learned">What did you learn? (optional)</label><br><textarea id="learned" name="learned" rows="3" maxlength="1000"></textarea></p>
<p><label for="taught">What did you teach? (optional)</label><br><textarea id="taught" name="taught" rows="3" maxlength="1000"></textarea></p>
${extraFields(askOf(input.context))}
<p><button type="submit">Send my review</button></p>
</form>
<p>Nothing is recorded until you press the button. You can also reply to the email instead.</p>`,
  );
}

/** Per-topic and per-goal ratings (optional), and at the end the program questions and the partner note with its consent box. */
function extraFields(ask: AskedStructure): Markup {
  const topics = (ask.items ?? []).filter((i) => !i.key.startsWith('goal-'));
  const goals = (ask.items ?? []).filter((i) => i.key.startsWith('goal-'));
  const area = (id: string, label: string) =>
    html`<p><label for="${id}">${label}</label><br><textarea id="${id}" name="${id}" rows="3" maxlength="1000"></textarea></p>`;
  return html`${topics.map((t) => radios(itemField(t), `Where are you now on ${itemShown(t)}? (1 = new to me, 5 = I could teach it; optional)`, 1, 5, false))}
${goals.map((g) => radios(itemField(g), `How far along is your goal "${itemShown(g)}"? (1 = not started, 5 = done; optional)`, 1, 5, false))}
${ask.programFeedback ? html`${area('keep', 'What should the program keep? (optional; admins read it only grouped with at least four other answers, without names)')}${area('change', 'What should the program change? (optional)')}` : ''}
${
  ask.partnerNote
    ? html`${area('valued', 'A note for your partner: what you valued (optional)')}${area('try', 'A note for your partner: one thing to try (optional)')}
<p><label><input type="checkbox" name="share" value="yes"> Send my note to my partner. Without this tick the note is not sent and not kept.</label></p>`
    : ''
}`;
}

/** GET /r/{token}: the question, the chosen answer and a button; nothing is recorded by opening it. */
export function renderConfirmPage(input: ConfirmPageInput): string {
  if (isSurveyLink(input.purpose, input.choice)) return renderSurveyPage(input);
  const wording = questionWording(input.purpose, input.context);
  const label = choiceLabel(input.choice, input.purpose);
  return page(
    'Confirm your answer',
    html`<h1>Confirm your answer</h1>
<p>${wording.prompt}</p>
<p>Your answer: <span class="answer">${label}</span></p>
${input.problem ? html`<p class="problem" role="alert">${input.problem}</p>` : ''}
<form method="post" action="${input.action}">
${needsResumeDay(input.purpose, input.choice) ? html`<p><label for="until">The day the pairing should resume</label><br><input type="date" id="until" name="until" required></p>` : ''}
<p><label for="note">Anything to add? (optional, at most 1,000 characters)</label><br><textarea id="note" name="note" rows="3" maxlength="1000"></textarea></p>
<p><button type="submit">Confirm: ${label}</button></p>
</form>
<p>Nothing is recorded until you press the button. To answer differently, use another link in the email or reply to it.</p>`,
  );
}

/** After POST: what was recorded; a review's form names the review it answered ("the End of program review of ..."). */
export function renderThanksPage(choiceText: string, review?: string): string {
  return page(
    'Thank you',
    review
      ? html`<h1>Thank you</h1><p>We recorded your answers to ${review}. You can close this page.</p>`
      : html`<h1>Thank you</h1><p>We recorded your answer: <span class="answer">${choiceText}</span>. You can close this page.</p>`,
  );
}

/** Why a link records nothing; `data-link-expired` is a DATA or ERASE confirm link (`/d/`), which answers no question. */
export type AnswerProblem = 'expired' | 'invalid' | 'closed' | 'already-answered' | 'not-an-admin' | 'data-link-expired' | 'data-gone';

const PROBLEMS: Record<AnswerProblem, { title: string; text: string }> = {
  expired: {
    title: 'This link has expired',
    text: 'The question this link answers has closed, so nothing was recorded. Any question still to come brings its own links in its email; if something needs saying now, write to your program admin.',
  },
  closed: {
    title: 'This question has closed',
    text: 'The question this link answers has closed, so nothing was recorded. Any question still to come brings its own links in its email; if something needs saying now, write to your program admin.',
  },
  'already-answered': {
    title: 'Already answered',
    text: 'This question already has an answer, so nothing more was recorded. If the answer was wrong, write to your program admin.',
  },
  'not-an-admin': {
    title: 'You are no longer an admin of this program',
    text: 'This question was sent to you as an admin of the program, and you have since been removed from its admins, so nothing was recorded. The program’s current admins decide now.',
  },
  'data-link-expired': {
    title: 'This link has expired',
    text: 'This confirm link is too old, so nothing was sent and nothing was erased. To ask again, reply DATA (for a copy of your data) or ERASE (to have it erased) to any email from the program, and a new link comes by email; or write to your program admin.',
  },
  'data-gone': {
    title: 'There is no data left to send or erase',
    text: 'The program holds no data about you any more (it has been erased), so nothing was sent and nothing was erased. Only anonymous counts remain. To know more, write to your program admin.',
  },
  invalid: {
    title: 'This link does not work',
    text: 'The link is incomplete or was changed, so nothing was recorded. Open it again from the email (copy the whole address), or simply reply to the email.',
  },
};

/**
 * An admin's copy of the refusals an admin question's link can meet (they are the program's admins:
 * nobody to write to about it). `route`: the admin API route that shows where things stand now.
 */
const ADMIN_PROBLEMS: Partial<Record<AnswerProblem, { title: string; text: string }>> = {
  expired: {
    title: 'This link has expired',
    text: 'The question this link answers has closed, so nothing was recorded. A question still to come brings its own links in its email.',
  },
  closed: {
    title: 'This question has closed',
    text: 'The question this link answers has closed, so nothing was recorded. A question still to come brings its own links in its email.',
  },
  'already-answered': {
    title: 'Already answered',
    text: 'This question already has an answer, and the first answer is the one that counts, so nothing more was recorded.',
  },
};

/**
 * A polite page for a link that cannot record anything; `admin`: the link of a question put to the
 * program's admins, which reads as an admin's email does (never "write to your program admin").
 */
export function renderProblemPage(problem: AnswerProblem, admin?: { readonly route?: string }): string {
  const { title, text } = (admin && ADMIN_PROBLEMS[problem]) || PROBLEMS[problem];
  const where = admin?.route ? html`<p>${admin.route} on the admin API shows where things stand now.</p>` : '';
  return page(title, html`<h1>${title}</h1><p>${text}</p>${where}`);
}

export interface SettledPageInput {
  readonly settled: SettledAnswer;
  /** What the question was about (questionWording's `topic`). */
  readonly topic: string;
  /** The program as its admins' emails name it: its rematch policy, whether it has closed. */
  readonly program: ProgramContext;
  /** The program's zone: dates as the admins' emails give them. */
  readonly timeZone: string;
  /** A matching approval: its program and run, for the admin API routes. */
  readonly programId?: string;
  readonly runId?: string;
}

/** Who of the pair waits for a new partner after a rematch; who was past their own cap is not known here. */
const UNKNOWN_PAIR = { mentor: 'the mentor', mentee: 'the mentee' };

/** What was decided, in the words of the reply path's notice (emails/replies.ts, questionClosed). */
function decidedText(input: SettledPageInput): string {
  const { settled, timeZone } = input;
  switch (settled.decision) {
    case 'pause':
      return pauseDecidedText(settled.pausedUntil, settled.pausedFrom, timeZone);
    case 'rematch':
      return `the pairing has ended${afterRematchEnd(input.program, UNKNOWN_PAIR, { cappedUnknown: true, programClosed: input.program.closed === true })}`;
    case 'continue':
      return 'the pairing continues';
    case 'end':
      return 'the pairing has ended';
    case 'approved':
      return 'the proposal was approved, and its pairs are starting';
    case 'rejected':
      return 'the proposal was rejected, so none of its pairs start';
    case 'not-approved':
      return 'the proposal closed without approval, so nobody was introduced';
  }
}

/** The admin API routes that show (and for a pairing, change) what was decided. */
function settledRoutes(input: SettledPageInput): Markup {
  const { settled } = input;
  if (settled.pairingId) {
    const id = settled.pairingId;
    return html`<p>GET /pairings/${id} on the admin API shows where the pairing stands. To change it now: POST /pairings/${id}/pause with the day it should resume ({"until": "YYYY-MM-DD"}), or POST /pairings/${id}/end, with {"rematch": true} to end it with a rematch.</p>`;
  }
  if (!input.programId) return html``;
  if (settled.decision === 'approved' && input.runId)
    return html`<p>GET /programs/${input.programId}/matching/${input.runId} on the admin API shows the run.</p>`;
  return html`<p>To match these people, request matching again for a new proposal (POST /programs/${input.programId}/matching on the admin API), and approve that one.</p>`;
}

/**
 * The page of an admin's link to a question the first answer (theirs, another admin's, the admin
 * API's) or its deadline already settled: who, when and what was decided, at once on GET, with no
 * form; as the reply path tells a late admin (domain/admin-answer.ts).
 */
export function renderSettledPage(input: SettledPageInput): string {
  const { settled, timeZone } = input;
  const on = formatDate(settled.at, timeZone);
  if (settled.by === 'nobody') {
    const title = 'This question has closed';
    const said =
      settled.decision === 'not-approved'
        ? 'As the approval email said, with no answer the proposal closed without approval, so nobody was introduced.'
        : 'As the decision email said, with no answer the pairing continued as it was.';
    return page(
      title,
      html`<h1>${title}</h1><p>This link was for ${input.topic}, which closed at the end of ${formatDeadline(settled.at, timeZone)} with no answer from any admin, so nothing was recorded. ${said}</p>${settledRoutes(input)}`,
    );
  }
  const who =
    settled.by === 'you'
      ? `You already answered it on ${on}`
      : settled.by === 'admin-api'
        ? `It was already answered on ${on} through the admin API`
        : settled.admin
          ? `${settled.admin}, another admin of the program, already answered it on ${on}`
          : `Another admin of the program already answered it on ${on}`;
  const title = 'Already answered';
  return page(
    title,
    html`<h1>${title}</h1><p>This link was for ${input.topic}. ${who}: ${decidedText(input)}.</p><p>The first answer is the one that counts, so nothing was recorded from this link.</p>${settledRoutes(input)}`,
  );
}

/**
 * An admin's link to a decision about a pairing that ended before any admin answered (a member's
 * STOP or END, a departure): when and why it ended, and where each of the pair stands now, as the
 * reply path's closed notice says it, instead of a bare "this question has closed".
 */
export function renderEndedSincePage(input: {
  readonly endedSince: PairingEndedSince;
  readonly topic: string;
  readonly timeZone: string;
  readonly route?: string;
}): string {
  const title = input.endedSince.why === 'completed' ? 'The pairing has since completed' : 'The pairing has since ended';
  const said = endedSinceParagraphs(input.endedSince, input.timeZone).map((text) => html`<p>${text}</p>`);
  const where = input.route ? html`<p>${input.route} on the admin API shows where things stand now.</p>` : '';
  return page(title, html`<h1>${title}</h1><p>This link was for ${input.topic}.</p>${said}${where}`);
}

/** GET /u/{token}: what the button does; nothing changes by opening the link (mail scanners do). */
export function renderUnsubscribeConfirmPage(input: { readonly programName?: string; readonly action: string; readonly afterCompletion?: boolean }): string {
  const program = input.programName ? html` from ${input.programName}` : '';
  if (input.afterCompletion) {
    // Their pairings have all completed: the button only stops the email (participant.ts, whatStopDoes).
    return page(
      'No more email from the program',
      html`<h1>No more email from the program?</h1>
<p>Press the button and you will get no more emails${program}, unless you write to us. Your completed pairing stays on record.</p>
<form method="post" action="${input.action}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<p><button type="submit">Stop emailing me</button></p>
</form>
<p>Nothing changes until you press the button.</p>`,
    );
  }
  return page(
    'Leave the program',
    html`<h1>Leave the program?</h1>
<p>Press the button to withdraw${program}: you will get no more emails from it, and your pairing, if you have one, ends. No reason is needed, and no one is blamed.</p>
<form method="post" action="${input.action}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<p><button type="submit">Withdraw me</button></p>
</form>
<p>Nothing changes until you press the button. To take a break instead, reply PAUSE to any email from the program.</p>`,
  );
}

/** After the POST: the withdrawal (or, after completion, the end of the program's email) is on its way. */
export function renderUnsubscribedPage(input: { readonly afterCompletion?: boolean } = {}): string {
  if (input.afterCompletion) {
    return page(
      'No more email from the program',
      html`<h1>No more email from the program</h1><p>We recorded it: the program will not email you again unless you write to us. Your completed pairing stays on record. You can close this page.</p>`,
    );
  }
  return page(
    'You have left the program',
    html`<h1>You have left the program</h1><p>We recorded your withdrawal: the program stops emailing you within a few minutes. You can close this page.</p>`,
  );
}

/**
 * GET /d/{token}: what the confirmed request will do; nothing happens before the button.
 * `programs`: the names of every program it covers (every enrolment under the address), the one
 * asked through first; with more than one, the page names them all.
 */
export function renderDataRightsConfirmPage(input: {
  readonly request: 'data' | 'erase';
  readonly action: string;
  readonly programs?: readonly string[];
}): string {
  const programs = programsCovered(input.programs ?? []);
  const several = programs.length > 1;
  if (input.request === 'erase') {
    return page(
      'Erase your data',
      html`<h1>Erase your data?</h1>
${
  several
    ? html`<p>Press the button to erase your data from every program you are enrolled in with this address: ${joinAnd(programs)}. Each of your pairings ends (your partners are told kindly, without a reason), none of these programs emails you again, and your profile, answers and notes are deleted from each. Only anonymous counts remain. This cannot be undone.</p>`
    : html`<p>Press the button to erase your data: your pairing ends (your partner is told kindly, without a reason), the program stops emailing you, and your profile, answers and notes are deleted. Only anonymous counts remain. This cannot be undone.</p>`
}
<form method="post" action="${input.action}">
<p><button type="submit">Erase my data</button></p>
</form>
<p>Nothing changes until you press the button.</p>`,
    );
  }
  return page(
    'Get a copy of your data',
    html`<h1>Get a copy of your data?</h1>
${
  several
    ? html`<p>Press the button and we email you everything held about you in each program you are enrolled in with this address, ${joinAnd(programs)}, as one JSON file.</p>`
    : html`<p>Press the button and we email you everything the program holds about you, as a JSON file.</p>`
}
<form method="post" action="${input.action}">
<p><button type="submit">Send me my data</button></p>
</form>
<p>Nothing is sent until you press the button.</p>`,
  );
}

/** After the POST: the request is on its way. */
export function renderDataRightsRequestedPage(request: 'data' | 'erase'): string {
  return request === 'erase'
    ? page(
        'Your data is being erased',
        html`<h1>Your data is being erased</h1><p>We recorded your request: within a few minutes your data is erased and you receive one last email to confirm it. You can close this page.</p>`,
      )
    : page(
        'Your data is on its way',
        html`<h1>Your data is on its way</h1><p>We recorded your request: within a few minutes you receive an email with your data attached. You can close this page.</p>`,
      );
}

/**
 * The answer page after an APPROVE pressed on the link of an approval email whose proposal
 * changed since: nothing was approved, and the current proposal is in the admin's mailbox
 * (`sentNow`: sent by this press; else by an earlier answer to the same email).
 */
export function renderAskedAgainPage(sentNow: boolean): string {
  const title = 'Nothing was approved: the proposal changed';
  return page(
    title,
    html`<h1>${title}</h1><p>The proposal was changed in match review after the email with this link was sent, so your answer approved nothing and no one has been introduced. ${
      sentNow ? 'We have just emailed you' : 'We emailed you'
    } the proposal as it is now, with what changed: read it, and approve it from that email if you agree.</p>`,
  );
}
