import { describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { csvFile, csvRow } from '../fixtures/intake/csv-rows';
import { intakeInput } from '../fixtures/intake/participants';
import { activePair, type Harness, lifecycleHarness } from './harness';

/**
 * What a new enrolment checks beyond the person, on the local cloud, through every channel (the
 * HTTP intake, `ParticipantEnrolled`, a CSV import): a running pair it puts in one reporting line
 * ends as after a manager change (QA events3), and an employee id another program holds under
 * another address is refused (QA attacker3) unless its holder left, was suppressed or was erased.
 */
const cloud = inject('cloud');
const base = cloud.baseUrl;

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`GET ${path} -> ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function enrolAs(body: Partial<ParticipantIntakeInput>): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${base}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(intakeInput(body)) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

interface ImportJob {
  status: string;
  rows: { line: number; status: string; participantId?: string; issues?: { column: string; message: string }[] }[];
}

/** Imports a CSV into the program and waits (bounded by the test's timeout) until the job is done. */
async function imported(programId: string, csv: string): Promise<ImportJob> {
  const res = await fetch(`${base}/participants/import?programId=${programId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  expect(res.status).toBe(202);
  const location = res.headers.get('location')!;
  for (;;) {
    const job = (await (await fetch(`${base}${location}`)).json()) as ImportJob;
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type Published = { event: { 'detail-type': string; detail: Record<string, unknown> } };
async function endedEvents(pairingId: string): Promise<Record<string, unknown>[]> {
  return (await get<Published[]>('/local/events'))
    .filter((e) => e.event['detail-type'] === 'PairingEnded' && e.event.detail.pairingId === pairingId)
    .map((e) => e.event.detail);
}

async function deadLetterReasons(eventId: (id: string | undefined) => boolean): Promise<string[]> {
  const letters =
    await get<{ source: string; reason: string; message?: { requestPayload?: { id?: string; detail?: { email?: string } } } }[]>('/local/dead-letters');
  return letters.filter((d) => d.source === 'lambda' && eventId(d.message?.requestPayload?.detail?.email)).map((d) => d.reason);
}

/**
 * An active pair whose mentor's manager field names an address nobody holds (`mentor-boss-<tag>@`,
 * the harness's): whoever is enrolled under it reporting to the mentee closes the line.
 */
async function pairBelowAnAbsentManager(h: Harness) {
  const pair = await activePair(h);
  expect((await h.pairing(pair.pairingId)).pairing.status).toBe('active');
  return { ...pair, absentManager: `mentor-boss-${h.tag}@example.com` };
}

/** Ended within the simulated minute, for the reason a manager change gives, both told kindly and rematched. */
async function endedForTheReportingLine(h: Harness, pair: Awaited<ReturnType<typeof pairBelowAnAbsentManager>>) {
  await h.until(async () => (await h.pairing(pair.pairingId)).pairing.status === 'ended', 'PT1M', 3);
  expect((await h.pairing(pair.pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'reporting-line-changed' });
  expect(await endedEvents(pair.pairingId)).toEqual([expect.objectContaining({ reason: 'reporting-line-changed' })]);
  for (const who of [pair.mentor.email, pair.mentee.email]) {
    const ended = await h.received(who, /has ended/);
    expect(ended.text).toMatch(/Circumstances changed/);
    expect(ended.text).not.toMatch(/asked to end|decided to close/i);
  }
}

describe('a new enrolment that puts a running pair in one reporting line ends it (QA events3)', () => {
  it('through the HTTP intake; the same request again ends nothing twice', async () => {
    const h = lifecycleHarness();
    const pair = await pairBelowAnAbsentManager(h);
    const carla = {
      programId: pair.programId,
      role: 'mentor' as const,
      name: `Carla Chain${h.tag}`,
      email: pair.absentManager,
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
      manager: { email: pair.mentee.email.toUpperCase() },
    };
    const enrolled = await enrolAs(carla);
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    await endedForTheReportingLine(h, pair);
    const again = await enrolAs(carla);
    expect(again.status).toBe(200);
    await h.idle();
    await h.advance('PT1M');
    await h.idle();
    expect(await endedEvents(pair.pairingId)).toHaveLength(1);
    for (const who of [pair.mentor.email, pair.mentee.email]) expect((await h.emailsTo(who)).filter((e) => /has ended/.test(e.subject))).toHaveLength(1);
  });

  it('through a ParticipantEnrolled event from the HR system', async () => {
    const h = lifecycleHarness();
    const pair = await pairBelowAnAbsentManager(h);
    await h.putEvent(
      'ParticipantEnrolled',
      intakeInput({
        programId: pair.programId,
        role: 'mentee',
        name: `Carla Chain${h.tag}`,
        email: pair.absentManager,
        topicsOffered: ['strategy'],
        topicsWanted: ['ai-tools'],
        manager: { email: pair.mentee.email },
      }),
    );
    await endedForTheReportingLine(h, pair);
  });

  it('through a CSV import', async () => {
    const h = lifecycleHarness();
    const pair = await pairBelowAnAbsentManager(h);
    const job = await imported(
      pair.programId,
      csvFile([
        csvRow(50_001, { email: `someone-${h.tag}@example.com`, employeeId: `CH1${h.tag}` }),
        csvRow(50_002, { email: pair.absentManager, employeeId: `CH2${h.tag}`, managerEmail: pair.mentee.email }),
      ]),
    );
    expect(job.rows.map((r) => r.status)).toEqual(['enrolled', 'enrolled']);
    await endedForTheReportingLine(h, pair);
  });
});

describe('an employee id another program holds under another address is refused (QA attacker3)', () => {
  it('with 409 on employeeId saying what to do; the same person (same address, any case) joins the other program', async () => {
    const h = lifecycleHarness();
    const pilot = await h.program({});
    const other = await h.program({});
    const employeeId = `EMP-${h.tag}`;
    const ada = await enrolAs({ programId: pilot, email: `ada-${h.tag}@example.com`, employeeId });
    expect(ada.status).toBe(201);
    const bob = await enrolAs({ programId: other, name: 'Bob Stone', email: `bob-${h.tag}@example.com`, employeeId: ` ${employeeId.toLowerCase()}` });
    expect(bob.status).toBe(409);
    expect(bob.body.issues).toEqual([
      {
        field: 'employeeId',
        message: `is already enrolled in program "${pilot}" under another email: one employee id is one person. If they moved address, send it first with PATCH /participants/${ada.body.participantId} (or a ParticipantUpdated event); else correct the employee id`,
      },
    ]);
    expect(await get<unknown[]>(`/local/participants?programId=${other}`)).toEqual([]);
    expect(await h.emailsTo(`bob-${h.tag}@example.com`)).toEqual([]);
    // Ada herself, in other letters, joins the other program.
    const same = await enrolAs({ programId: other, email: `ADA-${h.tag}@example.com`, employeeId });
    expect(same.status, JSON.stringify(same.body)).toBe(201);
  });

  it('as a rejected ParticipantEnrolled event and a refused import row', async () => {
    const h = lifecycleHarness();
    const pilot = await h.program({});
    const other = await h.program({});
    const employeeId = `EVT-${h.tag}`;
    expect((await enrolAs({ programId: pilot, email: `ada-${h.tag}@example.com`, employeeId })).status).toBe(201);
    const bob = `bob-${h.tag}@example.com`;
    await h.putEvent('ParticipantEnrolled', intakeInput({ programId: other, name: 'Bob Stone', email: bob, employeeId }));
    await h.advance('PT5M');
    await h.idle();
    expect(await deadLetterReasons((email) => email === bob)).toEqual([
      expect.stringMatching(
        new RegExp(`^ParticipantEnrolled event \\S+ was rejected: employeeId is already enrolled in program "${pilot}" under another email`),
      ),
    ]);
    const job = await imported(other, csvFile([csvRow(50_101, { email: `dan-${h.tag}@example.com`, employeeId })]));
    expect(job.rows).toEqual([
      {
        line: 2,
        status: 'refused',
        issues: [
          {
            column: 'employeeId',
            message: expect.stringMatching(
              /^is already enrolled in program .* send it first with PATCH \/participants\/pt_\w+ \(or a ParticipantUpdated event\); else correct the employee id$/,
            ),
          },
        ],
      },
    ]);
    expect(await get<unknown[]>(`/local/participants?programId=${other}`)).toEqual([]);
  });

  it('never for someone coming back: a holder who left, was suppressed, or was erased', async () => {
    const h = lifecycleHarness();
    const pilot = await h.program({});
    const other = await h.program({});
    // Left the organisation, re-hired under a new address into another program.
    const left = await enrolAs({ programId: pilot, email: `lena-${h.tag}@example.com`, employeeId: `L-${h.tag}` });
    await h.putEvent('ParticipantLeft', { participantId: left.body.participantId });
    expect((await get<{ status: string }>(`/participants/${left.body.participantId}`)).status).toBe('left');
    expect((await enrolAs({ programId: other, email: `lena-new-${h.tag}@example.com`, employeeId: `L-${h.tag}` })).status).toBe(201);
    // Suppressed (a hard bounce), back under a working address in another program.
    const bounced = await enrolAs({ programId: pilot, email: `sue-${h.tag}@example.com`, employeeId: `S-${h.tag}` });
    const fed = await fetch(`${base}/local/mail-feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: `sue-${h.tag}@example.com`, kind: 'bounce' }),
    });
    expect(fed.status).toBe(202);
    await h.idle();
    expect((await get<{ status: string }>(`/participants/${bounced.body.participantId}`)).status).toBe('suppressed');
    expect((await enrolAs({ programId: other, email: `sue-new-${h.tag}@example.com`, employeeId: `S-${h.tag}` })).status).toBe(201);
    // Erased: nothing of them blocks anyone.
    const erased = await enrolAs({ programId: pilot, email: `eve-${h.tag}@example.com`, employeeId: `X-${h.tag}` });
    expect((await fetch(`${base}/participants/${erased.body.participantId}/erase`, { method: 'POST' })).status).toBe(200);
    await h.idle();
    expect((await enrolAs({ programId: other, email: `xena-${h.tag}@example.com`, employeeId: `X-${h.tag}` })).status).toBe(201);
  });
});
