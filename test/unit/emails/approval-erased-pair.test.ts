import { describe, expect, it } from 'vitest';
import { matchingApprovalRequest } from '../../../functions/domain/emails';
import type { ApprovalPair } from '../../../functions/domain/emails/admin';
import { programContact } from '../../../functions/domain/program-contact';

/**
 * The approval email (and its reminder, the same email under "Reminder:") after one of a proposed
 * pair was erased: listed as "An erased participant (mentor) with Sam Lee", it did not say that the
 * pair will not start. On approval it is marked not started ("the mentor is no longer in the
 * program", cohort-matching.ts createProposedPairing) and the other person waits on the waitlist,
 * first in line for the next run (waitlistUnmatched); a mentor who keeps another pairing is not
 * waitlisted, and nobody of a pair whose two people were erased is.
 */
const pair = (mentor: string, mentee: string, score = 80): ApprovalPair => ({ mentor, mentee, score, reasons: ['Shared topics'], tradeOffs: [] });

const approval = (pairs: ApprovalPair[], proposedPairs = pairs.length) =>
  matchingApprovalRequest({
    to: { timeZone: 'Europe/London' },
    program: programContact({ name: 'Pilot', admins: ['a@example.com', 'b@example.com'], endDate: undefined }, ['a@example.com']),
    pairs,
    proposedPairs,
    unmatched: [],
    unmatchedCount: 0,
    answerBy: '2027-01-08T09:00:00Z',
    proposalRoute: 'GET /programs/pilot/matching/r1',
    answerLinks: { approve: 'https://a.example/ok' },
  });

const flat = (text: string) => text.replace(/\s+/g, ' ');
/** The text of one listed pair, from its heading to the next. */
const section = (text: string, n: number) =>
  flat(text)
    .split(/ (?=\d+\. [^.]*\(mentor\) with )/)
    .find((s) => s.startsWith(`${n}. `)) ?? '';

describe('an approval email listing a pair one of whose people was erased since the proposal', () => {
  it('says the pair will not start, and that the mentee waits on the waitlist, first in line', () => {
    const email = approval([pair('Ana Souza', 'Ben Okafor', 90), pair('', 'Sam Lee')]);
    const erased = section(email.text, 2);
    expect(erased).toContain('An erased participant (mentor) with Sam Lee (mentee)');
    expect(erased).toContain(
      'This pair will not start: the mentor was erased since the proposal. If you approve, Sam Lee is not paired in this run and waits on the waitlist, first in line for the next matching run.',
    );
    expect(flat(email.html)).toContain('This pair will not start: the mentor was erased since the proposal.');
    expect(section(email.text, 1)).not.toContain('will not start');
    expect(flat(email.text)).toContain('Of the pairs listed below, 1 will not start, as someone in it was erased since the proposal.');
  });

  it('says a mentor left without this mentee keeps any other pairing, and waits on the waitlist only without one', () => {
    const text = section(approval([pair('Kim Park', '')]).text, 1);
    expect(text).toContain('Kim Park (mentor) with an erased participant (mentee)');
    expect(text).toContain(
      'This pair will not start: the mentee was erased since the proposal. If you approve, Kim Park keeps any other pairing they have; with none, they wait on the waitlist, first in line for the next matching run.',
    );
  });

  it('promises the waitlist to nobody when both were erased', () => {
    const email = approval([pair('', ''), pair('', ''), pair('Ana Souza', 'Ben Okafor')]);
    const text = section(email.text, 1);
    expect(text).toContain('This pair will not start: both were erased since the proposal, so neither is paired or put on the waitlist.');
    expect(text).not.toMatch(/waits on the waitlist/);
    expect(flat(email.text)).toContain('Of the pairs listed below, 2 will not start, as someone in each was erased since the proposal.');
  });

  it('says nothing of pairs not starting when nobody in them was erased', () => {
    const text = flat(approval([pair('Ana Souza', 'Ben Okafor')]).text);
    expect(text).not.toContain('will not start');
    expect(text).not.toContain('listed below');
  });
});
