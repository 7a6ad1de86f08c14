import { partnerFirstName } from './emails/format';
import { emailKey, oneOfAddresses } from './participant';
import { isTerminal, type PairingStatus } from './pairing/model';

/**
 * What the person who raises a private concern is told of who reads it and what happens (the
 * receipt `concernReceived` and the concern form, docs/emails.md): pure. The audience itself is
 * decided by concernAudience (concerns.ts); this says it truthfully to the person.
 */

/**
 * The program's admins the case is kept from because they are, or were, the person's partner
 * (concernAudience's `keptFrom`, never the person themself), by first name as emails name partners
 * ("Mo"), in the order of the program's admins. The person may know such a partner is an admin: the
 * receipt then says that partner never sees it, instead of "only the program admins read it" alone
 * (QA safe7). `names`: the partners' names, by address (emailKey); a partner whose name is not
 * known is left out.
 */
export function keptAdminNames(input: {
  readonly admins: readonly string[];
  readonly keptFrom: readonly string[];
  readonly raiser: readonly (string | undefined)[];
  readonly names: ReadonlyMap<string, string>;
}): string[] {
  const kept = oneOfAddresses(input.keptFrom);
  const self = oneOfAddresses(input.raiser);
  const out: string[] = [];
  for (const admin of input.admins) {
    if (!kept(admin) || self(admin)) continue;
    const name = input.names.get(emailKey(admin));
    if (name === undefined) continue;
    const first = partnerFirstName(name);
    if (!out.includes(first)) out.push(first);
  }
  return out;
}

/**
 * The person's pairings as they stand once the exit a concern asked for has ended `ended` (the
 * receipt goes before the lifecycle acts on the end): its footer offers no PAUSE or REMATCH for a
 * pairing that is over ("STOP and CONCERN alone when none runs", docs/emails.md).
 */
export function pairingsAfterExit<P extends { readonly pairingId: string; readonly status: PairingStatus }>(
  pairings: readonly P[],
  ended: string | undefined,
): P[] {
  if (ended === undefined) return [...pairings];
  return pairings.map((p) => (p.pairingId === ended && !isTerminal(p.status) ? { ...p, status: 'ended' as PairingStatus } : p));
}

/**
 * A leave asked for when no pairing of the person's runs (they were waitlisted, or theirs ended):
 * there is none to end, and the receipt says so rather than passing over it. `running`: the
 * pairing the concern is about runs; `among`: several run and none was told apart (leaveUnclear).
 */
export function nothingToLeave(input: { readonly asked: boolean; readonly running: boolean; readonly among: number }): boolean {
  return input.asked && !input.running && input.among === 0;
}
