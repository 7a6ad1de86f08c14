import { describe, expect, inject, it } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';
import { call } from './api-gateway';
import { lifecycleHarness, runMatching } from './harness';

/**
 * QA: changing a participant's topics, goals or job title was a dead end. A repeated enrolment with
 * them changed was refused (409, or a dead-lettered ParticipantEnrolled) with a remedy, PATCH
 * /participants/{id}, that answered 400 "is not a known field"; the refusal did not say which
 * answers differed. Now PATCH takes every intake answer a person may change, the next matching run
 * reads them, and the refusal names the answers that differ (docs/admin-api.md, Participants).
 */
const patch = (id: string, body: unknown) => call('PATCH', `/participants/${id}`, body);
const base = inject('cloud').baseUrl;

async function deadLetterReasons(email: string): Promise<string[]> {
  const res = await fetch(`${base}/local/dead-letters`);
  const letters = (await res.json()) as { source: string; reason: string; message?: { requestPayload?: { detail?: { email?: string } } } }[];
  return letters.filter((d) => d.source === 'lambda' && d.message?.requestPayload?.detail?.email === email).map((d) => d.reason);
}

describe('HR changes the answers matching reads', () => {
  it("PATCHes a mentor's topics, and the next matching run pairs by them", async () => {
    const h = lifecycleHarness();
    // Topics are a must-have: a mentor who offers none of what the mentee wants is never proposed.
    const programId = await h.program({ matching: { weights: { topics: 10 } } });
    const mentor = await h.enrol({ programId, role: 'mentor', name: `Mia Topics${h.tag}`, topicsOffered: ['sustainability'], topicsWanted: ['strategy'] });
    const mentee = await h.enrol({
      programId,
      role: 'mentee',
      name: `Sam Topics${h.tag}`,
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      department: 'Operations',
    });

    const before = await runMatching(h, programId, false);
    expect(before.pairs).toEqual([]);
    expect(before.unmatched.map((u) => u.participantId).sort()).toEqual([mentor.participantId, mentee.participantId].sort());

    const unknown = await patch(mentor.participantId, { topicsOffered: ['sustainability', 'knitting'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ field: 'topicsOffered.1', message: expect.stringMatching(/^"knitting" is not a topic of this program/) }]);

    const changed = await patch(mentor.participantId, { topicsOffered: ['sustainability', 'ai-tools'] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ topicsOffered: ['sustainability', 'ai-tools'], changed: ['topicsOffered'] });
    // The same values again change nothing.
    expect((await patch(mentor.participantId, { topicsOffered: ['sustainability', 'ai-tools'] })).body.changed).toEqual([]);

    const after = await runMatching(h, programId, false);
    expect(after.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([[mentor.participantId, mentee.participantId]]);
    const reasons = (after.pairs[0] as unknown as { reasons: string[] }).reasons.join(' ');
    expect(reasons).toMatch(/AI tools/);
  });

  it('refuses a repeated enrolment with other answers naming the answers that differ, and the PATCH it names makes it a repeat', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const email = `ada-${h.tag}@example.com`;
    const first = intakeInput({ programId, email, name: `Ada Answers${h.tag}`, jobTitle: 'Analyst', goals: 'Help a leader with AI tools' });
    const enrolled = await call('POST', '/participants', first);
    expect(enrolled.status).toBe(201);
    const id = enrolled.body.participantId as string;

    const next = { ...first, jobTitle: 'Head of AI', topicsOffered: ['ai-tools', 'social-media'], goals: 'Coach a board on AI tools' };
    const conflict = await call('POST', '/participants', next);
    expect(conflict.status).toBe(409);
    expect(conflict.body.issues).toEqual([
      {
        field: 'email',
        message:
          `is already enrolled in program "${programId}" (as participant ${id}, compared without letter case) with different answers in jobTitle, topicsOffered and goals; ` +
          `to change them, send them with PATCH /participants/${id} (or a ParticipantUpdated event)`,
      },
    ]);
    // Names, never values.
    expect(JSON.stringify(conflict.body)).not.toMatch(/Head of AI|Coach a board/);

    // The HR system's ParticipantEnrolled is refused with the same words, into the dead letters.
    await h.putEvent('ParticipantEnrolled', next);
    await h.advance('PT5M');
    await h.idle();
    expect(await deadLetterReasons(email)).toEqual([expect.stringContaining('with different answers in jobTitle, topicsOffered and goals; ')]);

    // The remedy works: PATCH the named answers, and the same enrolment is a repeat.
    const patched = await patch(id, { jobTitle: next.jobTitle, topicsOffered: next.topicsOffered, goals: next.goals });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect([...patched.body.changed].sort()).toEqual(['goals', 'jobTitle', 'topicsOffered']);
    const repeat = await call('POST', '/participants', next);
    expect(repeat.status, JSON.stringify(repeat.body)).toBe(200);
    expect(repeat.body.participantId).toBe(id);
  });
});
