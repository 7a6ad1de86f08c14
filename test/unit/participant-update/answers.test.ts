import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkParticipantChanges, inboundEvents, participantChanges } from '../../../functions/domain/events';
import { decideParticipantUpdate, type RunningPairing, type UpdateInput } from '../../../functions/domain/participant-update';
import type { Participant } from '../../../functions/domain/participant';
import { describeIssues, toFieldIssues } from '../../../functions/domain/validation';
import { participant } from '../pairing/simulate';

// QA: changing a participant's topics, goals or job title was a dead end: the re-enrolment conflict
// sent HR to PATCH /participants/{id} (or ParticipantUpdated), which refused them as unknown fields.
const mia = participant('mentor', { participantId: 'pt_mentor', jobTitle: 'Analyst', communicationStyle: 'direct', interests: ['climbing'] });
const sam = participant('mentee', { participantId: 'pt_mentee' });
const running: RunningPairing[] = [{ pairingId: 'pr_one', mentorId: 'pt_mentor', menteeId: 'pt_mentee' }];
const catalogue = [{ id: 'ai-tools' }, { id: 'social-media' }, { id: 'strategy' }, { id: 'leadership' }];

/** The body of `PATCH /participants/{id}` (functions/participants-api.ts builds it the same way). */
const patchBody = z.object(participantChanges).strict().superRefine(checkParticipantChanges);

function reasons(detail: Record<string, unknown>): string {
  const parsed = inboundEvents.ParticipantUpdated.safeParse({ participantId: 'pt_mentor', ...detail });
  return parsed.success ? 'accepted' : describeIssues(toFieldIssues(parsed.error));
}

function decide(who: Participant, detail: Record<string, unknown>, opts: Partial<UpdateInput> = {}) {
  const update = inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, ...detail });
  return decideParticipantUpdate({ participant: who, update, cohort: [mia, sam], running, rules: { notSameDepartment: true }, topics: catalogue, ...opts });
}

function accepted(d: ReturnType<typeof decide>) {
  if (!d.ok) throw new Error(`rejected: ${describeIssues(d.issues)}`);
  return d;
}

describe('ParticipantUpdated and PATCH /participants/{id}: the rest of the intake answers', () => {
  it('accepts topics, interests, goals, job title, meeting preference, communication style and location, in the event and the PATCH body alike', () => {
    const answers = {
      topicsOffered: ['ai-tools', 'social-media'],
      topicsWanted: ['leadership'],
      interests: ['chess'],
      goals: 'Learn how a board decides',
      jobTitle: 'Product manager',
      meetingPreference: 'video',
      communicationStyle: 'reflective',
      location: 'Leeds',
    };
    expect(reasons(answers)).toBe('accepted');
    expect(patchBody.safeParse(answers).success).toBe(true);
    expect(patchBody.safeParse({ jobTitle: null, communicationStyle: null }).success).toBe(true);
  });

  it('validates them as the intake does: limits, choices, duplicates, and text a person can read back', () => {
    expect(reasons({ topicsWanted: [] })).toBe('topicsWanted must list at least one topic');
    expect(reasons({ topicsOffered: ['ai-tools', 'ai-tools '] })).toBe('topicsOffered lists "ai-tools" twice');
    expect(reasons({ topicsWanted: ['strategy', 'strategy'] })).toBe('topicsWanted lists "strategy" twice');
    expect(reasons({ meetingPreference: 'phone' })).toBe('meetingPreference must be "video", "in-person" or "either"');
    expect(reasons({ communicationStyle: 'loud' })).toMatch(/^communicationStyle must be one of direct, reflective/);
    expect(reasons({ interests: Array.from({ length: 21 }, (_, i) => `i${i}`) })).toBe('interests must list at most 20 interests');
    expect(reasons({ goals: 'x'.repeat(2001) })).toMatch(/^goals /);
    // Bidirectional overrides make text display in another order than it is stored ("Trojan Source").
    expect(reasons({ jobTitle: 'Head of \u202Eecnanif' })).toMatch(/^jobTitle contains a text-direction control character/);
    expect(reasons({ goals: 'Learn \u2066strategy\u2069' })).toMatch(/^goals contains a text-direction control character/);
    expect(reasons({ interests: ['chess\u202E'] })).toMatch(/^interests\.0 contains a text-direction control character/);
    expect(reasons({ location: 'Leeds\nYork' })).toBe('location must be on one line: remove the line break');
    expect(reasons({ location: '\u200B' })).toBe('location contains only invisible characters: type the text itself');
  });

  it('names every field it may change when an update changes none', () => {
    expect(reasons({})).toMatch(
      /must change at least one of name, email, department, manager, timeZone, languages, availability, capacity, jobTitle, location, topicsOffered, topicsWanted, interests, goals, meetingPreference, communicationStyle$/,
    );
    expect(patchBody.safeParse({}).success).toBe(false);
  });

  it("refuses a topic that is not in the program's catalogue, by its place in the list, as the intake does", () => {
    const d = decide(mia, { topicsOffered: ['ai-tools', 'knitting'], topicsWanted: ['strategy', 'quantum'] });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.issues).toEqual([
      { field: 'topicsOffered.1', message: '"knitting" is not a topic of this program (known: ai-tools, social-media, strategy, leadership)' },
      { field: 'topicsWanted.1', message: '"quantum" is not a topic of this program (known: ai-tools, social-media, strategy, leadership)' },
    ]);
    // The program's own catalogue decides, not the default one.
    expect(decide(mia, { topicsOffered: ['sustainability'] }).ok).toBe(false);
    expect(decide(mia, { topicsOffered: ['sustainability'] }, { topics: [{ id: 'sustainability' }] }).ok).toBe(true);
  });

  it('stores the new answers for matching, and ends no running pairing for them', () => {
    const d = accepted(
      decide(mia, { topicsOffered: ['ai-tools', 'social-media'], goals: 'Coach a leader on social media', jobTitle: 'Product manager', location: 'Leeds' }),
    );
    expect(d.changes).toEqual({
      topicsOffered: ['ai-tools', 'social-media'],
      goals: 'Coach a leader on social media',
      jobTitle: 'Product manager',
      location: 'Leeds',
    });
    expect(d.participant).toMatchObject({ topicsOffered: ['ai-tools', 'social-media'], goals: 'Coach a leader on social media', jobTitle: 'Product manager' });
    expect(d.end).toEqual([]);
  });

  it('counts unchanged values as no change: nothing is written, and a list the catalogue has since lost is not refused again', () => {
    const same = accepted(decide(mia, { topicsOffered: mia.topicsOffered, goals: mia.goals, interests: ['climbing'], communicationStyle: 'direct' }));
    expect(same.changes).toEqual({});
    expect(same.writes).toEqual({});
    const dropped = accepted(decide(mia, { topicsOffered: mia.topicsOffered }, { topics: [{ id: 'strategy' }] }));
    expect(dropped.changes).toEqual({});
    // Order is priority for wishes: the same topics in another order are a change.
    const reordered = accepted(decide(sam, { topicsWanted: ['strategy', 'ai-tools'] }));
    expect(reordered.changes).toEqual({ topicsWanted: ['strategy', 'ai-tools'] });
  });

  it('removes a job title or a communication style with null, and null for one not on record is no change', () => {
    const d = accepted(decide(mia, { jobTitle: null, communicationStyle: null }));
    expect(d.changes).toEqual({ jobTitle: null, communicationStyle: null });
    expect(d.writes).toMatchObject({ jobTitle: null, communicationStyle: null });
    expect('jobTitle' in d.participant).toBe(false);
    expect('communicationStyle' in d.participant).toBe(false);
    expect(accepted(decide(sam, { jobTitle: null })).changes).toEqual({});
  });

  it('keeps a field a later HR event set, as for the other fields (out of order)', () => {
    const later = { ...mia, fieldUpdatedAt: { goals: '2027-03-01T00:00:00.000Z' } };
    const d = accepted(decide(later, { goals: 'An older wish', topicsOffered: ['social-media'] }, { at: '2027-02-01T00:00:00.000Z' }));
    expect(d.stale).toEqual(['goals']);
    expect(d.changes).toEqual({ topicsOffered: ['social-media'] });
  });
});
