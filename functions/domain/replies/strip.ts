import {
  ATTRIBUTION,
  HEADER_FROM,
  HEADER_NEXT,
  PGP_ARMOUR_HEADER,
  PGP_SIGNATURE_BEGIN,
  PGP_SIGNATURE_END,
  PGP_SIGNED_BEGIN,
  SEPARATOR,
  SIGNATURE,
  VALEDICTION,
} from './quote-markers';
import { foldedName } from '../names-in-text';
import { withoutDisclaimer } from './disclaimer';
import { READ_CUT_MARK, readableHead } from './read-head';

/**
 * Keeps only what the person wrote in a reply: no quoted history (top- or bottom-posted), no
 * forwarded message, no signature or "Sent from my phone" footer, no closing formula.
 */

/** How a wrapped attribution's first half opens: its lead word ("On", "Am", "Le"...) or a date ("2026-12-03", "03.12.2026"). */
const WRAPPED_ATTRIBUTION_START = /^(?:on|am|le|el|il|op|em|den|w dniu|dnia)\b|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/i;

// Gmail wraps a long attribution over two lines ("On ... Jane <" / "jane@x> wrote:").
function attributionAt(lines: readonly string[], i: number): number {
  const line = clean(lines[i] ?? '');
  if (!line) return 0;
  if (ATTRIBUTION.some((p) => p.test(line))) return 1;
  const next = clean(lines[i + 1] ?? '');
  const joined = `${line} ${next}`;
  if (line.length >= 300 || !ATTRIBUTION.some((p) => p.test(joined))) return 0;
  // "Yes, 4" right above a whole attribution line ("On Thu, ... <a@b> wrote:", no blank line
  // between) is the answer, not the first half of a wrapped one (QA mailclients3).
  return ATTRIBUTION.some((p) => p.test(next)) && !WRAPPED_ATTRIBUTION_START.test(line) ? 0 : 2;
}

function clean(line: string): string {
  // Outlook's plain-text part renders bold header names as "*From:*".
  return line
    .replace(/<(https?|mailto):[^>]*>/gi, '')
    .replace(/\*/g, '')
    .trim();
}

function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}

function isHeaderBlock(lines: readonly string[], i: number): boolean {
  if (!HEADER_FROM.test(clean(lines[i] ?? ''))) return false;
  for (let j = i + 1; j <= i + 3 && j < lines.length; j++) {
    if (HEADER_NEXT.test(clean(lines[j] ?? ''))) return true;
  }
  return false;
}

/** Index of the first line after blank lines from `from`, or lines.length. */
function nextContent(lines: readonly string[], from: number): number {
  let j = from;
  while (j < lines.length && !(lines[j] ?? '').trim()) j++;
  return j;
}

/**
 * Our own email pasted under the answer with no quote marker at all (some clients do): its plain
 * text opens with the program's name, then its title underlined with "=" (plain-text.ts). The
 * underline line is what gives it away; the reply is cut where our email begins.
 */
function ourEmailStartsAt(lines: readonly string[], i: number): number | undefined {
  const underline = (lines[i] ?? '').trim();
  const title = (lines[i - 1] ?? '').trim();
  if (!/^={3,}$/.test(underline) || !title || Math.abs(Math.min(title.length, 72) - underline.length) > 2) return undefined;
  // "<program name>", a blank line, "<title>", "=====".
  const name = i - 3;
  return name >= 0 && !(lines[i - 2] ?? '').trim() && (lines[name] ?? '').trim() ? name : i - 1;
}

function linesOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\u00a0/g, ' ')
    .split('\n');
}

/**
 * An inline PGP-signed reply (RFC 4880 cleartext signature, as Thunderbird/Enigmail and some
 * gateways send it) holds the person's words between armour: its header lines ("-----BEGIN PGP
 * SIGNED MESSAGE-----", "Hash: SHA256", a blank line) above, the signature block below, and every
 * line of the words that opens with a dash escaped as "- ". Only the words are kept, unescaped, so
 * they are read (and quoted back, and stored as the note) as any other reply's. Quoted armour ("> ")
 * is left to the quote rule.
 */
function withoutPgpArmour(lines: readonly string[]): string[] {
  const out: string[] = [];
  let signed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (PGP_SIGNED_BEGIN.test(trimmed)) {
      signed = true;
      // "Hash: SHA256" (and any other armour header) up to the blank line that ends them.
      while (i + 1 < lines.length && PGP_ARMOUR_HEADER.test((lines[i + 1] ?? '').trim())) i++;
      if (i + 1 < lines.length && !(lines[i + 1] ?? '').trim()) i++;
      continue;
    }
    if (signed && PGP_SIGNATURE_BEGIN.test(trimmed)) {
      signed = false;
      while (i + 1 < lines.length && !PGP_SIGNATURE_END.test((lines[i] ?? '').trim())) i++;
      continue;
    }
    out.push(signed && line.startsWith('- ') ? line.slice(2) : line);
  }
  return out;
}

function ourEmailUnderline(lines: readonly string[]): number {
  return lines.findIndex((_, j) => ourEmailStartsAt(lines, j) !== undefined);
}

/**
 * True when the text holds our own email and nothing the sender wrote: no words above it (quoted
 * history, forward banners and signatures aside). Such a message is never an answer, in whichever
 * part it came (inbound.ts prefers the HTML part's reading when it says so).
 */
export function holdsOnlyOurEmail(text: string): boolean {
  return ourEmailUnderline(linesOf(text)) >= 0 && stripReply(text) === '';
}

/** A closing formula and a name on one line ("Cheers, Sam", "Best regards Ana Lima"): the reply ends there. */
function isSignOff(line: string): boolean {
  const m = /^(.*?)[\s,\-–—]+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}[\s.!]*$/u.exec(line);
  return m !== null && VALEDICTION.test(m[1]!);
}

/**
 * What was written right under an Outlook header block ("From: ... Sent: ... Subject: ...") or an
 * "-----Original Message-----" line, above the quoted email's own words: someone who clicked into
 * the quoted part and typed there (QA mail8). Never read as the answer, which is only what is above
 * the quote; the inbound path only says that it was seen there. Undefined when the reply is cut
 * elsewhere, or when what follows the header is our email's own opening (its program name).
 */
export function writtenBelowQuoteHeader(text: string): string | undefined {
  const all = withoutPgpArmour(linesOf(text));
  const underline = ourEmailUnderline(all);
  const ours = underline < 0 ? all.length : (ourEmailStartsAt(all, underline) ?? all.length);
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? '';
    if (isQuoted(line)) continue;
    const header = isHeaderBlock(all, i);
    if (!header && !SEPARATOR.some((p) => p.test(clean(line)))) {
      if (attributionAt(all, i) > 0) return undefined;
      continue;
    }
    let j = i + 1;
    while (j < all.length && (!(all[j] ?? '').trim() || (header && HEADER_NEXT.test(clean(all[j] ?? ''))))) j++;
    if (j >= ours) return undefined;
    const written: string[] = [];
    while (j < all.length && j < ours && (all[j] ?? '').trim() && !isQuoted(all[j] ?? '')) written.push((all[j++] ?? '').trim());
    return written.length > 0 ? written.join('\n') : undefined;
  }
  return undefined;
}

/**
 * The words of a name, lower case, each as written (answer-notes.ts looks them up so) and without
 * its accents ("Amélie" gives amélie and amelie), as a signed word is looked up here (wordKey): a
 * signature "Amélie Roux" is hers from amelie.roux@… or enrolled as "Amelie Roux" (QA: her whole
 * signature went into a note).
 */
function nameWords(text: string): string[] {
  const words = (of: string) => of.split(/[^\p{L}]+/u).filter((w) => w.length >= 2);
  return [...words(text.normalize('NFC').toLowerCase()), ...words(foldedName(text))];
}

/** How a signed word is looked up among nameWords: without accents, lower case. */
const wordKey = (word: string) => foldedName(word.replace(/\.$/, ''));

/** The words of the writer's name as their address gives it: "ada.lovelace@example.com" gives ada, lovelace. */
export function nameWordsOf(address: string): Set<string> {
  return new Set(nameWords(address.split('@')[0] ?? ''));
}

/**
 * Who wrote a reply, as far as it is known: their address (the sender's), and the name they were
 * enrolled under. Either gives the words of their own name.
 */
interface ReplyWriter {
  readonly address?: string;
  readonly name?: string;
}

/** Words that join the parts of a name without naming anyone ("de" in Ana de Souza): never taken for the writer's name. */
const NAME_PARTICLES = new Set([
  'al',
  'bin',
  'da',
  'das',
  'de',
  'del',
  'della',
  'den',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'la',
  'le',
  'ten',
  'ter',
  'van',
  'von',
  'zu',
]);

/** The words of the writer's own name: from their address (nameWordsOf), and from the name they were enrolled under. */
function writerWords(writer: string | ReplyWriter): Set<string> {
  const { address, name } = typeof writer === 'string' ? { address: writer, name: undefined } : writer;
  const words = address ? nameWordsOf(address) : new Set<string>();
  for (const w of nameWords(name ?? '')) if (!NAME_PARTICLES.has(w)) words.add(w);
  return words;
}

/** A name as people sign it, alone on its line: up to three words ("Mia", "Leo Grant", "O'Neill"), maybe after a dash ("- Mia", "~Leo"). */
const SIGNED_NAME = /^[-–—~]*\s*(\p{L}[\p{L}'’-]*\.?(?:\s+\p{L}[\p{L}'’-]*\.?){0,2})[\s.!]*$/u;
/** A line that runs on into the next one: a sentence hard-wrapped before a name ("... I talked it over with\nMia"). */
const RUNS_ON = /(?<![\p{L}])(?:to|with|and|or|from|for|by|of|is|am|as|in|on|at|until|till|since|before|after|named|called|than|like|about|dear)$/iu;

/**
 * Whether a line is the writer's own name, signed: the first word a word of their name
 * ("Mia" from mia.lopez@…), every word capitalised ("Mia", "Mia Lopez", "MIA"), or that one
 * word alone in any case ("mia", typed on a phone). "will do" from will.smith@… is words, not a name.
 */
function signsAs(line: string, words: ReadonlySet<string>): boolean {
  const m = SIGNED_NAME.exec(clean(line));
  if (!m) return false;
  const name = m[1]!.split(/\s+/);
  if (!words.has(wordKey(name[0]!))) return false;
  return name.length === 1 || name.every((w) => /^\p{Lu}/u.test(w));
}

/** What separates a title from the name, or the parts of a title, on one line: " | ", " / ", ", ". */
const TITLE_SEPARATOR = /\s*\|\s*|\s+\/\s+|,\s+/;
/** A signature's first line with the title on it: "Sofia Almeida | Finance Director / Acme Brasil", "Leo Grant, VP Operations". */
const NAME_WITH_TITLE = /^(\p{L}[\p{L}'’-]*\.?(?:\s+\p{L}[\p{L}'’-]*\.?){0,2})(?:\s*\|\s*|\s+\/\s+|,\s+)(\S.*)$/u;
/** Words that join a title's words: "Head of Finance", "Research & Development", "Diretora de Finanças". */
const TITLE_JOINER = /^(?:of|and|for|the|at|in|on|to|de|da|do|das|dos|del|du|der|des|et|und|y|e|&|[|/·•,–—-]+)$/i;
/** A contact line's label: "Tel:", "M.", "Mobile", "E-mail:". */
const CONTACT_LABEL = /^(?:tel|phone|mobile|mob|cell|fax|m|t|e|p|w|office|direct|email|e-mail|web)[.:]?$/i;
/** The most lines a signature holds under the name (title, company, address, phone, web site). */
const MAX_SIGNATURE_LINES = 6;

/** A word of a title, a company, an address or a phone: capitalised, a number, a joining word, a label, an address or a web site. */
function isTitleWord(word: string): boolean {
  if (TITLE_JOINER.test(word) || CONTACT_LABEL.test(word) || word.includes('@') || /^(?:https?:\/\/|www\.)/i.test(word)) return true;
  return /^[("'“]?[\p{Lu}\p{N}+]/u.test(word);
}

/**
 * Whether a line reads as a signature's, not as words written to us: short, no question or
 * exclamation, no "PS", and every word a title's (isTitleWord): "Finance Director", "Acme Brasil",
 * "+55 11 5555-0100", "sofia.almeida@acme.com.br". "we practised prompts" is not one.
 */
function isSignatureLine(line: string, maxWords = 10): boolean {
  const text = clean(line);
  if (!text || text.length > 80 || /[?!:;]$/.test(text) || /^p\.?\s?s\b/i.test(text)) return false;
  const words = text.split(/\s+/);
  return words.length <= maxWords && words.every(isTitleWord);
}

/** Whether a line is the writer's own name with a title after it on the same line ("Sofia Almeida | Finance Director / Acme Brasil"). */
function signsWithTitle(line: string, words: ReadonlySet<string>): boolean {
  const m = NAME_WITH_TITLE.exec(clean(line));
  if (!m) return false;
  const name = m[1]!.split(/\s+/);
  if (!words.has(wordKey(name[0]!)) || !name.every((w) => /^\p{Lu}/u.test(w))) return false;
  return m[2]!.split(TITLE_SEPARATOR).every((part) => isSignatureLine(part, 6));
}

/**
 * Where the writer's own signature starts, if the reply ends with one: their name alone on a line
 * ("Mia"), or with a title after it ("Sofia Almeida | Finance Director"), followed only by lines a
 * signature holds (title, company, phone: isSignatureLine), up to MAX_SIGNATURE_LINES. Clients
 * that put no "-- " above a signature (Outlook) end a reply so. Not when the name is all the reply
 * holds, nor when it ends a hard-wrapped sentence (RUNS_ON); a partner's name, or the writer's name
 * on a sentence's line ("please talk to Mia", "Sofia, Leo and I met twice"), is no signature.
 */
function signatureStart(lines: readonly string[], words: ReadonlySet<string>): number | undefined {
  let under = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const above = lines.slice(0, i).findLastIndex((l) => l.trim());
    if (above < 0) return undefined;
    if (signsAs(line, words) || signsWithTitle(line, words)) {
      return above === i - 1 && RUNS_ON.test(clean(lines[above]!)) ? undefined : i;
    }
    if (++under > MAX_SIGNATURE_LINES || !isSignatureLine(line)) return undefined;
  }
  return undefined;
}

/**
 * The lines without the writer's own signature at the end (signatureStart): their name alone on
 * the last line ("Great chat\n\nMia"), or a signature block that starts with it ("Sofia Almeida |
 * Finance Director / Acme Brasil", or the name with title and company lines under it). It is no
 * part of any note. Only their own name, as their address or enrolment gives it: a partner's name
 * on its own ("REMATCH\n\nSam", "I want to meet\n\nLeo") names whom the reply is about, and
 * stays; so does a name on a sentence's line ("please talk to Mia"), one that ends a hard-wrapped
 * sentence (RUNS_ON), and a name that is all the reply holds.
 */
function withoutSignedName(lines: readonly string[], writer: string | ReplyWriter | undefined): readonly string[] {
  if (!writer) return lines;
  const words = writerWords(writer);
  if (words.size === 0) return lines;
  const start = signatureStart(lines, words);
  return start === undefined ? lines : lines.slice(0, start);
}

/** A phone number as signatures write it: "+49 151 2345 6789", "(030) 123-4567", "+1.555.010.0100"; seven digits or more. */
const PHONE_NUMBER = /^\+?\(?\d(?:[\d\s()./-]*\d)?(?:\s*(?:ext\.?|x)\s*\d{1,5})?$/iu;
/** A phone's label, in the lexicon's languages: "Mobile:", "Tel.", "M", "Handy", "Tél.", "Móvil". */
const PHONE_LABEL =
  /^(?:tel|tele|telephone|telefon|telefone|teléfono|telefono|téléphone|tél|phone|ph|mobile|mob|mobil|mobiel|cell|cellphone|handy|fax|direct|office|work|whatsapp|portable|móvil|movil|celular|cel|komórka|t|m|p|f|d)\b\.?\s*:?\s*/iu;
/** Another contact of a signature's contact line: "E-mail: ...@...", "Web: www...". */
const OTHER_CONTACT = /^(?:(?:e-?mail|mail|web|www|url|linkedin)\.?\s*:?\s*)?(?:\S+@\S+\.\S+|(?:https?:\/\/|www\.)\S+)$/iu;

/** A phone with its label ("Mobile: +49 151 2345 6789"), or alone in international form ("+49 30 1234567"). */
function isPhone(item: string): boolean {
  const label = PHONE_LABEL.exec(item);
  const number = label && label[0] !== '' ? item.slice(label[0].length) : item;
  if (!PHONE_NUMBER.test(number) || (number.match(/\d/g) ?? []).length < 7) return false;
  return (label !== null && label[0] !== '' && /\p{L}/u.test(label[0])) || number.startsWith('+');
}

/**
 * A signature's contact line: a phone, and nothing else but other contacts ('phone'): "Mobile: +49
 * 151 2345 6789", "Tel. +1 555 010 0100", "T +49 30 1234567 | M +49 151 2345678", "+44 20 7946 0958".
 * Never a sentence that mentions a phone ("Call me on +49 151 2345678", "My mobile is +1 555 0100").
 * An address or web site alone ('other': "www.acme.de") is one only beside a phone's line.
 */
function contactLine(line: string): 'phone' | 'other' | undefined {
  const items = clean(line)
    .split(/\s+[|·•/]\s+|\s*[|·•]\s*/u)
    .filter((i) => i !== '');
  if (items.length === 0 || !items.every((i) => isPhone(i) || OTHER_CONTACT.test(i))) return undefined;
  return items.some(isPhone) ? 'phone' : 'other';
}

/** A line that may be an answer, never taken for a signature's title: a number up to 10, a word in capitals alone ("STOP", "YES 4"). */
function mayAnswer(line: string): boolean {
  const text = clean(line);
  return /(?<![\p{L}\p{N}])(?:10|\d)(?![\p{N}]|[.,:]\p{N})/u.test(text) || /^[\p{Lu}\s]+$/u.test(text) || !/\s/.test(text);
}

/**
 * The lines without a signature that ends the reply with a phone and no name the writer is known by
 * (Outlook and phones put no "-- " above it): its contact lines ("Mobile: +49 151 2345 6789"), and
 * the name, title and company lines of their paragraph above them when a blank line sets it apart
 * ("Klaus Weber\nHead of Finance\nTel. +49 30 1234567"). Something else must be left above it; a
 * line that may be an answer (mayAnswer) is never taken for a title.
 */
function withoutContactBlock(lines: readonly string[]): readonly string[] {
  let last = lines.length - 1;
  while (last >= 0 && !(lines[last] ?? '').trim()) last--;
  let top = last;
  let phone = false;
  for (let kind = contactLine(lines[top] ?? ''); top >= 0 && kind !== undefined; kind = contactLine(lines[top] ?? '')) {
    phone ||= kind === 'phone';
    top--;
  }
  if (!phone) return lines;
  let start = top + 1;
  let above = top;
  while (
    above >= 0 &&
    top - above < MAX_SIGNATURE_LINES &&
    (lines[above] ?? '').trim() &&
    isSignatureLine(lines[above] ?? '') &&
    !mayAnswer(lines[above] ?? '')
  )
    above--;
  if (above < top && (above < 0 || !(lines[above] ?? '').trim())) start = above + 1;
  return lines.slice(0, start).some((l) => l.trim()) ? lines.slice(0, start) : lines;
}

/**
 * `writer`, the sender's address (or their address and enrolled name), when known: their own
 * signature at the end is cut too (withoutSignedName), here where the lines are still known,
 * before the reader joins them.
 */
export function stripReply(text: string, writer?: string | ReplyWriter): string {
  // Only the head of a very long reply is read (read-head.ts): every pass below is bounded by it.
  const all = withoutPgpArmour(linesOf(readableHead(text)));
  const underline = ourEmailUnderline(all);
  const lines = underline < 0 ? all : all.slice(0, ourEmailStartsAt(all, underline));
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';

    const attribution = attributionAt(lines, i);
    if (attribution > 0) {
      const after = nextContent(lines, i + attribution);
      // Followed by "> " lines: drop the attribution and let the quote rule drop the block, so a
      // bottom-posted answer under it survives. Otherwise everything below is history.
      if (after < lines.length && isQuoted(lines[after] ?? '')) {
        i += attribution - 1;
        continue;
      }
      break;
    }
    const trimmed = clean(line);
    if (SEPARATOR.some((p) => p.test(trimmed)) || isHeaderBlock(lines, i)) break;
    if (SIGNATURE.some((p) => p.test(trimmed))) break;
    if (kept.some((k) => k.trim()) && (VALEDICTION.test(trimmed) || isSignOff(trimmed))) break;
    if (isQuoted(line)) continue;
    kept.push(line.trimEnd());
  }
  // A disclaimer under the signature goes first: the signature cuts act only on what ends the reply.
  const reply = withoutSignedName(withoutContactBlock(withoutDisclaimer(kept)), writer)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A head that held only quoted history: nothing of theirs was read, the mark alone says nothing.
  return reply === READ_CUT_MARK ? '' : reply;
}
