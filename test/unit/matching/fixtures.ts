import type { MatchParticipant } from '../../../functions/domain/matching/features';
import { programSchema, type Program, type ProgramInput } from '../../../functions/domain/program';

/** A valid participant with neutral defaults; tests override what they are about. */
export function person(id: string, role: 'mentor' | 'mentee', over: Partial<MatchParticipant> = {}): MatchParticipant {
  return {
    participantId: id,
    programId: 'pilot',
    name: `${id[0]!.toUpperCase()}${id.slice(1)} Lastname`,
    email: `${id}@example.com`,
    employeeId: `E-${id}`,
    role,
    department: `Dept ${id}`,
    location: 'London',
    timeZone: 'Europe/London',
    topicsOffered: role === 'mentor' ? ['ai-tools'] : ['strategy'],
    topicsWanted: role === 'mentor' ? ['strategy'] : ['ai-tools'],
    interests: [],
    availability: [{ day: 'tue', start: '10:00', end: '12:00' }],
    meetingPreference: 'either',
    languages: ['en'],
    goals: 'Grow together.',
    capacity: 1,
    doNotPairWith: [],
    consent: { dataProcessing: true, shareProgressWithManager: false },
    ...over,
  };
}

export function program(over: Partial<ProgramInput> = {}): Program {
  return programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['programs@example.com'], ...over });
}
