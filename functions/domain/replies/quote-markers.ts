/**
 * The lines where mail clients start quoted history or a signature, in the languages our
 * participants write in. Kept apart from the stripping logic so adding a client or a language is
 * a one-line change here.
 */

/**
 * "On Mon, 3 Mar 2025 at 10:00, Jane <jane@x> wrote:" and its translations (Gmail, Apple, Android,
 * Thunderbird). Forms without the opening word need an address or a digit on the line, so that a
 * person's own "this is what I wrote:" is not taken for history.
 */
export const ATTRIBUTION: readonly RegExp[] = [
  /^on\b.{0,300}\bwrote\s*:?$/i,
  /^(?=.*[@\d]).{0,300}\bwrote\s*:$/i,
  /^am\b.{0,300}\bschrieb\b.{0,200}:$/i,
  /^(?=.*[@\d]).{0,300}\bschrieb\s*:$/i,
  /^le\b.{0,300}\ba écrit\s*:?$/i,
  /^(?=.*[@\d]).{0,300}\ba écrit\s*:$/i,
  /^el\b.{0,300}\bescribió\s*:?$/i,
  /^(?=.*[@\d]).{0,300}\bescribió\s*:$/i,
  /^il\b.{0,300}\bha scritto\s*:?$/i,
  /^(?=.*[@\d]).{0,300}\bha scritto\s*:$/i,
  /^op\b.{0,300}\bschreef\b.{0,200}:?$/i,
  /^em\b.{0,300}\bescreveu\s*:?$/i,
  /^(?=.*[@\d]).{0,300}\bescreveu\s*:$/i,
  /^den\b.{0,300}\bskrev\b.{0,200}:?$/i,
  /^(?=.*[@\d]).{0,300}\b(skrev|schreef)\s*:$/i,
  /^(w dniu|dnia)\b.{0,300}\bnapisał(a|\(a\))?\s*:?$/i,
  /^(?=.*[@\d]).{0,300}\bnapisał(a|\(a\))?\s*:$/i,
  /^\d{4}年\d{1,2}月\d{1,2}日.{0,200}[:：]$/,
  /^.{0,300}(写道|寫道|のメッセージ)\s*[:：]$/,
  /^.{0,300}ने लिखा\s*[:：]?$/,
  /^(?=.*[@\d]).{0,300}\sнаписал(а|\(а\))?\s*:$/i,
  /^(?=.*[@\d]).{0,300}\sşunu yazdı\s*:$/i,
  /^(?=.*[@\d]).{0,300}님이 작성\s*[:：]$/,
  /^(?=.*[@\d]).{0,300}كتب\s*[:：]?$/,
  // Any language: a date and "<address>", the line ending in a colon, with no verb (Russian Gmail);
  // or a verb of writing and perhaps the time after the address: Czech "<a@b> napsal(a):", Finnish
  // "<a@b> kirjoitti 9.12.2026 klo 10.47:", Hungarian "<a@b> ezt írta (időpont: ...):", Greek
  // "έγραψε:", Romanian "a scris:", and their neighbours.
  /^(?=.*\d).{0,300}<[^<>\s@]+@[^<>\s]+>\s*[:：]$/,
  // Only with a verb of writing after it, so that a person's own line ("I asked Tom <tom@x> to join
  // next time:") is never taken for one.
  /^(?=.*\d).{0,300}<[^<>\s@]+@[^<>\s]+>\s+(?:napsal(?:a|\(a\))?|napísal(?:a|\(a\))?|kirjoitti|(?:ezt )?írta|έγραψε|a scris|(?:je )?napisao|(?:je )?napisala|написав(?:ла|\(ла\))?|написа|rašė|rakstīja|kirjutas|skrev|wrote|schrieb|escribió|escreveu|schreef)(?![\p{L}])[^<>]{0,80}[:：]$/iu,
];

/** "-----Original Message-----" (Outlook plain text), forward banners and their translations. */
export const SEPARATOR: readonly RegExp[] = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|originalnachricht|message d'origine|mensaje original|messaggio originale|mensagem original|oorspronkelijk bericht|originalmeddelande|oryginalna wiadomość|原始邮件|原始郵件|元のメッセージ)\s*-{2,}$/i,
  /^-{2,}\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato|mensagem encaminhada|doorgestuurd bericht|vidarebefordrat meddelande|przekazana wiadomość|转发的邮件|転送されたメッセージ)\s*-{2,}$/i,
  /^(begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié|inicio del mensaje reenviado|inizio messaggio inoltrato)\s*:$/i,
  /^_{20,}$/,
];

/** First line of an Outlook/Exchange header block ("From: ..."); the block needs a second line too. */
export const HEADER_FROM = /^(from|von|de|da|van|från|od|fra|kimden|от|보낸 사람|من|发件人|寄件者|差出人)\s*[:：]/i;
export const HEADER_NEXT =
  /^(sent|date|to|subject|cc|gesendet|datum|an|betreff|envoyé|date|à|objet|enviado|enviada|fecha|para|asunto|assunto|inviato|data|a|oggetto|verzonden|aan|onderwerp|skickat|till|ämne|wysłano|wysłane|do|temat|sendt|til|emne|gönderildi|gönderim|tarih|kime|konu|bilgi|отправлено|дата|кому|тема|копия|보낸 날짜|받는 사람|제목|날짜|تاريخ الإرسال|إلى|الموضوع|التاريخ|发送时间|收件人|主题|日期|送信日時|宛先|件名)\s*[:：]/i;

/** Signature delimiter and the footers mobile clients add under the text. */
export const SIGNATURE: readonly RegExp[] = [
  /^--\s*$/,
  /^(sent|sent from|sent via|sent with) (from )?(my )?(iphone|ipad|android|samsung|galaxy|mobile|phone|smartphone|blackberry|pixel|huawei|xiaomi|outlook|yahoo mail|gmail|mail for windows|proton mail|.{0,40} (device|phone|tablet))\b.{0,60}$/i,
  /^sent from my .{1,50}$/i,
  /^get outlook for (ios|android|windows|mac)\b.{0,10}$/i,
  /^(envoyé|envoye) (de|depuis) (mon|ma) .{1,40}$/i,
  /^enviado (desde|de|do) (mi|meu|minha) .{1,40}$/i,
  /^von meinem .{1,40} gesendet\.?$/i,
  /^gesendet (von|mit|vom) .{1,40}$/i,
  /^inviato (da|dal) .{1,40}$/i,
  /^(verzonden|verstuurd) (vanaf|met|van) (mijn )?.{1,40}$/i,
  /^skickat från (min )?.{1,40}$/i,
  /^wysłane z (mojego|mojej)? ?.{1,40}$/i,
  /^(iphoneから送信|android から送信|androidから送信|从我的iphone发送|发自我的iphone|发自我的手机|從我的iphone傳送)$/i,
];

/**
 * Closing formulas, by language. A line that is one of them (or one of them with a name after it,
 * strip.ts isSignOff) ends the reply when it is not the first line: it is cut with everything under
 * it (name, title, phone). Only whole lines: "Merci beaucoup pour la session" is a sentence and stays.
 */
const CLOSINGS: readonly string[] = [
  // English
  'thanks',
  'thanks again',
  'thanks a lot',
  'thank you',
  'thank you so much',
  'many thanks',
  'thx',
  'cheers',
  'best',
  'all the best',
  'best regards',
  'kind regards',
  'warm regards',
  'warmest regards',
  'warm wishes',
  'warmly',
  'regards',
  'br',
  'kr',
  'best wishes',
  'sincerely',
  'yours sincerely',
  'sincerely yours',
  'yours truly',
  'yours',
  'take care',
  'talk soon',
  'speak soon',
  'have a (?:great|nice|good|lovely) (?:day|evening|weekend|week)',
  // German
  'danke',
  'danke schön',
  'vielen dank',
  '(?:(?:viele|liebe|beste|herzliche|herzlichste|schöne|freundliche|sonnige|viele liebe|ganz liebe)\\s+)?(?:grüße|grüsse|gruesse|gruß|gruss|grüßle)',
  'mit (?:freundlichen|besten|herzlichen|lieben) (?:grüßen|grüssen|gruessen)',
  'mfg',
  'lg',
  'vg',
  'bis bald',
  'schönen tag(?: noch)?',
  // French
  'merci',
  'merci beaucoup',
  'merci bien',
  'mille mercis',
  'cordialement',
  'bien cordialement',
  'bien à vous',
  'amitiés',
  'bises',
  'grosses bises',
  'bisous',
  'à bientôt',
  'a bientôt',
  'à bientot',
  'a bientot',
  'bonne (?:journée|soirée|semaine|fin de journée)',
  'belle journée',
  '(?:sincères |meilleures )?salutations',
  // Spanish
  'saludos',
  'saludos cordiales',
  'cordiales saludos',
  'un saludo',
  'un saludo cordial',
  'atentamente',
  'gracias',
  'muchas gracias',
  'un abrazo',
  'abrazos',
  'besos',
  'hasta pronto',
  // Italian
  'cordiali saluti',
  'saluti',
  'un saluto',
  'distinti saluti',
  'grazie',
  'grazie mille',
  'a presto',
  'buona giornata',
  'un abbraccio',
  // Portuguese
  'obrigado',
  'obrigada',
  'muito obrigad[oa]',
  'atenciosamente',
  'abraços',
  'um abraço',
  'abraço',
  'beijos',
  'cumprimentos',
  'até breve',
  // Dutch
  '(?:met )?vriendelijke groet(?:en)?',
  'hartelijke groet(?:en)?',
  'groeten',
  'groetjes',
  'bedankt',
  'dank je(?: wel)?',
  'tot snel',
  // Polish
  'pozdrawiam',
  'serdecznie pozdrawiam',
  'pozdrowienia',
  'dziękuję',
  // Swedish, Danish, Norwegian
  'hälsningar',
  'vänliga hälsningar',
  'med vänlig hälsning',
  'mvh',
  'tack',
  '(?:med )?venlig hilsen',
  'vennlig hilsen',
  'hilsen',
  // Japanese, Chinese, Hindi
  'よろしくお願いします',
  'よろしくお願いいたします',
  '谢谢',
  '此致',
  'धन्यवाद',
];

/**
 * A closing line, perhaps with where it comes from ("Schöne Grüße aus", "Greetings from", "Saludos
 * desde": the place is read as the name after it).
 */
export const VALEDICTION = new RegExp(`^(?:${CLOSINGS.join('|')})(?:\\s+(?:aus|from|de|desde|da|dal|van|uit|z|ze))?[\\s,.!]*$`, 'iu');

/**
 * The armour of an inline (cleartext) PGP signature, RFC 4880 section 7: the line that opens the
 * signed text, its armour headers ("Hash: SHA256"), and the signature block that closes it.
 */
export const PGP_SIGNED_BEGIN = /^-----BEGIN PGP SIGNED MESSAGE-----$/;
export const PGP_ARMOUR_HEADER = /^(hash|charset|version|comment)\s*:\s*\S/i;
export const PGP_SIGNATURE_BEGIN = /^-----BEGIN PGP SIGNATURE-----$/;
export const PGP_SIGNATURE_END = /^-----END PGP SIGNATURE-----$/;
