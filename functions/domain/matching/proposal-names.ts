import type { Participant } from '../participant';

/**
 * A matching proposal as HR reads it through the admin API (GET /programs/{programId}/matching/{runId}
 * and the review routes' answers): each pair with `mentorName` and `menteeName` beside the ids, each
 * person left unmatched with `name`. The ids stay the keys the review routes take; the names are the
 * people's as they are now (an HR update since the run shows), so that HR reviewing by API need not
 * look every id up (QA: the proposal named people by id only). A person erased since, or no longer
 * found, gets no name: the field is left out rather than filled with something that names nobody.
 */

/** A person's name as the admin API shows it: undefined once erased (their tombstone keeps an empty name) or not found. */
export function knownName(p: Pick<Participant, 'name'> | undefined): string | undefined {
  return p && p.name.trim() !== '' ? p.name : undefined;
}

export type NamedPair<P> = P & { readonly mentorName?: string; readonly menteeName?: string };
export type NamedUnmatched<U> = U & { readonly name?: string };

export interface NamedProposal<P, U> {
  readonly pairs: NamedPair<P>[];
  readonly unmatched: NamedUnmatched<U>[];
}

export function withNames<P extends { readonly mentorId: string; readonly menteeId: string }, U extends { readonly participantId: string }>(
  proposal: { readonly pairs: readonly P[]; readonly unmatched: readonly U[] },
  people: readonly Pick<Participant, 'participantId' | 'name'>[],
): NamedProposal<P, U> {
  const names = new Map<string, string>();
  // An erased person's tombstone keeps an empty name (domain/erasure.ts, tombstoneOf).
  for (const p of people) {
    const name = knownName(p);
    if (name !== undefined) names.set(p.participantId, name);
  }
  return {
    pairs: proposal.pairs.map((p) => {
      const mentorName = names.get(p.mentorId);
      const menteeName = names.get(p.menteeId);
      return { ...p, ...(mentorName === undefined ? {} : { mentorName }), ...(menteeName === undefined ? {} : { menteeName }) };
    }),
    unmatched: proposal.unmatched.map((u) => {
      const name = names.get(u.participantId);
      return name === undefined ? { ...u } : { ...u, name };
    }),
  };
}
