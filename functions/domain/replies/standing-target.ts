/**
 * Which of a person's running pairings an END or REMATCH sent to their standing address is about.
 * The standing address belongs to the person, not to one pairing: someone with two mentees who
 * replies REMATCH to the thanks about one of them means that one. An end cannot be undone (an
 * ended pair is never proposed again), so a request that cannot be tied to one pairing ends none;
 * the person is asked which partner they meant instead.
 */

import { readableName } from '../emails/display-name';
import { escapeRegExp } from './escape-regexp';

/** A pairing of the person that has not ended, with what can tie a reply to it. */
export interface StandingPairing {
  readonly pairingId: string;
  /** The partner's name as stored ("Sam Senior"): "REMATCH Sam" names this pairing. */
  readonly partnerName?: string;
  /** The ids SES gave the emails we sent about this pairing (outbox `messageId`). */
  readonly sentMessageIds?: readonly string[];
}

export type StandingTarget<P extends StandingPairing> =
  | { readonly kind: 'pairings'; readonly pairings: readonly P[] }
  /** More than one runs and the reply names none of them (or names two): nothing ends. */
  | { readonly kind: 'unclear'; readonly running: readonly P[] };

export interface StandingReply {
  /** What followed the command ("REMATCH Sam": "Sam"), as interpretReply keeps it. */
  readonly note?: string;
  /** The In-Reply-To and References message ids of the reply, as the mail client wrote them. */
  readonly inReplyTo?: readonly string[];
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * A partner's name as the person knows it, folded: as their emails show it (emails/display-name.ts:
 * `=HYPERLINK("http://x.test","Click me")` is "click me"), never the pieces of a formula; '' when
 * nothing in it is readable, a name no reply can give (the pairing is told by the email answered).
 */
const callable = (name: string | undefined) => fold(readableName(name ?? '') ?? '');

/** "<ses-1234@eu-west-1.amazonses.com>" and "ses-1234" are the same email: SES puts its id before the @. */
function localIds(header: string): string[] {
  return [...header.matchAll(/<?([^<>\s@]+)(?:@[^<>\s]*)?>?/g)].map((m) => m[1]!.toLowerCase());
}

/** The pairings whose partner the note names: by full name first, else by first name. */
function named<P extends StandingPairing>(note: string | undefined, running: readonly P[]): readonly P[] {
  const line = fold(note?.split('\n').find((l) => l.trim()) ?? '');
  if (!line) return [];
  const words = ` ${line} `;
  const has = (name: string) => name !== '' && words.includes(` ${name} `);
  const full = running.filter((p) => has(callable(p.partnerName)));
  if (full.length > 0) return full;
  return running.filter((p) => has(callable(p.partnerName).split(' ')[0] ?? ''));
}

/** The pairings an email the reply answers was about (its In-Reply-To or References). */
function answered<P extends StandingPairing>(inReplyTo: readonly string[] | undefined, running: readonly P[]): readonly P[] {
  const ids = new Set((inReplyTo ?? []).flatMap(localIds));
  if (ids.size === 0) return [];
  return running.filter((p) => (p.sentMessageIds ?? []).some((id) => ids.has(id.toLowerCase())));
}

/**
 * The pairings an END or REMATCH on a standing address acts on. With one pairing running (or none),
 * that is the one meant. With more, a partner's name in the reply, or the email it answers, must
 * point at exactly one pairing; when both point, they must agree. Otherwise: `unclear`.
 */
export function standingTarget<P extends StandingPairing>(running: readonly P[], reply: StandingReply): StandingTarget<P> {
  if (running.length <= 1) return { kind: 'pairings', pairings: running };
  const byName = named(reply.note, running);
  const byEmail = answered(reply.inReplyTo, running);
  if (byName.length > 1 || byEmail.length > 1) return { kind: 'unclear', running };
  const [one] = byName.length === 1 ? byName : byEmail;
  if (!one || (byName.length === 1 && byEmail.length === 1 && byEmail[0]!.pairingId !== one.pairingId)) return { kind: 'unclear', running };
  return { kind: 'pairings', pairings: [one] };
}

/**
 * Which pairing an END or REMATCH in reply to an email about one pairing (`pairingId`) acts on.
 * Every email to someone with several pairings running says "reply REMATCH with that partner's
 * name: that pairing ends" (footer.ts), the check-in about Sam included: "REMATCH Tom" there
 * means Tom's pairing (`other`). Naming nobody, or this pairing's partner alone, means this one;
 * naming two partners ("REMATCH Bo, keep Cleo please") ties the reply to none (`unclear`: nothing
 * ends, the person is asked which they meant), as on the standing address.
 */
export function questionTarget<P extends StandingPairing>(
  running: readonly P[],
  pairingId: string,
  note: string | undefined,
): { readonly kind: 'this' } | { readonly kind: 'other'; readonly pairing: P } | { readonly kind: 'unclear'; readonly running: readonly P[] } {
  if (running.length <= 1) return { kind: 'this' };
  const byName = named(note, running);
  if (byName.length === 0) return { kind: 'this' };
  if (byName.length > 1) return { kind: 'unclear', running };
  return byName[0]!.pairingId === pairingId ? { kind: 'this' } : { kind: 'other', pairing: byName[0]! };
}

/**
 * Whether the reply's note opens with `name` ("Dan", "Sam Beta, please", "Dan - we never met"), as
 * written right after the command: the name alone or followed by punctuation or a courtesy word.
 * A name further on ("I want to focus on my pairing with Dan") or opening a sentence ("will explain
 * later" to a partner called Will) does not.
 */
function opensWith(note: string | undefined, name: string): boolean {
  const line = (note?.split('\n').find((l) => l.trim()) ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = callable(name).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const escaped = words.map(escapeRegExp);
  return new RegExp(`^[^\\p{L}\\p{N}]*${escaped.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])\\s*(?:$|[.,;:!?()\\-–—]|please|pls|thanks|thank you)`, 'u').test(
    line,
  );
}

/**
 * An END or REMATCH naming the partner of a pairing the person has in another program (one address
 * enrolled in two), written in reply to this program's email: that pairing is meant, never the one
 * of the email answered. An end cannot be undone, so only a name that opens the note (opensWith)
 * points to another program, and never one this program's pairings (`here`, with their partners'
 * names) are named by: a full name first ("Sam Beta" there beats "Sam Alpha" here), then a first
 * name. Exactly one pairing elsewhere: `other`; two: nothing can be tied (`unclear`); none:
 * undefined, and this program's rules apply.
 */
export function elsewhereTarget<H extends StandingPairing, E extends StandingPairing>(
  here: readonly H[],
  elsewhere: readonly E[],
  note: string | undefined,
): { readonly kind: 'other'; readonly pairing: E } | { readonly kind: 'unclear'; readonly running: readonly (H | E)[] } | undefined {
  if (elsewhere.length === 0) return undefined;
  // Partners of both programs named ("END Dan but keep Cleo", "END Dan and Cleo"): which one is
  // meant cannot be told, and an end cannot be undone, so nothing ends, as within one program.
  const mentioned = named(note, [...here, ...elsewhere]);
  if (mentioned.some((p) => here.includes(p as H)) && mentioned.some((p) => elsewhere.includes(p as E)))
    return { kind: 'unclear', running: [...here, ...elsewhere] };
  const firstName = (p: StandingPairing) => callable(p.partnerName).split(' ')[0] ?? '';
  const fullHere = here.filter((p) => p.partnerName && opensWith(note, p.partnerName));
  const fullThere = elsewhere.filter((p) => p.partnerName && opensWith(note, p.partnerName));
  const tie = (found: readonly E[]) =>
    found.length === 1 ? { kind: 'other' as const, pairing: found[0]! } : { kind: 'unclear' as const, running: [...here, ...elsewhere] };
  if (fullHere.length > 0) return undefined;
  if (fullThere.length > 0) return tie(fullThere);
  if (here.some((p) => opensWith(note, firstName(p)))) return undefined;
  const firstThere = elsewhere.filter((p) => opensWith(note, firstName(p)));
  return firstThere.length > 0 ? tie(firstThere) : undefined;
}

/**
 * How the person names each partner after REMATCH: the first name ("Sam"), or the full name when two
 * partners share it (a first name alone would then tie the reply to neither). Names as their emails
 * show them (`=HYPERLINK("http://x.test","Click me")` is "Click"); a partner whose name has nothing
 * readable in it, or none at all, is not named: that pairing is told by replying to its own emails.
 */
export function partnerCallNames(running: readonly StandingPairing[]): string[] {
  const names = running.map((p) => readableName(p.partnerName ?? '') ?? '').filter((n) => n !== '');
  const first = (n: string) => n.split(/\s+/)[0]!;
  return names.map((n) => (names.filter((m) => fold(first(m)) === fold(first(n))).length > 1 ? n : first(n)));
}

/**
 * The partners of the person's running pairings as they can be told after REMATCH or END: the names
 * (partnerCallNames), and how many partners have none a reply can give (`unnamed`). Every one of
 * those pairings runs, so the count said is `names.length + unnamed`; an unnamed partner's pairing
 * is ended by a reply to one of its own emails (standingTarget by In-Reply-To, questionTarget).
 */
export interface PartnerCalls {
  readonly names: readonly string[];
  readonly unnamed: number;
}

export function partnerCalls(running: readonly StandingPairing[]): PartnerCalls {
  const names = partnerCallNames(running);
  return { names, unnamed: running.length - names.length };
}

/**
 * An END or REMATCH whose note opens with the name of a partner whose pairing with the person has
 * ended (`former`, in any program), and names no partner of a pairing still running: that pairing
 * is meant, and it has ended already ("END Cleo." sent again after the first ended it). Never read
 * as the one running pairing left, which the person did not name. The former partner's first name,
 * as the reply to the person names them; undefined otherwise.
 */
export function namesFormerPartner(note: string | undefined, running: readonly StandingPairing[], former: readonly string[]): string | undefined {
  if (!note || former.length === 0 || named(note, running).length > 0) return undefined;
  const first = (name: string) => (readableName(name) ?? '').split(/\s+/)[0] ?? '';
  const found = former.find((name) => opensWith(note, name) || opensWith(note, first(name)));
  return found === undefined ? undefined : first(found);
}

/**
 * Whether an END or REMATCH's note names the partner of a pairing whose introduction has not reached
 * the person yet (`untold`: introductionToCome, emails/introduction-coming.ts), by a name no partner
 * they have been told of (`told`) named in it shares ("REMATCH Bo" with Bo's introduction still to
 * come; "REMATCH Bo, keep Cleo please"). Such a pairing is never ended, and the note must not be
 * read as one about the pairings they know either: an end cannot be undone, and a name is no note
 * ("REMATCH Bo" would otherwise end the one pairing with Cleo). Nothing ends; the person is asked
 * which of the pairings they know they meant, and the untold partner is never named to them.
 * "REMATCH Sam" with Sam Alpha told and Sam Beta not: Sam Alpha is meant (the name they know).
 */
export function namesUntoldPartner(note: string | undefined, told: readonly StandingPairing[], untold: readonly StandingPairing[]): boolean {
  if (untold.length === 0) return false;
  const mentioned = named(note, [...told, ...untold]);
  const firstName = (p: StandingPairing) => callable(p.partnerName).split(' ')[0] ?? '';
  const toldFirst = new Set(mentioned.filter((p) => told.includes(p)).map(firstName));
  return mentioned.some((p) => untold.includes(p) && !toldFirst.has(firstName(p)));
}
