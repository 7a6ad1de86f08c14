/**
 * Plain text from the HTML of an HTML-only reply. Quoted history in HTML lives in <blockquote>
 * (Gmail, Apple Mail, Thunderbird) or after an attribution/header block (Outlook); blockquote lines
 * come out prefixed with "> " so the same stripping rules apply as for plain-text replies.
 *
 * Our own email's opening (emails/layout.ts: the program's name, the <h1> title, the greeting)
 * comes out as our plain-text part writes it: the name, a blank line, the title underlined with
 * "=". A mailbox rule that sends our HTML back, or a client that pastes it under an answer without
 * a quote, is then cut where our email begins (strip.ts), exactly as the plain-text copy is; its
 * answer links and reply examples ("Yes, I will take part", "YES") are never read as an answer.
 */

// Reply HTML is small; a huge part is someone's pasted document and its head is enough to judge.
const MAX_HTML_CHARS = 2_000_000;

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
  szlig: 'ß',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  ccedil: 'ç',
  iacute: 'í',
  oacute: 'ó',
  ograve: 'ò',
  ocirc: 'ô',
  uacute: 'ú',
  ugrave: 'ù',
  ntilde: 'ñ',
  atilde: 'ã',
  otilde: 'õ',
  Eacute: 'É',
  iexcl: '¡',
  iquest: '¿',
  bull: '•',
  zwnj: '',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[name] ?? whole;
  });
}

const BREAKING = /^(br|p|div|tr|li|h[1-6]|table|ul|ol|hr|pre|address|section|article|header|footer)$/;
/**
 * Outlook on the web (and the new Outlook) wraps the signature it adds under a reply in <div
 * id="Signature">, with no "-- " above it: name, title, "Mobile: +49 ...". It comes out under the
 * separator a plain-text signature has ("--"), so strip.ts cuts it as it cuts that one.
 */
const OUTLOOK_SIGNATURE = /^<\s*div\b[^>]*\bid\s*=\s*["']?Signature["'\s>/]/i;
// Our layout's greeting (emails/format.ts `greeting`): "Hello Mia," or "Hello,".
const OUR_GREETING = /^Hello\b.{0,200},$/;
// As wide as the plain-text part's underline at most (emails/plain-text.ts WIDTH).
const TITLE_WIDTH = 72;

/**
 * A person's own <h1> (Outlook's "Heading 1") stays a plain line: only a heading between a line
 * (our program's name) and our greeting, outside any quote, is our email's title.
 */
function withOurOpening(lines: readonly string[], titles: ReadonlySet<number>): string[] {
  const out: string[] = [];
  const ours = (k: number) => {
    const brand = lines[k - 1] ?? '';
    const greeting = lines.slice(k + 1).find((l) => l.trim() !== '') ?? '';
    return brand.trim() !== '' && !brand.startsWith('>') && OUR_GREETING.test(greeting);
  };
  for (const [k, line] of lines.entries()) {
    if (titles.has(k) && ours(k)) out.push('', line, '='.repeat(Math.min(line.length, TITLE_WIDTH)), '');
    else out.push(line);
  }
  return out;
}

export function htmlToText(html: string): string {
  const source = html
    .slice(0, MAX_HTML_CHARS)
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<(head|style|script|title|xml)\b[\s\S]*?(<\/\1\s*>|$)/gi, '');
  const lines: string[] = [];
  // Indexes of the lines that hold an unquoted <h1>'s text.
  const titles = new Set<number>();
  let current = '';
  let depth = 0;
  let lineDepth = 0;
  const breakLine = () => {
    lines.push('> '.repeat(lineDepth) + current.trim());
    current = '';
    lineDepth = depth;
  };
  for (const token of source.split(/(<[^>]*>)/)) {
    if (token.startsWith('<')) {
      const tag = /^<\s*(\/?)\s*([a-z0-9]+)/i.exec(token);
      if (!tag) continue;
      const closing = tag[1] === '/';
      const name = (tag[2] ?? '').toLowerCase();
      if (name === 'blockquote') {
        if (current.trim()) breakLine();
        depth = Math.max(0, depth + (closing ? -1 : 1));
        lineDepth = depth;
      } else if (!closing && depth === 0 && OUTLOOK_SIGNATURE.test(token)) {
        if (current.trim()) breakLine();
        lines.push('--');
      } else if (BREAKING.test(name)) {
        if (name === 'h1' && closing && current.trim() && lineDepth === 0) titles.add(lines.length);
        if (name === 'br' || current.trim()) breakLine();
        if (name === 'hr') lines.push('________________________________');
      } else if ((name === 'td' || name === 'th') && closing) {
        current += ' ';
      }
      continue;
    }
    if (!current.trim()) lineDepth = depth;
    current += decodeEntities(token.replace(/[ \t\r\n\f]+/g, ' '));
  }
  if (current.trim()) breakLine();
  return withOurOpening(lines, titles)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The words a mail client writes in the text part of a message it composed in HTML, for readers that
 * cannot show HTML: "This message is in HTML format. Please use an HTML-capable mail client to read
 * it." The answer is in the HTML part beside it, which is read instead (QA replies6).
 */
const PLACEHOLDER =
  /^(?:this (?:is an? )?(?:message|e-?mail)(?: is)? in (?:html|mime) format|this is a multi-?part message in mime format|(?:please )?use an html[- ](?:capable|compatible|enabled) (?:mail|e-?mail) (?:client|program|reader)|your (?:mail|e-?mail) (?:client|program|reader) does not (?:support|display) html|to view this (?:message|e-?mail)[^.\n]{0,60}html)/iu;
/** Longer than this, a text part holds more than a client's placeholder. */
const PLACEHOLDER_MAX = 300;

/** Whether a text part is only a client's placeholder for its HTML part (PLACEHOLDER), with nothing of the writer's. */
export function isHtmlPlaceholder(text: string): boolean {
  const plain = text.replace(/\s+/g, ' ').trim();
  return plain.length <= PLACEHOLDER_MAX && PLACEHOLDER.test(plain);
}
