import type { ReplyPurpose } from './replies';
import { readGoals, readItemNumbers, type AskedItem, type AskedStructure, type StructuredAnswer } from './replies/structured';
import { withoutDirectionControls } from './text-input';

/**
 * What the answer page's forms send (`/r/{token}`), read as the reply the email asks for, so that a
 * link and a reply store the same; and what a form that recorded nothing is shown again with.
 * Pure: no AWS, no clock.
 */

/** One thing the form asks that a person got wrong: its field's name, and what to do, in a sentence. */
export interface FieldProblem {
  /** The field's name (its control's id): `until`, `note`, `progress`; none for the form as a whole. */
  readonly field?: string;
  readonly text: string;
}

/** Something a person wrote on a form that recorded nothing: shown back, so it is not lost (QA ui8). */
export interface TypedBack {
  readonly label: string;
  readonly text: string;
}

/** What a question asked beyond its ordinary answer (its context's `ask`: topics, goals, the end's questions). */
export function askOf(context: Record<string, unknown> | undefined): AskedStructure {
  const ask = context?.ask;
  return typeof ask === 'object' && ask !== null ? (ask as AskedStructure) : {};
}

/** The topics a person rates on a form (not their goals). */
export const topicItemsOf = (ask: AskedStructure): AskedItem[] => (ask.items ?? []).filter((i) => !i.key.startsWith('goal-'));

/** The form field of an asked item's 1-5 rating. */
export const itemField = (item: AskedItem): string => `item-${item.key}`;

/** The form fields of the goals an introduction's YES takes (up to three, as a reply's GOALS: block). */
export const GOAL_FIELDS = ['goal-1', 'goal-2', 'goal-3'] as const;

/**
 * The introduction's YES link: its page takes the person's goals and where they start on each topic,
 * as the introduction asks ("With YES, add your goals and where you start on each topic").
 */
export function offersGoals(purpose: ReplyPurpose, choice: string, context: Record<string, unknown> | undefined): boolean {
  return purpose === 'acceptance' && choice === 'yes' && askOf(context).goals === true;
}

const oneLine = (text: string) => withoutDirectionControls(text).replace(/\s+/g, ' ').trim();

/**
 * The introduction's goal fields and topic ratings, read by the reply reader's own readers
 * (replies/structured.ts): the goals as the lines under a reply's "GOALS:", each rating as a reply's
 * "AI tools: 2" line, so both paths store the same goals and baseline. Each is read on its own, so
 * that a goal's words are never taken for a rating or a rating for a goal.
 */
export function introductionExtras(form: URLSearchParams, context: Record<string, unknown> | undefined): StructuredAnswer {
  const ask = askOf(context);
  const topics = topicItemsOf(ask);
  const goals = GOAL_FIELDS.map((field) => oneLine(form.get(field) ?? '')).filter((g) => g !== '');
  const goalLines = goals.length > 0 ? ['GOALS:', ...goals.map((g, i) => `${i + 1}. ${g}`)].join('\n') : '';
  const ratingLines = topics.flatMap((item) => {
    const n = form.get(itemField(item)) ?? '';
    return /^[1-5]$/.test(n) ? [`${item.labels[0] ?? item.key}: ${n}`] : [];
  });
  const read = {
    goals: goalLines
      ? readGoals(
          goalLines,
          topics.flatMap((i) => i.labels),
        ).value
      : [],
    items: readItemNumbers(ratingLines.join('\n'), topics).value,
  };
  return {
    ...(read.goals.length > 0 ? { goals: read.goals } : {}),
    ...(Object.keys(read.items).length > 0 ? { items: read.items } : {}),
  };
}

/** The text fields a person may have written on an answer page, with how the page shows them back. */
const TYPED_FIELDS: readonly (readonly [string, string])[] = [
  ['goal-1', 'Goal 1'],
  ['goal-2', 'Goal 2'],
  ['goal-3', 'Goal 3'],
  ['learned', 'What you learned'],
  ['taught', 'What you taught'],
  ['keep', 'What the program should keep'],
  ['change', 'What the program should change'],
  ['valued', 'Your note for your partner: what you valued'],
  ['try', 'Your note for your partner: one thing to try'],
  ['note', 'Your note'],
];

/** What the person wrote on the form, as they wrote it (line breaks kept), to show back when nothing was recorded. */
export function typedBackOf(form: URLSearchParams | undefined): TypedBack[] {
  if (!form) return [];
  return TYPED_FIELDS.flatMap(([field, label]) => {
    const text = withoutDirectionControls(form.get(field) ?? '')
      .replace(/\r\n?/g, '\n')
      .trim();
    return text ? [{ label, text }] : [];
  });
}

/** Why a review's form recorded nothing: each required rating missing or off its scale, on its own field. */
export function surveyProblems(form: URLSearchParams): FieldProblem[] {
  return [
    ...(/^[1-5]$/.test(form.get('progress') ?? '') ? [] : [{ field: 'progress', text: 'Choose how much progress you have made on your goals, from 1 to 5.' }]),
    ...(/^(10|[0-9])$/.test(form.get('recommend') ?? '')
      ? []
      : [{ field: 'recommend', text: 'Choose how likely you are to recommend reverse mentoring to a colleague, from 0 to 10.' }]),
  ];
}

/** The first day a pause may resume on, for the date field's `min`: the day after `today` (YYYY-MM-DD). */
export function firstResumeDay(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
