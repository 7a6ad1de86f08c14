import type { ParsedMail } from 'mailparser';
import { autoReplyReason } from './auto-reply';
import { RawHeaders, type RawHeaderLine } from './headers';
import { readSender } from './sender';
import { withoutDirectionControls } from '../text-input';
import { htmlToText, isHtmlPlaceholder } from './html-text';
import { parseMail } from './parse-mail';
import { holdsOnlyOurEmail } from './strip';
import { readVerdicts, type Verdicts } from './verdicts';

/** What a raw inbound email says, before anyone decides whether to trust or record it. */
export interface InboundMessage {
  /** Sender address as written, lower-cased (compare it with `emailKey`); null when the message names none. */
  readonly from: string | null;
  /**
   * Set when From is not exactly one unambiguous mailbox (several addresses, a group, several From
   * fields, another address in the display name or a comment: `readSender`): a sentence saying
   * why. Such a message is refused as a wrong sender, never read as its first address, since which
   * of them wrote it cannot be known.
   */
  readonly fromProblem?: string;
  /** Every address in To and Cc, lower-cased. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly verdicts: Verdicts;
  readonly autoReply: boolean;
  /** Why the message counts as automatic, e.g. "an Exchange out-of-office reply". */
  readonly autoReplyReason?: string;
  /** The whole text the sender sent (quoted history included); derived from HTML when no text part. */
  readonly text: string;
  /**
   * How many files came with the message (attachments, and pictures put in the text; not a picture
   * an HTML signature shows, nor a signature, key or calendar part): never read or kept, so the
   * confirmation of an answer says so (`fileAttachments`).
   */
  readonly attachments?: number;
  /** True when the message was over the size cap and only its head was read. */
  readonly truncated: boolean;
  /** Set when nothing can be read from the data: a sentence saying why. */
  readonly reason?: string;
}

/** Above this size a message is judged on its first part only, never on its attachments. */
export const MAX_PARSED_BYTES = 10 * 1024 * 1024;
// The answer sits in the first text part, which precedes attachments in every client we know.
const HEAD_BYTES_OF_LARGE_MESSAGE = 1024 * 1024;

const NO_VERDICTS: Verdicts = { spf: 'none', dkim: 'none', dmarc: 'none', spam: 'none', virus: 'none' };

function unreadable(reason: string): InboundMessage {
  return {
    from: null,
    to: [],
    subject: '',
    messageId: null,
    inReplyTo: null,
    verdicts: NO_VERDICTS,
    autoReply: false,
    text: '',
    truncated: false,
    reason,
  };
}

function addresses(field: ParsedMail['to']): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: string[] = [];
  const visit = (list: readonly { address?: string; group?: { address?: string }[] }[]) => {
    for (const a of list) {
      if (a.address) out.push(a.address.toLowerCase());
      if (a.group) visit(a.group);
    }
  };
  for (const o of objects) visit(o.value);
  return out;
}

/**
 * mailparser keeps header lines as their bytes, one character each: a header written in raw UTF-8
 * (an internationalized address, SMTPUTF8) is read as UTF-8 when it is valid UTF-8.
 */
function utf8Header(value: string): string {
  if (/[^\x00-\xff]/.test(value)) return value;
  const text = Buffer.from(value, 'latin1').toString('utf8');
  return text.includes('\ufffd') ? value : text;
}

/**
 * The text part, or the HTML's text when there is none. When the HTML holds only our own email,
 * its text is taken even beside a text part: a gateway or client that sends our email back may
 * rebuild the text part from our HTML, without the title underline that gives our plain text away,
 * and that copy must not be read as the sender's answer.
 */
function bodyText(mail: ParsedMail): string {
  const fromHtml = typeof mail.html === 'string' ? htmlToText(mail.html) : '';
  // A text part that only says the message is in HTML ("Please use an HTML-capable mail client") gives way to the HTML.
  if (!mail.text?.trim() || holdsOnlyOurEmail(fromHtml) || (fromHtml.trim() !== '' && isHtmlPlaceholder(mail.text))) return withoutDirectionControls(fromHtml);
  return withoutDirectionControls(mail.text);
}

/** Parts a mail client adds by itself, or that carry no file of the person's: never counted as their attachments. */
const NOT_A_FILE = new Set([
  'text/calendar',
  'application/pgp-signature',
  'application/pgp-keys',
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'application/ms-tnef',
  'application/vnd.ms-tnef',
  'message/delivery-status',
  'message/global-delivery-status',
  'message/disposition-notification',
  'text/rfc822-headers',
  'text/vnd.google.email-reaction+json',
]);

/**
 * The files the person sent along (QA mail8: a check-in's PDF was dropped without a word): parts
 * given as attachments or with a file name, except those the HTML shows in place (a signature's
 * logo, `related`) and the parts of NOT_A_FILE.
 */
function fileAttachments(mail: ParsedMail): number {
  return (mail.attachments ?? []).filter((a) => {
    const type = typeof a.contentType === 'string' ? a.contentType.toLowerCase() : '';
    if (NOT_A_FILE.has(type) || a.related === true) return false;
    return a.contentDisposition === 'attachment' || (typeof a.filename === 'string' && a.filename.trim() !== '');
  }).length;
}

/** Enough of a calendar part to find its METHOD line, which opens the VCALENDAR. */
const CALENDAR_HEAD_CHARS = 4096;

/**
 * The iCalendar METHOD of each text/calendar part (mailparser keeps them as attachments, the root
 * too when the whole message is one), from the Content-Type's `method` parameter or else the part's
 * own METHOD line. A calendar inside a forwarded message (message/rfc822) stays unread.
 */
function calendarMethods(mail: ParsedMail): string[] {
  const methods: string[] = [];
  for (const part of mail.attachments ?? []) {
    if (typeof part.contentType !== 'string' || part.contentType.toLowerCase() !== 'text/calendar') continue;
    const type = part.headers?.get('content-type');
    const param = type && typeof type === 'object' && 'params' in type ? (type.params as Record<string, unknown>).method : undefined;
    const head = Buffer.isBuffer(part.content) ? part.content.subarray(0, CALENDAR_HEAD_CHARS).toString('utf8') : '';
    const method = typeof param === 'string' && param.trim() ? param : /^METHOD:([^\r\n]*)/im.exec(head)?.[1];
    if (method?.trim()) methods.push(method.trim().toUpperCase());
  }
  return methods;
}

/** Parses a raw RFC 5322 message. Never throws: unreadable data yields a message with `reason`. */
export async function parseInbound(raw: Buffer | string): Promise<InboundMessage> {
  if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) {
    return unreadable('The input is not a message: pass the raw email as a Buffer or a string.');
  }
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  if (bytes.length === 0) return unreadable('The message is empty: there are no headers and no text to read.');
  const truncated = bytes.length > MAX_PARSED_BYTES;
  let mail: ParsedMail;
  try {
    // A text part with no charset is read by its <meta>, else as UTF-8 or windows-1252 (body-charset.ts).
    mail = await parseMail(truncated ? bytes.subarray(0, HEAD_BYTES_OF_LARGE_MESSAGE) : bytes, {
      skipHtmlToText: true,
      keepDeliveryStatus: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      checksumAlgo: false,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return unreadable(`The message could not be parsed as email (${detail}); check that it is a complete .eml file.`);
  }
  const headers = new RawHeaders((mail.headerLines ?? []) as RawHeaderLine[]);
  const { from, problem: senderProblem } = readSender(headers.all('from').map(utf8Header));
  if (headers.size === 0 || (!from && !headers.has('subject') && !headers.has('content-type'))) {
    return unreadable('The data has no email headers (no From, Subject or Content-Type); it is not an email message.');
  }
  const subject = mail.subject ?? '';
  const text = bodyText(mail);
  const files = fileAttachments(mail);
  const autoReason = autoReplyReason({
    headers,
    subject,
    from,
    // A "Read:" subject is a receipt only over a receipt's text: an answer written under it is read.
    text,
    // mailparser gives `false` for a part cut off right after "Content-Type:": only strings count.
    partTypes: (mail.attachments ?? []).map((a) => (typeof a.contentType === 'string' ? a.contentType.toLowerCase() : '')),
    calendarMethods: calendarMethods(mail),
  });
  return {
    from,
    ...(senderProblem ? { fromProblem: senderProblem } : {}),
    to: [...addresses(mail.to), ...addresses(mail.cc)],
    subject,
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    verdicts: readVerdicts(headers),
    autoReply: autoReason !== null,
    ...(autoReason === null ? {} : { autoReplyReason: autoReason }),
    text,
    ...(files > 0 ? { attachments: files } : {}),
    truncated,
  };
}
