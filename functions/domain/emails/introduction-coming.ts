import type { ReaderPairing } from './footer';

/**
 * When the reader's introduction email comes, while none has reached them yet: on the day of its
 * send time (`on`, an ISO timestamp, named in the reader's zone), or `shortly` when that day is not
 * planned yet (the pairing is `proposed`: its introduction round is made at its first step) or its
 * send time has come and the email is about to go.
 */
export type IntroductionComing = { readonly on: string } | { readonly shortly: true };

const AT_INTRODUCTION: ReadonlySet<string | undefined> = new Set(['proposed', 'introduced']);

/**
 * Whether the reader's pairing waits at an introduction that has not reached them yet: introductions
 * go out at each person's own send time (decide.ts, introduce), so a pairing is `introduced` while
 * the reader's own email (`round.asks[side]`) is still to go, and `proposed` before it has any. An
 * email to them must then not point to an introduction in their inbox ("reply YES to the
 * introduction" with none there), only say when it comes. Undefined when a pairing of theirs runs, none waits at an
 * introduction, or one of theirs has reached them (what they read then is that email's).
 * With several waiting, the first to come: a day only when each of them has one still to come.
 */
export function introductionComing(participantId: string, pairings: readonly ReaderPairing[], now: Date): IntroductionComing | undefined {
  if (pairings.some((p) => p.status === 'active' || p.status === 'paused')) return undefined;
  const waiting = pairings.filter((p) => AT_INTRODUCTION.has(p.status));
  if (waiting.length === 0) return undefined;
  const asks = waiting.map((p) => ownAsk(participantId, p));
  if (asks.some((ask) => ask?.sent === true)) return undefined;
  const days = asks.map((ask) => (ask && Date.parse(ask.sendAt) > now.getTime() ? ask.sendAt : undefined));
  if (days.some((day) => day === undefined)) return { shortly: true };
  return { on: (days as string[]).reduce((first, day) => (Date.parse(day) < Date.parse(first) ? day : first)) };
}

/** The reader's own email of the pairing's introduction round, if it has one planned. */
function ownAsk(participantId: string, p: ReaderPairing): { readonly sendAt: string; readonly sent?: boolean } | undefined {
  return p.round?.kind === 'acceptance' ? p.round.asks?.[p.mentorId === participantId ? 'mentor' : 'mentee'] : undefined;
}

/**
 * Whether this pairing waits at an introduction that has not reached the reader yet: `proposed`
 * (no round), or `introduced` with their own email of it not sent. The person has not been told of
 * it, so an END or REMATCH on their standing address cannot mean it (inbound-mail.ts,
 * standingControls): it is never a target, and they are told when the introduction comes.
 */
export function introductionToCome(participantId: string, pairing: ReaderPairing): boolean {
  return AT_INTRODUCTION.has(pairing.status) && ownAsk(participantId, pairing)?.sent !== true;
}

/**
 * The reader's pairings they have been told of: all but those whose introduction has not reached
 * them yet (introductionToCome). Only these may be named to them (a footer's "REMATCH Sam or REMATCH
 * Tom", a "which pairing did you mean?") or acted on by an END or REMATCH that names no pairing:
 * a partner is never revealed before their introduction. `keep`: a pairing the reply is about (the
 * question answered), which they have heard of whatever its asks say.
 */
export function toldPairings<P extends ReaderPairing>(participantId: string, pairings: readonly P[], keep?: string): P[] {
  return pairings.filter((p) => (keep !== undefined && p.pairingId === keep) || !introductionToCome(participantId, p));
}
