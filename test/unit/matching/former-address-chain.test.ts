import { describe, expect, it } from 'vitest';
import { matchingInput, pairingIdFor } from '../../../functions/cohort-matching';
import { inboundEvents } from '../../../functions/domain/events';
import { matchCohort, matchIncrementally, type MatchParticipant } from '../../../functions/domain/matching/match';
import { buildReportingChains, digestKey, identityKeys, proposedPairsRuledOut } from '../../../functions/domain/matching/reporting-chain';
import { NO_REVIEW, reviewProposal, type ReviewCohort, type ReviewRefusal } from '../../../functions/domain/matching/review';
import type { Participant, ParticipantStatus } from '../../../functions/domain/participant';
import { decideParticipantUpdate } from '../../../functions/domain/participant-update';
import { person, program } from './fixtures';

/**
 * An address HR replaced (`formerEmails`) still names its person in the reporting lines, as long as
 * nobody holds it now: HRIS manager fields often keep the old address (QA: Ian, whose record names
 * Sam's old address, was paired with Sam once Sam's address changed).
 */
const OLD = 'sam.tate@acme.test';
const NEW = 'sam.tate@acme-group.test';
const sam = person('sam', 'mentee', { email: NEW, employeeId: 'E3003', formerEmails: [OLD] });
const ian = person('ian', 'mentor', { email: 'ian@acme.test', manager: { email: OLD } });

const stored = (p: MatchParticipant, status: ParticipantStatus = 'enrolled'): Participant => ({
  ...p,
  status,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  version: 1,
});

describe('reporting chains: a former address names its person', () => {
  it("links a junior to their manager through the manager's former address, in any letter case, and further up", () => {
    expect(buildReportingChains([ian, sam]).sameChain(0, 1)).toBe(true);
    const shouting = person('ian', 'mentor', { manager: { email: 'Sam.Tate@ACME.test' } });
    expect(buildReportingChains([shouting, sam]).sameChain(0, 1)).toBe(true);
    // Sam reports to Priya: Ian is below Priya too, through Sam's old address.
    const priya = person('priya', 'mentee', { employeeId: 'E1' });
    const samUnderPriya = { ...sam, manager: { employeeId: 'E1' } };
    expect(buildReportingChains([ian, priya], [samUnderPriya]).sameChain(0, 1)).toBe(true);
  });

  it('leaves the address to whoever holds it now, here or in the lines of other people', () => {
    const newcomer = person('newcomer', 'mentee', { email: OLD });
    const chains = buildReportingChains([ian, sam, newcomer]);
    expect(chains.sameChain(0, 1)).toBe(false);
    expect(chains.sameChain(0, 2)).toBe(true);
    expect(buildReportingChains([ian, sam], [newcomer]).sameChain(0, 1)).toBe(false);
  });

  it('names nobody when two people list it as a former address, but one person twice (two records) still', () => {
    const tom = person('tom', 'mentee', { email: 'tom@acme.test', formerEmails: [OLD] });
    const two = buildReportingChains([ian, sam, tom]);
    expect(two.sameChain(0, 1)).toBe(false);
    expect(two.sameChain(0, 2)).toBe(false);
    // The same Sam enrolled elsewhere (same employee id): still Sam.
    const samElsewhere = { ...sam, participantId: 'sam2', email: 'sam.t@acme-group.test' };
    expect(buildReportingChains([ian, sam], [samElsewhere]).sameChain(0, 1)).toBe(true);
  });

  it('still links when an erased person in the lines makes every key a digest', () => {
    const tombstone = { email: '', reportingLine: { self: identityKeys(undefined, 'E9').map(digestKey), manager: [] } };
    expect(buildReportingChains([ian, sam], [tombstone]).sameChain(0, 1)).toBe(true);
  });

  it('keeps Ian and Sam apart in matching, in review (force) and at approval', () => {
    const participants = [ian, sam];
    expect(matchCohort({ program: program(), participants }).pairs).toEqual([]);
    const cohort: ReviewCohort = { program: program(), participants, activePairs: [], previousPairs: [], waitingIds: ['ian', 'sam'] };
    const forced = reviewProposal(cohort, { pairs: [], unmatched: [] }, NO_REVIEW, { kind: 'force', pair: { mentorId: 'ian', menteeId: 'sam' } });
    expect(forced.refused).toBe(true);
    expect((forced as ReviewRefusal).rules).toEqual(['reportingChain']);
    expect(proposedPairsRuledOut([{ mentorId: 'ian', menteeId: 'sam' }], participants, { notSameDepartment: false })).toEqual([
      { index: 0, reason: 'the mentor and mentee are now in one reporting line' },
    ]);
  });

  it('keeps the line through someone who no longer takes part: their former addresses go to matching with them', () => {
    // Sam left; Sam reports to Priya, a mentee waiting; Ian's record names Sam's old address.
    const priya = person('priya', 'mentee', { employeeId: 'E1' });
    const people = [stored(ian), stored(priya), stored({ ...sam, manager: { employeeId: 'E1' } }, 'left')];
    const input = matchingInput(people, [], { waiting: () => true });
    expect(input.reportingLines).toEqual([expect.objectContaining({ email: NEW, formerEmails: [OLD] })]);
    expect(matchIncrementally({ program: program(), ...input }).pairs).toEqual([]);
  });

  it("ends a running pairing when a junior's new manager is their partner's former address (case B)", () => {
    const helen = stored(person('helen', 'mentee', { email: 'h.ward@acme-group.test', employeeId: 'E2001', formerEmails: ['helen.ward@acme.test'] }));
    const zoe = stored(person('zoe', 'mentor', { email: 'zoe@acme.test', employeeId: 'E2003' }), 'paired');
    const pairingId = pairingIdFor('pilot', 'zoe', 'helen');
    const update = inboundEvents.ParticipantUpdated.parse({ employeeId: 'E2003', manager: { email: 'helen.ward@acme.test' } });
    const d = decideParticipantUpdate({
      participant: zoe,
      update,
      cohort: [zoe, helen],
      running: [{ pairingId, mentorId: 'zoe', menteeId: 'helen' }],
      rules: { notSameDepartment: false },
    });
    expect(d.ok && d.end).toEqual([{ pairingId, reason: 'reporting-line-changed' }]);
  });
});
