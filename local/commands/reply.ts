import { readFile } from 'node:fs/promises';
import { parseInbound, readReply, type ReplyPurpose } from '../../functions/domain/replies';
import type { CommandIo } from './usage';

const PURPOSES: readonly ReplyPurpose[] = ['acceptance', 'check-in', 'milestone', 'admin-decision', 'approval', 'fit'];
export const USAGE = `Usage: crossgen reply <message.eml> [--purpose acceptance|check-in|milestone|admin-decision|approval|fit]
Prints what crossgen reads in the message as JSON. Exit 0 when it was read as an email, 1 when the
file is not an email message (empty, no email headers: the JSON says why), 2 on bad usage.`;

/**
 * `crossgen reply <message.eml> [--purpose check-in]`: prints what the system reads in a raw
 * message, so an admin can answer "why was my reply not counted?". Exit 0 when read, 1 when the
 * file is not an email message (the JSON still says why), 2 on bad usage.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  let file: string | undefined;
  let purpose: ReplyPurpose | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = arg.startsWith('--purpose=') ? arg.slice('--purpose='.length) : arg === '--purpose' ? args[++i] : undefined;
    if (value !== undefined || arg === '--purpose') {
      if (!PURPOSES.includes(value as ReplyPurpose)) {
        io.stderr(`The purpose "${value ?? ''}" is not known; use one of ${PURPOSES.join(', ')}.\n${USAGE}\n`);
        return 2;
      }
      purpose = value as ReplyPurpose;
    } else if (arg === '--help' || arg === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-')) {
      io.stderr(`The option ${arg} is not known.\n${USAGE}\n`);
      return 2;
    } else if (file === undefined) {
      file = arg;
    } else {
      io.stderr(`Give one message file only (got "${file}" and "${arg}").\n${USAGE}\n`);
      return 2;
    }
  }
  if (file === undefined) {
    io.stderr(`Name the raw message to read, e.g. crossgen reply reply.eml.\n${USAGE}\n`);
    return 2;
  }
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`;
    io.stderr(`The file ${file} ${why}; pass the path of a raw .eml message (as saved from the mail client or the inbound bucket).\n`);
    return 2;
  }
  io.stdout(`${JSON.stringify(await readReply(raw, purpose))}\n`);
  // A script must tell a file that is no email (a wrong file, an empty one) from a reply read.
  return (await parseInbound(raw)).reason === undefined ? 0 : 1;
}
