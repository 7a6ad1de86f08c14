import { describe, expect, it } from 'vitest';
import { closedApprovalSettlement, decisionSettlement, type DecisionRecord } from '../../../functions/domain/admin-answer';
import { openAdminLink, openAnswerLink, settledAnswerOf, type AskedQuestion } from '../../../functions/domain/answer-link';
import { renderProblemPage, renderSettledPage } from '../../../functions/domain/answer-page';
import type { ProgramContext } from '../../../functions/domain/emails/types';

// QA admins5, bug 4: once Ada answered "Decision needed", Bob's own links to it still showed
// "Confirm your answer", and pressing it said only "This question has closed ... write to your program admin".

const NOW = new Date('2026-12-30T10:00:00Z');
const ADA = 'ada.admin@example.com';
const BOB = 'bob.admin@example.com';
const PROGRAM: ProgramContext = { name: 'Pilot', admin: { name: 'the program team', email: ADA }, automaticRematches: 2 };
const strip = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

type Asked = AskedQuestion & { recipientEmail: string; roundKey?: string; pairingId?: string };

/** The decision round's question to each admin; the round closes on 6 January. */
const decision = (opaqueId: string, to: string, extra: Partial<Asked> = {}): Asked => ({
  opaqueId,
  purpose: 'admin-decision',
  programId: 'pilot',
  pairingId: 'pr-1',
  roundKey: 'decision-001',
  recipientEmail: to,
  recipientEmailHash: `hash-${to}`,
  closesAt: '2027-01-06T23:59:59Z',
  choices: ['continue', 'pause', 'end', 'rematch'],
  context: { topic: 'the decision about the pairing of Mia Tester (mentor) and Sam Tester (mentee)' },
  ...extra,
});

const adas = decision('q-ada', ADA, { usedAt: '2026-12-30T09:00:00Z' });
const bobs = decision('q-bob', BOB);
/** What the pairing keeps once it acted on Ada's PAUSE (decide.ts, applyAdminDecision). */
const paused: DecisionRecord = {
  round: 'decision-001',
  decision: 'pause',
  answered: true,
  at: '2026-12-30T09:01:00Z',
  answeredAt: '2026-12-30T09:00:00Z',
  channel: 'email',
  pauseUntil: '2027-03-01',
};

/** What Bob's link opens, as the answer page reads it: his question, the pairing's record of the round, the round's questions. */
function bobOpens(choice: string, records: readonly DecisionRecord[], roundClosed = true) {
  const opening = openAnswerLink({ link: { choice, expiresAt: bobs.closesAt }, linked: bobs, family: [], now: NOW });
  const settled = settledAnswerOf(bobs, decisionSettlement(bobs, records, undefined), [adas, bobs]);
  return openAdminLink(opening, { ...(settled ? { settled } : {}), roundClosed });
}

describe("an admin's link to a question another admin already settled", () => {
  it("opens no confirm form for any of Bob's four links once Ada paused the pairing: it names Ada and the pause (QA admins5)", () => {
    for (const choice of ['continue', 'pause', 'end', 'rematch']) {
      const opened = bobOpens(choice, [paused]);
      expect(opened).not.toHaveProperty('question');
      expect(opened).toEqual({
        settled: { at: '2026-12-30T09:00:00Z', by: 'another-admin', admin: ADA, decision: 'pause', pausedUntil: '2027-03-01', pairingId: 'pr-1' },
      });
    }
  });

  it("is settled too while Ada's answer waits on the open round, before the step acted on it", () => {
    const settlement = decisionSettlement(bobs, [], {
      key: 'decision-001',
      answers: { admin: { intent: 'end', decision: 'end', at: '2026-12-30T09:00:00Z', channel: 'link' } },
    });
    const opening = openAnswerLink({ link: { choice: 'continue', expiresAt: bobs.closesAt }, linked: bobs, family: [], now: NOW });
    expect(openAdminLink(opening, { settled: settledAnswerOf(bobs, settlement, [adas, bobs])!, roundClosed: false })).toMatchObject({
      settled: { by: 'another-admin', admin: ADA, decision: 'end' },
    });
  });

  it('tells Ada her own link was answered by her, and an answer through the admin API as such', () => {
    const opening = openAnswerLink({ link: { choice: 'end', expiresAt: adas.closesAt }, linked: adas, family: [], now: NOW });
    expect(opening).toMatchObject({ refused: 'already-answered' });
    const mine = settledAnswerOf(adas, decisionSettlement(adas, [paused], undefined), [adas, bobs]);
    expect(openAdminLink(opening, { settled: mine! })).toMatchObject({ settled: { by: 'you', decision: 'pause' } });
    const api = settledAnswerOf(bobs, decisionSettlement(bobs, [{ ...paused, channel: 'api' }], undefined), [bobs]);
    expect(api).toMatchObject({ by: 'admin-api' });
  });

  it('still opens the confirm form while nobody answered and the round is open; closes it once a member ended the pairing', () => {
    expect(bobOpens('end', [], false)).toEqual({ question: bobs });
    expect(bobOpens('end', [], true)).toEqual({ refused: 'closed', reason: 'decision round closed' });
  });

  it("names Ada's REJECT on Bob's approve link, and who approved from the run's audit", () => {
    const run = { programId: 'pilot', runId: 'run-1' };
    const approval = (opaqueId: string, to: string): Asked => ({
      opaqueId,
      purpose: 'approval',
      programId: 'pilot',
      recipientEmail: to,
      recipientEmailHash: `hash-${to}`,
      closesAt: '2027-01-02T23:59:59Z',
      choices: ['approve'],
      context: { runId: run.runId },
    });
    const settled = { at: '2026-12-30T09:00:00Z', opaqueId: 'a-ada', via: 'email' as const, decision: 'rejected' as const };
    const family = [
      { ...approval('a-ada', ADA), usedAt: settled.at, settled },
      { ...approval('a-bob', BOB), usedAt: settled.at, settled },
    ];
    const bob = family[1]!;
    const opening = openAnswerLink({ link: { choice: 'approve', expiresAt: bob.closesAt }, linked: bob, family, now: NOW });
    const read = settledAnswerOf(bob, closedApprovalSettlement(bob, family, { status: 'not-approved' }), family);
    expect(openAdminLink(opening, { settled: read! })).toEqual({ settled: { at: settled.at, by: 'another-admin', admin: ADA, decision: 'rejected' } });
    const approved = { ...settled, decision: 'approved' as const };
    expect(settledAnswerOf(bob, approved, family, BOB)).toMatchObject({ by: 'you', decision: 'approved' });
  });

  it('leaves a link that does not work as it is', () => {
    const opening = openAnswerLink({ link: { choice: 'maybe', expiresAt: bobs.closesAt }, linked: bobs, family: [], now: NOW });
    expect(openAdminLink(opening, { settled: { at: paused.at, by: 'another-admin', decision: 'pause' } })).toMatchObject({ refused: 'invalid' });
  });
});

describe('the page of a settled admin question', () => {
  const base = { topic: 'the decision about the pairing of Mia Tester (mentor) and Sam Tester (mentee)', program: PROGRAM, timeZone: 'Europe/London' };

  it('says who decided, when and what, with no form, and never sends an admin to the program admin', () => {
    const page = renderSettledPage({
      ...base,
      settled: { at: '2026-12-30T09:00:00Z', by: 'another-admin', admin: ADA, decision: 'pause', pausedUntil: '2027-03-01', pairingId: 'pr-1' },
    });
    const text = strip(page);
    expect(page).toContain('<h1>Already answered</h1>');
    expect(text).toContain(
      `${ADA}, another admin of the program, already answered it on Wednesday 30 December 2026: the pairing is paused until Monday 1 March 2027.`,
    );
    expect(text).toContain('GET /pairings/pr-1');
    expect(page).not.toMatch(/<form|<button|Confirm/);
    expect(text).not.toMatch(/write to your program admin/i);
  });

  it('says the proposal was rejected, by whom, and how to match these people again', () => {
    const text = strip(
      renderSettledPage({
        ...base,
        topic: 'the approval of the proposed pairs',
        programId: 'pilot',
        runId: 'run-1',
        settled: { at: '2026-12-30T09:00:00Z', by: 'another-admin', admin: ADA, decision: 'rejected' },
      }),
    );
    expect(text).toContain(
      `${ADA}, another admin of the program, already answered it on Wednesday 30 December 2026: the proposal was rejected, so none of its pairs start.`,
    );
    expect(text).toContain('POST /programs/pilot/matching');
    expect(text).not.toMatch(/write to your program admin/i);
  });

  it('says a round nobody answered continued, with the routes to change it', () => {
    const text = strip(renderSettledPage({ ...base, settled: { at: '2027-01-06T23:59:59Z', by: 'nobody', decision: 'continue', pairingId: 'pr-1' } }));
    expect(text).toContain('with no answer from any admin');
    expect(text).toContain('the pairing continued as it was');
    expect(text).toContain('POST /pairings/pr-1/pause');
  });

  it("refuses an admin's closed, expired or answered link in an admin's words, with the route to look at", () => {
    for (const kind of ['closed', 'expired', 'already-answered'] as const) {
      const text = strip(renderProblemPage(kind, { route: 'GET /pairings/pr-1' }));
      expect(text).not.toMatch(/write to your program admin/i);
      expect(text).toContain('GET /pairings/pr-1 on the admin API shows where things stand now.');
    }
    // A participant's page keeps its own words.
    expect(renderProblemPage('closed')).toContain('write to your program admin');
  });
});
