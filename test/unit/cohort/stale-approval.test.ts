import { describe, expect, it } from 'vitest';
import { approverOf } from '../../../functions/domain/admin-answer';
import { approvalAnswer, netChange, SHOWN_VERSION, shownProposal, type AuditedChange } from '../../../functions/domain/approval-ask';
import { renderAskedAgainPage } from '../../../functions/domain/answer-page';
import { matchingApprovalRequest, proposalChangedSentence } from '../../../functions/domain/emails/admin';

const ids = (m: string, e: string) => ({ mentorId: m, menteeId: e });
const reject = (at: string, by: string, pairingId: string, pair = ids('ana', 'xena')): AuditedChange => ({
  at,
  by,
  action: 'reject',
  added: [],
  removed: [pairingId],
  pairs: { [pairingId]: pair },
});
const swap = (at: string, by: string): AuditedChange => ({
  at,
  by,
  action: 'swap',
  added: ['p-ay', 'p-bx'],
  removed: ['p-ax', 'p-by'],
  pairs: { 'p-ay': ids('ana', 'yuri'), 'p-bx': ids('ben', 'xena'), 'p-ax': ids('ana', 'xena'), 'p-by': ids('ben', 'yuri') },
});
const asked = (version: number | undefined, issuedAt = '2027-03-01T09:00:00Z', over: Record<string, unknown> = {}) => ({
  issuedAt,
  context: { runId: 'r1', ...(version === undefined ? {} : { [SHOWN_VERSION]: version }) },
  ...over,
});

describe('shownProposal: whether an approval email still shows the proposal', () => {
  it('is current while no review change came after the version the email recorded', () => {
    expect(shownProposal(asked(0), {})).toEqual({ kind: 'current', version: 0 });
    expect(shownProposal(asked(1), { reviewVersion: 1, changes: [reject('2027-03-01T10:00:00Z', 'ann@x.org', 'p1')] })).toEqual({
      kind: 'current',
      version: 1,
    });
  });

  it('is changed once a review change moved the version on, with the changes since (the approval entry is not one)', () => {
    const first = reject('2027-03-01T10:00:00Z', 'ann@x.org', 'p1');
    const second = swap('2027-03-01T11:00:00Z', 'cy@x.org');
    const run = { reviewVersion: 2, changes: [first, second] };
    expect(shownProposal(asked(0), run)).toEqual({ kind: 'changed', shown: 0, version: 2, since: [first, second] });
    expect(shownProposal(asked(1), run)).toEqual({ kind: 'changed', shown: 1, version: 2, since: [second] });
  });

  it('counts a question issued before versions were recorded as having seen the changes made before it', () => {
    const before = reject('2027-03-01T08:00:00Z', 'ann@x.org', 'p1');
    const after = reject('2027-03-01T10:00:00Z', 'ann@x.org', 'p2', ids('ben', 'yuri'));
    expect(shownProposal(asked(undefined), { reviewVersion: 1, changes: [before] }).kind).toBe('current');
    expect(shownProposal(asked(undefined), { reviewVersion: 2, changes: [before, after] })).toEqual({ kind: 'changed', shown: 1, version: 2, since: [after] });
  });
});

describe('approvalAnswer: what an APPROVE by reply or link does', () => {
  const run = { reviewVersion: 1, changes: [reject('2027-03-01T10:00:00Z', 'ann@x.org', 'p1')] };

  it('approves the version the email showed when it is the current one', () => {
    expect(approvalAnswer(asked(1), run)).toEqual({ kind: 'approve', version: 1 });
  });

  it('asks again when the proposal changed since, and only once per version', () => {
    expect(approvalAnswer(asked(0), run)).toMatchObject({ kind: 'ask-again', shown: 0, version: 1, toldAlready: false });
    expect(approvalAnswer({ ...asked(0), askedAgainFor: 1 }, run)).toMatchObject({ kind: 'ask-again', toldAlready: true });
    // Changed again after the admin was asked again: asked again for the new version.
    const again = { reviewVersion: 2, changes: [...run.changes, swap('2027-03-01T11:00:00Z', 'ann@x.org')] };
    expect(approvalAnswer({ ...asked(0), askedAgainFor: 1 }, again)).toMatchObject({ kind: 'ask-again', version: 2, toldAlready: false });
  });
});

describe('netChange: what the changes since an email come to, pair by pair', () => {
  it('names the pairs taken out and added, and each admin who changed it once', () => {
    expect(
      netChange([reject('t1', 'ann@x.org', 'p-cv', ids('cai', 'vera')), swap('t2', 'cy@x.org'), reject('t3', 'ann@x.org', 'p-ay', ids('ana', 'yuri'))]),
    ).toEqual({
      removed: [ids('cai', 'vera'), ids('ana', 'xena'), ids('ben', 'yuri')],
      added: [ids('ben', 'xena')],
      by: ['ann@x.org', 'cy@x.org'],
    });
  });

  it('a pair taken out and added back is no change; a change recorded without its people counts them unnamed', () => {
    const back: AuditedChange = { at: 't2', by: 'ann@x.org', action: 'force', added: ['p1'], removed: [], pairs: { p1: ids('ana', 'xena') } };
    expect(netChange([reject('t1', 'ann@x.org', 'p1'), back]).removed).toEqual([]);
    expect(netChange([{ at: 't1', by: 'ann@x.org', action: 'reject', added: [], removed: ['p9'] }])).toEqual({
      removed: [undefined],
      added: [],
      by: ['ann@x.org'],
    });
  });
});

describe('approverOf: who approved by reply or link, for the audit', () => {
  const q = (opaqueId: string, recipientEmail: string, over: Record<string, unknown> = {}) => ({ opaqueId, recipientEmail, ...over });

  it('is the admin whose question took the approval', () => {
    expect(approverOf([q('a', 'ann@x.org'), q('b', 'bob@x.org', { usedAt: '2027-03-01T10:00:00Z', answeredIntent: 'yes', channel: 'email' })])).toBe(
      'bob@x.org',
    );
    expect(
      approverOf([
        q('a', 'ann@x.org', { settled: { at: 't', opaqueId: 'b', via: 'link', decision: 'approved' } }),
        q('b', 'bob@x.org', { settled: { at: 't', opaqueId: 'b', via: 'link', decision: 'approved' } }),
      ]),
    ).toBe('bob@x.org');
  });

  it('is nobody for a rejection, an approval through the admin API (it records its caller), or no answer', () => {
    expect(approverOf([q('a', 'ann@x.org', { usedAt: 't', answeredIntent: 'no' })])).toBeUndefined();
    expect(approverOf([q('a', 'ann@x.org', { usedAt: 't', answeredIntent: 'yes', channel: 'api' })])).toBeUndefined();
    expect(approverOf([q('a', 'ann@x.org')])).toBeUndefined();
  });
});

describe('the approval email that asks again', () => {
  const changed = {
    shownPairs: 3,
    removed: [{ mentor: 'Ana Mentor', mentee: 'Xena Senior' }],
    added: [],
    by: ['ann@x.org'],
  };

  it('says what changed, by whom, in counts and names', () => {
    expect(proposalChangedSentence(changed, 2)).toBe(
      'The proposal was changed in match review by ann@x.org after the approval email you answered was sent: 1 pair was taken out (Ana Mentor with Xena Senior); it now proposes 2 pairs, not the 3 that email listed.',
    );
    expect(
      proposalChangedSentence(
        {
          shownPairs: 2,
          removed: [{ mentor: 'Ana Mentor', mentee: 'Xena Senior' }, undefined],
          added: [
            { mentor: 'Ana Mentor', mentee: 'Yuri Senior' },
            { mentor: 'Ben Mentor', mentee: 'Xena Senior' },
          ],
          by: ['ann@x.org', 'cy@x.org'],
        },
        2,
      ),
    ).toBe(
      'The proposal was changed in match review by ann@x.org and cy@x.org after the approval email you answered was sent: 2 pairs were taken out (Ana Mentor with Xena Senior and 1 other pair) and 2 pairs were added (Ana Mentor with Yuri Senior and Ben Mentor with Xena Senior); it still proposes 2 pairs.',
    );
    expect(proposalChangedSentence({ shownPairs: 2, removed: [], added: [], by: [] }, 2)).toBe(
      'The proposal was changed in match review after the approval email you answered was sent: no pair was added or taken out, but pairs were worked out again (their scores or reasons changed); it still proposes 2 pairs.',
    );
  });

  it('opens with it, says the APPROVE approved nothing, and asks to approve the proposal as it is', () => {
    const email = matchingApprovalRequest({
      to: { timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'the program team', email: 'ann@x.org' } },
      pairs: [{ mentor: 'Ben Mentor', mentee: 'Yuri Senior', score: 80, reasons: ['shared interest'], tradeOffs: [] }],
      proposedPairs: 2,
      unmatched: [],
      unmatchedCount: 0,
      answerBy: '2027-03-08T10:00:00Z',
      proposalRoute: 'GET /programs/pilot/matching/r1',
      answerLinks: { approve: 'https://example.com/r/x.y' },
      changedSince: changed,
    });
    expect(email.subject).toBe('The proposal changed: approve matching for Pilot: 2 pairs proposed');
    const text = email.text.replace(/\s+/g, ' ');
    expect(text).toContain('1 pair was taken out (Ana Mentor with Xena Senior)');
    expect(text).toContain('So your APPROVE approved nothing, and no one has been introduced.');
    expect(text.indexOf('1 pair was taken out')).toBeLessThan(text.indexOf('Ben Mentor (mentor) with Yuri Senior (mentee)'));
  });

  it('the answer page after pressing an older link says nothing was approved and where the current proposal is', () => {
    expect(renderAskedAgainPage(true)).toContain('We have just emailed you the proposal as it is now');
    expect(renderAskedAgainPage(false)).toContain('We emailed you the proposal as it is now');
    expect(renderAskedAgainPage(true)).toContain('<h1>Nothing was approved: the proposal changed</h1>');
  });
});
