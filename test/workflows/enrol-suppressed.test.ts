import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { csvFile, csvRow } from '../fixtures/intake/csv-rows';
import { intakeInput } from '../fixtures/intake/participants';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { lifecycleHarness } from './harness';

/**
 * A new enrolment under an address that hard-bounced or complained is refused (docs/mail-feedback.md,
 * "New enrolments under a suppressed address"), on the local cloud: POST /participants answers
 * 409 on `email` with what happened to the address, a CSV row is refused on its `email` column, a
 * ParticipantEnrolled event is dead-lettered with the reason; nothing is stored, nothing is sent.
 */

const cloud = inject('cloud');
const base = cloud.baseUrl;
const bus = new EventBridgeClient({ endpoint: base, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => bus.destroy());

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`GET ${path} -> ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function feedback(address: string, kind: 'bounce' | 'complaint') {
  const res = await fetch(`${base}/local/mail-feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ address, kind }),
  });
  expect(res.status).toBe(202);
}

/** POST /participants as HR sends it; the status and body, whatever they are. */
async function enrolAs(body: Partial<ParticipantIntakeInput>): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${base}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(intakeInput(body)) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const participantsOf = (programId: string) => get<{ participantId: string; email: string; status: string }[]>(`/local/participants?programId=${programId}`);

/** "12 March 2026": the day of `at` in London, the intake fixture's time zone. */
const londonDay = (at: Date) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(at);

interface Job {
  status: string;
  enrolled: number;
  refused: number;
  confirmations: { sent: number; pending: number };
  rows: { line: number; status: string; participantId?: string; issues?: { column: string; message: string }[] }[];
}

describe('a new enrolment under a suppressed address is refused, naming email, with nothing stored and nothing sent', () => {
  it("POST /participants: an address that bounced in another program, and one that complained (nobody's), answer 409 on email", async () => {
    const h = lifecycleHarness();
    const first = await h.program({});
    const second = await h.program({});
    const answers = (programId: string, email: string, extra: Partial<ParticipantIntakeInput> = {}) => ({
      programId,
      email,
      name: `Nia New${h.tag}`,
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
      ...extra,
    });

    // Enrolled in the first program; the address then hard-bounces.
    const bounced = `nia-${h.tag}@example.com`;
    const nia = await enrolAs(answers(first, bounced));
    expect(nia.status).toBe(201);
    await h.idle();
    await feedback(bounced, 'bounce');
    const bouncedOn = londonDay(await h.now());
    const mailBefore = (await h.emailsTo(bounced)).length;

    // A new participant under it, in the other program (any letter case): refused, naming email.
    const refused = await enrolAs(answers(second, bounced.toUpperCase(), { name: `Other Person${h.tag}` }));
    expect(refused.status).toBe(409);
    expect(refused.body.issues).toEqual([
      { field: 'email', message: `is an address that no longer takes our email (it bounced on ${bouncedOn}): enrol the person under an address that works` },
    ]);
    expect(refused.body.error).toMatch(/^email is an address that no longer takes our email/);
    expect(JSON.stringify(refused.body)).not.toMatch(/@|Other Person|pt_/);
    expect(await participantsOf(second), 'nothing stored').toEqual([]);
    // Sent again (a retry): the same answer, still nothing stored.
    expect((await enrolAs(answers(second, bounced, { name: `Other Person${h.tag}` }))).status).toBe(409);
    expect(await participantsOf(second)).toEqual([]);

    // The same person again in the first program is the repeat it was: 200, stored as suppressed.
    const repeat = await enrolAs(answers(first, bounced));
    expect([repeat.status, repeat.body.participantId, repeat.body.status]).toEqual([200, nia.body.participantId, 'suppressed']);

    // An address that complained and was never enrolled: the complaint is named, and the way forward.
    const complained = `kai-${h.tag}@example.com`;
    await feedback(complained, 'complaint');
    const complainedOn = londonDay(await h.now());
    const kai = await enrolAs(answers(second, complained, { name: `Kai New${h.tag}` }));
    expect(kai.status).toBe(409);
    expect(kai.body.issues).toEqual([
      {
        field: 'email',
        message: `is an address that no longer takes our email (its owner marked our email as spam on ${complainedOn}): enrol the person under another address if they want to take part`,
      },
    ]);

    // A working address still enrols as ever.
    const working = await enrolAs(answers(second, `kai-new-${h.tag}@example.com`, { name: `Kai New${h.tag}` }));
    expect(working.status).toBe(201);

    await h.advance('PT1H');
    await h.idle();
    expect((await participantsOf(second)).map((p) => p.participantId)).toEqual([working.body.participantId]);
    expect((await h.emailsTo(bounced)).length, 'no confirmation to the address that bounced').toBe(mailBefore);
    expect(await h.emailsTo(complained), 'nothing to the address that complained').toEqual([]);
  });

  it('a CSV import refuses the row on its email column and enrols the others; no confirmation goes to the address', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const bounced = `csv-gone-${h.tag}@example.com`;
    await feedback(bounced, 'bounce');
    const bouncedOn = londonDay(await h.now());
    const fine = `csv-fine-${h.tag}@example.com`;
    const rows = [csvRow(1, { email: fine, employeeId: `CSV1${h.tag}` }), csvRow(2, { email: bounced, employeeId: `CSV2${h.tag}` })];

    const res = await fetch(`${base}/participants/import?programId=${programId}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csvFile(rows),
    });
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    let job: Job;
    for (;;) {
      job = await get<Job>(location);
      if (job.status === 'completed' || job.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(job).toMatchObject({ status: 'completed', enrolled: 1, refused: 1, confirmations: { sent: 1, pending: 0 } });
    expect(job.rows).toEqual([
      { line: 2, status: 'enrolled', participantId: expect.stringMatching(/^pt_/) },
      {
        line: 3,
        status: 'refused',
        issues: [
          {
            column: 'email',
            message: `is an address that no longer takes our email (it bounced on ${bouncedOn}): enrol the person under an address that works`,
          },
        ],
      },
    ]);
    expect((await participantsOf(programId)).map((p) => p.email)).toEqual([fine]);
    expect(await h.emailsTo(bounced)).toEqual([]);
    expect((await h.emailsTo(fine)).map((e) => e.subject)).toEqual([expect.stringMatching(/^You are enrolled in/)]);
  });

  it('a ParticipantEnrolled event under an address that complained is rejected with the reason (dead-lettered after the retries)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const complained = `hris-gone-${h.tag}@example.com`;
    await feedback(complained, 'complaint');
    const { eventBusName } = await get<{ eventBusName: string }>('/health');
    const out = await bus.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: eventBusName,
            Source: 'hris.example',
            DetailType: 'ParticipantEnrolled',
            Detail: JSON.stringify(intakeInput({ programId, email: complained, name: `Hana Hris${h.tag}` })),
          },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
    const eventId = out.Entries![0]!.EventId!;
    await h.idle();
    await h.advance('PT5M');
    await h.idle();
    const letters = (await get<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).filter(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === eventId,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toMatch(
      new RegExp(
        `^ParticipantEnrolled event ${eventId} was rejected: email is an address that no longer takes our email \\(its owner marked our email as spam on `,
      ),
    );
    expect(await participantsOf(programId)).toEqual([]);
    expect(await h.emailsTo(complained)).toEqual([]);
  });

  it('a ParticipantUpdated moving someone still taking part to an address that bounced is rejected with the reason; their address stays', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentee', name: `Uma Update${h.tag}` });
    const bounced = `uma-old-box-${h.tag}@example.com`;
    await feedback(bounced, 'bounce');
    await h.putEvent('ParticipantUpdated', { participantId: person.participantId, email: bounced, department: 'Legal' });
    await h.advance('PT5M');
    await h.idle();
    const letters = (
      await get<{ source: string; reason: string; message?: { requestPayload?: { detail?: { participantId?: string } } } }[]>('/local/dead-letters')
    ).filter((d) => d.source === 'lambda' && d.message?.requestPayload?.detail?.participantId === person.participantId);
    expect(letters.map((l) => l.reason)).toContainEqual(
      expect.stringMatching(/^ParticipantUpdated event \S+ was rejected: email is an address that no longer takes our email \(it bounced on /),
    );
    const [stored] = (await participantsOf(programId)) as { email: string; status: string; department?: string }[];
    expect(stored).toMatchObject({ email: person.email, status: 'enrolled' });
    expect(stored!.department).not.toBe('Legal');
    expect(await h.emailsTo(bounced)).toEqual([]);
  });
});
