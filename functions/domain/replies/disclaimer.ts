/**
 * The legal disclaimer a company's mail system or signature puts under every message ("This e-mail
 * and any attachments are confidential ... accepts no liability for viruses."), usually under the
 * writer's signature. It is never part of an answer, and while it ended the reply, the signature
 * above it was not the reply's end either, so neither the writer's own-name cut nor the contact
 * block cut (strip.ts) fired: the note kept name, title, phone and disclaimer (QA). So the
 * disclaimer is cut first, in English, German, French and Spanish.
 *
 * A disclaimer is recognised by what it says, never by its place alone: it names the message
 * itself (MESSAGE: "this e-mail", "diese Nachricht", "ce message", "este correo") and says at least
 * two of the things disclaimers say (TERMS: confidential, for the intended recipient only, received
 * in error, delete it, no liability, use prohibited). Its first line opens as a disclaimer does
 * (OPENER: "This e-mail...", "If you are not...", "CONFIDENTIALITY NOTICE:", "Diese E-Mail..."). A
 * sentence of the writer's ("Please keep this confidential.", "This email is confidential, don't
 * tell Sam.") says one such thing at most, and stays.
 */

/** The message itself, as a disclaimer names it. */
const MESSAGE =
  /(?<!\p{L})(?:this (?:e-?mail|message|communication|transmission|mail)|the information (?:contained|in this|transmitted)|(?:any|its|all) attachments|diese[rsn]? (?:e-?mail|nachricht|mail|mitteilung)|in dieser (?:e-?mail|nachricht)|ce (?:message|courriel|(?:e-?)?mail)|cet (?:e-?mail|email)|les informations contenues|este (?:mensaje|correo|e-?mail)|la información contenida)/iu;

/** What disclaimers say, one pattern per thing (each counts once). Word starts: "confidenti" is confidential, confidentiel, confidencial. */
const TERMS: readonly RegExp[] = [
  /(?<!\p{L})(?:confidenti|confidenci|privileged|vertraulich|riservat)/iu,
  /(?<!\p{L})(?:intended (?:solely |only |exclusively )?(?:for|recipient)|addressee|empfänger|adressat|destinataire|destinatario)/iu,
  /(?<!\p{L})(?:(?:received|sent|reached you)[^.]{0,40}(?:in error|by mistake)|irrtümlich|fälschlich|par erreur|por error|por equivocaci)/iu,
  /(?<!\p{L})(?:notify the sender|delete|destroy|löschen|vernichten|benachrichtigen|supprimer|détruire|eliminar|borrar|destruir|avertir l['’]expéditeur)/iu,
  /(?<!\p{L})(?:liab|virus|viren|haftung|haftet|responsabilit|responsabilidad)/iu,
  /(?<!\p{L})(?:prohibit|unauthori[sz]ed|untersagt|nicht gestattet|unzulässig|interdit|prohibid|no autorizad)/iu,
];

/** How a disclaimer's first line opens, after any "*" or quote mark. */
const OPENER =
  /^[\s*"'“«(]*(?:this|the (?:information|content|contents)|any|if you|unless|please note|note:|important|confidential|privileged|notice|diese[rsn]?|die (?:information|inhalte)|sollten sie|falls sie|wenn sie|vertraulich|ce|cet|cette|les informations|le contenu|si vous|este|esta|la información|el contenido|si usted|si ha)(?!\p{L})/iu;

/** What heads a disclaimer: "DISCLAIMER", "Confidentiality Notice", "Haftungsausschluss", "Aviso legal". */
const HEADING_WORDS =
  '\\**(?:disclaimer|legal (?:notice|disclaimer)|confidential(?:ity)?(?: notice| note| statement)?|important(?: notice)?|haftungsausschluss|rechtlicher hinweis|rechtshinweis|vertraulichkeitshinweis|avis (?:de confidentialité|juridique|légal)|avertissement|aviso(?: legal| de confidencialidad)?)\\**';
/** A heading on its own line, or a rule, right above a disclaimer. */
const HEADING = new RegExp(`^(?:[_\\-=*~]{5,}|${HEADING_WORDS}[\\s:.!]*)$`, 'iu');
/** A disclaimer's first line that opens with its heading: "DISCLAIMER: The views expressed ...". */
const HEADED = new RegExp(`^\\s*${HEADING_WORDS}\\s*[:.\\-–—]`, 'iu');

/** The line under a signature that asks not to print the message, in the four languages. */
const PRINT_FOOTER =
  /^(?:please |bitte |merci de |por favor,? )?(?:consider the environment before printing|think before (?:you )?print|denken sie an die umwelt|pensez à l['’]environnement|penser à l['’]environnement|piense en el medio ambiente|antes de imprimir)/iu;

/** The company's legal details that often close a disclaimer: "Registered in England No. 1234567", "Amtsgericht München HRB 12345". */
const COMPANY_DETAILS =
  /(?<!\p{L})(?:registered (?:office|in|number|no)|company (?:number|no|registration)|handelsregister|registergericht|amtsgericht|geschäftsführ|sitz der gesellschaft|siège social|capital social|rcs|registro mercantil|domicilio social)(?!\p{L})/iu;

const said = (text: string) => TERMS.filter((term) => term.test(text)).length;
const isDisclaimer = (text: string) => MESSAGE.test(text) && said(text) >= 2;
/** A line that may belong to a disclaimer: it says something one says, names the message, or the company's legal details. */
const mayBelong = (line: string) => MESSAGE.test(line) || said(line) > 0 || COMPANY_DETAILS.test(line);
/** A line hard-wrapped into the next: it ends no sentence, and the next goes on in lower case. */
const wrapsInto = (line: string, next: string) => !/[.!?:;]["'”»)]*$/u.test(line.trim()) && /^\s*\p{Ll}/u.test(next);

/** The first sentence of the line at `k`, with the lines wrapped into it. */
function sentenceAt(lines: readonly string[], k: number, end: number): string {
  let text = lines[k]!;
  for (let j = k + 1; j < end && wrapsInto(lines[j - 1]!, lines[j]!); j++) text += ` ${lines[j]}`;
  return text.split(/(?<=[.!?])\s/u)[0]!;
}

/**
 * Where a disclaimer that ends at `end` (exclusive) starts, within its paragraph: the run of lines
 * above `end` that may belong to one (or are wrapped into one that does), from the first of them
 * that opens a sentence as a disclaimer does (OPENER, saying one of TERMS in that sentence; or
 * HEADED). Undefined when what follows it is no disclaimer.
 */
function disclaimerStart(lines: readonly string[], end: number): number | undefined {
  // A line of a hard-wrapped paragraph may say nothing itself ("the sender and delete it."): it
  // belongs with the line it goes on from, or the one it goes on into.
  const belongs = (i: number) =>
    mayBelong(lines[i]!) ||
    (i + 1 < end && wrapsInto(lines[i]!, lines[i + 1]!)) ||
    (i > 0 && !!(lines[i - 1] ?? '').trim() && wrapsInto(lines[i - 1]!, lines[i]!));
  let top = end;
  while (top > 0 && (lines[top - 1] ?? '').trim() && belongs(top - 1)) top--;
  for (let start = top; start < end; start++) {
    const line = lines[start]!;
    if (start > top && wrapsInto(lines[start - 1]!, line)) continue;
    if (!HEADED.test(line) && !(OPENER.test(line) && said(sentenceAt(lines, start, end)) > 0)) continue;
    return isDisclaimer(lines.slice(start, end).join(' ')) ? start : undefined;
  }
  return undefined;
}

/**
 * The lines without the disclaimers that end them (one paragraph each: English, then German...),
 * with a heading or rule right above them, and the line asking not to print the message wherever
 * it stands among them. What the writer wrote above them stays, for the signature cuts to judge.
 */
export function withoutDisclaimer(lines: readonly string[]): readonly string[] {
  let end = lines.length;
  let cut = false;
  for (;;) {
    while (end > 0 && !(lines[end - 1] ?? '').trim()) end--;
    if (end === 0) break;
    const last = (lines[end - 1] ?? '').trim();
    const start = PRINT_FOOTER.test(last) || (cut && HEADING.test(last)) ? end - 1 : disclaimerStart(lines, end);
    if (start === undefined) break;
    end = start;
    cut = true;
  }
  return cut ? lines.slice(0, end) : lines;
}
