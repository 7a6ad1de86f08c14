import { createHash } from 'node:crypto';
import { z } from 'zod';
import { emailKey, oneOfAddresses, type Role } from './participant';
import { nextSendTime } from './schedule';
import './validation';
import { dateTimeFormat } from './intl';
import { firstNameOf } from './emails/format';

/**
 * The private concern channel (docs/lifecycle.md, Concerns): a participant's word to the program
 * admins, kept as a case. Pure: ids, the escalation date, what a case holds and how its state
 * may move. The partner never sees a case, and nothing about it goes into an event.
 */

export const CONCERN_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type ConcernState = (typeof CONCERN_STATES)[number];

/** Where the concern came from. */
export type ConcernChannel = 'email' | 'link';

/** A line of the pairing's recent history, as admins read it: what happened and when, no answers. */
export interface HistoryLine {
  readonly at: string;
  readonly kind: string;
}

/** The pairing as it stood when the concern was raised (counts and dates only: no partner answers). */
export interface PairingSnapshot {
  readonly pairingId: string;
  readonly status: string;
  readonly checkInsHeld: number;
  readonly checkInsMissed: number;
  readonly missedInRow: number;
  readonly startedAt?: string;
  readonly acceptedAt?: string;
  readonly lastMetAt?: string;
  readonly recent: readonly HistoryLine[];
}

export interface ConcernCase {
  readonly concernId: string;
  readonly programId: string;
  readonly participantId: string;
  readonly role: Role;
  readonly pairingId?: string;
  readonly partnerId?: string;
  readonly text?: string;
  /** The person asked to leave the pairing (it was ended without fault). */
  readonly exit: boolean;
  readonly channel: ConcernChannel;
  readonly state: ConcernState;
  readonly raisedAt: string;
  /** When an unacknowledged case is escalated to the admins again. */
  readonly escalateAt: string;
  readonly escalatedAt?: string;
  readonly acknowledgedAt?: string;
  readonly resolvedAt?: string;
  /** The admin's latest note: on resolving, else on acknowledging. */
  readonly note?: string;
  /** The note given on acknowledging, kept when the case is resolved with its own (QA apidocs). */
  readonly acknowledgedNote?: string;
  /** The note given on resolving: what was done. */
  readonly resolvedNote?: string;
  readonly pairing?: PairingSnapshot;
  /**
   * The person has several pairings running and neither the email they answered nor their text
   * said which one the concern is about: the ones it may be about (no `pairingId` is then set, and
   * no pairing is ended for an exit; the admins ask).
   */
  readonly amongPairingIds?: readonly string[];
  /** They asked to leave, but with several pairings and none named, so none was ended. */
  readonly leaveUnclear?: boolean;
  /** They asked to leave, but no pairing of theirs ran: nothing was ended (they are told so). */
  readonly leaveWithNone?: boolean;
  /**
   * Digests of the addresses the case must never reach (concernAudience's `keptFrom`, as raised):
   * the reminder and the weekly digest leave out an admin among them, a partner of the person in
   * another program included. Never shown, by the concerns API nor in any export: an unsalted digest
   * of a known address names its owner to anyone who hashes the address. An erasure takes the erased
   * person's out (keptFromAfterErasure).
   */
  readonly keptFromDigests?: readonly string[];
  readonly version: number;
}

/** The digest a case keeps of an address it is kept from (`keptFromDigests`). */
export function addressDigest(address: string): string {
  return createHash('sha256').update(emailKey(address)).digest('hex');
}

/**
 * Whether an admin's weekly digest leaves a case out: the admin is the person, or their partner in
 * a pairing of the program (`privateFrom`: the addresses the digest reads), or was their partner
 * anywhere when it was raised (the case's `keptFromDigests`).
 */
export function concernHiddenFrom(c: Pick<ConcernCase, 'keptFromDigests'>, admin: string, privateFrom: readonly (string | undefined)[]): boolean {
  const isAdmin = oneOfAddresses([admin]);
  return privateFrom.some((e) => e !== undefined && isAdmin(e)) || keptFrom(c, admin);
}

/** Whether the case is kept from this address (an admin who is the person's partner somewhere). */
export function keptFrom(c: Pick<ConcernCase, 'keptFromDigests'>, address: string): boolean {
  return c.keptFromDigests?.includes(addressDigest(address)) === true;
}

/**
 * The digests a case keeps after an erasure (docs/admin-api.md, Data rights: erasure). An unsalted
 * digest of a known address names its owner to anyone who hashes the address, so none of the erased
 * person's stays: not on their partner's case nor on any other. Except the digest of an address that
 * is still one of the program's `admins`: the program's settings hold that address in plain text
 * anyway, and without its digest that admin would be emailed, and shown in the weekly digest, a case kept
 * from them (a case about them, or raised by their partner). A case the erased person raised keeps
 * no other digest either (nobody is told of it any more: the erasure resolves it), but those of the
 * program's admins, for the same reason. Keeps the order; running it twice changes nothing more.
 */
export function keptFromAfterErasure(
  kept: readonly string[] | undefined,
  erased: { readonly addresses: readonly string[]; readonly raisedByThem: boolean },
  admins: readonly string[],
): readonly string[] {
  const adminDigests = new Set(admins.filter((a) => a.trim() !== '').map(addressDigest));
  const theirs = new Set(erased.addresses.filter((a) => a.trim() !== '').map(addressDigest));
  return (kept ?? []).filter((d) => adminDigests.has(d) || (!erased.raisedByThem && !theirs.has(d)));
}

/** One of the person's pairings in the program, as a concern may be about it. */
export interface ConcernPairingChoice {
  readonly pairingId: string;
  readonly running: boolean;
  readonly createdAt: string;
  /** The partner's name as the person knows it (their first name is looked for in the text). */
  readonly partnerName: string;
}

/**
 * Which pairing a concern is about. The one the email answered names, when it names one; else the
 * person's only running pairing; with several running, the one whose partner's first name alone
 * the text mentions, as a name is written (capitalised, "Sam" or "Sam's"; never "will" for Will);
 * else it is not guessed (`among`: the admins ask). With none running, the latest that ended.
 * `byName`: the pairing was told by a name in the text, not by the email; an exit is then not
 * acted on by itself (a capitalised word at the start of a sentence may still be no name).
 */
export function concernTarget(
  named: string | undefined,
  choices: readonly ConcernPairingChoice[],
  text?: string,
): { readonly pairingId?: string; readonly among?: readonly string[]; readonly byName?: true } {
  if (named) return { pairingId: named };
  const latest = (list: readonly ConcernPairingChoice[]) => [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const running = choices.filter((c) => c.running);
  if (running.length === 0) {
    const ended = latest(choices);
    return ended ? { pairingId: ended.pairingId } : {};
  }
  if (running.length === 1) return { pairingId: running[0]!.pairingId };
  // Words as written: an apostrophe ends a word ("Sam's" is Sam), letter case is kept.
  const words = new Set((text ?? '').split(/[^\p{L}\p{M}-]+/u));
  // The name the emails call the partner by ("Lovelace, Ada" is Ada).
  const firstOf = (c: ConcernPairingChoice) => firstNameOf(c.partnerName);
  const capitalised = (w: string) => w.length > 1 && w[0] === w[0]!.toLocaleUpperCase() && w[0] !== w[0]!.toLocaleLowerCase();
  const firsts = new Set(running.map((c) => firstOf(c).toLocaleLowerCase()));
  const mentioned = running.filter((c) => capitalised(firstOf(c)) && words.has(firstOf(c)));
  if (mentioned.length === 1 && firsts.size === running.length) return { pairingId: mentioned[0]!.pairingId, byName: true };
  return { among: [...running].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.pairingId.localeCompare(b.pairingId)).map((c) => c.pairingId) };
}

/** One pairing of the person who raised a concern, in any program, as any enrolment of theirs (same-person.ts). */
export interface RaiserPairing {
  readonly pairingId: string;
  readonly running: boolean;
  /** Their partner's address in that pairing; none when the partner is not stored. */
  readonly partnerEmail?: string;
}

/**
 * Whom a case raised in a program must never reach, and so which of its admins are emailed
 * (docs/lifecycle.md, Concerns). Kept from it: the person, under the address of every enrolment of
 * theirs (`raiser`); the partner of each pairing it is about (`about`, also one that has ended);
 * and their partner in every running pairing of theirs, in this program or in any other: their
 * partner in program A who is an admin of program B is no private channel for a concern raised in
 * B (QA concerns3). `unrouted`: every admin is one of them, so nobody is emailed (the person is
 * told so; programContact then names the first admin with `inPair`).
 */
export function concernAudience(input: {
  readonly admins: readonly string[];
  readonly raiser: readonly (string | undefined)[];
  readonly pairings: readonly RaiserPairing[];
  readonly about: readonly string[];
}): { readonly keptFrom: readonly string[]; readonly admins: readonly string[]; readonly unrouted: boolean } {
  const partners = input.pairings.filter((p) => p.running || input.about.includes(p.pairingId)).map((p) => p.partnerEmail);
  const keptFrom = [...new Set([...input.raiser, ...partners].filter((e): e is string => e !== undefined && e.trim() !== ''))];
  const kept = oneOfAddresses(keptFrom);
  const admins = input.admins.filter((a) => !kept(a));
  return { keptFrom, admins, unrouted: admins.length === 0 };
}

/**
 * The seed of a concern sent through the form: the person's form, the day (UTC), whether they asked
 * to leave, and their words. The form sent twice (a double click, a reload) names one case; the same
 * words another day are a new concern.
 */
export function formConcernSeed(opaqueId: string, now: Date, exit: boolean, text: string): string {
  return `form:${opaqueId}:${now.toISOString().slice(0, 10)}:${exit ? 'exit' : 'stay'}:${text}`;
}

/**
 * Which case a concern raised with `seed` is, given the cases the same seed opened before, in order
 * (`concernIdFor(seed, 0)`, `concernIdFor(seed, 1)`, ... as stored; `earlier[i]` is round i).
 * - By reply (`email`), the seed is the message: the same message delivered again is always that case.
 * - By the form, the same words the same day are a repeat of the case while it is still `open`
 *   (nobody has acted on it yet: a double click, a reload); once an admin has acknowledged or
 *   resolved it, they are a new concern (the next round), which emails the admins and the person
 *   again and is watched again: never folded into a case nobody will look at again.
 * `repeat`: the case exists and nothing new is raised (the page says so, and promises nothing new).
 */
export function concernRaise(
  seed: string,
  channel: ConcernChannel,
  earlier: readonly Pick<ConcernCase, 'state'>[],
): { readonly concernId: string; readonly repeat: boolean } {
  const round = earlier.findIndex((c) => channel === 'email' || c.state === 'open');
  return round >= 0 ? { concernId: concernIdFor(seed, round), repeat: true } : { concernId: concernIdFor(seed, earlier.length), repeat: false };
}

/** How many history lines a case keeps. */
export const RECENT_HISTORY = 6;

/**
 * A case id derived from what raised it (the message, or the form and its text), so that the same
 * message or the same form sent twice opens one case: `cn_` + 20 base32 characters. `round` counts
 * the cases the same seed opened before (concernRaise): 0 is the first.
 */
export function concernIdFor(seed: string, round = 0): string {
  const digest = createHash('sha256')
    .update(`crossgen-concern\n${seed}${round > 0 ? `\n#${round}` : ''}`)
    .digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[digest[i]! % 32];
  return `cn_${out}`;
}

/**
 * When an unacknowledged case is escalated: at the program's send time on the `workingDays`-th
 * working day after the day it was raised, in the program's time zone (a concern raised on Friday
 * afternoon with 2 days escalates on Tuesday morning).
 */
export function escalationAt(raisedAt: Date, workingDays: number, timeZone: string, sendTime: string, nonWorkingDays: readonly string[]): Date {
  let at = nextSendTime(raisedAt, timeZone, sendTime, nonWorkingDays);
  const day = (d: Date) => dateTimeFormat('en-CA', { timeZone }).format(d);
  // The raise day itself does not count.
  if (day(at) === day(raisedAt)) at = nextSendTime(new Date(at.getTime() + 1), timeZone, sendTime, nonWorkingDays);
  for (let i = 1; i < workingDays; i++) at = nextSendTime(new Date(at.getTime() + 1), timeZone, sendTime, nonWorkingDays);
  return at;
}

/** The pairing's recent history for a case: the last audit lines, their kind and time only. */
export function recentHistory(audit: readonly { at: string; kind: string }[]): HistoryLine[] {
  return [...audit]
    .sort((a, b) => a.at.localeCompare(b.at))
    .slice(-RECENT_HISTORY)
    .map(({ at, kind }) => ({ at, kind }));
}

/** What an admin does with a case (POST /concerns/{concernId}). */
export const concernActionSchema = z
  .object({
    action: z.enum(['acknowledge', 'resolve']),
    /** What was done or agreed; required to resolve. Kept on the case, read by admins only. */
    note: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2,000 characters').optional(),
  })
  .strict()
  .refine((b) => b.action !== 'resolve' || b.note !== undefined, { message: 'is required to resolve a concern: say what was done', path: ['note'] });
export type ConcernAction = z.output<typeof concernActionSchema>;

/** The case after an admin's action, or why it cannot take it (a sentence for a 409). */
export function applyConcernAction(c: ConcernCase, action: ConcernAction, now: Date): { readonly case: ConcernCase } | { readonly refused: string } {
  const at = now.toISOString();
  if (c.state === 'resolved') return { refused: `Concern ${c.concernId} is already resolved: nothing more can be done to it.` };
  if (action.action === 'acknowledge') {
    if (c.state === 'acknowledged') return { refused: `Concern ${c.concernId} was already acknowledged on ${c.acknowledgedAt}: resolve it with a note.` };
    return { case: { ...c, state: 'acknowledged', acknowledgedAt: at, ...(action.note ? { note: action.note, acknowledgedNote: action.note } : {}) } };
  }
  // The acknowledgement's note stays (acknowledgedNote): resolving adds what was done, it does not erase what was said.
  return { case: { ...c, state: 'resolved', resolvedAt: at, acknowledgedAt: c.acknowledgedAt ?? at, note: action.note!, resolvedNote: action.note! } };
}

/** Newest first, open before acknowledged before resolved: what needs an admin first. */
export function sortCases<T extends Pick<ConcernCase, 'state' | 'raisedAt'>>(cases: readonly T[]): T[] {
  const rank: Record<ConcernState, number> = { open: 0, acknowledged: 1, resolved: 2 };
  return [...cases].sort((a, b) => rank[a.state] - rank[b.state] || b.raisedAt.localeCompare(a.raisedAt));
}
