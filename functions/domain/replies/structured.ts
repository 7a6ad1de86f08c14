import { CUES } from './lexicon';
import { numberAt } from './scores';
import { fold, isTopicRating, RATING_SEGMENT, RATING_SEPARATOR } from './topic-ratings';
import { escapeRegExp } from './escape-regexp';

/**
 * The structured parts of a reply to a question that asked for more than yes, no or one rating
 * (docs/emails.md): goals as lines or a list, a 1-5 number per topic or per goal ("AI tools: 2,
 * Social media 3", or one number per line in the order asked), labelled answers ("KEEP: ...",
 * "CHANGE: ..."), and SHARE on a line of its own. Each reader returns what it understood and the
 * text left over, which the ordinary reader (interpret.ts) then reads for yes, no, a rating or a score.
 */

/** One thing rated 1-5 in a reply: a topic, or one of the person's goals. */
export interface AskedItem {
  /** Stored under this key: a topic id, or `goal-1`..`goal-3`. */
  readonly key: string;
  /** What a person may write before the number: the topic's label and id, "Goal 1", the goal itself. */
  readonly labels: readonly string[];
}

/** What a question asked beyond its ordinary answer; stored with the question (its context). */
export interface AskedStructure {
  /** Rate each of these 1-5. */
  readonly items?: readonly AskedItem[];
  /** State up to three goals. */
  readonly goals?: boolean;
  /** What the program should keep and change (the end-of-program review). */
  readonly programFeedback?: boolean;
  /** A note for the partner, sent only with SHARE (the end-of-program review). */
  readonly partnerNote?: boolean;
}

export interface Reading<T> {
  readonly value: T;
  /** The reply without the lines (or parts of lines) that gave `value`. */
  readonly rest: string;
  /** Ratings given for an asked item but outside 1-5, as written ("AI tools: 8"): not recorded. */
  readonly outside?: readonly string[];
  /** Ratings of topics the question did not ask about, as written ("Social media 2"): never goals, not recorded. */
  readonly notAsked?: readonly string[];
}

export const MAX_GOALS = 3;
const MAX_GOAL_LENGTH = 200;
const MAX_SECTION_LENGTH = 1000;

/** How goals are named in the languages the reply reader knows ("Goal 2", "Ziel 2", ...). */
const GOAL_WORDS = ['goal', 'goals', 'ziel', 'objectif', 'objetivo', 'obiettivo', 'doel', 'cel', 'mal', 'g'];

/** The labels of goal `n` (1-based) whose text is `text`. */
export function goalLabels(n: number, text: string): string[] {
  return [...GOAL_WORDS.map((w) => `${w} ${n}`), `${GOAL_WORDS[0]}${n}`, `g${n}`, text];
}

function matchItem(label: string, items: readonly AskedItem[]): AskedItem | undefined {
  const l = fold(label);
  if (!l) return undefined;
  const exact = items.filter((i) => i.labels.some((x) => fold(x) === l));
  if (exact.length === 1) return exact[0];
  // "Social media" for "Social media and creator platforms": a leading run of whole words, if only one item has it.
  const prefix = items.filter((i) => i.labels.some((x) => fold(x).startsWith(`${l} `) && l.length >= 2));
  return prefix.length === 1 ? prefix[0] : undefined;
}

/**
 * A 1-5 number for each asked item the reply names ("AI tools: 2, Social media 3", "AI tools: 1 /
 * Social media 2", "Goal 1 - 4"), or, when it names none, one number per line at the start of the
 * reply, in the order asked.
 * Numbers outside 1-5 and labels that fit no item (or more than one) are left in the text.
 */
export function readItemNumbers(text: string, items: readonly AskedItem[]): Reading<Record<string, number>> {
  const values: Record<string, number> = {};
  if (items.length === 0) return { value: values, rest: text };
  const lines = text.split('\n');
  const kept: string[] = [];
  const outside: string[] = [];
  for (const line of lines) {
    // Split on "," and ";" (and a "/" between ratings), keeping which one stood where: what is left
    // is put back as it was written ("Goals: a; b" must stay two goals for the goals reader).
    const pieces = line.split(RATING_SEPARATOR);
    const segments = pieces.filter((_, i) => i % 2 === 0);
    let left = '';
    let taken = false;
    for (const [index, segment] of segments.entries()) {
      const m = RATING_SEGMENT.exec(segment);
      const item = m ? matchItem(m[1]!, items) : undefined;
      const n = m ? numberAt(segment, segment.lastIndexOf(m[2]!, segment.length - (m[3]?.length ?? 0))) : null;
      if (item && n && n.value >= 1 && n.value <= 5 && values[item.key] === undefined) {
        values[item.key] = n.value;
        taken = true;
      } else {
        if (item && n && (n.value < 1 || n.value > 5)) outside.push(`${m![1]!.trim()}: ${n.value}`);
        left += (index > 0 && (left !== '' || !taken) ? pieces[2 * index - 1]! : '') + segment;
      }
    }
    if (!taken) kept.push(line);
    else if (left !== '') kept.push(left);
  }
  if (Object.keys(values).length > 0 || outside.length > 0) return { value: values, rest: kept.join('\n'), ...(outside.length > 0 ? { outside } : {}) };
  const bare = /^\s*(?:[-*•·]\s*)?(\d{1,2})\s*(?:\/\s*5)?\s*[.!]?\s*$/u;
  // One number per line, in the order asked: the first run of at least two such lines.
  const nonEmpty = lines.filter((l) => l.trim());
  const first = nonEmpty.findIndex((l) => bare.test(l));
  let count = 0;
  while (first >= 0 && first + count < nonEmpty.length && bare.test(nonEmpty[first + count]!)) count++;
  if (count < 2) return { value: values, rest: text };
  const used = Math.min(count, items.length);
  for (let i = 0; i < used; i++) {
    const v = Number(bare.exec(nonEmpty[first + i]!)![1]);
    if (v >= 1 && v <= 5) values[items[i]!.key] = v;
  }
  return { value: values, rest: [...nonEmpty.slice(0, first), ...nonEmpty.slice(first + used)].join('\n') };
}

const GOAL_HEADING =
  /^\s*(?:my\s+|our\s+|meine\s+|mes\s+|mis\s+|i miei\s+)?(?:goals?|ziele?|objectifs?|objetivos?|obiettivi|obiettivo|doelen|doel|cele|cel|mål)\s*[:：]\s*(.*)$/iu;
const LIST_ITEM = /^\s*(?:\d{1,2}\s*[.)]|[-*•·])\s+(.+)$/u;
/** Where a clause ends on the answer's line ("Yes happy to take part. Goals: ...", "Oui, objectifs: ..."). */
const CLAUSE_END = /(?:[.!?;,:…)\]]|\s[-–—])\s+/gu;
/** The answer alone before the label, no mark between ("YES Goals: ...", "YES 4 Goals: ..."): its words. */
const ANSWER_ALONE = /^\s*(.+?)(?:\s+\d{1,2}(?:\s*\/\s*5)?)?\s+$/u;
/** How far into the answer's line a goals label may open, and how long the answer before a bare label may be. */
const LABEL_WITHIN = 400;
const ANSWER_WITHIN = 40;
const YES_WORDS = new Set(CUES.filter((c) => c.polarity === 'yes').map((c) => c.text.toLowerCase()));

/**
 * Where a goals label opens on the answer's line after the answer ("Yes happy to take part. Goals:
 * get better at AI", "YES Goals: a; b"): at the start of a clause, or straight after a yes word. Never
 * inside a sentence ("we spoke about my goals: ..."), and "goals" without the colon is no label.
 */
function labelAfterAnswer(line: string): number | undefined {
  if (/^\s*>/u.test(line)) return undefined;
  // Looked for near the answer only: each place tried reads the rest of the line, so a long line
  // (an attacker's, or a pasted page) must not cost its length squared.
  const near = line.slice(0, LABEL_WITHIN);
  const starts = [...near.matchAll(CLAUSE_END)].map((m) => m.index + m[0].length);
  for (const m of near.slice(0, ANSWER_WITHIN).matchAll(/\s+/gu)) {
    const words = ANSWER_ALONE.exec(near.slice(0, m.index + m[0].length))?.[1];
    if (words && YES_WORDS.has(words.toLowerCase())) starts.push(m.index + m[0].length);
  }
  return starts.sort((a, b) => a - b).find((at) => GOAL_HEADING.test(line.slice(at)));
}
/** A line that starts another part of the reply ("Where I am now:", "KEEP: ..."). */
const OTHER_HEADING = /^\s*[\p{L} ]{2,40}[:：]/u;

function tidyGoal(text: string): string | undefined {
  const goal = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”«»]+|[\s"'“”«»]+$/gu, '')
    .trim();
  if ((goal.match(/\p{L}/gu) ?? []).length < 3) return undefined;
  return goal.length > MAX_GOAL_LENGTH ? `${goal.slice(0, MAX_GOAL_LENGTH - 1)}…` : goal;
}

/**
 * Up to three goals: the lines under a "Goals:" heading (up to a blank line or another heading), or
 * its own text when it has some ("Goals: learn to prompt; run a hybrid meeting"). On the reply's
 * first written line (the answer's) the heading may also follow the answer ("Yes. Goals: a; b", QA
 * life7): only the label and what follows it are goals, the answer before it is left. Nothing else is
 * a goal: not a sign-off, and not a numbered or bulleted list without the heading, which is the
 * person's note (read by the program admin only, as the emails promise), never goals their
 * partner is sent. Nor is a rating of a topic ("Social media 2", "Digital fluency:
 * 3"; `topicLabels` adds the asked topics' labels to the default catalogue's): the ratings that were
 * asked are read before the goals, so one found here was not asked for. It is cut out with the goals
 * and returned as `notAsked`, never stored as a goal the partner is shown and every review asks about.
 */
export function readGoals(text: string, topicLabels: readonly string[] = []): Reading<string[]> {
  const lines = text.split('\n');
  const used = new Set<number>();
  /** Lines whose start, before a label after the answer, stays in the rest. */
  const kept = new Map<number, string>();
  const answerLine = lines.findIndex((l) => l.trim() !== '');
  const found: string[] = [];
  const take = (goal: string | undefined) => {
    if (goal && !found.some((g) => g.toLowerCase() === goal.toLowerCase())) found.push(goal);
  };
  const notAsked: string[] = [];
  /** True when the line only rates topics (kept in `notAsked`): it is no goal. */
  const rating = (written: string) => {
    const text = LIST_ITEM.exec(written)?.[1] ?? written;
    if (!isTopicRating(text, topicLabels)) return false;
    notAsked.push(text.trim());
    return true;
  };
  for (let i = 0; i < lines.length; i++) {
    const after = i === answerLine && !GOAL_HEADING.test(lines[i]!) ? labelAfterAnswer(lines[i]!) : undefined;
    const heading = GOAL_HEADING.exec(after === undefined ? lines[i]! : lines[i]!.slice(after));
    if (!heading) continue;
    if (after === undefined) used.add(i);
    else kept.set(i, lines[i]!.slice(0, after).trimEnd());
    for (const part of (heading[1] ?? '').split(/;/)) {
      if (!rating(part)) take(tidyGoal(LIST_ITEM.exec(part)?.[1] ?? part));
    }
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      // A rating among the goals ("AI tools: 1", then "Social media 2") neither ends them nor is one.
      if (line.trim() && rating(line)) {
        used.add(j);
        continue;
      }
      if (!line.trim() || (OTHER_HEADING.test(line) && !LIST_ITEM.test(line)) || GOAL_HEADING.test(line)) break;
      used.add(j);
      take(tidyGoal(LIST_ITEM.exec(line)?.[1] ?? line));
    }
  }
  return {
    value: found.slice(0, MAX_GOALS),
    rest: lines.flatMap((line, i) => (used.has(i) ? [] : [kept.get(i) ?? line])).join('\n'),
    ...(notAsked.length > 0 ? { notAsked } : {}),
  };
}

/** Labelled answers of the end-of-program review, in the languages the reply reader knows. */
export const SECTION_LABELS = {
  keep: ['keep', 'behalten', 'beibehalten', 'garder', 'conserver', 'mantener', 'mantenere', 'manter', 'behouden'],
  change: ['change', 'ändern', 'aendern', 'changer', 'cambiar', 'cambiare', 'mudar', 'veranderen'],
  valued: ['valued', 'i valued', 'what i valued', 'geschätzt', 'apprécié', 'valoré'],
  try: ['try', 'one thing to try', 'ausprobieren', 'essayer', 'probar', 'provare'],
} as const;
export type SectionKey = keyof typeof SECTION_LABELS;

/**
 * Text after "KEEP:", "CHANGE:", "VALUED:" or "TRY:" (and their translations), running on over the
 * following lines up to a blank line or the next label.
 */
export function readSections(text: string, keys: readonly SectionKey[]): Reading<Partial<Record<SectionKey, string>>> {
  const labels = keys.flatMap((key) => SECTION_LABELS[key].map((label) => ({ key, label })));
  const start = new RegExp(`^\\s*[*"'>-]*\\s*(${labels.map((l) => escapeRegExp(l.label)).join('|')})\\s*[:：]\\s*(.*)$`, 'iu');
  const out: Partial<Record<SectionKey, string>> = {};
  const kept: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = start.exec(lines[i]!);
    if (!m) {
      kept.push(lines[i]!);
      continue;
    }
    const key = labels.find((l) => l.label.toLowerCase() === m[1]!.toLowerCase())!.key;
    const parts = [m[2] ?? ''];
    // Runs on over plain lines only: a blank line, another label ("AI tools: 3", "LEARNED:") or SHARE ends it.
    while (i + 1 < lines.length && lines[i + 1]!.trim() && !OTHER_HEADING.test(lines[i + 1]!) && !SHARE_LINE.test(lines[i + 1]!)) parts.push(lines[++i]!);
    const value = parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_SECTION_LENGTH);
    if (value && out[key] === undefined) out[key] = value;
  }
  return { value: out, rest: kept.join('\n') };
}

/** Consent to send the partner note: SHARE (or its translation) alone on a line, nothing else. */
const SHARE_LINE = /^\s*[*"'>-]*\s*(?:share|teilen|partager|compartir|condividi|condividere|partilhar|delen|udostępnij|dela)\s*[.!]?\s*$/iu;

export function readShare(text: string): Reading<boolean> {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => SHARE_LINE.test(l));
  if (at < 0) return { value: false, rest: text };
  return { value: true, rest: lines.filter((_, i) => i !== at).join('\n') };
}

/** What a reply gave beyond its ordinary answer. */
export interface StructuredAnswer {
  readonly items?: Record<string, number>;
  readonly goals?: readonly string[];
  readonly keep?: string;
  readonly change?: string;
  /** The note for the partner ("VALUED: ...", "TRY: ..."): present only when the writer wrote SHARE. */
  readonly partnerNote?: { readonly valued?: string; readonly try?: string };
  /** A note was written without SHARE: it is dropped, never stored or sent. */
  readonly partnerNoteWithheld?: boolean;
}

/** Reads everything `ask` asked for out of `text`; `rest` is left for the ordinary reading. */
export function readStructured(text: string, ask: AskedStructure | undefined): Reading<StructuredAnswer> {
  if (!ask) return { value: {}, rest: text };
  let rest = text;
  const value: { -readonly [K in keyof StructuredAnswer]: StructuredAnswer[K] } = {};
  if (ask.programFeedback || ask.partnerNote) {
    const keys: SectionKey[] = [...(ask.programFeedback ? (['keep', 'change'] as const) : []), ...(ask.partnerNote ? (['valued', 'try'] as const) : [])];
    const sections = readSections(rest, keys);
    rest = sections.rest;
    if (sections.value.keep) value.keep = sections.value.keep;
    if (sections.value.change) value.change = sections.value.change;
    const share = readShare(rest);
    rest = share.rest;
    const note = { ...(sections.value.valued ? { valued: sections.value.valued } : {}), ...(sections.value.try ? { try: sections.value.try } : {}) };
    if (Object.keys(note).length > 0) {
      if (share.value) value.partnerNote = note;
      else value.partnerNoteWithheld = true;
    }
  }
  let outside: readonly string[] | undefined;
  let notAsked: readonly string[] | undefined;
  if (ask.items && ask.items.length > 0) {
    const items = readItemNumbers(rest, ask.items);
    rest = items.rest;
    outside = items.outside;
    if (Object.keys(items.value).length > 0) value.items = items.value;
  }
  if (ask.goals) {
    const topicLabels = (ask.items ?? []).filter((i) => !i.key.startsWith('goal-')).flatMap((i) => i.labels);
    const goals = readGoals(rest, topicLabels);
    rest = goals.rest;
    notAsked = goals.notAsked;
    if (goals.value.length > 0) value.goals = goals.value;
  }
  return { value, rest, ...(outside ? { outside } : {}), ...(notAsked ? { notAsked } : {}) };
}

/** True when the reading found anything. */
export function hasStructure(s: StructuredAnswer): boolean {
  return s.items !== undefined || s.goals !== undefined || s.keep !== undefined || s.change !== undefined || s.partnerNote !== undefined;
}

/** The structure a stored question asked for (its context's `ask`), for interpretReply's options. */
export function askedOf(context: Record<string, unknown> | undefined): { ask?: AskedStructure } {
  const ask = context?.ask;
  return typeof ask === 'object' && ask !== null ? { ask: ask as AskedStructure } : {};
}
