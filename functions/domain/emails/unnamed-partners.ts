/**
 * How an email tells the running pairings of a partner whose name no reply can give (nothing
 * readable in it, or none: `partnerCalls` in replies/standing-target.ts). Such a pairing still runs
 * and is counted; it is never offered as "REMATCH <name>", only by a reply to one of its own emails,
 * which ends that pairing alone (standingTarget ties a reply by its In-Reply-To, questionTarget by
 * the question's address).
 */

/** "a partner whose name cannot be written in a reply", "2 partners whose names ...". */
export function unnamedPartners(count: number): string {
  return count === 1 ? 'a partner whose name cannot be written in a reply' : `${count} partners whose names cannot be written in a reply`;
}

/** How to end the pairing with such a partner: "For your pairing with a partner whose name ..., reply REMATCH to one of that pairing's own emails." */
export function unnamedPairingLine(word: string, count: number): string {
  const which = count === 1 ? `For your pairing with ${unnamedPartners(1)}` : `For a pairing with one of your ${unnamedPartners(count)}`;
  return `${which}, ${replyToItsOwnEmails(word)}.`;
}

/** What ends one pairing alone, whatever its partner's name: "reply REMATCH to one of that pairing's own emails". */
export function replyToItsOwnEmails(word: string): string {
  return `reply ${word} to one of that pairing's own emails`;
}
