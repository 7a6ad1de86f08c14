import { describe, expect, it } from 'vitest';
import { composeDigest, waitingForPartner, type WaitingPerson, type WaitingRules } from '../../../functions/domain/digest';
import { matchCohort, type MatchParticipant } from '../../../functions/domain/matching/match';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { springDigest, springProgram } from './spring';

/**
 * QA: an admin ended a pairing (circumstances-changed) and its two people were the only ones
 * waiting; every digest after it said "Matching can pair them now", and each run proposed nothing
 * (former partners are never paired again). The digest says a run can pair people now only when
 * the hard rules that are cheap and certain allow at least one mentor and mentee who wait.
 */

const now = new Date('2027-03-01T09:05:00Z');
const RULES: WaitingRules = { program: springProgram };
const ROUTE = 'POST /programs/spring/matching';

const person = (participantId: string, role: WaitingPerson['role'], o: Partial<WaitingPerson> = {}): WaitingPerson => ({
  participantId,
  role,
  status: 'enrolled',
  email: `${participantId}@example.com`,
  name: participantId,
  department: participantId,
  location: 'London',
  timeZone: 'Europe/London',
  topicsOffered: role === 'mentor' ? ['ai-tools'] : ['strategy'],
  topicsWanted: role === 'mentor' ? ['strategy'] : ['ai-tools'],
  interests: [],
  availability: [{ day: 'tue', start: '09:00', end: '11:00' }],
  languages: ['en'],
  goals: '',
  ...o,
});
const pairing = (mentorId: string, menteeId: string, status: Pairing['status']) => ({ mentorId, menteeId, status });

function digestText(people: readonly WaitingPerson[], pairings: ReturnType<typeof pairing>[], rules: WaitingRules | 'unread' = RULES): string {
  const waiting = waitingForPartner(people, pairings, [], now, false, rules === 'unread' ? undefined : rules);
  const content = composeDigest({ program: springProgram, now, atRisk: [], pairings: [], approvals: [], notices: [], ...waiting });
  return content ? springDigest(content).text.replace(/\s+/g, ' ') : '';
}

const ben = person('ben', 'mentor');
const greta = person('greta', 'mentee');
const endedByAdmin = pairing('ben', 'greta', 'ended');

describe('digest: whether matching can pair those who wait (QA)', () => {
  it('two former partners, the only two waiting: not "can pair them now", but what matching waits for', () => {
    const text = digestText([ben, greta], [endedByAdmin]);
    expect(text).toContain('2 people are waiting for a partner: 2 back in the pool after a pairing ended or did not start without a new partner.');
    expect(text).toContain(
      `Matching cannot pair them now: the 2 waiting were partners before, and are not paired again. Run matching (${ROUTE}) when someone new of either role has joined.`,
    );
    expect(text).not.toContain('Matching can pair them now');
  });

  it('someone new of either role who may be paired with one of them: a run can pair them now', () => {
    expect(digestText([ben, greta, person('ivy', 'mentee')], [endedByAdmin])).toContain(`Matching can pair them now: run it (${ROUTE})`);
    expect(digestText([ben, greta, person('max', 'mentor')], [endedByAdmin])).toContain(`Matching can pair them now: run it (${ROUTE})`);
    // A mentor of a running pair with a free place is offered by a run too.
    const busy = person('kai', 'mentor', { status: 'paired', capacity: 2 });
    expect(digestText([ben, greta, busy, person('s1', 'mentee', { status: 'paired' })], [endedByAdmin, pairing('kai', 's1', 'active')])).toContain(
      'Matching can pair them now',
    );
    // ...but not one whose places are all taken.
    const full = person('kai', 'mentor', { status: 'paired', capacity: 1 });
    expect(digestText([ben, greta, full, person('s1', 'mentee', { status: 'paired' })], [endedByAdmin, pairing('kai', 's1', 'active')])).toContain(
      'Matching cannot pair them now: the 2 waiting were partners before',
    );
  });

  it('names the other certain bars: the same person, a do-not-pair list, one reporting line (through someone who left too), a review that ruled them out', () => {
    const said = (people: WaitingPerson[], rules: WaitingRules = RULES) => digestText(people, [], rules);
    expect(said([ben, person('greta', 'mentee', { doNotPairWith: ['BEN@example.com'] })])).toContain(
      'Matching cannot pair them now: the 2 waiting are on a do-not-pair list, and are never paired.',
    );
    expect(said([ben, person('greta', 'mentee', { manager: { email: 'ben@example.com' } })])).toContain(
      'the 2 waiting are in one reporting line, and are never paired',
    );
    // Greta reports to Lee, who left the program and reports to Ben.
    const lee = person('lee', 'mentor', { status: 'withdrawn', manager: { email: 'ben@example.com' } });
    expect(said([ben, person('greta', 'mentee', { manager: { email: 'lee@example.com' } }), lee])).toContain('the 2 waiting are in one reporting line');
    expect(said([person('ben', 'mentor', { employeeId: 'E1' }), person('greta', 'mentee', { employeeId: 'e1' })])).toContain(
      'the 2 waiting are one person, enrolled twice, and are never paired',
    );
    expect(said([ben, greta], { ...RULES, excluded: [{ mentorId: 'ben', menteeId: 'greta' }] })).toContain(
      'the 2 waiting were ruled out as a pair by an admin in a match review',
    );
    // Partners in another program whose pairing ended as never again; one that completed may be paired.
    const elsewhere = (endReason: string, status: Pairing['status'] = 'ended') => ({
      ...RULES,
      pairedElsewhere: [{ mentorId: 'ben', menteeId: 'greta', programName: 'Autumn', status, endReason }],
    });
    expect(said([ben, greta], elsewhere('circumstances-changed'))).toContain('the 2 waiting were partners before, and are not paired again');
    expect(said([ben, greta], elsewhere('', 'completed'))).toContain('Matching can pair them now');
    // The program's rule against one department, when it is set.
    expect(
      said([ben, person('greta', 'mentee', { department: 'Ben' })], {
        program: { ...springProgram, matching: { ...springProgram.matching, rules: { ...springProgram.matching.rules, notSameDepartment: true } } },
      }),
    ).toContain("the 2 waiting are in the same department, which the program's rules rule out, and are never paired");
    expect(said([ben, person('greta', 'mentee', { department: 'Ben' })])).toContain('Matching can pair them now');
  });

  it('QA hr8: the only waiting mentee shares no language with any waiting mentor: cannot pair them now, as matching finds', () => {
    const mentors = Array.from({ length: 10 }, (_, i) => person(`m${i}`, 'mentor', { languages: i % 2 === 0 ? ['en'] : ['de', 'en'] }));
    const aiko = person('aiko', 'mentee', { languages: ['ja'] });
    const text = digestText([...mentors, aiko], []);
    expect(text).toContain(
      `Matching cannot pair them now: of the 10 pairs of a mentor and a mentee among them, 10 share no language, and none of them may be paired. Run matching (${ROUTE})`,
    );
    expect(text).not.toContain('Matching can pair them now');
    // The matcher itself agrees: no pair, and the mentee's reason names the languages.
    const run = matchCohort({ program: springProgram, participants: [...mentors, aiko] as MatchParticipant[] });
    expect(run.stats.pairs).toBe(0);
    expect(run.unmatched.find((u) => u.participantId === 'aiko')?.reason).toContain('10 share no language');
    // One mentor who also speaks Japanese: a run can pair them.
    expect(digestText([...mentors, person('yui', 'mentor', { languages: ['en', 'ja'] }), aiko], [])).toContain('Matching can pair them now');
  });

  it("the matcher's other rules that need scoring: too little shared availability, a must-have", () => {
    const weekly = (day: 'mon' | 'fri') => ({ availability: [{ day, start: '09:00', end: '11:00' }] });
    const overlap = { program: { ...springProgram, matching: { ...springProgram.matching, rules: { ...springProgram.matching.rules, minOverlapHours: 1 } } } };
    expect(digestText([person('ben', 'mentor', weekly('mon')), person('greta', 'mentee', weekly('fri'))], [], overlap)).toContain(
      "Matching cannot pair them now: the 2 waiting have too little shared availability for the program's rules, and cannot be paired as their profiles stand.",
    );
    expect(digestText([person('ben', 'mentor', weekly('mon')), person('greta', 'mentee', weekly('mon'))], [], overlap)).toContain('Matching can pair them now');
    const mustTopics = { program: { ...springProgram, matching: { ...springProgram.matching, weights: { ...springProgram.matching.weights, topics: 10 } } } };
    expect(digestText([person('ben', 'mentor', { topicsOffered: ['social-media'] }), greta], [], mustTopics)).toContain(
      "the 2 waiting lack a must-have of the program's matching weights, and cannot be paired as their profiles stand",
    );
  });

  it('with several waiting, says how many pairs each bar rules out', () => {
    const kim = person('kim', 'mentor');
    const text = digestText([ben, kim, greta], [endedByAdmin, pairing('kim', 'greta', 'not-started')]);
    expect(text).toContain(
      `Matching cannot pair them now: of the 2 pairs of a mentor and a mentee among them, 2 had a pairing together before, and none of them may be paired. Run matching (${ROUTE}) when someone new of either role has joined.`,
    );
  });

  it('without the rules to read (or people without their addresses), keeps to the roles as before', () => {
    expect(digestText([ben, greta], [endedByAdmin], 'unread')).toContain('Matching can pair them now');
    const bare = [
      { participantId: 'ben', role: 'mentor', status: 'enrolled' },
      { participantId: 'greta', role: 'mentee', status: 'enrolled' },
    ] as const;
    expect(waitingForPartner(bare, [endedByAdmin], [], now, false, RULES).alsoWaiting.cannotPair).toBeUndefined();
  });
});
