import { Transform, type TransformCallback } from 'node:stream';
import { type Attachment, MailParser, type MailParserOptions, type ParsedMail } from 'mailparser';
import { utf8Body } from './body-charset';

/**
 * mailparser's `simpleParser`, except that a text part with no charset is read by
 * `utf8Body` (its <meta>, else UTF-8 when valid, else windows-1252) instead of as UTF-8
 * with "�" for every byte that is not. mailparser has no option for it: a part with no charset is
 * never passed to its decoder. So the parser is built here, and two of its internals are wrapped
 * (mailparser is pinned; test/unit/replies/body-charset.test.ts fails if they change): `createNode`,
 * where a part's charset is read, gives such a part a name of ours, and `decoder`, which decodes
 * text bodies, reads that name.
 */

/** What `createNode` reads of a part (mailsplit's MimeNode). */
interface SplitNode {
  root?: boolean;
  contentType?: string | false;
  charset?: string | false;
}

interface ParserInternals {
  createNode(node: SplitNode): unknown;
  decoder: { decodeStream(charset: string): Transform };
}

const UNDECLARED_HTML = 'x-crossgen-undeclared-html';
const UNDECLARED_TEXT = 'x-crossgen-undeclared-text';
/** Charsets that say nothing of 8-bit bytes: none, or ASCII (a client that labels every message so). */
const NO_CHARSET = /^(?:(?:us-?)?ascii)?$/i;

/** Collects a body, then decodes it whole: which charset it is in is only known from all of it. */
class UndeclaredCharset extends Transform {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly html: boolean) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    done(null, utf8Body(Buffer.concat(this.chunks), this.html));
  }
}

function readingUndeclaredCharsets(parser: MailParser): void {
  const internals = parser as unknown as ParserInternals;
  const createNode = internals.createNode.bind(parser);
  internals.createNode = (node) => {
    // mailparser reads a root part with no Content-Type as text/plain.
    const type = (node.contentType || (node.root ? 'text/plain' : '')).toLowerCase();
    if ((type === 'text/plain' || type === 'text/html') && NO_CHARSET.test(node.charset || '')) {
      node.charset = type === 'text/html' ? UNDECLARED_HTML : UNDECLARED_TEXT;
    }
    return createNode(node);
  };
  const { decoder } = internals;
  internals.decoder = {
    decodeStream: (charset) =>
      charset === UNDECLARED_HTML || charset === UNDECLARED_TEXT ? new UndeclaredCharset(charset === UNDECLARED_HTML) : decoder.decodeStream(charset),
  };
}

/** Parses a raw message as `simpleParser(bytes, options)` does (attachments buffered), text parts with no charset read as above. */
export function parseMail(bytes: Buffer, options: MailParserOptions): Promise<ParsedMail> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser(options);
    readingUndeclaredCharsets(parser);
    const attachments: Attachment[] = [];
    let text: { text?: string; html?: string } = {};
    // As in simpleParser: the parser may report an error and still end, and only the first outcome counts.
    let settled = false;
    parser.on('error', (error: Error) => {
      if (!settled) reject(error);
      settled = true;
    });
    parser.on('data', (data) => {
      if (data.type === 'text') {
        text = data;
        return;
      }
      const chunks: Buffer[] = [];
      const { content, release, ...part } = data;
      const attachment = { ...part, content: Buffer.alloc(0), release: null } as Attachment;
      attachments.push(attachment);
      content.on('data', (chunk: Buffer) => chunks.push(chunk));
      content.on('end', () => {
        Object.assign(attachment, { content: Buffer.concat(chunks), checksum: data.checksum, size: data.size });
        release?.();
      });
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({
        attachments,
        headers: parser.headers || new Map(),
        headerLines: parser.headerLines || [],
        ...(text.text === undefined ? {} : { text: text.text }),
        html: text.html ?? false,
        ...(parser.subject === undefined ? {} : { subject: parser.subject }),
        ...(parser.to === undefined ? {} : { to: parser.to }),
        ...(parser.cc === undefined ? {} : { cc: parser.cc }),
        ...(parser.messageId === undefined ? {} : { messageId: parser.messageId }),
        ...(parser.inReplyTo === undefined ? {} : { inReplyTo: parser.inReplyTo }),
      });
    });
    parser.end(bytes);
  });
}
