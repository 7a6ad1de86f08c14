import { html, raw, type Markup } from './emails/markup';
import type { ReplyPurpose } from './replies';

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
    replyExamples: ['CONTINUE', 'PAUSE until 2027-03-01', 'END', 'REMATCH'],
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
    prompt: 'Would you like to pause, end your pairing or leave the program?',
    replyExamples: ['PAUSE until 1 March', 'END', 'STOP'],
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
}

/** True when the link opens a short survey instead of carrying the answer (milestone reviews). */
export function isSurveyLink(purpose: ReplyPurpose, choice: string): boolean {
  return purpose === 'milestone' && !/^\d+$/.test(choice);
}

/** The survey fields as the reply the milestone email asks for, so one interpreter reads both. */
export function surveyReplyText(form: URLSearchParams): string | undefined {
  const progress = form.get('progress') ?? '';
  const recommend = form.get('recommend') ?? '';
  if (!/^[1-5]$/.test(progress) || !/^(10|[0-9])$/.test(recommend)) return undefined;
  const lines = [`PROGRESS ${progress}, RECOMMEND ${recommend}`];
  for (const [field, label] of [
    ['learned', 'LEARNED'],
    ['taught', 'TAUGHT'],
  ] as const) {
    const text = form.get(field)?.replace(/\s+/g, ' ').trim();
    if (text) lines.push(`${label}: ${text.slice(0, 1000)}`);
  }
  return lines.join('\n');
}

function radios(name: string, legend: string, from: number, to: number): Markup {
  const options = Array.from({ length: to - from + 1 }, (_, i) => from + i).map(
    (n) => html`<label style="margin-right:1rem"><input type="radio" name="${name}" value="${String(n)}" required> ${String(n)}</label>`,
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
<p><button type="submit">Send my review</button></p>
</form>
<p>Nothing is recorded until you press the button. You can also reply to the email instead.</p>`,
  );
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
<form method="post" action="${input.action}">
<p><label for="note">Anything to add? (optional, at most 1,000 characters)</label><br><textarea id="note" name="note" rows="3" maxlength="1000"></textarea></p>
<p><button type="submit">Confirm: ${label}</button></p>
</form>
<p>Nothing is recorded until you press the button. To answer differently, use another link in the email or reply to it.</p>`,
  );
}

/** After POST: what was recorded. */
export function renderThanksPage(choiceText: string): string {
  return page('Thank you', html`<h1>Thank you</h1><p>We recorded your answer: <span class="answer">${choiceText}</span>. You can close this page.</p>`);
}

export type AnswerProblem = 'expired' | 'invalid' | 'closed' | 'already-answered';

const PROBLEMS: Record<AnswerProblem, { title: string; text: string }> = {
  expired: {
    title: 'This link has expired',
    text: 'The question this link answers has closed, so nothing was recorded. The next email will bring a new question; if something needs saying now, write to your program admin.',
  },
  closed: {
    title: 'This question has closed',
    text: 'The question this link answers has closed, so nothing was recorded. The next email will bring a new question; if something needs saying now, write to your program admin.',
  },
  'already-answered': {
    title: 'Already answered',
    text: 'This question already has an answer, so nothing more was recorded. If the answer was wrong, write to your program admin.',
  },
  invalid: {
    title: 'This link does not work',
    text: 'The link is incomplete or was changed, so nothing was recorded. Open it again from the email (copy the whole address), or simply reply to the email.',
  },
};

/** A polite page for a link that cannot record anything. */
export function renderProblemPage(problem: AnswerProblem): string {
  const { title, text } = PROBLEMS[problem];
  return page(title, html`<h1>${title}</h1><p>${text}</p>`);
}

/** GET /u/{token}: what the button does; nothing changes by opening the link (mail scanners do). */
export function renderUnsubscribeConfirmPage(input: { readonly programName?: string; readonly action: string }): string {
  const program = input.programName ? html` from ${input.programName}` : '';
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

/** After the POST: the withdrawal is on its way. */
export function renderUnsubscribedPage(): string {
  return page(
    'You have left the program',
    html`<h1>You have left the program</h1><p>We recorded your withdrawal: the program stops emailing you within a few minutes. You can close this page.</p>`,
  );
}
