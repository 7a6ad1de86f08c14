import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestFacts } from '../../../functions/domain/digest';
import { END_REASONS, type EndReason } from '../../../functions/domain/pairing/model';
import { springDigest, springProgram } from './spring';

/** The admins' weekly digest lists the pairings that ended early since the last digest (QA life7). */

const program = springProgram;
const people = { mentor: 'Bea Mentor', mentee: 'Sam Senior' };
// Monday 1 March 2027, the digest hour; the last digest went a week before.
const now = new Date('2027-03-01T09:00:00Z');

function facts(notices: DigestFacts['notices']): DigestFacts {
  return { program, now, lastSentAt: '2027-02-22T09:00:05Z', atRisk: [], pairings: [], waitlistSize: 0, approvals: [], notices };
}

const ended = (reason: EndReason, over: Partial<DigestFacts['notices'][number]> = {}): DigestFacts['notices'][number] => ({
  key: 'ended#pr_end',
  kind: 'ended',
  pairingId: 'pr_end',
  reason,
  at: '2027-02-24T15:30:00Z',
  people,
  stays: [{ name: 'Bea Mentor', now: 'new-partner' }],
  ...over,
});

const text = (content: NonNullable<ReturnType<typeof composeDigest>>) => springDigest(content).text.replace(/\s+/g, ' ');

describe('pairings that ended early, in the admin digest', () => {
  it('a pairing that ended since the last digest is reason enough to send one, and is listed once, with its reason code and who stays', () => {
    const content = composeDigest(facts([ended('participant-withdrew')]));
    expect(content?.endedEarly).toEqual([
      { pairingId: 'pr_end', people, at: '2027-02-24T15:30:00Z', reason: 'participant-withdrew', stays: [{ name: 'Bea Mentor', now: 'new-partner' }] },
    ]);
    // Reported by the digest before: not again.
    expect(composeDigest(facts([ended('participant-withdrew', { at: '2027-02-20T10:00:00Z' })]))).toBeUndefined();
  });

  it('names the pair, says the reason in neutral words and where whoever stays stands now (a STOP)', () => {
    const said = text(composeDigest(facts([ended('participant-withdrew')]))!);
    expect(said).toContain('Pairings that ended early since the last digest');
    expect(said).toContain(
      'The pairing of Bea Mentor (mentor) and Sam Senior (mentee) ended on Wednesday 24 February 2027: one of the pair left the program. Bea Mentor is offered a new partner: one is being looked for, and they will be introduced when there is a good match. Reference: pairing pr_end.',
    );
    expect(said).not.toContain('participant-withdrew');
  });

  it('says where each stands when both stay, and that neither does when both have gone', () => {
    const both = text(
      composeDigest(
        facts([
          ended('participant-request', {
            stays: [
              { name: 'Bea Mentor', now: 'pool' },
              { name: 'Sam Senior', now: 'waitlisted' },
            ],
          }),
        ]),
      )!,
    );
    expect(both).toContain(
      'ended on Wednesday 24 February 2027: one of the pair ended it. Bea Mentor stays in the program: the next matching run may offer them a new partner. Sam Senior is on the waitlist for a new partner',
    );
    const none = text(composeDigest(facts([ended('participant-left', { stays: [] })]))!);
    expect(none).toContain('one of the pair left the program. Neither of them takes part in the program any more. Reference: pairing pr_end.');
  });

  it('never says who of the pair asked, nor the code, for any end reason', () => {
    for (const reason of END_REASONS) {
      const said = text(composeDigest(facts([ended(reason)]))!);
      const row = said.slice(said.indexOf('The pairing of'), said.indexOf('Reference: pairing pr_end'));
      expect(row, reason).toMatch(/ended on Wednesday 24 February 2027: [a-z]/);
      expect(row, reason).not.toContain(reason);
      expect(row, reason).not.toMatch(/undefined|the (mentor|mentee) (asked|ended|left|withdrew)|Sam Senior (asked|ended|left)/);
    }
  });
});
