import { interpretReply, type InterpretOptions, type ReplyAnswer, type ReplyPurpose } from './interpret';
import { writtenBelowQuoteHeader } from './strip';
import { isPairingCommand } from './commands';

/**
 * A reply with no words of its own above the quoted email, whose answer was written where it is
 * never read (QA mail8): in the subject ("YES - Meet Lena, your reverse-mentoring partner", "Re:
 * Check-in: did you meet Diego since ...? YES"), or typed under an unquoted Outlook header block.
 * It is not acted on (the subject keeps words of our own email, and what is under the header is the
 * quoted email's place), but the person is told what was seen and where to write it, instead of
 * "the reply is empty".
 */

/** "Re:", "AW:", "Fwd:", "RE[2]:" and their neighbours, in front of the subject a client replies with. */
const REPLY_PREFIX = /^\s*(?:re|aw|wg|fw|fwd|tr|rv|rif|sv|vs|antw|antwort|odp|res|enc|ynt|r)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;
/** Where a few words of the person's own end or begin beside our subject. */
const SEPARATOR = /\s+[-–—]\s+|[:：,!?？(]\s*/u;
/** A piece of the subject read as an answer: a few words at most, never a sentence of our own subject. */
const MAX_WORDS = 3;

function subjectWithoutPrefixes(subject: string): string {
  let rest = subject.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 5 && REPLY_PREFIX.test(rest); i++) rest = rest.replace(REPLY_PREFIX, '');
  return rest;
}

/** The first and the last few words of the subject, each set apart from the rest by a separator. */
function subjectEnds(subject: string): string[] {
  const rest = subjectWithoutPrefixes(subject);
  const parts = rest
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return [];
  const ends = parts.length === 1 ? [parts[0]!] : [parts[0]!, parts.at(-1)!];
  return ends.filter((p) => p.split(' ').length <= MAX_WORDS);
}

/**
 * Whether these few words answer the question by themselves. A command word counts only in capitals:
 * "End of program review", a subject of ours, is no END.
 */
function answers(words: string, purpose: ReplyPurpose | undefined, options: InterpretOptions): boolean {
  const reading = interpretReply(words, purpose, options);
  if (reading.intent === 'unclear' || reading.intent === 'concern') return false;
  return !isPairingCommand(reading.intent) || /^\P{Ll}*$/u.test(words.split(/\s/)[0] ?? '');
}

/** How the words are asked for again: a word in capitals as it is ("YES"), anything else quoted ("\"Oui 4\""). */
const asWritten = (words: string) => (/^[\p{Lu}\p{N}]+$/u.test(words) ? words : `"${words}"`);

/**
 * For a reply whose own text is empty once quoted history and signatures are removed (`stripped`):
 * an unclear reading saying where an answer was seen, or undefined when none was.
 */
export function answerOutsideReply(
  message: { readonly subject: string; readonly text: string },
  stripped: string,
  purpose: ReplyPurpose | undefined,
  options: InterpretOptions = {},
): ReplyAnswer | undefined {
  if (stripped.trim() !== '') return undefined;
  const quoted = message.text.trim() !== '';
  const below = quoted ? writtenBelowQuoteHeader(message.text) : undefined;
  const first = below?.split('\n')[0]?.trim();
  if (first && answers(first, purpose, options)) {
    return {
      intent: 'unclear',
      reason: `Your reply had no text of its own above the quoted email: only what you write above it is read (we saw ${asWritten(first)} inside the quoted email, below its header). Please reply again with ${asWritten(first)} on the first line.`,
    };
  }
  const inSubject = subjectEnds(message.subject).find((words) => answers(words, purpose, options));
  if (!inSubject) return undefined;
  const where = quoted
    ? 'Your reply had no text of its own above the quoted email: only what you write above it is read'
    : 'Your reply had no text of its own: only what you write in the email itself is read, not its subject';
  return {
    intent: 'unclear',
    reason: `${where} (we saw ${asWritten(inSubject)} in the subject). Please reply again with ${asWritten(inSubject)} on the first line.`,
  };
}
