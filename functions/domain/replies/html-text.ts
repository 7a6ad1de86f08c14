/**
 * Plain text from the HTML of an HTML-only reply. Quoted history in HTML lives in <blockquote>
 * (Gmail, Apple Mail, Thunderbird) or after an attribution/header block (Outlook); blockquote lines
 * come out prefixed with "> " so the same stripping rules apply as for plain-text replies.
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

export function htmlToText(html: string): string {
  const source = html
    .slice(0, MAX_HTML_CHARS)
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<(head|style|script|title|xml)\b[\s\S]*?(<\/\1\s*>|$)/gi, '');
  const lines: string[] = [];
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
      } else if (BREAKING.test(name)) {
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
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
