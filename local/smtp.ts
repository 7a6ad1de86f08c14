import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * The local inbound MX: a real mail client (or nodemailer) can reply to a crossgen email and the
 * message takes the inbound path. Loopback only, plain SMTP: no AUTH and no STARTTLS (nothing
 * leaves the machine), recipients outside the inbound domain refused with 550 like an MX would.
 */

export interface InboundEnvelope {
  readonly mailFrom: string | null;
  readonly rcptTo: readonly string[];
}

export interface SmtpListenerOptions {
  /** Domain(s) accepted as recipients, e.g. the inbound domain `reply.example.com`. */
  readonly domains: readonly string[];
  /** Receives each accepted message; a throw answers the client with 451 (try again later). */
  readonly onMessage: (raw: Buffer, envelope: InboundEnvelope) => Promise<void>;
  /** @default 0 (any free port); 2525 is the usual local choice */
  readonly port?: number;
  /** @default 40 MB, what SES accepts */
  readonly maxBytes?: number;
  /** Errors of `onMessage`, for the local cloud's log (never the message itself). */
  readonly onError?: (error: Error) => void;
}

export interface SmtpListener {
  readonly port: number;
  readonly host: string;
  stop(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpListener(opts: SmtpListenerOptions): Promise<SmtpListener> {
  if (opts.domains.length === 0) throw new Error('The SMTP listener needs at least one domain to accept mail for (the inbound domain).');
  const domains = new Set(opts.domains.map((d) => d.toLowerCase()));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const host = '127.0.0.1';

  const server = new SMTPServer({
    name: 'crossgen-local-mx',
    banner: 'crossgen local inbound mail',
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    size: maxBytes,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      if (!domains.has(domain)) {
        callback(smtpError(550, `5.1.1 This server only accepts mail for ${[...domains].join(', ')}; relaying is denied`));
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        // Past the limit only the verdict matters; stop keeping the bytes.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `5.3.4 The message is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB; send it without large attachments`));
          return;
        }
        const envelope: InboundEnvelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        opts.onMessage(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (error: Error) => {
            opts.onError?.(error);
            callback(smtpError(451, '4.3.0 The message could not be handed to crossgen; try again later'));
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server emits 'error' for broken client connections; the listener itself stays up.
  server.on('error', (error: Error) => opts.onError?.(error));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    host,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
