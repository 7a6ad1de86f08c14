import libmime from 'libmime';
import { parseAddressHeader } from 'mailparser';
import { emailKey } from '../participant';

/** Who a message says it is from, read from its raw From fields. */
interface Sender {
  /** The sender's address as written, lower-cased; null when From names none. */
  readonly from: string | null;
  /**
   * Set when From is not exactly one unambiguous mailbox: a sentence saying why. Such a message is
   * refused as a wrong sender, never read as any address it shows, since who wrote it cannot be known.
   */
  readonly problem?: string;
}

// Characters that cannot be part of a bare address (RFC 5322 specials and white space).
const SPECIALS = '\\s<>()\\[\\]",;:\\\\@';
const MAILBOX = new RegExp(`^[^${SPECIALS}]+@[^${SPECIALS}]+$`, 'u');
const SPECIAL = new RegExp(`[${SPECIALS}]`, 'u');
/**
 * A From field longer than this is nobody's name and address (a line may hold 998 characters; a
 * folded display name of a few hundred is already rare): refused before it is parsed, so that a
 * field of megabytes costs nothing (QA attack6: a 500,000-character name held the function).
 */
export const MAX_FROM_CHARS = 2000;

/**
 * Anything that reads as an address, "@evil.example" after a closing bracket included: each "@"
 * with the characters around it up to the nearest special. One pass (a pattern tried from every
 * position was quadratic on a long name without "@").
 */
function addressesLike(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && !SPECIAL.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && !SPECIAL.test(text[end]!)) end++;
    if (end > at + 1) found.push(text.slice(start, end));
  }
  return found;
}

/**
 * The sender of a message, from the raw values of its From fields. Accepted: exactly one field
 * naming exactly one well-formed address, written out plainly (not in an encoded word), with nothing else in the field (display name, comments,
 * encoded words once decoded) that reads as another address; a display name that is the address
 * itself (`"ada@example.com" <ada@example.com>`) is the same address. Anything else is refused
 * with a `problem`: which address wrote it is ambiguous (`<ada@example.com>@evil.example` is read
 * as ada@example.com by some parsers and as a name plus evil.example by others).
 */
export function readSender(fromFields: readonly string[]): Sender {
  const raw = fromFields[0] ?? '';
  if (raw.length > MAX_FROM_CHARS)
    return { from: null, problem: `The From field is ${raw.length} characters long, too long to be one person's name and address.` };
  const mailboxes = parseAddressHeader(raw, { decodePunycode: false }).value;
  const from = firstAddress(mailboxes);
  if (fromFields.length > 1) return { from, problem: 'The message has more than one From field.' };
  if (mailboxes.some((m) => m.group !== undefined)) return { from, problem: 'The From field names a group, not one person.' };
  if (mailboxes.length > 1) return { from, problem: `The From field names ${mailboxes.length} addresses, not one person.` };
  if (!from) return { from: null };
  if (!MAILBOX.test(from)) return { from, problem: 'The From address is not one well-formed address.' };
  // The address must be there as written, not only once encoded words are decoded: an encoded word
  // is not allowed in an address (RFC 2047), and a strict reader (DMARC's) finds no address, so no
  // domain's policy would apply to `Eve <=?UTF-8?Q?ada=40example.com?=>`.
  if (!addressesLike(raw).some((text) => emailKey(text) === emailKey(from))) {
    return { from, problem: 'The From address is written in encoded form, which mail checks do not read as an address, so who wrote it is unclear.' };
  }
  const shown = addressesLike(libmime.decodeWords(raw).normalize('NFKC'));
  if (shown.some((text) => emailKey(text) !== emailKey(from))) {
    return { from, problem: 'The From field shows another address besides the sender, so who wrote it is unclear.' };
  }
  return { from };
}

type Mailbox = ReturnType<typeof parseAddressHeader>['value'][number];

function firstAddress(mailboxes: readonly Mailbox[]): string | null {
  for (const m of mailboxes) {
    const address = m.address ?? (m.group ? firstAddress(m.group) : null);
    // Lower case only when ASCII: "\u212a" (the Kelvin sign) lower-cases to a plain "k", and
    // emailKey keeps a domain written with it apart from the one it imitates (QA attacker4).
    if (address) return /^\p{ASCII}*$/u.test(address) ? address.toLowerCase() : address;
  }
  return null;
}
