import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestFacts } from '../../../functions/domain/digest';
import { springDigest, springProgram } from './spring';

/**
 * HR QA: a STOP to an introduction before anyone accepted was listed under "Pairings that ended
 * early". It never started: the lifecycle stores it `not-started` with the end's code as its reason
 * and announces PairingNotStarted (decide.ts, endEarly), and the digest lists it with the pairings
 * that did not start, the reason in neutral words (never the code, nor who of the pair).
 */

const people = { mentor: 'Ana Souza', mentee: 'Sam Lee' };

function facts(over: Partial<DigestFacts> = {}): DigestFacts {
  return { program: springProgram, now: new Date('2027-03-01T09:00:00Z'), atRisk: [], pairings: [], waitlistSize: 0, approvals: [], notices: [], ...over };
}

describe('a pairing one of the pair left before it started, in the digest', () => {
  it('is listed as not started, why in neutral words, and not among those that ended early', () => {
    const content = composeDigest(
      facts({
        notices: [{ key: 'not-started#pr_s', kind: 'not-started', pairingId: 'pr_s', at: '2027-02-26T10:00:00Z', people, detail: 'participant-withdrew' }],
      }),
    )!;
    expect(content.endedEarly).toEqual([]);
    expect(content.notStarted).toEqual([
      { pairingId: 'pr_s', people, at: '2027-02-26T10:00:00Z', detail: 'one of the pair left the program before it started' },
    ]);
    const text = springDigest(content).text.replace(/\s+/g, ' ');
    expect(text).toContain('(one of the pair left the program before it started)');
    expect(text).not.toMatch(/participant-withdrew|STOP|ended early/);
  });

  it('keeps a decline reason the admins may read as it was stored', () => {
    const content = composeDigest(
      facts({
        notices: [{ key: 'not-started#pr_d', kind: 'not-started', pairingId: 'pr_d', at: '2027-02-26T10:00:00Z', people, detail: 'declined: moving role' }],
      }),
    )!;
    expect(content.notStarted[0]!.detail).toBe('declined: moving role');
  });

  it('carries where each of the pair stands now, when the handler read it', () => {
    const stays = [
      { name: 'Ana Souza', now: 'waitlisted' as const },
      { name: 'Sam Lee', now: 'waitlisted' as const },
    ];
    const content = composeDigest(
      facts({ notices: [{ key: 'not-started#pr_n', kind: 'not-started', pairingId: 'pr_n', at: '2027-02-26T10:00:00Z', people, detail: 'no-answer', stays }] }),
    )!;
    expect(content.notStarted[0]!.stays).toEqual(stays);
  });

  it('says where each of them stands, not that whoever did not decline is offered someone new', () => {
    const stays = [
      { name: 'Ana Souza', now: 'waitlisted' as const },
      { name: 'Sam Lee', now: 'waitlisted' as const },
    ];
    const content = composeDigest(
      facts({ notices: [{ key: 'not-started#pr_n', kind: 'not-started', pairingId: 'pr_n', at: '2027-02-26T10:00:00Z', people, detail: 'no-answer', stays }] }),
    )!;
    const text = springDigest(content).text.replace(/\s+/g, ' ');
    expect(text).toContain('(the introduction was not answered in time). Ana Souza is on the waitlist for a new partner');
    expect(text).toContain('Sam Lee is on the waitlist for a new partner');
    expect(text).not.toContain('whoever did not decline');
  });

  it('says neither takes part any more when both left, and keeps the general rule when where they stand was not read', () => {
    const gone = composeDigest(
      facts({
        notices: [{ key: 'not-started#pr_g', kind: 'not-started', pairingId: 'pr_g', at: '2027-02-26T10:00:00Z', people, detail: 'no-answer', stays: [] }],
      }),
    )!;
    expect(springDigest(gone).text.replace(/\s+/g, ' ')).toContain(
      '(the introduction was not answered in time). Neither of them takes part in the program any more.',
    );
    const unread = composeDigest(
      facts({ notices: [{ key: 'not-started#pr_u', kind: 'not-started', pairingId: 'pr_u', at: '2027-02-26T10:00:00Z', people, detail: 'declined' }] }),
    )!;
    expect(springDigest(unread).text.replace(/\s+/g, ' ')).toContain(
      "(declined); whoever did not decline is offered someone new, within the rematch policy's limits.",
    );
  });
});
