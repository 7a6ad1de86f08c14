import { describe, expect, it } from 'vitest';
import { liveFirst } from '../../../functions/domain/erasure';
import type { Participant } from '../../../functions/domain/participant';

describe('liveFirst: the enrolments an HR event by employee id acts on', () => {
  const live = (id: string) => ({ participantId: id }) as unknown as Participant;
  const erased = (id: string) => ({ participantId: id, erasure: { erasedAt: '2027-01-01T00:00:00Z' } }) as unknown as Participant;

  it('puts those not erased first, each side in its order', () => {
    expect(liveFirst([erased('a'), live('b'), erased('c'), live('d')]).map((p) => p.participantId)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('leaves only erased ones as they are, and nothing as nothing', () => {
    expect(liveFirst([erased('a')]).map((p) => p.participantId)).toEqual(['a']);
    expect(liveFirst([])).toEqual([]);
  });
});
