import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb';
import { lifecycleHarness } from '../workflows/harness';
import { exited, startCloud } from './cloud-process';

const REGION = 'eu-west-1';

/**
 * An admin in a proposed pair is told once per run that they cannot approve it (docs/decisions.md,
 * "An admin in a proposed pair does not approve it"), also when the run asks again: the ask run
 * again from its first state (a local cloud restarted, docs/local.md "Restarts") and the reminder
 * tell them nothing more, while the admin free to approve keeps their request, is reminded, and
 * approves.
 */
describe('crossgen local --data: an admin in a proposed pair is told once, across a restart and the reminder', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-restart-conflict-'));
  let current: ChildProcess | undefined;
  afterAll(async () => {
    if (current) await exited(current, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks the free admin once and reminds them once; the admin in a pair gets one email in all; the free admin’s approval starts the pairs', {
    timeout: 900_000,
  }, async () => {
    const port = await freePort();
    const restart = async () => {
      if (current) await exited(current, 'SIGKILL');
      const cloud = startCloud(dataDir, port, { speed: 0 });
      current = cloud.child;
      return cloud.ready;
    };
    const baseUrl = await restart();
    const h = lifecycleHarness({ baseUrl, region: REGION });
    const mailbox = async () => (await (await fetch(`${baseUrl}/local/emails`)).json()) as Awaited<ReturnType<typeof h.emails>>;
    const to = async (address: string, subject: RegExp) => (await mailbox()).filter((e) => e.to.includes(address) && subject.test(e.subject));
    const REQUEST = /^Approve matching for/;
    const REMINDER = /^Reminder: Approve matching for/;
    const CONFLICT = /awaits approval: you are in a proposed pair/;

    const ada = `ada-${h.tag}@example.com`;
    const bob = `bob-${h.tag}@example.com`;
    const programId = await h.program({ admins: [ada, bob] });
    await h.enrol({ programId, role: 'mentor', name: 'Ada Admin', email: ada, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    const mentee = await h.enrol({ programId, role: 'mentee', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], timeZone: 'Europe/Berlin' });
    const res = await fetch(`${baseUrl}/programs/${programId}/matching`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(202);
    await h.until(async () => (await to(bob, REQUEST)).length > 0 && (await to(ada, CONFLICT)).length > 0, 'PT1M', 120);

    // The ask run again after a restart: nobody is emailed again.
    await h.advance('P1D');
    await restart();
    await h.idle();
    expect(await to(bob, REQUEST)).toHaveLength(1);
    expect(await to(ada, CONFLICT)).toHaveLength(1);

    // The reminder reminds Bob only; Ada, told already, gets nothing more, and never a request.
    await h.until(async () => (await to(bob, REMINDER)).length > 0, 'PT1H', 24 * 5);
    await h.idle();
    expect(await to(ada, CONFLICT)).toHaveLength(1);
    expect(await to(ada, REQUEST)).toEqual([]);
    expect(await to(ada, REMINDER)).toEqual([]);

    // Bob approves by replying to the reminder: the pair starts.
    expect(await h.reply((await to(bob, REMINDER))[0]!, 'APPROVE')).toMatchObject({ result: { outcomes: [{ outcome: 'recorded' }] } });
    await h.until(async () => (await to(mentee.email, /^Meet /)).length > 0, 'PT1H', 24 * 4); // an approval after Friday's send window is introduced on Monday
    expect(await to(ada, CONFLICT)).toHaveLength(1);
  });
});
