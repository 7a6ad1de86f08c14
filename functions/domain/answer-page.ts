import { problemSummary, fieldProblem, invalidAttributes, radios, typedBackBlock } from './answer-fields';
import { askOf, firstResumeDay, GOAL_FIELDS, itemField, offersGoals, topicItemsOf, type FieldProblem, type TypedBack } from './answer-form';
import type { PairingOver, SettledAnswer } from './answer-link';
import { afterRematchEnd, pauseDecidedText } from './emails/admin';
import { endedSinceParagraphs, type PairingEndedSince } from './emails/replies';
import type { ErasureEnds } from './erasure-ends';
import { pairingsEndClause, programsCovered } from './emails/data-rights';
import { capitalised, formatDate, formatDeadline, joinAnd } from './emails/format';
import { SURVEY_LINK_LABEL } from './emails/milestone';
import { html, raw, type Markup } from './emails/markup';
import type { ReplyPurpose } from './replies';
import type { AskedItem, AskedStructure } from './replies/structured';
import type { StructuredAnswer } from './replies/structured';
import type { ProgramContext } from './emails/types';
import { pauseExample, type PauseWindow } from './emails/pause-example';

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

/**
 * The PAUSE example of a question asked with no pairing at hand (questionWording without a window):
 * nothing here knows the last day a pause may run to. Given one, questionWording puts in its place
 * an example the reader would have taken (pause-example.ts), or none past that day.
 */
const GENERIC_PAUSE = 'PAUSE for 3 weeks';

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
    replyExamples: ['CONTINUE', GENERIC_PAUSE, 'END', 'REMATCH'],
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
    replyExamples: [GENERIC_PAUSE, 'END', 'REMATCH', 'STOP'],
    topic: 'your participation in the program',
  },
};

/**
 * The question's wording; `context.prompt` / `context.topic` from the issuer win when given.
 * `pauseWindow`: where a PAUSE sent back would be taken (the reader's pairing, pause-example.ts):
 * its PAUSE example is then one that is, near the end the last day itself, and after it none.
 */
export function questionWording(purpose: ReplyPurpose, context: Record<string, unknown> = {}, pauseWindow?: PauseWindow): QuestionWording {
  const base = WORDING[purpose];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const pause = pauseWindow ? pauseExample(pauseWindow, [{ weeks: 3 }, 'last-day']) : GENERIC_PAUSE;
  const replyExamples = base.replyExamples.flatMap((e) => (e !== GENERIC_PAUSE ? [e] : pause !== undefined ? [pause] : []));
  return { ...base, replyExamples, prompt: text(context.prompt) ?? base.prompt, topic: text(context.topic) ?? base.topic };
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

// WCAG AA contrast (body 17:1, button 8:1, errors 6.5:1), large targets, visible focus; no script,
// no images, no style attributes (the CSP allows this stylesheet alone). Exported so the handler can
// allow exactly this stylesheet in its Content-Security-Policy.
export const PAGE_STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;background:#fff;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
  'h1{font-size:1.5rem}h2{font-size:1.2rem}button{font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:.375rem;padding:.75rem 1.5rem;cursor:pointer}' +
  'button:focus-visible,textarea:focus-visible,input:focus-visible,a:focus-visible,.problem:focus{outline:3px solid #b45309;outline-offset:2px}textarea,input[type=text]{font:inherit;width:100%;box-sizing:border-box}' +
  '.answer{font-size:1.25rem;font-weight:600}.choice{margin-right:1rem;white-space:nowrap}.problem{border:3px solid #b91c1c;padding:0 1rem;margin:1rem 0}' +
  '.problem a{color:#b91c1c;font-weight:600}.field-problem{display:block;color:#b91c1c;font-weight:600}[aria-invalid=true]{border:2px solid #b91c1c}';

/** `problems`: the page shows a form sent back with them (its title says so first, as the summary does). */
function page(title: string, body: Markup, problems: readonly FieldProblem[] = []): string {
  const shown = problems.length > 0 ? `Error: ${title}` : title;
  return html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${shown} - crossgen</title><style>${raw(PAGE_STYLE)}</style></head><body><main>${body}</main></body></html>`.toString();
}

export interface ConfirmPageInput {
  readonly purpose: ReplyPurpose;
  readonly context?: Record<string, unknown>;
  readonly choice: string;
  /** Where the form posts: the same /r/{token} path. */
  readonly action: string;
  /**
   * Why the form sent before recorded nothing (a resume day missing or passed, a note too long, a
   * review's rating missing): in a summary above the form, and each on its field.
   */
  readonly problems?: readonly FieldProblem[];
  /** The form sent before: what was typed and chosen is shown again, never cleared. */
  readonly values?: URLSearchParams;
  /** Today (YYYY-MM-DD) as the resume day is checked: the date field offers no day before the next. */
  readonly resumeFrom?: string;
  /** A fit check's "No": what ending the pairing does instead of a new partner, as the email said it (footer.ts, insteadOfNewPartner). */
  readonly fitNoInstead?: string;
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

/** How an item reads on the form (a goal by its own words) and in the reply text (the label the reader knows). */
const itemShown = (item: AskedItem) => (item.key.startsWith('goal-') ? (item.labels.at(-1) ?? item.key) : (item.labels[0] ?? item.key));

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

/** A text box of a form sent back: its value kept, its problem on it. */
function area(id: string, label: string, values: URLSearchParams | undefined, problems: readonly FieldProblem[]): Markup {
  return html`<p><label for="${id}">${label}</label>${fieldProblem(problems, id)}<br><textarea id="${id}" name="${id}" rows="3" maxlength="1000"${invalidAttributes(problems, id)}>${values?.get(id) ?? ''}</textarea></p>`;
}

function renderSurveyPage(input: ConfirmPageInput): string {
  const label = typeof input.context?.label === 'string' ? input.context.label : 'Milestone review';
  const { values } = input;
  const problems = input.problems ?? [];
  return page(
    label,
    html`<h1>${label}</h1>
${problemSummary(problems)}
<form method="post" action="${input.action}">
${radios({ name: 'progress', legend: 'How much progress have you made on your goals? (1 = none, 5 = a lot)', from: 1, to: 5, required: true, value: values?.get('progress'), problems })}
${radios({ name: 'recommend', legend: 'How likely are you to recommend reverse mentoring to a colleague? (0 = not at all, 10 = certainly)', from: 0, to: 10, required: true, value: values?.get('recommend'), problems })}
${area('learned', 'What did you learn? (optional)', values, problems)}
${area('taught', 'What did you teach? (optional)', values, problems)}
${extraFields(askOf(input.context), values, problems)}
<p><button type="submit">Send my review</button></p>
</form>
<p>Nothing is recorded until you press the button. You can also reply to the email instead.</p>`,
    problems,
  );
}

/** Per-topic and per-goal ratings (optional), and at the end the program questions and the partner note with its consent box. */
function extraFields(ask: AskedStructure, values: URLSearchParams | undefined, problems: readonly FieldProblem[]): Markup {
  const topics = topicItemsOf(ask);
  const goals = (ask.items ?? []).filter((i) => i.key.startsWith('goal-'));
  const rated = (item: AskedItem, legend: string) => radios({ name: itemField(item), legend, from: 1, to: 5, value: values?.get(itemField(item)), problems });
  return html`${topics.map((t) => rated(t, `Where are you now on ${itemShown(t)}? (1 = new to me, 5 = I could teach it; optional)`))}
${goals.map((g) => rated(g, `How far along is your goal "${itemShown(g)}"? (1 = not started, 5 = done; optional)`))}
${ask.programFeedback ? html`${area('keep', 'What should the program keep? (optional; admins read it only grouped with at least four other answers, without names)', values, problems)}${area('change', 'What should the program change? (optional)', values, problems)}` : ''}
${
  ask.partnerNote
    ? html`${area('valued', 'A note for your partner: what you valued (optional)', values, problems)}${area('try', 'A note for your partner: one thing to try (optional)', values, problems)}
<p><label><input type="checkbox" name="share" value="yes"${values?.get('share') === 'yes' ? raw(' checked') : ''}> Send my note to my partner. Without this tick the note is not sent and not kept.</label></p>`
    : ''
}`;
}

/**
 * The introduction's YES: up to three goals and where the person starts on each topic they learn
 * (all optional), as the email asks them with YES; read as the reply's GOALS: and topic lines are
 * (answer-form.ts, introductionExtras).
 */
function goalFields(ask: AskedStructure, values: URLSearchParams | undefined, problems: readonly FieldProblem[]): Markup {
  const goals = GOAL_FIELDS.map(
    (field, i) =>
      html`<p><label for="${field}">Goal ${String(i + 1)}</label>${fieldProblem(problems, field)}<br><input type="text" id="${field}" name="${field}" maxlength="200" value="${values?.get(field) ?? ''}"${invalidAttributes(problems, field)}></p>`,
  );
  const topics = topicItemsOf(ask).map((t) =>
    radios({
      name: itemField(t),
      legend: `Where are you today on ${itemShown(t)}? (1 = new to me, 5 = I could teach it; optional)`,
      from: 1,
      to: 5,
      value: values?.get(itemField(t)),
      problems,
    }),
  );
  return html`<fieldset><legend>Your goals for this pairing (optional, up to three)</legend>${goals}</fieldset>
${topics}
<p>Both of you will get the pair’s goals back, and each review asks how far along you are. Your ratings are read by the program admin, never by your partner.</p>`;
}

/** A fit check's "No", as its email says it: the pairing ends, without blame, and what follows. */
function fitNoParagraph(instead: string | undefined): Markup {
  return html`<p>If you confirm No, the pairing ends without blame on either of you: your partner is told only that the program is changing pairings, and ${instead ?? 'both of you are offered a new partner'}.</p>`;
}

/** GET /r/{token}: the question, the chosen answer and a button; nothing is recorded by opening it. */
export function renderConfirmPage(input: ConfirmPageInput): string {
  if (isSurveyLink(input.purpose, input.choice)) return renderSurveyPage(input);
  const wording = questionWording(input.purpose, input.context);
  const label = choiceLabel(input.choice, input.purpose);
  const { values } = input;
  const problems = input.problems ?? [];
  const min = input.resumeFrom ? raw(` min="${firstResumeDay(input.resumeFrom)}"`) : '';
  const resumeDay = html`<p><label for="until">The day the pairing should resume</label>${fieldProblem(problems, 'until')}<br><input type="date" id="until" name="until" required${min} value="${values?.get('until') ?? ''}"${invalidAttributes(problems, 'until')}></p>`;
  return page(
    'Confirm your answer',
    html`<h1>Confirm your answer</h1>
${problemSummary(problems)}
<p>${wording.prompt}</p>
<p>Your answer: <span class="answer">${label}</span></p>
${input.purpose === 'fit' && input.choice === 'no' ? fitNoParagraph(input.fitNoInstead) : ''}
<form method="post" action="${input.action}">
${needsResumeDay(input.purpose, input.choice) ? resumeDay : ''}
${offersGoals(input.purpose, input.choice, input.context) ? goalFields(askOf(input.context), values, problems) : ''}
<p><label for="note">Anything to add? (optional, at most 1,000 characters)</label>${fieldProblem(problems, 'note')}<br><textarea id="note" name="note" rows="3" maxlength="1000"${invalidAttributes(problems, 'note')}>${values?.get('note') ?? ''}</textarea></p>
<p><button type="submit">Confirm: ${label}</button></p>
</form>
<p>Nothing is recorded until you press the button. To answer differently, use another link in the email or reply to it.</p>`,
    problems,
  );
}

/**
 * After POST: what was recorded; a review's form names the review it answered ("the End of program
 * review of ..."); an introduction's YES, the goals and starting points it recorded with it
 * (`extras`, as read; `topics`: the asked topics, to name each rating).
 */
export function renderThanksPage(
  choiceText: string,
  review?: string,
  extras?: { readonly recorded: StructuredAnswer; readonly topics: readonly AskedItem[] },
): string {
  if (review) return page('Thank you', html`<h1>Thank you</h1><p>We recorded your answers to ${review}. You can close this page.</p>`);
  const goals = extras?.recorded.goals ?? [];
  const ratings = (extras?.topics ?? []).flatMap((t) => {
    const n = extras?.recorded.items?.[t.key];
    return n === undefined ? [] : [html`<li>${itemShown(t)}: ${String(n)} out of 5</li>`];
  });
  return page(
    'Thank you',
    html`<h1>Thank you</h1><p>We recorded your answer: <span class="answer">${choiceText}</span>.</p>
${goals.length > 0 ? html`<p>Your goals for this pairing:</p><ul>${goals.map((g) => html`<li>${g}</li>`)}</ul>` : ''}
${ratings.length > 0 ? html`<p>Where you start:</p><ul>${ratings}</ul>` : ''}
<p>You can close this page.</p>`,
  );
}

/**
 * Why a link records nothing; `data-link-expired` is a DATA or ERASE confirm link (`/d/`), which
 * answers no question; `inactive` a genuine concern or unsubscribe link whose address is no longer
 * held (its person erased), told without saying why.
 */
export type AnswerProblem = 'expired' | 'invalid' | 'closed' | 'already-answered' | 'not-an-admin' | 'data-link-expired' | 'data-gone' | 'inactive';

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
  inactive: {
    title: 'This link is no longer active',
    text: 'This link no longer opens anything, so nothing was sent and nothing changed. If you have a question about the program, write to your program admin.',
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
export function renderProblemPage(problem: AnswerProblem, admin?: { readonly route?: string }, typed?: readonly TypedBack[]): string {
  const { title, text } = (admin && ADMIN_PROBLEMS[problem]) || PROBLEMS[problem];
  const where = admin?.route ? html`<p>${admin.route} on the admin API shows where things stand now.</p>` : '';
  return page(title, html`<h1>${title}</h1><p>${text}</p>${where}${typedBackBlock(typed)}`);
}

/**
 * A participant's link to a question of a pairing that has ended, completed or will not start since it was asked
 * (HR or the admins ended it, one of the pair left): the question closed with it, on GET already,
 * as the POST would find it (QA ui8). Why it ended is not said: their end email said what it could.
 */
export function renderPairingOverPage(input: {
  readonly topic: string;
  readonly over: PairingOver;
  readonly timeZone: string;
  readonly typed?: readonly TypedBack[];
}): string {
  const title = 'This question has closed';
  const on = formatDate(input.over.on, input.timeZone);
  const ended =
    input.over.how === 'not-started'
      ? `is not starting after all (since ${on})`
      : `${input.over.how === 'completed' ? 'has since completed' : 'has since ended'}, on ${on}`;
  return page(
    title,
    html`<h1>${title}</h1><p>This link was for ${input.topic}. That pairing ${ended}, so the question closed with it and nothing was recorded.</p><p>Any question still to come brings its own links in its email; if something needs saying now, write to your program admin.</p>${typedBackBlock(input.typed)}`,
  );
}

/** True when the request is a browser's (its Accept names HTML): refusals are then pages, not JSON. */
export function wantsPage(accept: string | undefined): boolean {
  return /\btext\/html\b/i.test(accept ?? '');
}

/** Titles of the requests an answer page refuses before any link is read, for a browser (a page, never raw JSON). */
const REQUEST_TITLES: Record<number, string> = {
  403: 'This form cannot be sent from here',
  404: 'There is nothing at this address',
  413: 'The form is too long',
  415: 'The form could not be read',
};

/** A request refused before any link was read (a form too long, sent from another site, a path that is no link), for a browser. */
export function renderRequestProblemPage(status: number, message: string): string {
  const title = REQUEST_TITLES[status] ?? 'This request could not be read';
  return page(title, html`<h1>${title}</h1><p>${message}</p>`);
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
  /** What the admin wrote on the form that recorded nothing, shown back. */
  readonly typed?: readonly TypedBack[];
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
      html`<h1>${title}</h1><p>This link was for ${input.topic}, which closed at the end of ${formatDeadline(settled.at, timeZone)} with no answer from any admin, so nothing was recorded. ${said}</p>${settledRoutes(input)}${typedBackBlock(input.typed)}`,
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
    html`<h1>${title}</h1><p>This link was for ${input.topic}. ${who}: ${decidedText(input)}.</p><p>The first answer is the one that counts, so nothing was recorded from this link.</p>${settledRoutes(input)}${typedBackBlock(input.typed)}`,
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
  readonly typed?: readonly TypedBack[];
}): string {
  const title = input.endedSince.why === 'completed' ? 'The pairing has since completed' : 'The pairing has since ended';
  const said = endedSinceParagraphs(input.endedSince, input.timeZone).map((text) => html`<p>${text}</p>`);
  const where = input.route ? html`<p>${input.route} on the admin API shows where things stand now.</p>` : '';
  return page(title, html`<h1>${title}</h1><p>This link was for ${input.topic}.</p>${said}${where}${typedBackBlock(input.typed)}`);
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
 * asked through first; with more than one, the page names them all. `ends`: for ERASE, the
 * pairings it would end as they stand now (erasure-ends.ts); none runs when absent, and the page
 * then says nothing of a pairing or a partner.
 */
export function renderDataRightsConfirmPage(input: {
  readonly request: 'data' | 'erase';
  readonly action: string;
  readonly programs?: readonly string[];
  readonly ends?: ErasureEnds;
}): string {
  const programs = programsCovered(input.programs ?? []);
  const several = programs.length > 1;
  if (input.request === 'erase') {
    const ends = pairingsEndClause(input.ends);
    return page(
      'Erase your data',
      html`<h1>Erase your data?</h1>
${
  several
    ? html`<p>Press the button to erase your data from every program you are enrolled in with this address: ${joinAnd(programs)}. ${
        ends ? `${capitalised(ends)}, none` : 'None'
      } of these programs emails you again, and your profile, answers and notes are deleted from each. Only anonymous counts remain. This cannot be undone.</p>`
    : html`<p>Press the button to erase your data: ${
        ends ? `${ends}, ` : ''
      }the program stops emailing you, and your profile, answers and notes are deleted. Only anonymous counts remain. This cannot be undone.</p>`
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

/** An APPROVE by link from an admin who is now in a proposed pair: nothing approved (lifecycle/admin-questions.ts). */
export function renderNotYoursPage(): string {
  const title = 'Nothing was approved: you are in a proposed pair';
  return page(
    title,
    html`<h1>${title}</h1><p>Since the email with this link was sent, the proposal was changed in match review, and you are now one of the people of a proposed pair. Nobody approves a proposal that holds their own pair, so your answer approved nothing and no one has been introduced. We have emailed you which pair is yours and who can approve it instead.</p>`,
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
