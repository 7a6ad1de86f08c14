import { matchCohort } from '../../../functions/domain/matching/match';
import type { MatchParticipant } from '../../../functions/domain/matching/features';
import { participantIntakeSchema, type Participant, type Role } from '../../../functions/domain/participant';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { programSchema } from '../../../functions/domain/program';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * The people every email of the reader walk is written to and about: names in several scripts and
 * languages, each in their own time zone, and ids in the real formats so that an id shown where a
 * name is known is caught.
 */
export const PROGRAM = programSchema.parse({
  programId: 'cohort-pilot',
  name: 'Reverse Mentoring Pilot 2027',
  startDate: '2027-01-04',
  admins: ['priya.shah@example.org', 'lars.eriksson@example.org'],
  timeZone: 'America/Toronto',
});
export const PROGRAM_CONTEXT = { name: PROGRAM.name, admin: { name: 'the program team', email: PROGRAM.admins[0]! } };
export const RUN_ID = 'run_7q2kx9mf';
export const PAIRING_ID = 'pr_k3v9d2m7q1x8w4z6b5n0';
export const ANSWER_BASE = 'https://people.crossgen.example.org';

function person(role: Role, participantId: string, overrides: Parameters<typeof intakeInput>[0]): Participant {
  const intake = participantIntakeSchema.parse(intakeInput({ programId: PROGRAM.programId, role, ...overrides }));
  return {
    ...intake,
    participantId,
    status: 'paired',
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    version: 1,
  } as Participant;
}

/** The early-career coach, in Tokyo. */
export const MENTOR = person('mentor', 'pt_8f2kq7m3x9v1c4', {
  name: 'Aiko Tanaka',
  email: 'aiko.tanaka@example.org',
  department: 'Marketing',
  location: 'Tokyo',
  timeZone: 'Asia/Tokyo',
  languages: ['en', 'ja'],
  topicsOffered: ['ai-tools', 'social-media'],
  topicsWanted: ['strategy', 'career-growth'],
  availability: [{ day: 'tue', start: '17:00', end: '19:00' }],
  interests: ['Photography', 'Running'],
  goals: 'Understand how strategy decisions are made and grow towards a team lead role',
  consent: { dataProcessing: true, shareProgressWithManager: true },
  manager: { name: 'Kenji Watanabe', email: 'kenji.watanabe@example.org' },
});

/** The senior leader being coached, in Berlin. */
export const MENTEE = person('mentee', 'pt_3n6w1b8r5t2y7u', {
  name: 'Ingrid Müller-Lüdenscheidt',
  email: 'ingrid.mueller@example.org',
  department: 'Finance',
  location: 'Berlin',
  timeZone: 'Europe/Berlin',
  languages: ['en', 'de'],
  topicsOffered: ['strategy', 'leadership', 'career-growth'],
  topicsWanted: ['ai-tools', 'mobile-first'],
  availability: [{ day: 'tue', start: '09:00', end: '11:00' }],
  interests: ['running', 'Jazz'],
  goals: 'Use AI tools with confidence in my own work and lead a more digital team',
  consent: { dataProcessing: true, shareProgressWithManager: true },
  manager: { name: 'Dr. Amara Okafor', email: 'amara.okafor@example.org' },
});

/** A mentee the run leaves unmatched (one mentor place for two mentees), in Mexico City. */
export const WAITING = person('mentee', 'pt_5h1j9k2l6z3x8c', {
  name: 'José María García Núñez',
  email: 'jose.garcia@example.org',
  department: 'Operations',
  location: 'Mexico City',
  timeZone: 'America/Mexico_City',
  languages: ['es', 'en'],
  topicsOffered: ['leadership'],
  topicsWanted: ['hybrid-work'],
  availability: [{ day: 'fri', start: '16:00', end: '17:00' }],
  goals: 'Lead a hybrid team better',
});

export const PEOPLE = [MENTOR, MENTEE, WAITING] as const;

/** The manager who may get a note about Aiko (known by name) and one about Ingrid. */
export const MANAGER_OF = { mentor: MENTOR.manager!, mentee: MENTEE.manager! };

/** The real matching run over the cast: its reasons per reader, trade-offs and unmatched reasons. */
export const MATCH = matchCohort({ program: PROGRAM, participants: PEOPLE as unknown as MatchParticipant[], referenceDate: '2027-01-05' });
export const PROPOSED = (() => {
  const pair = MATCH.pairs.find((p) => p.mentorId === MENTOR.participantId && p.menteeId === MENTEE.participantId);
  if (!pair) throw new Error(`The cast should pair Aiko with Ingrid; the run proposed ${JSON.stringify(MATCH.pairs)}.`);
  return pair;
})();

/** A signed-looking answer link on the public API, as the reply-token adapter makes them. */
export const answerLink = (choice: string) => `${ANSWER_BASE}/r/v1.${choice}.q7x2k9m3b8n1.sig-${choice}`;

/** The moment the reader walk's emails are decided. */
export const NOW = new Date('2027-02-02T09:30:00Z');

/** Aiko and Ingrid's running pairing: one check-in held, the last two missed, paused at NOW. */
export const STARTED: Pairing = {
  pairingId: PAIRING_ID,
  programId: PROGRAM.programId,
  mentorId: MENTOR.participantId,
  menteeId: MENTEE.participantId,
  score: PROPOSED.score,
  reasons: PROPOSED.reasons,
  reasonsFor: PROPOSED.reasonsFor,
  tradeOffs: PROPOSED.tradeOffs,
  status: 'active',
  checkInsHeld: 1,
  checkInsMissed: 2,
  missedInRow: 2,
  createdAt: '2027-01-11T08:00:00Z',
  startedAt: '2027-01-11T08:00:00Z',
  acceptedAt: '2027-01-12T10:00:00Z',
  lastCheckInAt: '2027-01-26T08:00:00Z',
  lastMetAt: '2027-01-26T08:00:00Z',
  pausedAt: '2027-02-02T09:30:00Z',
  updatedAt: NOW.toISOString(),
  version: 7,
};
/** The lifecycle's view of a pairing of the cast at NOW. */
export const contextOf = (pairing: Pairing): LifecycleContext => ({
  pairing,
  program: PROGRAM,
  mentor: MENTOR,
  mentee: MENTEE,
  now: NOW,
  execution: { startedAt: pairing.createdAt, generation: 1 },
});
// The first check-in of the plan is done (as the core records it), so "next check-in" dates lie ahead.
