import { describe, expect, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * The matching approval as its admins read it: whom it names to ask, and what an APPROVE that comes
 * after the run closed with no answer is told (QA admin inbox: /work/qa/admininbox/REPORT.md, bugs 3
 * and 6).
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** A program with two admins, Ada and Bob, whose matching run proposes one pair and waits for their approval. */
async function proposed() {
  const h = lifecycleHarness();
  const ada = `ada-${h.admin}`;
  const bob = `bob-${h.admin}`;
  const programId = await h.program({ admins: [ada, bob], timeZone: 'Europe/London' });
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
  await enrol({ role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' });
  const started = await call('POST', `/programs/${programId}/matching`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runId = started.body.runId as string;
  await h.idle();
  const approval = (to: string, subject = /^Approve matching for Test cohort/) => h.lastEmailTo(to, subject);
  const status = async () => (await call<{ status: string }>('GET', `/programs/${programId}/matching/${runId}`)).body.status;
  return { h, ada, bob, programId, runId, approval, status };
}

describe('the matching approval', () => {
  it('names another admin to ask, never the reader, the first admin included (bug 6)', async () => {
    const { ada, bob, approval } = await proposed();
    expect(flat((await approval(ada)).text)).toContain(`or ask the program team at ${bob}.`);
    expect(flat((await approval(bob)).text)).toContain(`or ask the program team at ${ada}.`);
  });

  it('tells an admin whose APPROVE comes after the run closed with no answer that nobody was introduced, and to request matching again (bug 3)', async () => {
    const { h, ada, approval, status } = await proposed();
    const first = await approval(ada);
    const reminder = await h.nextEmail(ada, /^Reminder: Approve matching for Test cohort/, 'PT6H');
    const lastDay = /Please answer by (\w+ \d+ \w+ \d{4})/.exec(flat(reminder.text))?.[1];
    expect(lastDay, reminder.text).toBeDefined();
    await h.until(async () => (await status()) === 'not-approved', 'PT6H', 40);

    // To the reminder, and to the first email (its question closed at the first deadline): the proposal's close is named.
    for (const answered of [reminder, first]) {
      const before = (await h.emailsTo(ada)).length;
      await h.reply(answered, 'Hi team,\n\nAPPROVE\n\nSorry for the delay, Ada', { from: ada });
      await h.until(async () => (await h.emailsTo(ada)).length > before, 'PT1M', 5);
      const told = await h.lastEmailTo(ada, /^That question has already closed$/);
      const text = flat(told.text);
      expect(text).toContain(`which closed at the end of ${lastDay} with no answer from any admin, so it could not be recorded.`);
      expect(text).toContain('with no answer the proposal closed without approval, so nobody was introduced.');
      expect(text).toContain('To match these people, request matching again for a new proposal');
      expect(text).not.toContain('nothing else is needed');
    }
    expect(await status()).toBe('not-approved');
  });
});
