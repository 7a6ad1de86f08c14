import { describe, expect, it } from 'vitest';
import { matchCohort, type MatchParticipant } from '../../../functions/domain/matching/match';
import { buildReportingChains, proposedPairsRuledOut } from '../../../functions/domain/matching/reporting-chain';
import { NO_REVIEW, reviewProposal, type ReviewCohort, type ReviewRefusal } from '../../../functions/domain/matching/review';
import { linesOfSamePeopleElsewhere } from '../../../functions/domain/matching/same-person-lines';
import type { Participant } from '../../../functions/domain/participant';
import { person, program } from './fixtures';

/**
 * A reporting line recorded in one program holds in every other (docs/matching.md, Hard rules):
 * QA imported Ada with her manager Grace into rm-eng, and Ada and Grace again into rm-sales with
 * the manager column empty; rm-sales proposed and let an admin force Ada with Grace.
 */
const ada = person('ada', 'mentor', { email: 'mentor0@acme.test', employeeId: 'M000' });
const grace = person('grace', 'mentee', { email: 'mentee0@acme.test', employeeId: 'M001' });

/** An enrolment of someone in another program, as stored. */
const elsewhere = (p: MatchParticipant, over: Partial<Participant> = {}): Participant => ({
  ...p,
  participantId: `${p.participantId}-eng`,
  programId: 'rm-eng',
  status: 'enrolled',
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  version: 1,
  ...over,
});
const adaInEng = elsewhere(ada, { manager: { email: 'mentee0@acme.test' } });

describe('reporting lines of the same people in other programs', () => {
  it('gives a member without a manager here the manager their enrolment elsewhere names, under their own identity', () => {
    const lines = linesOfSamePeopleElsewhere('rm-sales', [ada, grace], [adaInEng, elsewhere(grace)]);
    expect(lines).toEqual([{ email: 'mentor0@acme.test', employeeId: 'M000', manager: { email: 'mentee0@acme.test' } }]);
    expect(buildReportingChains([ada, grace]).sameChain(0, 1)).toBe(false);
    expect(buildReportingChains([ada, grace], lines).sameChain(0, 1)).toBe(true);
  });

  it('keeps Ada and Grace apart in matching, in review (force) and at approval, once merged', () => {
    const lines = linesOfSamePeopleElsewhere('rm-sales', [ada, grace], [adaInEng]);
    // Ada and Grace fit each other best, so without the line they are proposed.
    expect(matchCohort({ program: program(), participants: [ada, grace] }).pairs).toHaveLength(1);
    expect(matchCohort({ program: program(), participants: [ada, grace], reportingLines: lines }).pairs).toEqual([]);
    const cohort: ReviewCohort = {
      program: program(),
      participants: [ada, grace],
      activePairs: [],
      previousPairs: [],
      waitingIds: ['ada', 'grace'],
      reportingLines: lines,
    };
    const forced = reviewProposal(cohort, { pairs: [], unmatched: [] }, NO_REVIEW, { kind: 'force', pair: { mentorId: 'ada', menteeId: 'grace' } });
    expect(forced.refused).toBe(true);
    expect((forced as ReviewRefusal).rules).toEqual(['reportingChain']);
    const pair = [{ mentorId: 'ada', menteeId: 'grace' }];
    expect(proposedPairsRuledOut(pair, [ada, grace], { notSameDepartment: false })).toEqual([]);
    expect(proposedPairsRuledOut(pair, [ada, grace], { notSameDepartment: false }, lines)).toEqual([
      { index: 0, reason: 'the mentor and mentee are now in one reporting line' },
    ]);
  });

  it('finds the same person by employee id under another address, and links them under the address held here', () => {
    const oldAddress = elsewhere(ada, { email: 'ada.old@acme.test', manager: { email: 'mentee0@acme.test' } });
    expect(linesOfSamePeopleElsewhere('rm-sales', [ada], [oldAddress])).toEqual([
      { email: 'mentor0@acme.test', employeeId: 'M000', manager: { email: 'mentee0@acme.test' } },
    ]);
    // Without employee ids on both, the same address is the same person.
    const noId = { ...ada, employeeId: undefined };
    expect(linesOfSamePeopleElsewhere('rm-sales', [noId], [{ ...adaInEng, employeeId: undefined }])).toEqual([
      { email: 'mentor0@acme.test', manager: { email: 'mentee0@acme.test' } },
    ]);
  });

  it('lends nobody the manager of a colleague who shares the address under another employee id', () => {
    const colleague = elsewhere(ada, { employeeId: 'M999', manager: { email: 'mentee0@acme.test' } });
    expect(linesOfSamePeopleElsewhere('rm-sales', [ada], [colleague])).toEqual([]);
  });

  it("keeps the member's own manager, and otherwise takes the manager given last elsewhere", () => {
    const own = { ...ada, manager: { email: 'boss@acme.test' } };
    expect(linesOfSamePeopleElsewhere('rm-sales', [own], [adaInEng])).toEqual([]);
    const older = elsewhere(ada, { participantId: 'ada-ops', programId: 'rm-ops', manager: { email: 'old-boss@acme.test' } });
    const newer = elsewhere(ada, {
      participantId: 'ada-hr',
      programId: 'rm-hr',
      manager: { email: 'new-boss@acme.test' },
      fieldUpdatedAt: { manager: '2027-03-01T00:00:00.000Z' },
    });
    expect(linesOfSamePeopleElsewhere('rm-sales', [ada], [older, newer]).map((l) => l.manager)).toEqual([{ email: 'new-boss@acme.test' }]);
    expect(linesOfSamePeopleElsewhere('rm-sales', [ada], [newer, older]).map((l) => l.manager)).toEqual([{ email: 'new-boss@acme.test' }]);
  });

  it('ignores the program itself, erased enrolments and tombstones', () => {
    expect(linesOfSamePeopleElsewhere('rm-eng', [ada], [adaInEng])).toEqual([]);
    const erased = { ...adaInEng, erasure: { erasedAt: '2027-02-01T00:00:00.000Z' } } as unknown as Participant;
    expect(linesOfSamePeopleElsewhere('rm-sales', [ada], [erased])).toEqual([]);
    const tombstone = { email: '', reportingLine: { self: [], manager: [] } };
    expect(linesOfSamePeopleElsewhere('rm-sales', [tombstone], [adaInEng])).toEqual([]);
  });
});
