import { describe, expect, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * QA attacker: the approval reminder sent after an unmatched person was erased said of them
 * "Waitlisted for a freed place or a new mentor", and counted them among those "put on the
 * waitlist". An erased person is never waitlisted: the reminder says they were erased and will not
 * be paired, and counts only the others.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the approval reminder after an unmatched person was erased', () => {
  it('neither promises them the waitlist nor counts them among those put on it', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ timeZone: 'Europe/London' });
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
    await enrol({ role: 'mentor', name: 'Ana Mentor', capacity: 1, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    for (const name of ['Xena Senior', 'Yves Senior'])
      await enrol({ role: 'mentee', name, topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' });
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    await h.idle();
    const run = (await call<{ unmatched: { participantId: string }[] }>('GET', `/programs/${programId}/matching/${runId}`)).body;
    expect(run.unmatched).toHaveLength(1);
    const first = flat((await h.lastEmailTo(h.admin, /^Approve matching for Test cohort/)).text);
    expect(first).toContain('1 participant stays unmatched and will be put on the waitlist.');

    expect((await call('POST', `/participants/${run.unmatched[0]!.participantId}/erase`)).status).toBe(200);
    await h.idle();
    const reminder = flat((await h.nextEmail(h.admin, /^Reminder: Approve matching for Test cohort/, 'PT6H')).text);
    expect(reminder).toContain('has proposed 1 pair; 1 unmatched participant erased since will not be paired.');
    expect(reminder).not.toContain('0 participants');
    expect(reminder).toContain('An erased participant (mentee): Erased since the proposal: they will not be paired, and are not put on the waitlist.');
    expect(reminder).not.toMatch(/An erased participant \(mentee\): [^.]*[Ww]aitlisted/);
  });

  // QA: a proposed pair whose mentee was erased read "Ana Mentor (mentor) with an erased participant
  // (mentee)" and nothing more; on approval it does not start and the mentor waits on the waitlist.
  it('says a pair whose mentee was erased will not start, and the mentor waits on the waitlist once approved', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ timeZone: 'Europe/London' });
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const ana = await h.enrol({
      programId,
      availability: weekday,
      role: 'mentor',
      name: 'Ana Mentor',
      capacity: 1,
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
    });
    await h.enrol({
      programId,
      availability: weekday,
      role: 'mentee',
      name: 'Xena Senior',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      department: 'Operations',
    });
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    await h.idle();
    const run = (await call<{ pairs: { menteeId: string }[] }>('GET', `/programs/${programId}/matching/${runId}`)).body;
    expect(run.pairs).toHaveLength(1);
    expect(flat((await h.lastEmailTo(h.admin, /^Approve matching for Test cohort/)).text)).not.toContain('will not start');

    expect((await call('POST', `/participants/${run.pairs[0]!.menteeId}/erase`)).status).toBe(200);
    await h.idle();
    const reminder = flat((await h.nextEmail(h.admin, /^Reminder: Approve matching for Test cohort/, 'PT6H')).text);
    expect(reminder).toContain('Of the pairs listed below, 1 will not start, as someone in it was erased since the proposal.');
    expect(reminder).toContain('1. Ana Mentor (mentor) with an erased participant (mentee)');
    expect(reminder).toContain(
      'This pair will not start: the mentee was erased since the proposal. If you approve, Ana Mentor keeps any other pairing they have; with none, they wait on the waitlist, first in line for the next matching run.',
    );

    let approved = 0;
    for (let i = 0; i < 60 && approved !== 200; i++) {
      approved = (await call('POST', `/programs/${programId}/matching/${runId}/approve`)).status;
      await h.idle();
    }
    expect(approved).toBe(200);
    await h.idle();
    const after = (await call<{ pairs: { notStarted?: string }[] }>('GET', `/programs/${programId}/matching/${runId}`)).body;
    expect(after.pairs[0]?.notStarted).toBe('the mentee is no longer in the program');
    type Exported = { enrolments: { profile: { status: string }; waitlist: { code?: string }[] }[] };
    const [enrolment] = (await call<Exported>('GET', `/participants/${ana.participantId}/export`)).body.enrolments;
    expect(enrolment?.profile.status).toBe('waitlisted');
    expect(enrolment?.waitlist.map((w) => w.code)).toEqual(['partner-unavailable']);
  });
});
