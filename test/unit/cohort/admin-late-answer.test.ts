import { describe, expect, it } from 'vitest';
import { answeredAs, closedApprovalSettlement, decisionSettlement, type DecisionRecord, type Settlement } from '../../../functions/domain/admin-answer';
import { questionWording } from '../../../functions/domain/answer-page';
import { questionClosed } from '../../../functions/domain/emails';
import type { ProgramContext } from '../../../functions/domain/emails/types';

/**
 * An admin's answer that comes after the question closed in silence is told what the silence
 * decided and what can still be done, never "nothing else is needed from you"; and what another
 * admin's REMATCH did follows the program's rematch policy (QA admin inbox, bugs 3 and 4).
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const program = (over: Partial<ProgramContext> = {}): ProgramContext => ({
  name: 'Pilot',
  admin: { name: 'the program team', email: 'bob.admin@example.com' },
  ...over,
});
const told = (settled: Settlement, opaqueId: string, extra: Record<string, unknown> = {}, context = program()) => {
  const email = questionClosed({
    to: { timeZone: 'Europe/London' },
    program: context,
    reader: 'admin',
    question: 'the decision about the pairing of Mia (mentor) and Sam (mentee)',
    // As the inbound path passes a settled admin question (functions/inbound-mail.ts, questionClosed).
    closedOn: settled.at,
    answeredOn: settled.at,
    answeredAs: answeredAs(opaqueId, settled),
    ...extra,
  });
  return { subject: email.subject, text: flat(email.text) };
};

describe('a decision round nobody answered', () => {
  const lapsed: DecisionRecord = { round: 'decision-004', decision: 'continue', answered: false, at: '2027-03-09T00:00:01.000Z' };
  const asked = { opaqueId: 'q-ada', roundKey: 'decision-004', closesAt: '2027-03-08T23:59:59.999Z', pairingId: 'pa_quiet' };

  it('settled in silence at the deadline its email named: the pairing continued', () => {
    const settled = decisionSettlement(asked, [lapsed], undefined);
    expect(settled).toEqual({ at: '2027-03-08T23:59:59.999Z', via: 'silence', decision: 'continue', pairingId: 'pa_quiet' });
    expect(answeredAs('q-ada', settled!)).toEqual({ by: 'nobody', decision: 'continue', pairingId: 'pa_quiet' });
    // No deadline known: the record's moment.
    expect(decisionSettlement({ opaqueId: 'q-ada', roundKey: 'decision-004' }, [lapsed], undefined)).toMatchObject({ at: lapsed.at, via: 'silence' });
  });

  it('tells the admin who answers late that it closed with no answer, that the pairing continued, and how to act on it now', () => {
    const { subject, text } = told(decisionSettlement(asked, [lapsed], undefined)!, 'q-ada');
    expect(subject).toBe('That question has already closed');
    expect(text).toContain(
      'Your reply was about the decision about the pairing of Mia (mentor) and Sam (mentee), which closed at the end of Monday 8 March 2027 with no answer from any admin, so it could not be recorded. As the decision email said, with no answer the pairing continued as it was.',
    );
    expect(text).toContain('POST /pairings/pa_quiet/pause with the day it should resume');
    expect(text).toContain('POST /pairings/pa_quiet/end, with {"rematch": true} to end it with a rematch');
    expect(text).not.toContain('nothing else is needed');
    expect(text).not.toContain('already answered');
  });

  it('says a pause since before what can be done now', () => {
    const { text } = told(decisionSettlement(asked, [lapsed], undefined)!, 'q-ada', { pausedUntil: '2027-04-01' });
    expect(text).toMatch(/continued as it was\. The pairing is paused until Thursday 1 April 2027; questions start again after that\. To change that now/);
  });
});

describe('a matching approval nobody answered', () => {
  const q = (opaqueId: string, hash: string, over: Record<string, unknown> = {}) => ({
    opaqueId,
    recipientEmailHash: hash,
    closesAt: '2026-12-06T23:59:59.999Z',
    ...over,
  });
  // The reminder's questions, as the run lists them; Ada's first email's question is not among them.
  const family = [q('q-ada-reminder', 'ada'), q('q-bo-reminder', 'bo')];
  const firstEmail = { opaqueId: 'q-ada-first', recipientEmailHash: 'ada' };

  it('closed not approved at the reminder’s deadline, whichever of the run’s emails the late reply answers', () => {
    expect(closedApprovalSettlement(firstEmail, family, { status: 'not-approved' })).toEqual({
      at: '2026-12-06T23:59:59.999Z',
      via: 'silence',
      decision: 'not-approved',
    });
    expect(closedApprovalSettlement(firstEmail, family, { status: 'proposed' })).toBeUndefined();
    expect(closedApprovalSettlement(firstEmail, family, { status: 'completed' })).toBeUndefined();
  });

  it('reads an answer given to the reminder as the one that settled it, as theirs when it was this admin’s own', () => {
    const answered = [q('q-ada-reminder', 'ada', { usedAt: '2026-12-05T10:00:00Z', answeredIntent: 'yes', channel: 'email' }), q('q-bo-reminder', 'bo')];
    expect(closedApprovalSettlement(firstEmail, answered, { status: 'completed' })).toEqual({
      at: '2026-12-05T10:00:00Z',
      opaqueId: 'q-ada-first',
      via: 'email',
      decision: 'approved',
    });
    expect(closedApprovalSettlement({ opaqueId: 'q-bo-first', recipientEmailHash: 'bo' }, answered, { status: 'completed' })).toMatchObject({
      opaqueId: 'q-ada-reminder',
      decision: 'approved',
    });
  });

  it('tells the admin who answers late that the proposal closed without approval, nobody was introduced, and to request matching again', () => {
    const settled = closedApprovalSettlement(firstEmail, family, { status: 'not-approved' })!;
    const email = questionClosed({
      to: { timeZone: 'Europe/London' },
      program: program(),
      reader: 'admin',
      question: questionWording('approval').topic,
      closedOn: settled.at,
      answeredOn: settled.at,
      answeredAs: answeredAs('q-ada-first', settled),
    });
    const text = flat(email.text);
    expect(email.subject).toBe('That question has already closed');
    expect(text).toContain(
      'Your reply was about the approval of the proposed pairs, which closed at the end of Sunday 6 December 2026 with no answer from any admin, so it could not be recorded. As the approval email said, with no answer the proposal closed without approval, so nobody was introduced.',
    );
    expect(text).toContain('To match these people, request matching again for a new proposal (POST /programs/{programId}/matching on the admin API)');
    expect(text).not.toContain('nothing else is needed');
  });
});

describe('another admin’s REMATCH, as a late answer reads it', () => {
  const rematched: Settlement = { at: '2027-03-01T09:30:00Z', opaqueId: 'q-bo', via: 'email', decision: 'rematch' };

  it('at rematch.maxAttempts 0: both wait on the waitlist for the admins, as the decision email and adminRematchHeld say', () => {
    const { text } = told(rematched, 'q-ada', {}, program({ automaticRematches: 0 }));
    expect(text).toContain(
      'by another admin of the program: the pairing has ended; the program makes no automatic rematches (rematch.maxAttempts is 0), so both wait on the waitlist for you to pair them again.',
    );
    expect(text).not.toMatch(/new partners are being looked for|offered a new partner/);
  });

  it('once the program has closed: no new pairing starts', () => {
    expect(told(rematched, 'q-ada', {}, program({ automaticRematches: 2, closed: true })).text).toContain(
      'the pairing has ended; the program has closed, so no new pairing starts for either of them.',
    );
  });

  it('with automatic rematches: both are offered a new partner, except anyone past their own cap', () => {
    expect(told(rematched, 'q-ada', {}, program({ automaticRematches: 2 })).text).toContain(
      'the pairing has ended and both are offered a new partner, except anyone who had every automatic rematch the program allows: they wait on the waitlist for you to pair them again.',
    );
  });
});
