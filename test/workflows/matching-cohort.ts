import { expect } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import type { Harness } from './harness';

/**
 * A small cohort for the admin API's matching routes: Ana and Xena want each other's topics, as do
 * Ben and Yuri, and all four can meet on Tuesday mornings.
 */
const PEOPLE = {
  ana: { role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] },
  ben: { role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' },
  xena: { role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' },
  yuri: { role: 'mentee', name: 'Yuri Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' },
} satisfies Record<string, Partial<ParticipantIntakeInput>>;

const TUESDAY_MORNING: ParticipantIntakeInput['availability'] = [{ day: 'tue', start: '09:00', end: '11:00' }];

type Enrolled = { participantId: string; email: string };

/** A new program with the people named enrolled in it, one after another in the order given. */
export async function cohortProgram<Name extends keyof typeof PEOPLE>(h: Harness, names: readonly Name[]) {
  const programId = await h.program({});
  const people = {} as Record<Name, Enrolled>;
  for (const name of names) people[name] = await h.enrol({ programId, ...PEOPLE[name], availability: TUESDAY_MORNING });
  return { programId, people };
}

/** Starts a cohort matching run through the admin API (202), `headers` e.g. an Idempotency-Key. */
export async function startMatching(programId: string, headers?: Record<string, string>) {
  const started = await call<{ runId: string; proposal: string }>('POST', `/programs/${programId}/matching`, undefined, headers);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return started.body;
}
