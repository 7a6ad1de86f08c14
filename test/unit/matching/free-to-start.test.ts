import { describe, expect, it } from 'vitest';
import { whyPairCannotStart, type StartStanding } from '../../../functions/domain/matching/free-to-start';

const free: StartStanding = {
  mentor: { status: 'enrolled', capacity: 2 },
  mentee: { status: 'waitlisted' },
  menteeOpen: 0,
  mentorOpen: 0,
  maxMenteesPerMentor: 3,
};

describe('whyPairCannotStart', () => {
  it('lets a pair of two free people start', () => {
    expect(whyPairCannotStart(free)).toBeUndefined();
    expect(whyPairCannotStart({ ...free, mentorOpen: 1 })).toBeUndefined();
  });

  it('stops a pair when either person left or was erased, without freeing the other as taken', () => {
    expect(whyPairCannotStart({ ...free, mentor: { status: 'withdrawn', capacity: 2 } })).toEqual({
      reason: 'the mentor is no longer in the program',
      taken: false,
    });
    const { mentee: _gone, ...noMentee } = free;
    expect(whyPairCannotStart(noMentee)).toEqual({ reason: 'the mentee is no longer in the program', taken: false });
  });

  it('says the mentee was taken when they are in another open pairing', () => {
    expect(whyPairCannotStart({ ...free, menteeOpen: 1 })).toEqual({ reason: 'the mentee was paired by another run meanwhile', taken: true });
  });

  it('counts the mentor full at the lower of their own capacity and the program cap', () => {
    expect(whyPairCannotStart({ ...free, mentorOpen: 2 })?.reason).toBe('the mentor has no free place any more');
    expect(whyPairCannotStart({ ...free, mentor: { status: 'paired', capacity: 5 }, mentorOpen: 3 })?.taken).toBe(true);
    expect(whyPairCannotStart({ ...free, mentor: { status: 'paired', capacity: 5 }, mentorOpen: 2 })).toBeUndefined();
  });
});
