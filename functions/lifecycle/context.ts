import { createMailer, type Mailer } from '../adapters/mailer';
import { requirePairing, type Pairing } from '../adapters/pairings';
import { getParticipant } from '../adapters/participants';
import { getProgram, type StoredProgram } from '../adapters/programs';
import type { ProgramContext, RenderedEmail } from '../domain/emails';
import type { Participant } from '../domain/participant';
import { requireEnv } from '../shared/config';

/** Everything a lifecycle step needs about one pairing, read fresh at every step. */
export interface PairingContext {
  readonly pairing: Pairing;
  readonly program: StoredProgram;
  readonly mentor: Participant;
  readonly mentee: Participant;
  /** What every email says about the program and whom to write to privately. */
  readonly programContext: ProgramContext;
}

export async function loadPairing(pairingId: string): Promise<PairingContext> {
  const pairing = await requirePairing(pairingId);
  const [program, mentor, mentee] = await Promise.all([getProgram(pairing.programId), getParticipant(pairing.mentorId), getParticipant(pairing.menteeId)]);
  if (!program) throw new Error(`Program ${pairing.programId} of pairing ${pairingId} does not exist.`);
  if (!mentor || !mentee) throw new Error(`A member of pairing ${pairingId} no longer exists.`);
  const adminEmail = program.admins[0]!;
  return { pairing, program, mentor, mentee, programContext: { name: program.name, admin: { name: 'the program team', email: adminEmail } } };
}

export type Side = 'mentor' | 'mentee';

export function member(ctx: PairingContext, side: Side): Participant {
  return side === 'mentor' ? ctx.mentor : ctx.mentee;
}

export function partnerOf(ctx: PairingContext, side: Side): Participant {
  return side === 'mentor' ? ctx.mentee : ctx.mentor;
}

/** Topics the pairing is about: what the mentee wants that the mentor offers, then the reverse. */
export function pairingTopics(ctx: PairingContext): string[] {
  const forward = ctx.mentee.topicsWanted.filter((t) => ctx.mentor.topicsOffered.includes(t));
  const reverse = ctx.mentor.topicsWanted.filter((t) => ctx.mentee.topicsOffered.includes(t));
  const all = [...forward, ...reverse];
  return all.length ? [...new Set(all)] : [...ctx.mentee.topicsWanted.slice(0, 2)];
}

let mailer: Mailer | undefined;

/** Sends one rendered email; the reply address, when given, is where answers come back. */
export async function sendEmail(to: string, email: RenderedEmail, replyTo?: string): Promise<void> {
  mailer ??= createMailer({ from: requireEnv('MAIL_FROM') });
  await mailer.send({ to, email, ...(replyTo ? { replyTo } : {}) });
}
