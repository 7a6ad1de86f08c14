import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * ParticipantUpdated as an HR system puts it on the program bus (docs/lifecycle.md, "When HR
 * changes a participant"), on the local cloud: the change is stored, a pair it rules out ends
 * within the minute and both are rematched, and later emails follow the new details.
 */
const cloud = inject('cloud');
const base = cloud.baseUrl;
const bus = new EventBridgeClient({ endpoint: base, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => bus.destroy());

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Puts one HR event on the program bus and waits until the cloud is idle; returns the event id. */
async function put(type: string, detail: Record<string, unknown>, time?: Date): Promise<string> {
  const { eventBusName } = await json<{ eventBusName: string }>('/health');
  const out = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: 'hris.example',
          DetailType: type,
          Detail: JSON.stringify(detail),
          ...(time ? { Time: time } : {}),
        },
      ],
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
  await json('/local/idle', { method: 'POST' });
  return out.Entries![0]!.EventId!;
}

/** One ParticipantUpdated, as put does. */
const update = (detail: Record<string, unknown>, time?: Date) => put('ParticipantUpdated', detail, time);

type Published = { event: { 'detail-type': string; detail: Record<string, unknown> } };
async function published(type: string, pairingId: string): Promise<Record<string, unknown> | undefined> {
  const log = await json<Published[]>('/local/events');
  return log.find((e) => e.event['detail-type'] === type && (e.event.detail.pairingId === pairingId || e.event.detail.previousPairingId === pairingId))?.event
    .detail;
}

const participant = (id: string) => json<Record<string, any>>(`/participants/${id}`);

async function startedPair(h: ReturnType<typeof lifecycleHarness>, programId?: string) {
  const p = await activePair(h, programId);
  expect((await h.pairing(p.pairingId)).pairing.status).toBe('active');
  return p;
}

/** Ends within the simulated minute: checked now, and once more after one simulated minute at most. */
async function endsWithinAMinute(h: ReturnType<typeof lifecycleHarness>, pairingId: string) {
  await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 2);
}

const localTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describe('ParticipantUpdated on the local cloud', () => {
  it('a new manager that puts the pair in one reporting line ends it within the minute, tells both kindly, and rematches both', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await startedPair(h);
    // HR moves the senior leader under the early-career mentor.
    await update({ participantId: mentee.participantId, manager: { email: mentor.email } });
    await endsWithinAMinute(h, pairingId);
    expect((await participant(mentee.participantId)).manager).toEqual({ email: mentor.email });
    const { pairing } = await h.pairing(pairingId);
    expect(pairing).toMatchObject({ status: 'ended', statusReason: 'reporting-line-changed' });
    expect(await published('PairingEnded', pairingId)).toMatchObject({ reason: 'reporting-line-changed' });
    const rematch = await published('RematchRequested', pairingId);
    expect(rematch).toMatchObject({ reason: 'reporting-line-changed' });
    expect([...(rematch!.participantIds as string[])].sort()).toEqual([mentor.participantId, mentee.participantId].sort());
    // Both are told, in their own working hours, without blame, that a new partner is being found.
    for (const who of [mentor.email, mentee.email]) {
      const ended = await h.received(who, /has ended/);
      expect(ended.text).toMatch(/Circumstances changed/);
      expect(ended.text).toMatch(/looking for a new partner for you/);
      expect(ended.text).not.toMatch(/asked to end|decided to close|finding time to meet/i);
    }
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
  });

  it("a new manager given to one enrolment is the person's in every program: a pair in another program that it puts in one reporting line ends too (QA multiprog)", async () => {
    const h = lifecycleHarness();
    const beta = await h.program({});
    const { mentor, mentee, pairingId } = await startedPair(h, beta);
    // The senior leader is enrolled in a second program too, under the same address.
    const alpha = await h.program({});
    const inAlpha = await h.enrol({ programId: alpha, role: 'mentee', email: mentee.email, topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });
    // HR's system names the Alpha enrolment: their new manager is their Beta mentor.
    await update({ participantId: inAlpha.participantId, manager: { email: mentor.email } });
    await endsWithinAMinute(h, pairingId);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'reporting-line-changed' });
    expect((await participant(mentee.participantId)).manager).toEqual({ email: mentor.email });
    expect((await participant(inAlpha.participantId)).manager).toEqual({ email: mentor.email });
  });

  it("a new address given to one enrolment is the person's in every program: the other program mails it, and a later leave still ends the pair there (QA events3)", async () => {
    const h = lifecycleHarness();
    const beta = await h.program({});
    const { mentee, pairingId } = await startedPair(h, beta);
    const alpha = await h.program({});
    const inAlpha = await h.enrol({ programId: alpha, role: 'mentee', email: mentee.email, topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });
    const moved = `moved-${h.tag}@example.com`;
    await update({ participantId: inAlpha.participantId, email: moved, name: `Sam Moved${h.tag}` });
    for (const id of [inAlpha.participantId, mentee.participantId]) expect(await participant(id)).toMatchObject({ email: moved, name: `Sam Moved${h.tag}` });
    // HR's leaver event names the Alpha enrolment: the Beta pair ends too, the partner told.
    await put('ParticipantLeft', { participantId: inAlpha.participantId });
    await endsWithinAMinute(h, pairingId);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'participant-left' });
    expect((await participant(mentee.participantId)).status).toBe('left');
  });

  it('an HR system that knows only the employee id updates every enrolment under it; an id nobody holds is rejected with the reason (QA events3)', async () => {
    const h = lifecycleHarness();
    const employeeId = `EU-${h.tag}`;
    const alpha = await h.program({});
    const beta = await h.program({});
    const email = `eu-${h.tag}@example.com`;
    const a = await h.enrol({ programId: alpha, role: 'mentor', email, employeeId, topicsOffered: ['ai-tools'], languages: ['en'] });
    const b = await h.enrol({ programId: beta, role: 'mentor', email, employeeId, topicsOffered: ['ai-tools'], languages: ['en'] });
    await update({ employeeId, languages: ['en', 'de'], department: 'Digital Office' });
    for (const id of [a.participantId, b.participantId]) expect(await participant(id)).toMatchObject({ languages: ['en', 'de'], department: 'Digital Office' });
    const eventId = await update({ employeeId: `NOBODY-${h.tag}`, department: 'Nowhere' });
    await h.advance('PT5M');
    const letter = (await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).find(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === eventId,
    );
    expect(letter?.reason).toContain('employeeId names an employee id nobody is enrolled under');
    expect(letter?.reason).not.toContain(`NOBODY-${h.tag}`);
  });

  it("a new time zone and name apply from the next email: the next check-in comes in the new zone's send window (09:00-11:00)", async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId } = await startedPair(h);
    await update({
      participantId: mentor.participantId,
      timeZone: 'Asia/Singapore',
      name: `Maya Moved${h.tag}`,
      languages: ['en', 'ms'],
      availability: [{ day: 'wed', start: '13:00', end: '15:00' }],
    });
    expect(await participant(mentor.participantId)).toMatchObject({
      timeZone: 'Asia/Singapore',
      name: `Maya Moved${h.tag}`,
      languages: ['en', 'ms'],
      availability: [{ day: 'wed', start: '13:00', end: '15:00' }],
    });
    const checkIn = await h.nextEmail(mentor.email, /^Check-in:/);
    // The pairing's own moment in the program's send window (sendWindowMinutes, 120 by default), in Singapore now.
    expect(localTime(checkIn.sentAt, 'Asia/Singapore')).toMatch(/^(Mon|Tue|Wed|Thu|Fri) (09|10):\d\d$/);
    expect(checkIn.text).toMatch(/\bMaya\b/);
    expect(checkIn.text).not.toMatch(/\bMia\b/);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
  });

  it('a new department that breaks the "not the same department" rule ends the pair and rematches both', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ matching: { rules: { notSameDepartment: true } } });
    const { mentor, mentee, pairingId } = await startedPair(h, programId);
    // The mentee is in Operations; the mentor moves there (written differently).
    await update({ participantId: mentor.participantId, department: ' operations ' });
    await endsWithinAMinute(h, pairingId);
    expect((await participant(mentor.participantId)).department).toBe('operations');
    expect((await h.pairing(pairingId)).pairing.statusReason).toBe('department-changed');
    const rematch = await published('RematchRequested', pairingId);
    expect([...(rematch!.participantIds as string[])].sort()).toEqual([mentor.participantId, mentee.participantId].sort());
    await h.received(mentee.email, /has ended/);
  });

  it('a re-hire whose details HR updated is enrolled again with their current answers, by event or API; so is one back under a new address with the same employee id', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const rita = { programId, email: `rita-${h.tag}@example.com`, employeeId: `ER-${h.tag}` };
    const first = await h.enrol(rita);
    await h.putEvent('ParticipantLeft', { participantId: first.participantId });
    await update({ participantId: first.participantId, department: 'Marketing' });
    await h.putEvent('ParticipantEnrolled', intakeInput({ ...rita, department: 'Marketing' }));
    expect(await participant(first.participantId)).toMatchObject({ status: 'enrolled', department: 'Marketing' });
    // The same answers by the API are a repeat: the same person, one more confirmation only for the rejoining.
    expect(await h.enrol({ ...rita, department: 'Marketing' })).toMatchObject({ participantId: first.participantId, status: 'enrolled' });
    await h.idle();
    expect((await h.emailsTo(rita.email)).filter((e) => /^You are enrolled/.test(e.subject))).toHaveLength(2);

    const mary = { programId, email: `mary-${h.tag}@example.com`, employeeId: `EM-${h.tag}` };
    const before = await h.enrol(mary);
    await h.putEvent('ParticipantLeft', { participantId: before.participantId });
    const newAddress = `mary.jackson-${h.tag}@example.com`;
    expect(await h.enrol({ ...mary, email: newAddress })).toMatchObject({ participantId: before.participantId, status: 'enrolled' });
    expect(await participant(before.participantId)).toMatchObject({ status: 'enrolled', email: newAddress });
    await h.received(newAddress, /^You are enrolled/);
  });

  it('an older update delivered after a newer one (out of order, or an archive replay) does not undo it', async () => {
    const h = lifecycleHarness();
    const { mentee } = await h.pair();
    const enrolled = await h.now();
    await h.advance('PT3H');
    const now = await h.now();
    await update({ participantId: mentee.participantId, name: `Ola Newer${h.tag}`, timeZone: 'Europe/Oslo' }, now);
    // After the enrolment, before the newer update: what nobody set since (the department) applies.
    await update(
      { participantId: mentee.participantId, name: `Ola Older${h.tag}`, timeZone: 'America/New_York', department: 'Strategy' },
      new Date(enrolled.getTime() + 3_600_000),
    );
    expect(await participant(mentee.participantId)).toMatchObject({ name: `Ola Newer${h.tag}`, timeZone: 'Europe/Oslo', department: 'Strategy' });
  });

  it('a new address: the next emails go there, a reply from it to a question sent before counts, the old one is free, and an address of someone else is refused', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, programId } = await startedPair(h);
    const asked = await h.nextEmail(mentor.email, /^Check-in:/);
    const moved = `mia.married-${h.tag}@example.com`;
    await update({ participantId: mentor.participantId, email: moved });
    expect((await participant(mentor.participantId)).email).toBe(moved);
    // The check-in went to the old mailbox; an unclear reply from the new one is asked again there.
    await h.reply(asked, 'hmm, let me think', { from: moved });
    await h.received(moved, /^Could you say that again\?/);
    // The answer comes from the new one, and counts.
    await h.reply(asked, 'yes 4', { from: moved });
    await h.until(
      async () => (await h.pairing(pairingId)).checkIns.length >= 1 || (await h.pairing(pairingId)).pairing.round?.answers?.mentor !== undefined,
      'PT1H',
      3,
    );
    expect((await h.emailsTo(moved)).some((e) => /not (?:recorded|from)/i.test(e.subject))).toBe(false);
    const next = await h.nextEmail(moved, /^Check-in:/);
    expect(next.to).toEqual([moved]);
    // The old address is free: it may enrol again, as a new person.
    const again = await h.enrol({ programId, email: mentor.email, role: 'mentor' });
    expect(again.participantId).not.toBe(mentor.participantId);
    // ...and acts for the mentor no more: its STOP to the mentor's old introduction changes nothing,
    // and the mentor hears of it at the address they have now.
    const status = (await participant(mentor.participantId)).status;
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'STOP');
    await h.received(moved, /^A reply from another address was not recorded$/);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    expect((await participant(mentor.participantId)).status).toBe(status);
    expect((await h.emailsTo(mentor.email)).some((e) => /not (?:recorded|understand)/i.test(e.subject))).toBe(false);
    // Someone else's address is a mistake for HR to see: dead-lettered with the reason, nothing changed.
    const taken = await update({ participantId: mentee.participantId, email: moved.toUpperCase() });
    await h.advance('PT5M');
    const letter = (await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).find(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === taken,
    );
    expect(letter?.reason).toContain(`email is already enrolled in program "${programId}" as participant ${mentor.participantId}`);
    expect((await participant(mentee.participantId)).email).toBe(mentee.email);
  });

  it('an email held for working hours goes to the address HR gave meanwhile, never to the old one', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId } = await startedPair(h);
    // In the evening, after working hours in London (the mentor's zone) and Berlin: the pause notice waits for the morning.
    const now = await h.now();
    const evening = new Date(now);
    evening.setUTCHours(19, 30, 0, 0);
    if (evening.getTime() <= now.getTime()) evening.setUTCDate(evening.getUTCDate() + 1);
    await h.advance(`PT${Math.ceil((evening.getTime() - now.getTime()) / 60_000)}M`);
    const res = await fetch(`${base}/pairings/${pairingId}/pause`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(202);
    await h.idle();
    const pending = (await h.pairing(pairingId)).outbox.filter((o) => o.status === 'pending' && o.kind === 'email');
    expect(pending.length, 'the pause notices are held for working hours').toBeGreaterThanOrEqual(2);
    const moved = `mia.moved-${h.tag}@example.com`;
    await update({ participantId: mentor.participantId, email: moved });
    const note = await h.received(moved, /is paused until/);
    expect(note.to).toEqual([moved]);
    expect((await h.emailsTo(mentor.email)).some((e) => /is paused until/.test(e.subject))).toBe(false);
  });

  it("HR changes one mentor's capacity: stored, her running pairing carries on; a mentee's above 1 is refused with the reason (QA)", async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await startedPair(h);
    await update({ participantId: mentor.participantId, capacity: 3 });
    expect((await participant(mentor.participantId)).capacity).toBe(3);
    await update({ participantId: mentor.participantId, capacity: 1 });
    expect((await participant(mentor.participantId)).capacity).toBe(1);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    const refused = await update({ participantId: mentee.participantId, capacity: 2 });
    await h.advance('PT5M');
    const letter = (await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).find(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === refused,
    );
    expect(letter?.reason).toMatch(/capacity/);
    expect((await participant(mentee.participantId)).capacity ?? 1).toBe(1);
  });

  it('an invalid update is rejected with its reason: after Lambda retries it is in the dead-letter queue, nothing changed', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await startedPair(h);
    const eventId = await update({ participantId: mentee.participantId, timeZone: 'Atlantis/Capital', manager: { email: mentee.email } });
    await h.advance('PT5M');
    const letters = (await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).filter(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === eventId,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toBe(`ParticipantUpdated event ${eventId} was rejected: timeZone must be an IANA time zone such as "Europe/Berlin"`);
    // A valid shape naming the participant as their own manager is refused as well, with that reason.
    const selfId = await update({ participantId: mentee.participantId, manager: { email: mentee.email.toUpperCase() } });
    await h.advance('PT5M');
    const self = (await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).find(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === selfId,
    );
    expect(self?.reason).toMatch(/was rejected: manager\.email is the participant's own email: a person cannot be their own manager/);
    // A field fixed at enrolment: the reason PATCH /participants/{id} gives, not "role is not a known field".
    const roleId = await update({ participantId: mentee.participantId, role: 'mentor' });
    await h.advance('PT5M');
    const role = (await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).find(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === roleId,
    );
    const fixed = 'role cannot be changed once enrolled. Leave it out: a change sends only the fields it changes.';
    expect(role?.reason).toBe(`ParticipantUpdated event ${roleId} was rejected: ${fixed}`);
    const api = await call<{ error: string }>('PATCH', `/participants/${mentee.participantId}`, { role: 'mentor' });
    expect(api.status).toBe(400);
    expect(api.body.error).toBe(`The change was not accepted: ${fixed}`);
    const stored = await participant(mentee.participantId);
    expect(stored.timeZone).toBe('Europe/Berlin');
    expect(stored.manager).toEqual({ email: `mentee-boss-${h.tag}@example.com` });
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
  });
});

describe('HR events dated ahead of when they arrive (QA events3)', () => {
  it('a ParticipantUpdated stamped 30 days ahead is rejected with its reason, and a correction sent after it still applies; so is a ParticipantLeft', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await startedPair(h);
    const ahead = new Date((await h.now()).getTime() + 30 * 86_400_000);
    const statusBefore = (await participant(mentee.participantId)).status;
    expect(statusBefore).not.toBe('left');
    const eventId = await update({ participantId: mentee.participantId, department: 'Future' }, ahead);
    await h.advance('PT5M');
    const letters = await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters');
    const letter = letters.find((d) => d.source === 'lambda' && d.message?.requestPayload?.id === eventId);
    expect(letter?.reason).toMatch(/was rejected: time is \S+, later than when the event was handled \(\S+\): date an HR event when the change happened/);
    expect((await participant(mentee.participantId)).department).not.toBe('Future');
    // HR's correction, dated now, is applied: nothing from the refused event stands in its way.
    await update({ participantId: mentee.participantId, department: 'Strategy Office' }, await h.now());
    expect((await participant(mentee.participantId)).department).toBe('Strategy Office');
    // A leave dated ahead ends nothing.
    const leftId = await put('ParticipantLeft', { participantId: mentee.participantId }, ahead);
    await h.advance('PT5M');
    const leftLetter = (await json<{ source: string; reason: string; message?: { requestPayload?: { id?: string } } }[]>('/local/dead-letters')).find(
      (d) => d.source === 'lambda' && d.message?.requestPayload?.id === leftId,
    );
    expect(leftLetter?.reason).toMatch(/ParticipantLeft event \S+ was rejected: time is/);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    expect((await participant(mentee.participantId)).status).toBe(statusBefore);
  });
});

describe('an email held for working hours, when HR moves its reader to another zone meanwhile', () => {
  it('waits for their working hours where they are now, not the hour it was held for in the old zone', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await startedPair(h);
    // To a weekday evening in Berlin, the mentee's zone: the pause email waits for her next morning.
    const hourIn = (zone: string, at: Date) => Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(at));
    const weekday = (zone: string, at: Date) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: zone }).format(at);
    const evening = async () => {
      const at = await h.now();
      return hourIn('Europe/Berlin', at) === 20 && !['Fri', 'Sat', 'Sun'].includes(weekday('Europe/Berlin', at));
    };
    await h.until(evening, 'PT1H', 24 * 7);
    await h.putEvent('PairingPauseRequested', { pairingId }, 'crossgen.admin');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT1M', 5);
    await update({ participantId: mentee.participantId, timeZone: 'America/Los_Angeles' });
    const pausedTo = async () => (await h.emailsTo(mentee.email)).filter((e) => /is paused until/.test(e.subject)).length;
    // Berlin's morning comes and goes (it is night in Los Angeles): nothing yet.
    await h.until(async () => hourIn('Europe/Berlin', await h.now()) === 13, 'PT1H', 24);
    expect(await pausedTo()).toBe(0);
    // It goes in her working hours in Los Angeles.
    await h.until(async () => (await pausedTo()) === 1, 'PT1H', 24);
    const arrived = hourIn('America/Los_Angeles', await h.now());
    expect(arrived >= 9 && arrived <= 17, `arrived at ${arrived}:00 in Los Angeles`).toBe(true);
  });
});
