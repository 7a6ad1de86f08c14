import { opensWithConcernWord, readConcern, type ConcernReading } from './concern';
import type { ReplyPurpose } from './interpret';
import { readableHead } from './read-head';

/**
 * A CONCERN written below the answer ("Yes 3\n\nCONCERN: she was late again"): every footer says
 * "Reply CONCERN and what is on your mind", and people answer the question first. A later line
 * that opens with the keyword, as the reply's first word would (concern.ts, readConcern: in any
 * language it knows, with a colon or a dash, alone on its line, or in capitals), is a concern;
 * the keyword inside a sentence ("I have no concern about the dates") is not.
 */
export interface ConcernBelow {
  /** The reply above the concern's line: the answer, read as usual, and its note never holds the concern. */
  readonly above: string;
  /** What follows the keyword on its line and below it, as a first-word CONCERN reads it. */
  readonly concern: ConcernReading;
}

/**
 * "CONCERN: none", "Concern - n/a": a form's field filled in with nothing to raise, not a case for
 * the admins. (CONCERN alone stays a concern: it asks to be contacted.)
 */
const NOTHING_TO_RAISE =
  /^(?:none|no|nope|nothing|nil|n\/?a|no concerns?|nothing to (?:report|add)|all (?:good|fine)|keine|keins|nichts|aucune?|rien|ninguna?|nada|nessuna?|niente|nenhuma?|geen|niets|brak|żadne|inga|ingen|intet|ingenting)(?:\s+(?:so far|for now|at the moment|right now|bisher))?[\s.,!]*(?:thanks?|thank you|danke|merci|gracias|grazie|obrigad[oa]|dank je|tack|takk)?[\s.!]*$/iu;

/** A line of nothing but what may stand before the keyword (concern.ts, OPENING): blank, quote marks, dashes. */
const MARKS_ONLY = /^[\s*"'«»„“”>-]*$/u;

/**
 * The concern on a later line of a reply (quoted history already stripped, stripReply), and the
 * answer above it; undefined when no later line opens with the keyword, or for an admin's question
 * (a decision or an approval takes no CONCERN, as interpretReply reads it). A concern on the first
 * line is interpretReply's own.
 */
export function concernBelow(text: string, purpose?: ReplyPurpose): ConcernBelow | undefined {
  if (purpose === 'admin-decision' || purpose === 'approval') return undefined;
  const lines = readableHead(text)
    .normalize('NFKC')
    .split(/\r\n?|\n/)
    .map((l) => l.trimEnd());
  const joined = lines.join('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += (lines[i] ?? '').length + 1, i++) starts.push(at);
  // The reply read from line i is a concern only when the first line from i with more than quote
  // marks or dashes opens with the keyword: only such lines are tried (each try reads the rest, so
  // trying every line took time growing with the square of the length), from the first line of the
  // marks above them, which is where a try from every line would first have found it.
  let run = 1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (MARKS_ONLY.test(line)) continue;
    const from = run;
    run = i + 1;
    if (!opensWithConcernWord(line)) continue;
    const concern = readConcern(joined.slice(starts[from]));
    if (!concern || NOTHING_TO_RAISE.test(concern.text)) continue;
    const above = lines.slice(0, from).join('\n').trim();
    return above ? { above, concern } : undefined;
  }
  return undefined;
}
