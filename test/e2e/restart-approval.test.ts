import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb';
import { lifecycleHarness } from '../workflows/harness';
import { type Cohort, exited, startCloud, startCohorts } from './cloud-process';
import { approvalClosesAt, reminderDueAt } from '../../functions/domain/approval-deadline';

const REGION = 'eu-west-1';
const HOUR = 3_600_000;

describe('crossgen local --data: a matching run waiting for approval keeps its deadlines across restarts', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-restart-approval-'));
  let current: ChildProcess | undefined;
  afterAll(async () => {
    if (current) await exited(current, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // A bound, not a measure: three cloud starts and eight simulated days on a machine that may be busy.
  it('reminds on the 3rd working day after the ask and ends as Not approved when the 4th working day after the reminder is over, one reminder only; an approval after the restart still starts the pairs', {
    timeout: 900_000,
  }, async () => {
    const port = await freePort();
    const restart = async () => {
      // kill -9: nothing gets to clean up or save on the way out.
      if (current) await exited(current, 'SIGKILL');
      // The clock stands between the test's moves: the waits count from the moment the run asked,
      // stamped before its emails go out, and SES dates each email as it leaves (in whole seconds).
      // With the clock flowing, a request slow to send on a busy machine is dated a second or more
      // after that moment, and its reminder, on time, looked early against it.
      const cloud = startCloud(dataDir, port, { speed: 0 });
      current = cloud.child;
      return cloud.ready;
    };
    const baseUrl = await restart();
    const h = lifecycleHarness({ baseUrl, region: REGION });
    // The whole mailbox, read afresh (the harness keeps what it saw, which would hide a duplicate).
    const mailbox = async () => (await (await fetch(`${baseUrl}/local/emails`)).json()) as Awaited<ReturnType<typeof h.emails>>;
    const to = async (address: string, subject: RegExp) => (await mailbox()).filter((e) => e.to.includes(address) && subject.test(e.subject));
    const REQUEST = /^Approve matching for/;
    const REMINDER = /^Reminder: Approve matching for/;

    // Two programs: the silent one never answers, the late one approves after the restarts.
    const cohorts = await startCohorts(h, baseUrl, ['silent', 'late']);
    const [silent, late] = cohorts as [Cohort, Cohort];
    await h.until(async () => (await to(silent.admin, REQUEST)).length > 0 && (await to(late.admin, REQUEST)).length > 0, 'PT1M', 120);
    const askedAt = Date.parse((await to(silent.admin, REQUEST))[0]!.sentAt);
    // The waits count the program's working days in its time zone (functions/domain/approval-deadline.ts).
    const program = (await (await fetch(`${baseUrl}/programs/${silent.programId}`)).json()) as { timeZone: string; nonWorkingDays?: string[] };
    const calendar = { timeZone: program.timeZone, nonWorkingDays: program.nonWorkingDays ?? [] };
    const remindDue = reminderDueAt(new Date(askedAt), 3, calendar).getTime();

    // A restart while the first request waits: the reminder still goes out 3 working days after the ask.
    await h.advance('P1D');
    await restart();
    await h.idle();
    expect(await to(silent.admin, REQUEST)).toHaveLength(1);
    await h.until(async () => (await to(silent.admin, REMINDER)).length > 0, 'PT1H', 24 * 7);
    const reminded = Date.parse((await to(silent.admin, REMINDER))[0]!.sentAt);
    expect(reminded).toBeGreaterThanOrEqual(remindDue - 1000);
    expect(reminded, 'the reminder waits 3 working days from the ask, not from the restart').toBeLessThan(remindDue + HOUR);
    const closesAt = approvalClosesAt(new Date(reminded), 4, calendar).getTime();

    // A restart after the reminder went out: nobody is reminded again.
    await h.advance('P1D');
    await restart();
    await h.idle();
    expect(await to(silent.admin, REMINDER)).toHaveLength(1);
    expect(await to(late.admin, REMINDER)).toHaveLength(1);

    // The late admin's reply to the reminder still approves the run.
    const lateReminder = (await to(late.admin, REMINDER))[0]!;
    expect(await h.reply(lateReminder, 'APPROVE')).toMatchObject({ result: { outcomes: [{ outcome: 'recorded' }] } });
    const introduced = async (c: Cohort) => (await Promise.all(c.people.map(async (who) => (await to(who.email, /^Meet /)).length > 0))).every(Boolean);

    // The silent run ends as Not approved when the 4th working day after the reminder is over, not later.
    const execution = async () => (await h.executionsOf(silent.runId))[0]!;
    await h.until(
      async () => {
        expect(await to(silent.admin, REMINDER), 'no second reminder, at any moment').toHaveLength(1);
        return (await execution()).status !== 'RUNNING';
      },
      'PT1H',
      24 * 9,
    );
    const ended = await execution();
    expect(ended.status, await h.failure(ended.executionArn)).toBe('SUCCEEDED');
    const stoppedAt = await h.now();
    expect(stoppedAt.getTime(), 'ends at the original deadline').toBeLessThanOrEqual(closesAt + 2 * HOUR);
    expect(stoppedAt.getTime()).toBeGreaterThanOrEqual(closesAt);
    const run = (await (await fetch(`${baseUrl}/programs/${silent.programId}/matching/${silent.runId}`)).json()) as { status: string };
    expect(run.status).toBe('not-approved');
    const history = await h.history(ended.executionArn);
    expect(history.some((e) => e.details?.name === 'Not approved')).toBe(true);

    // One request and one reminder each, all along; the approved run started its pairs.
    await h.until(() => introduced(late), 'PT1H', 24 * 8);
    expect(await introduced(silent)).toBe(false);
    for (const c of [silent, late]) {
      expect(await to(c.admin, REQUEST)).toHaveLength(1);
      expect(await to(c.admin, REMINDER)).toHaveLength(1);
    }
  });
});
