import { describe, expect, it } from 'vitest';
import type { PersonOutcome } from '../../../functions/domain/pairing/rematch';
import { mergeSettle } from '../../../functions/domain/pairing/settle';

const outcome = (participantId: string, status: PersonOutcome['status']): PersonOutcome => ({ participantId, status, standing: {} });

describe('people to settle after a step', () => {
  it('is nothing when no step decided anything about people', () => {
    expect(mergeSettle(undefined, undefined)).toBeUndefined();
    expect(mergeSettle(undefined, { graduate: [], people: [] })).toBeUndefined();
  });

  it('keeps what an earlier attempt left unsettled and adds what this step decided: graduates once, each person by the latest outcome', () => {
    const carried = { graduate: ['pt_a'], people: [outcome('pt_b', 'awaiting-rematch')] };
    expect(mergeSettle(carried, undefined)).toEqual(carried);
    expect(mergeSettle(carried, { graduate: ['pt_a', 'pt_c'], people: [outcome('pt_b', 'waitlisted'), outcome('pt_d', 'enrolled')] })).toEqual({
      graduate: ['pt_a', 'pt_c'],
      people: [outcome('pt_b', 'waitlisted'), outcome('pt_d', 'enrolled')],
    });
  });
});
