/**
 * What a rating read in the middle of a reply leaves of the note. The rule never breaks a sentence:
 * a rating that is a clause of its own ("4/5" between a full stop and a comma, "PROGRESS 4/5" on its
 * line, ", and RECOMMEND 9" at a sentence's end, "(4/5)") is cut with the punctuation and joining
 * word that set it apart; a rating that is part of a sentence ("I'd give the program a 9/10",
 * "Progress is about 3 I would say", "Good progress - 4/5") stays, and its sentence with it, as
 * written: the number is harmless in a note, a sentence with a hole in it is not.
 */

/** Words that join a rating's clause to the one before ("…, and RECOMMEND 9", "… et 4/5"): cut with it. */
const JOINING = '(?:and|or|und|oder|et|ou|y|o|e|en|och|eller)';

/** What sets a clause apart before it: a sentence's end, a line break, a comma, a colon, a dash after a space, an opening bracket; or nothing, at the start. */
const BEFORE = new RegExp(`(?:^|(?<mark>[.!?;。！？\\n(]|[,:，：、]|\\s[-–—]))(?<gap>\\s*(?:${JOINING}\\s+)?)$`, 'iu');
/** What closes a clause after it: the end, a sentence's end, a line break, a comma, a colon, a dash before a space, a closing bracket. */
const AFTER = /^(?<gap>[ \t]*)(?<mark>$|[.!?;。！？\n)]|[,:，：、]|[-–—](?=\s|$))/u;

/** Marks after which what follows starts a sentence. */
const SENTENCE_END = /^[.!?。！？]$/u;

/** `text` without the rating written at `start`-`end` when it is a clause of its own; otherwise `text` as it is. */
export function withoutRating(text: string, start: number, end: number): string {
  const before = BEFORE.exec(text.slice(0, start));
  const after = AFTER.exec(text.slice(end));
  if (!before?.groups || !after?.groups) return text;
  const opened = before.groups.mark;
  const closed = after.groups.mark ?? '';
  const clauseStart = start - (before.groups.gap ?? '').length;
  const markStart = clauseStart - (opened ?? '').length;
  const afterGap = end + (after.groups.gap ?? '').length;
  // "(4/5)": the brackets go with it; a bracket opened or closed around more than the rating stays.
  if (opened === '(' || closed === ')') {
    if (opened !== '(' || closed !== ')') return text;
    return `${text.slice(0, markStart).replace(/[ \t]+$/u, '')}${text.slice(afterGap + 1)}`;
  }
  // After a comma, a colon or a dash ("Yes we met, 4/5. Great chat"): the rating goes with the mark before it.
  // A dash after it keeps its space: "great chat - 4/5 - see you" is "great chat - see you".
  if (opened !== undefined && !/^[.!?;。！？\n]$/u.test(opened)) return `${text.slice(0, markStart)}${text.slice(/^[-–—]$/u.test(closed) ? end : afterGap)}`;
  // Opening its sentence or line ("… mardi. 4/5, très utile", "Great chat. 4/5. See you"): it goes with the mark after it.
  const cutTo = closed === '' || closed === '\n' ? afterGap : afterGap + closed.length;
  const kept = text.slice(cutTo).replace(/^[ \t]+/u, '');
  const head = text.slice(0, clauseStart);
  // What followed now opens a sentence: it starts with a capital ("… mardi. Très utile").
  const next = opened !== undefined && SENTENCE_END.test(opened) ? kept.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : kept;
  return head === '' || /\s$/u.test(head) || next === '' || /^\s/u.test(next) ? `${head}${next}` : `${head} ${next}`;
}
