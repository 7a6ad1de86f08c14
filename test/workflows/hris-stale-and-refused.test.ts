import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA events5, HR events on the program bus (docs/admin-api.md, "HR systems: events on the bus"):
 * a ParticipantUpdated dated before the person's enrolment changes nothing the enrolment set and is
 * not an error (docs/lifecycle.md, "Out of order"); a pause for a pairing that has not started is
 * refused with the admin API's reason and lands in the dead letters, rather than dropped in silence.
 */
const cloud = inject('cloud');
const base = cloud.baseUrl;
const bus = new EventBridgeClient({ endpoint: base, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => bus.destroy());

type DeadLetter = { source: string; reason: string; errorCode?: string; message?: { requestPayload?: { id?: string } } };

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Puts one HR event on the program bus, dated `time` when given, and waits until the cloud is idle; returns the event id. */
async function put(type: string, detail: Record<string, unknown>, time?: Date): Promise<string> {
  const { eventBusName } = await json<{ eventBusName: string }>('/health');
  const out = await bus.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: eventBusName, Source: 'hris.example', DetailType: type, Detail: JSON.stringify(detail), ...(time ? { Time: time } : {}) }],
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
  await json('/local/idle', { method: 'POST' });
  return out.Entries![0]!.EventId!;
}

/** The dead letters of one event, after Lambda's retries have had their time. */
const deadLettersOf = async (eventId: string) =>
  (await json<DeadLetter[]>('/local/dead-letters')).filter((d) => d.source === 'lambda' && d.message?.requestPayload?.id === eventId);

const participant = (id: string) => json<Record<string, any>>(`/participants/${id}`);
const DAY = 86_400_000;

describe('HR events older than the enrolment, or that a pairing cannot take (QA events5)', () => {
  it('a ParticipantUpdated dated before the enrolment changes nothing the enrolment set and is not dead-lettered; a later one applies', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const employeeId = `E201-${h.tag}`;
    const name = `Lee Current${h.tag}`;
    const enrolledAt = await h.now();
    await put(
      'ParticipantEnrolled',
      intakeInput({ programId, role: 'mentee', name, email: `lee-${h.tag}@example.com`, employeeId, department: 'Strategy' }),
      enrolledAt,
    );
    const [stored] = await json<{ participantId: string }[]>(`/local/participants?programId=${programId}`);
    const leeId = stored!.participantId;
    await h.advance('PT1H');

    // HR's update from a month before the enrolment, delivered after it (late, or an archive replay).
    const stale = await put('ParticipantUpdated', { employeeId, name: 'Lee OldName', department: 'OldDept' }, new Date(enrolledAt.getTime() - 30 * DAY));
    const kept = await participant(leeId);
    expect(kept).toMatchObject({ name, department: 'Strategy' });
    expect(kept.fieldUpdatedAt).toBeUndefined();
    await h.advance('PT5M');
    expect(await deadLettersOf(stale)).toEqual([]);

    // The same change dated after the enrolment is HR's news: it applies.
    await put('ParticipantUpdated', { employeeId, name: 'Lee NewName', department: 'NewDept' }, await h.now());
    expect(await participant(leeId)).toMatchObject({ name: 'Lee NewName', department: 'NewDept' });
  });

  it('a manager change dated before the enrolment ends no pair, though it would put the pair in one reporting line', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const before = (await participant(mentee.participantId)).manager;
    const enrolled = Date.parse((await participant(mentee.participantId)).createdAt);
    await put('ParticipantUpdated', { participantId: mentee.participantId, manager: { email: mentor.email } }, new Date(enrolled - 7 * DAY));
    await h.advance('PT2M');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    expect((await participant(mentee.participantId)).manager).toEqual(before);
  });

  it('a PairingPauseRequested for a pairing not started yet is dead-lettered with the reason the admin API gives; the pairing is untouched', async () => {
    const h = lifecycleHarness();
    const { pairingId } = await h.pair();
    expect((await h.pairing(pairingId)).pairing.status).toBe('introduced');
    const api = await call<{ error: string }>('POST', `/pairings/${pairingId}/pause`, {});
    expect(api.status).toBe(409);

    const eventId = await put('PairingPauseRequested', { pairingId });
    await h.advance('PT5M');
    const dead = await deadLettersOf(eventId);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toBe(`PairingPauseRequested event ${eventId} was rejected: ${api.body.error}`);
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('introduced');
    expect(pairing.controls).toBeUndefined();
    expect(audit.map((a) => a.kind)).not.toContain('control-ignored');

    // Once both accept, the same request is taken.
    await h.reply(await h.lastEmailTo((await participant(pairing.mentorId)).email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo((await participant(pairing.menteeId)).email, /^Meet /), 'yes');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    await put('PairingPauseRequested', { pairingId });
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT1M', 3);
  });

  it('a pause past the end: an HR event is dead-lettered with the last day, a reply PAUSE pauses nothing and tells the person why', async () => {
    const h = lifecycleHarness();
    const now = (await h.now()).getTime();
    const day = (days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);
    const programId = await h.program({ startDate: day(-1), endDate: day(10) });
    const { mentee, pairingId } = await activePair(h, programId);
    const far = day(400);

    const eventId = await put('PairingPauseRequested', { pairingId, until: far });
    await h.advance('PT5M');
    const dead = await deadLettersOf(eventId);
    expect(dead).toHaveLength(1);
    // Six months from acceptance come after the program's end date: the pairing's own end bounds it.
    expect(dead[0]!.reason).toMatch(
      new RegExp(
        `^PairingPauseRequested event ${eventId} was rejected: Pairing ${pairingId} cannot be paused until ${far}: it comes to its end on \\d{4}-\\d\\d-\\d\\d, after the program's end date \\(${day(10)}\\)\\. Send an "until" on or before`,
      ),
    );

    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), `PAUSE until ${far}`);
    const told = await h.received(mentee.email, /was not paused/);
    expect(told.text.replace(/\s+/g, ' ')).toMatch(
      /but your pairing with \S+ comes to its end on \w+ \d+ \w+ \d{4}\. A pause cannot run past that day, so nothing was paused/,
    );
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('active');
    expect(pairing.pausedUntil).toBeUndefined();
    expect(audit.filter((a) => a.kind === 'control-ignored')).toHaveLength(1);
  });
});
