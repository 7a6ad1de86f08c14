import { isUtf8 } from 'node:buffer';
import { createDecodeStream, decode, normalizeCharset } from 'libmime/lib/charset.js';

/**
 * The text of a text part whose Content-Type names no charset (or only "us-ascii", which cannot
 * say what its 8-bit bytes are). mailparser reads such bytes as UTF-8, so an Outlook HTML reply
 * that declares windows-1252 only in its <meta>, or a Latin-1 text part sent 8bit with no charset,
 * came out with "�" for every accented letter and was asked again (QA). Read instead, as a browser
 * reads a page served without a charset (WHATWG Encoding, HTML's prescan):
 * 1. a byte order mark (UTF-8, UTF-16);
 * 2. in HTML, the charset of its first <meta charset> or <meta http-equiv="Content-Type"
 *    content="...; charset=...">, within the first META_SCAN_BYTES (a label we cannot decode is
 *    passed over; UTF-16 in a <meta> means UTF-8, since the bytes were read as ASCII to find it);
 * 3. UTF-8 when the bytes are valid UTF-8 (an incomplete character at the very end, where a long
 *    message was cut, does not count against it);
 * 4. windows-1252 otherwise: the charset of undeclared 8-bit mail in practice, and a superset of
 *    Latin-1's letters. A <meta> that says UTF-8 over bytes that are not UTF-8 is wrong, and gets
 *    the same fallback.
 */

/** How far into an HTML part its <meta> charset is looked for: as far as a reply is read (read-head.ts). */
export const META_SCAN_BYTES = 64 * 1024;

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:()-]+)/i;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function utf16Bom(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return undefined;
}

/** Whether libmime can decode bytes in this charset (it reads an unknown or refused one, UTF-7, as UTF-8). */
function decodable(charset: string): boolean {
  const stream = createDecodeStream(charset);
  stream.destroy();
  return stream.supported;
}

/** The charset an HTML part's <meta> declares, as a name libmime decodes; undefined when none or one it cannot. */
export function metaCharset(bytes: Buffer): string | undefined {
  const label = META_CHARSET.exec(bytes.subarray(0, META_SCAN_BYTES).toString('latin1'))?.[1];
  if (!label) return undefined;
  const name = normalizeCharset(label);
  if (/^utf-?16/i.test(name)) return 'utf-8';
  if (/^x-user-defined$/i.test(name)) return 'windows-1252';
  return decodable(name) ? name : undefined;
}

/** Bytes of a UTF-8 character's lead: how many bytes the character has (0 for a byte that leads none). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 0;
  return lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
}

/** Valid UTF-8, up to an incomplete last character (a message cut at its size cap ends anywhere). */
function validUtf8(bytes: Buffer): boolean {
  if (isUtf8(bytes)) return true;
  for (let start = bytes.length - 1; start >= Math.max(0, bytes.length - 3); start--) {
    const byte = bytes[start]!;
    if ((byte & 0xc0) === 0x80) continue;
    return sequenceLength(byte) > bytes.length - start && isUtf8(bytes.subarray(0, start));
  }
  return false;
}

/**
 * The body of a text part with no charset declared (see above), as UTF-8 bytes: the bytes
 * themselves when they are UTF-8 (no decoding and encoding again of a 10 MB body), else decoded.
 * `html` when it is a text/html part.
 */
export function utf8Body(bytes: Buffer, html: boolean): Buffer {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return bytes.subarray(3);
  const declared = utf16Bom(bytes) ?? (html ? metaCharset(bytes) : undefined);
  const utf8 = (declared === undefined || declared === 'UTF-8') && validUtf8(bytes);
  return utf8 ? bytes : Buffer.from(decode(bytes, declared === undefined || declared === 'UTF-8' ? 'windows-1252' : declared), 'utf8');
}
