import type { FieldProblem, TypedBack } from './answer-form';
import { html, raw, type Markup } from './emails/markup';

/**
 * The pieces of the answer pages' forms that say what went wrong and keep what was typed: an error
 * summary focused when the page opens (`autofocus`: the pages run no script), each problem on its
 * own field (`aria-invalid`, `aria-describedby`), radios that keep their choice, and what a person
 * wrote shown back when nothing was recorded. Pure markup.
 */

const problemId = (field: string) => `${field}-problem`;
const problemOf = (problems: readonly FieldProblem[], field: string) => problems.find((p) => p.field === field);

/**
 * The summary at the top of a form sent back: focused on load, so a screen reader reads it first;
 * each problem links to its field (a radio group's first radio carries the group's name as its id).
 */
export function problemSummary(problems: readonly FieldProblem[]): Markup {
  if (problems.length === 0) return html``;
  const items = problems.map((p) => (p.field ? html`<li><a href="#${p.field}">${p.text}</a></li>` : html`<li>${p.text}</li>`));
  return html`<div class="problem" id="problem-summary" role="alert" tabindex="-1" autofocus aria-labelledby="problem-title"><h2 id="problem-title">There is a problem</h2><ul>${items}</ul></div>`;
}

/** The problem's message on its field, read with the field (its id is the field's aria-describedby). */
export function fieldProblem(problems: readonly FieldProblem[], field: string): Markup {
  const problem = problemOf(problems, field);
  return problem ? html`<span class="field-problem" id="${problemId(field)}">Error: ${problem.text}</span>` : html``;
}

/** The attributes that tie a control to its problem. */
export function invalidAttributes(problems: readonly FieldProblem[], field: string): Markup {
  return problemOf(problems, field) ? raw(` aria-invalid="true" aria-describedby="${problemId(field)}"`) : html``;
}

/** A 1-to-n radio group, with the value sent before chosen again; its problem, if any, under the legend. */
export function radios(input: {
  readonly name: string;
  readonly legend: string;
  readonly from: number;
  readonly to: number;
  readonly required?: boolean;
  readonly value?: string | null;
  readonly problems?: readonly FieldProblem[];
}): Markup {
  const problems = input.problems ?? [];
  const invalid = problemOf(problems, input.name) !== undefined;
  const options = Array.from({ length: input.to - input.from + 1 }, (_, i) => input.from + i).map((n) => {
    const id = n === input.from ? input.name : `${input.name}-${n}`;
    const attributes = raw(`${input.required ? ' required' : ''}${input.value === String(n) ? ' checked' : ''}`);
    return html`<label class="choice" for="${id}"><input type="radio" id="${id}" name="${input.name}" value="${String(n)}"${attributes}> ${String(n)}</label>`;
  });
  return html`<fieldset role="radiogroup"${invalid ? raw(` aria-invalid="true" aria-describedby="${problemId(input.name)}"`) : ''}><legend>${input.legend}</legend>${fieldProblem(problems, input.name)}${options}</fieldset>`;
}

/** What the person wrote, shown back read-only to copy, when the page recorded none of it. */
export function typedBackBlock(typed: readonly TypedBack[] | undefined): Markup {
  if (!typed || typed.length === 0) return html``;
  const fields = typed.map(
    (t, i) =>
      html`<p><label for="typed-${String(i)}">${t.label}</label><br><textarea id="typed-${String(i)}" rows="${String(Math.min(8, Math.max(3, t.text.split('\n').length)))}" readonly>${t.text}</textarea></p>`,
  );
  return html`<h2>What you wrote</h2><p>It was not recorded. Here it is, so that you can copy it.</p>${fields}`;
}
