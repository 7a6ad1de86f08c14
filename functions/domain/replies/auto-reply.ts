import { mediaType, type RawHeaders } from './headers';
import { stripReply } from './strip';

/**
 * Messages that no person wrote as an answer: out-of-office notes, inbox rules, vacation
 * responders, delivery reports, calendar responses and anything that came through a mailing list.
 * They are never counted as answers, so the checks lean towards "automatic" when a signal is clear.
 */
export interface AutoReplyFacts {
  readonly headers: RawHeaders;
  /** Decoded subject. */
  readonly subject: string;
  /** Lower-cased sender address, if any. */
  readonly from: string | null;
  /** Media types of the parts mailparser kept as attachments (delivery-status among them). */
  readonly partTypes: readonly string[];
  /**
   * The message's text, when the caller has it. A "Read:" subject is a receipt only over a body
   * that reads as one ("Your message ... was read on ...") or is empty: a person who wrote an
   * answer under such a subject is still read. Without it, the subject decides.
   */
  readonly text?: string;
  /**
   * The iCalendar METHOD of each text/calendar part, upper-cased ("REPLY" for an Accept, Decline or
   * Tentative sent back by a calendar), from the part's `method` parameter or its METHOD line.
   */
  readonly calendarMethods?: readonly string[];
}

// Subject prefixes of automatic replies, anchored at the start: a person replying keeps "Re:" in front.
const AUTO_SUBJECTS: readonly RegExp[] = [
  /^(out of (the )?office|ooo|automatic reply|auto(matic)?[- ]?reply|auto[- ]?response|autoreply|vacation reply|away from (the )?office|on vacation|on leave)\b/i,
  /^auto:/i,
  /^(abwesenheitsnotiz|automatische antwort|abwesend|nicht im büro)/i,
  /^(réponse automatique|absence du bureau|absent du bureau|message d'absence)/i,
  /^(respuesta automática|respuesta automatica|fuera de la oficina|ausencia)/i,
  /^(risposta automatica|fuori sede|fuori ufficio|assente)/i,
  /^(resposta automática|resposta automatica|ausente do escritório|fora do escritório)/i,
  /^(automatisch antwoord|afwezig|niet aanwezig)/i,
  /^(automatiskt svar|frånvaro|automatisk svar|autosvar)/i,
  /^(odpowiedź automatyczna|automatyczna odpowiedź|poza biurem)/i,
  /^(自動応答|自動返信|不在通知|自动回复|自動回覆|休假通知|स्वचालित उत्तर)/,
];

const BOUNCE_SUBJECTS =
  /^(undeliverable|undelivered mail|delivery status notification|mail delivery (failed|failure|subsystem)|returned mail|failure notice|delivery failure|non[- ]?delivery|unzustellbar|non remis|no se puede entregar)/i;

/**
 * Read receipts sent as ordinary messages, not as an RFC 3798 report (some Outlook and Exchange
 * setups): the subject opens with Outlook's word for read or not read, in the languages of the
 * reader, then a colon (French puts a space before it) and the subject of the message read. A
 * person replying keeps "Re:" in front, so "Re: Read: ..." is not one.
 */
const RECEIPT_SUBJECT =
  /^(?:read|not read|gelesen|nicht gelesen|ungelesen|lu|non lu|leído|leido|no leído|no leido|letto|non letto|lido|lida|não lido|não lida|gelezen|niet gelezen|läst|oläst|læst|ulæst|lest|ulest|przeczytane|przeczytano|nieprzeczytane)[ \t\u00a0\u202f]?:\s*\S/iu;

/** What a receipt's body says, by language: "was read on", "wurde am ... gelesen", "a été lu le", "fue leído el". */
const RECEIPT_BODY =
  /(?<![\p{L}])(?:was read on|was deleted without being read|wurde am [^\n]{0,120}?(?:gelesen|ungelesen gelöscht)|a été lu|a été supprimé sans avoir été lu|(?:ha sido|fue|se ha) leído|se leyó|se eliminó sin (?:ser )?le(?:er|erse|ído)|è stato letto|foi lid[oa]|is gelezen op|lästes|blev læst|ble lest|została (?:przeczytana|odczytana))(?![\p{L}])/iu;

/** A receipt's body is short: beyond this a person wrote it. */
const RECEIPT_BODY_MAX = 2000;

function readReceipt(subject: string, text: string | undefined): boolean {
  if (!RECEIPT_SUBJECT.test(subject.trim())) return false;
  if (text === undefined) return true;
  const body = text.trim();
  return body === '' || (body.length <= RECEIPT_BODY_MAX && RECEIPT_BODY.test(body));
}

/**
 * Outlook's calendar responses carry `Content-Class: urn:content-classes:calendarmessage` (as its
 * meeting requests do) and a subject opening with the response: "Accepted:", "Declined:",
 * "Tentative:", and their German, French and Spanish forms. A person replying keeps "Re:" in front.
 */
const CALENDAR_CONTENT_CLASS = /^urn:content-classes:calendarmessage$/i;
const CALENDAR_RESPONSE_SUBJECT =
  /^(?:accepted|declined|tentative|tentatively accepted|angenommen|zugesagt|abgelehnt|abgesagt|mit vorbehalt(?: angenommen)?|accepté|refusé|provisoire|aceptado|rechazado|provisional)[ \t\u00a0\u202f]?:/iu;

/**
 * What a calendar writes in the text of its response, no person's words: "Jane Doe has accepted this
 * invitation." (Google, Apple), and Google's footer from "Invitation from Google Calendar" down.
 */
const CALENDAR_BOILERPLATE_LINE =
  /^.{0,120}\b(?:has|have) (?:accepted|declined|tentatively accepted|(?:replied|responded) ["“]?maybe["”]? to) (?:this|the|your) (?:invitation|invite|event|meeting)\b.{0,120}$/iu;
const CALENDAR_FOOTER = /^invitation from google calendar\b/iu;

/** True when the text of a calendar response holds words the sender wrote (quotes, signatures and the calendar's own lines aside). */
function writtenBeside(text: string): boolean {
  const lines = stripReply(text).split('\n');
  const footer = lines.findIndex((l) => CALENDAR_FOOTER.test(l.trim()));
  return (footer < 0 ? lines : lines.slice(0, footer)).some((l) => l.trim() !== '' && !CALENDAR_BOILERPLATE_LINE.test(l.trim()));
}

/**
 * A calendar's answer to an invitation (an iMIP REPLY, RFC 6047: Accept, Decline, Tentative), sent
 * to a question's address when a person answers the meeting series attached to an email: it says
 * whether they will attend a meeting, never an answer to the question, and nothing reads it. Words
 * the person typed into its text ("Yes, 4" above an Accept) are theirs, and read like any reply;
 * an empty text, or only the calendar's own lines, is automatic. Without the text, the message's
 * shape decides.
 */
function calendarResponse(headers: RawHeaders, subject: string, methods: readonly string[], text: string | undefined): string | null {
  if (text !== undefined && writtenBeside(text)) return null;
  if (methods.includes('REPLY')) return 'a calendar response (METHOD:REPLY)';
  const contentClass = headers.first('content-class')?.trim() ?? '';
  if (CALENDAR_CONTENT_CLASS.test(contentClass) && CALENDAR_RESPONSE_SUBJECT.test(subject.trim())) {
    return 'a calendar response (an Outlook meeting response, by its subject)';
  }
  return null;
}

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);

/** Why the message is automatic, as a short phrase for the admin; null when a person sent it. */
export function autoReplyReason(facts: AutoReplyFacts): string | null {
  const { headers, subject, from, partTypes, text, calendarMethods = [] } = facts;
  const rootType = mediaType(headers.first('content-type'));
  if (rootType === 'multipart/report' || partTypes.some((t) => t === 'message/delivery-status')) {
    return 'a delivery report (bounce)';
  }
  const sender = (from ?? '').split('@')[0] ?? '';
  if (/^(mailer-daemon|postmaster)$/i.test(sender)) return `a delivery report from ${sender.toLowerCase()}`;
  if (headers.has('x-failed-recipients')) return 'a delivery report (X-Failed-Recipients)';
  if (BOUNCE_SUBJECTS.test(subject)) return 'a delivery report (by its subject)';

  const autoSubmitted = headers.first('auto-submitted');
  if (
    autoSubmitted !== undefined &&
    autoSubmitted
      .trim()
      .toLowerCase()
      .split(/[\s;(]/)[0] !== 'no'
  ) {
    return `an automatic message (Auto-Submitted: ${autoSubmitted.split(/[;(]/)[0]?.trim()})`;
  }
  for (const name of ['X-Autoreply', 'X-Autorespond', 'X-Autoresponse', 'X-Auto-Reply']) {
    if (headers.has(name)) return `an automatic reply (${name})`;
  }
  if (headers.has('x-ms-exchange-inbox-rules-loop')) return 'a message sent by an Outlook inbox rule';
  const generatedBy = headers.first('x-ms-exchange-generated-message-source');
  if (generatedBy !== undefined) return `a message generated by Exchange (${generatedBy})`;
  const precedence = headers.first('precedence')?.toLowerCase();
  if (precedence && BULK_PRECEDENCE.has(precedence)) return `an automatic message (Precedence: ${precedence})`;
  // RFC 3834: automatic responders send with an empty envelope sender.
  if (headers.first('return-path')?.replace(/\s/g, '') === '<>') return 'an automatic message (empty Return-Path)';

  const calendar = calendarResponse(headers, subject, calendarMethods, text);
  if (calendar) return calendar;

  const autoSubject = AUTO_SUBJECTS.some((p) => p.test(subject.trim()));
  if (autoSubject && headers.has('x-auto-response-suppress')) return 'an Exchange out-of-office reply';
  if (autoSubject) return 'an out-of-office or automatic reply (by its subject)';
  if (readReceipt(subject, text)) return 'a read receipt (by its subject)';
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return 'a message sent through a mailing list';
  return null;
}
