import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { HttpResult } from '../../functions/shared/http';
import { call, httpApiEvent, lambdaContext, useCloudTable } from './api-gateway';

/** The programs API (docs/admin-api.md, Programs) on the local cloud, over HTTP. */

const cloud = inject('cloud');

type ApiError = { error: string; issues: { field: string; message: string }[] };

const newId = () => `prog-${randomBytes(4).toString('hex')}`;
const input = (programId: string, extra: Record<string, unknown> = {}) => ({
  programId,
  name: 'Autumn cohort',
  objectives: ['Leaders fluent in AI tools'],
  startDate: '2027-09-06',
  timeZone: 'Europe/Paris',
  admins: ['hr-lead@example.com'],
  ...extra,
});

describe('programs API: create, read, list', () => {
  it('tells HR, beside the stored program, what its plan can never do: on create and on each change (QA program8)', async () => {
    const programId = newId();
    const created = await call<{ warnings?: string[]; lifecycle: unknown }>(
      'POST',
      '/programs',
      input(programId, { lifecycle: { durationMonths: 3, checkInCadenceDays: 30 }, objectives: [{ measure: 'meetings-per-pair', target: 2 }] }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.warnings).toEqual([
      expect.stringMatching(/^lifecycle\.escalation\.seniorNoteAfter is 2 .*asks 1 check-in a pairing/),
      expect.stringMatching(/^lifecycle\.escalation\.adminDecisionAfter is 3 /),
      expect.stringMatching(/^objectives\.0\.target is 2 meetings per pair/),
    ]);
    // Warnings are said, not stored.
    expect((await call<Record<string, unknown>>('GET', `/programs/${programId}`)).body).not.toHaveProperty('warnings');
    // A change that brings the check-ins back answers without them.
    const fixed = await call<{ warnings?: string[] }>('PATCH', `/programs/${programId}`, { lifecycle: { checkInCadenceDays: 14 } }, { 'if-match': '"1"' });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.warnings).toBeUndefined();
    const again = await call<{ warnings?: string[] }>('PATCH', `/programs/${programId}`, { lifecycle: { checkInCadenceDays: 30 } }, { 'if-match': '"2"' });
    expect(again.body.warnings).toHaveLength(3);
  });

  it('creates a program with the defaults filled in, reads it with its version and lists it', async () => {
    const programId = newId();
    const created = await call('POST', '/programs', input(programId, { nonWorkingDays: ['2027-12-25'], reportMinGroupSize: 6 }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      programId,
      version: 1,
      name: 'Autumn cohort',
      nonWorkingDays: ['2027-12-25'],
      reportMinGroupSize: 6,
      workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
      lifecycle: { checkInCadenceDays: 14, escalation: { adminDecisionAfter: 3 } },
      matching: { weights: { topics: 8 }, rules: { notSameDepartment: false } },
    });

    const read = await call('GET', `/programs/${programId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(created.body);

    const list = await call<{ programs: { programId: string }[] }>('GET', '/programs');
    expect(list.status).toBe(200);
    const ids = list.body.programs.map((p) => p.programId);
    expect(ids).toContain(programId);
    expect(ids).toContain('pilot');
    expect(ids).toEqual([...ids].sort());
  });

  it('refuses an invalid program naming each field, a taken id and a body that is not JSON', async () => {
    const programId = newId();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ ...input(programId), admins: [] }, 'admins'],
      [{ ...input(programId), startDate: '6 Sept' }, 'startDate'],
      [{ ...input(programId), timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...input(programId), lifecycle: { checkInCadenceDays: 3 } }, 'lifecycle.checkInCadenceDays'],
      // QA settings: a window as long as the cadence would space the check-ins by the window.
      [
        { ...input(programId), lifecycle: { checkInCadenceDays: 7, checkInAnswerWindowDays: 14 } },
        'lifecycle.checkInAnswerWindowDays',
        'must be shorter than checkInCadenceDays (7)',
      ],
      [{ ...input(programId), matching: { weights: { topics: 11 } } }, 'matching.weights.topics'],
      [{ ...input(programId), nonWorkingDays: ['2027-02-30'] }, 'nonWorkingDays.0'],
      [{ ...input(programId), workingHours: { start: '17:00', end: '09:00' } }, 'workingHours.end'],
      [{ ...input(programId), reportMinGroupSize: 2 }, 'reportMinGroupSize'],
      [{ ...input(programId), cadence: 'weekly' }, 'cadence'],
      [{ ...input('Has Spaces') }, 'programId'],
      // Each says what is wrong in words, with what would be right.
      [{ ...input(programId), startDate: '2027-13-45' }, 'startDate', 'must be a calendar date that exists'],
      [{ ...input(programId), endDate: '2027-02-30' }, 'endDate', 'must be a calendar date that exists'],
      [{ ...input(programId), endDate: '2027-09-01' }, 'endDate', 'must not be before startDate (2027-09-06)'],
      [
        { ...input(programId), objectives: [{ measure: 'skill-change', topic: 'no-such-topic', target: 1 }] },
        'objectives.0.topic',
        "is not one of the program's topics",
      ],
      [{ ...input(programId), objectives: [{ measure: 'happiness', target: 1 }] }, 'objectives.0', 'measure must be one of: completion-rate, skill-change'],
      [{ ...input(programId), objectives: [5] }, 'objectives.0', 'must be a string or a JSON object, not a number'],
      [{ ...input(programId), lifecycle: { checkInCadenceDays: 7.5 } }, 'lifecycle.checkInCadenceDays', 'must be a whole number'],
      [{ ...input(programId), lifecycle: { checkInCadenceDays: 61 } }, 'lifecycle.checkInCadenceDays', 'must be at most 60'],
      // QA cadence: two months with a check-in every 30 days asked none, so no certificate could be earned.
      [
        { ...input(programId), lifecycle: { durationMonths: 2, checkInCadenceDays: 30 } },
        'lifecycle.checkInCadenceDays',
        'must leave room for at least one check-in: every 30 days, a 2-month program asks none',
      ],
      [{ ...input(programId), lifecycle: { durationMonths: 0 } }, 'lifecycle.durationMonths', 'must be at least 1'],
      [{ ...input(programId), digest: { day: 'someday' } }, 'digest.day', 'must be one of: mon, tue, wed, thu, fri, sat, sun'],
      [{ ...input(programId), name: 'n'.repeat(121) }, 'name', 'must be at most 120 characters'],
      [{ ...input(programId), topics: [{ id: 't'.repeat(61), label: 'Long', side: 'mentor' }] }, 'topics.0.id', 'must have at most 60 characters'],
      [{ ...input(programId), admins: ['hr-lead@example.com', 'HR-Lead@example.com'] }, 'admins.1', 'is listed twice'],
      [
        {
          ...input(programId),
          topics: [
            { id: 'ai', label: 'AI', side: 'mentor' },
            { id: 'ai', label: 'Strategy', side: 'mentee' },
          ],
        },
        'topics.1.id',
        'is listed twice',
      ],
      [{ ...input(programId), workingHours: { days: ['mon', 'mon'] } }, 'workingHours.days.1', 'is listed twice'],
      [
        { ...input(programId), lifecycle: { durationMonths: 6, milestoneDays: [30, 200] } },
        'lifecycle.milestoneDays.1',
        'must be at most 178: day 200 falls at or after the end of a 6-month program',
      ],
      [
        { ...input(programId), lifecycle: { escalation: { nudgeAfter: 3, seniorNoteAfter: 2 } } },
        'lifecycle.escalation.seniorNoteAfter',
        'must be at least nudgeAfter',
      ],
    ];
    for (const [body, field, message] of cases) {
      const res = await call<ApiError>('POST', '/programs', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.issues.map((i) => i.field),
        JSON.stringify(res.body),
      ).toContain(field);
      if (message) expect(res.body.issues.find((i) => i.field === field)?.message, JSON.stringify(res.body)).toContain(message);
      expect(res.body.error).toMatch(/was not accepted: .*Fix these fields/);
    }
    expect((await call('GET', `/programs/${programId}`)).status).toBe(404);

    expect((await call('POST', '/programs', input(programId))).status).toBe(201);
    const taken = await call<ApiError>('POST', '/programs', input(programId, { name: 'Another' }));
    expect(taken.status).toBe(409);
    expect(taken.body.issues).toEqual([{ field: 'programId', message: 'is already taken' }]);
    expect((await call('GET', `/programs/${programId}`)).body.name).toBe('Autumn cohort');

    const broken = await call<ApiError>('POST', '/programs', '{"programId":');
    expect(broken.status).toBe(400);
    expect(broken.body.issues[0]!.field).toBe('(body)');
    const empty = await fetch(`${cloud.baseUrl}/programs`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ApiError).error).toBe('The program is missing: the request body is empty. Send it as a JSON object.');
    const latin1 = await fetch(`${cloud.baseUrl}/programs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(
        JSON.stringify(input(`${programId}-x`, { name: 'Caf#' }))
          .split('#')
          .flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xe9]), Buffer.from(part)])),
      ),
    });
    // The gateway decodes a JSON body as UTF-8: the unreadable byte shows as U+FFFD, refused in the field that holds it.
    expect(latin1.status).toBe(400);
    const unreadable = ((await latin1.json()) as ApiError).issues;
    expect(unreadable.map((i) => i.field)).toEqual(['name']);
    expect(unreadable[0]!.message).toMatch(/could not be read/);
    const list = await call<ApiError>('POST', '/programs', [input(programId)]);
    expect(list.status).toBe(400);
    expect(list.body.issues[0]).toEqual({ field: '(body)', message: 'must be a JSON object' });
    const text = await fetch(`${cloud.baseUrl}/programs`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'a program' });
    expect(text.status).toBe(415);
  });

  it('answers 404 for an unknown program and 400 for a malformed id', async () => {
    const unknown = await call<ApiError>('GET', `/programs/${newId()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues).toEqual([{ field: 'programId', message: 'is not a known program' }]);
    const patchUnknown = await call<ApiError>('PATCH', `/programs/${newId()}`, { name: 'x' }, { 'if-match': '"1"' });
    expect(patchUnknown.status).toBe(404);
    const malformed = await call<ApiError>('GET', '/programs/UPPER_case');
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues[0]!.field).toBe('programId');
    // A broken %-escape in the path, or a local route's body that is not JSON: 400 saying which.
    for (const path of ['/programs/%E0%A4%A', '/pairings/%ZZ', '/participants/import/%E0%A4%A']) {
      const res = await fetch(`${cloud.baseUrl}${path}`);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { message: string }).message, path).toMatch(/malformed %-escape/);
    }
    for (const path of ['/local/pairings', '/local/programs']) {
      const res = await fetch(`${cloud.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { message: string }).message, path).toMatch(/^The body is not valid JSON/);
    }
    const noMembers = await fetch(`${cloud.baseUrl}/local/pairings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noMembers.status).toBe(400);
  });

  it('names a mistyped program on the local lists instead of answering an empty list that reads as "nobody yet"', async () => {
    const programId = newId();
    expect((await call('POST', '/programs', input(programId))).status).toBe(201);
    for (const list of ['participants', 'pairings']) {
      const known = await fetch(`${cloud.baseUrl}/local/${list}?programId=${programId}`);
      expect([list, known.status, await known.json()]).toEqual([list, 200, []]);
      const typo = await fetch(`${cloud.baseUrl}/local/${list}?programId=${programId}x`);
      expect([list, typo.status]).toEqual([list, 404]);
      expect(((await typo.json()) as { message: string }).message).toBe(`There is no program "${programId}x": GET /local/programs lists them.`);
    }
  });
});

describe('programs API: changes', () => {
  it('changes a program with a merge patch at its version and says what applies to running pairings', async () => {
    const programId = newId();
    const created = await call('POST', '/programs', input(programId));
    const patched = await call<{ program: Record<string, any>; changes: { field: string; appliesTo: string }[] }>(
      'PATCH',
      `/programs/${programId}`,
      {
        lifecycle: { checkInCadenceDays: 21, acceptanceWindowDays: 10 },
        matching: { rules: { notSameDepartment: true } },
        reportMinGroupSize: 8,
        nonWorkingDays: ['2027-12-24', '2027-12-31'],
      },
      { 'if-match': '"1"' },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body.program.createdAt).toBe(created.body.createdAt);
    expect(patched.body.program).toMatchObject({
      version: 2,
      lifecycle: { checkInCadenceDays: 21, acceptanceWindowDays: 10, milestoneDays: [30, 90] },
      matching: { rules: { notSameDepartment: true, maxMenteesPerMentor: 2 } },
    });
    expect(patched.body.changes).toEqual([
      { field: 'lifecycle.acceptanceWindowDays', appliesTo: 'new-pairings-only' },
      { field: 'lifecycle.checkInCadenceDays', appliesTo: 'running-pairings-from-next-step' },
      { field: 'matching.rules.notSameDepartment', appliesTo: 'new-pairings-only' },
      { field: 'nonWorkingDays', appliesTo: 'running-pairings-from-next-step' },
      { field: 'reportMinGroupSize', appliesTo: 'reports-only' },
    ]);

    // A program read with GET can go back as it is (bookkeeping fields included), version in the body.
    const current = (await call('GET', `/programs/${programId}`)).body;
    const renamed = await call<{ program: Record<string, any>; changes: unknown[] }>('PATCH', `/programs/${programId}`, {
      ...current,
      name: 'Autumn cohort 2027',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.changes).toEqual([{ field: 'name', appliesTo: 'running-pairings-from-next-step' }]);
    expect(renamed.body.program.version).toBe(3);

    // null puts a setting back to its default; nothing changed means no new version.
    const reset = await call<{ program: Record<string, any> }>('PATCH', `/programs/${programId}`, { reportMinGroupSize: null }, { 'if-match': '"3"' });
    expect(reset.body.program).toMatchObject({ reportMinGroupSize: 5, version: 4 });
    const mergePatch = await fetch(`${cloud.baseUrl}/programs/${programId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"4"' },
      body: JSON.stringify({ objectives: ['Leaders fluent in AI tools', 'Early-career voices heard'] }),
    });
    expect(mergePatch.status).toBe(200);
    expect(((await mergePatch.json()) as { program: { version: number } }).program.version).toBe(5);
    const same = await call<{ program: Record<string, any>; changes: unknown[] }>(
      'PATCH',
      `/programs/${programId}`,
      { name: 'Autumn cohort 2027' },
      { 'if-match': '"5"' },
    );
    expect(same.status).toBe(200);
    expect(same.body.changes).toEqual([]);
    expect(same.body.program.version).toBe(5);
  });

  it('refuses a stale or missing version, an invalid change and a new id, and changes nothing', async () => {
    const programId = newId();
    await call('POST', '/programs', input(programId));
    expect((await call('PATCH', `/programs/${programId}`, { name: 'First' }, { 'if-match': '"1"' })).status).toBe(200);

    const stale = await call<ApiError>('PATCH', `/programs/${programId}`, { name: 'Second' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatch(/changed by someone else since version 1 .*read it again/);
    const missing = await call<ApiError>('PATCH', `/programs/${programId}`, { name: 'Second' });
    expect(missing.status).toBe(428);
    expect(missing.body.issues[0]!.field).toBe('(header) if-match');
    const badHeader = await call<ApiError>('PATCH', `/programs/${programId}`, { name: 'Second' }, { 'if-match': 'latest' });
    expect(badHeader.status).toBe(400);
    const disagree = await call<ApiError>('PATCH', `/programs/${programId}`, { name: 'Second', version: 1 }, { 'if-match': '"2"' });
    expect(disagree.status).toBe(400);
    expect(disagree.body.issues[0]!.field).toBe('version');

    const cases: [Record<string, unknown>, string][] = [
      [{ lifecycle: { acceptanceReminderDay: 9 } }, 'lifecycle.acceptanceReminderDay'],
      [{ lifecycle: { checkInCadenceDays: 7, checkInAnswerWindowDays: 7 } }, 'lifecycle.checkInAnswerWindowDays'],
      [{ admins: ['not an address'] }, 'admins.0'],
      [{ lifecycle: { escalation: { nudgeAfter: 0 } } }, 'lifecycle.escalation.nudgeAfter'],
      [{ name: '' }, 'name'],
      [{ programId: 'another-id' }, 'programId'],
      [{ startDate: '2027-02-30' }, 'startDate'],
      [{ endDate: '2020-01-01' }, 'endDate'],
      [{ __proto__: { polluted: true } } as Record<string, unknown>, '__proto__'],
    ];
    for (const [body, field] of cases) {
      const text = field === '__proto__' ? '{"__proto__":{"polluted":true}}' : body;
      const res = await call<ApiError>('PATCH', `/programs/${programId}`, text, { 'if-match': '"2"' });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.issues.map((i) => i.field),
        JSON.stringify(res.body),
      ).toContain(field);
    }
    const after = await call('GET', `/programs/${programId}`);
    expect(after.body).toMatchObject({ version: 2, name: 'First' });
    expect(after.body.polluted).toBeUndefined();
  });
});

describe('programs API: every problem of a change at once, and an end date already past (QA hr7)', () => {
  it('a change naming another programId is told that with the other problems, not instead of them', async () => {
    const programId = newId();
    expect((await call('POST', '/programs', input(programId))).status).toBe(201);
    const res = await call<ApiError>(
      'PATCH',
      `/programs/${programId}`,
      { lifecycle: { checkInCadenceDays: 70 }, endDate: '2026-11-01', programId: 'other' },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i) => i.field).sort(), JSON.stringify(res.body)).toEqual(['endDate', 'lifecycle.checkInCadenceDays', 'programId']);
    expect(res.body.issues.find((i) => i.field === 'programId')?.message).toBe(`cannot be changed (it is "${programId}"): create a new program instead`);
    expect(res.body.error).toMatch(/^The change was not accepted: .*programId cannot be changed.*Fix these fields and send it again\.$/);
    expect((await call('GET', `/programs/${programId}`)).body).toMatchObject({ version: 1 });
  });

  it('refuses an end date before today, in a new program and in a change; today is accepted and said to close the program tomorrow; an ended program goes back whole', async () => {
    const clock = async () => new Date((await call<{ now: string }>('GET', '/local/clock')).body.now);
    const dayFrom = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    let now = await clock();
    const today = dayFrom(now, 0);
    const programId = newId();
    const running = input(programId, { startDate: dayFrom(now, -90), endDate: dayFrom(now, 60), timeZone: 'UTC' });

    const born = await call<ApiError>('POST', '/programs', { ...running, endDate: dayFrom(now, -5) });
    expect(born.status, JSON.stringify(born.body)).toBe(400);
    expect(born.body.issues).toEqual([{ field: 'endDate', message: expect.stringContaining(`must not be before today (${today} in UTC)`) }]);
    expect((await call('POST', '/programs', running)).status).toBe(201);

    // The typo of a running program: refused, saying how to close it instead; nothing stored.
    const typo = await call<ApiError>('PATCH', `/programs/${programId}`, { endDate: dayFrom(now, -5) }, { 'if-match': '"1"' });
    expect(typo.status, JSON.stringify(typo.body)).toBe(400);
    expect(typo.body.issues).toEqual([{ field: 'endDate', message: expect.stringContaining("To close the program soonest, set today's date") }]);
    const withId = await call<ApiError>('PATCH', `/programs/${programId}`, { endDate: dayFrom(now, -5), programId: 'other' }, { 'if-match': '"1"' });
    expect(withId.body.issues.map((i) => i.field)).toEqual(['programId', 'endDate']);
    expect((await call('GET', `/programs/${programId}`)).body).toMatchObject({ version: 1, endDate: dayFrom(now, 60) });

    // Today is the last day: accepted, and the answer says what it does tonight.
    const closing = await call<{ changes: { field: string; appliesTo: string; note?: string }[] }>(
      'PATCH',
      `/programs/${programId}`,
      { endDate: today },
      { 'if-match': '"1"' },
    );
    expect(closing.status, JSON.stringify(closing.body)).toBe(200);
    expect(closing.body.changes).toEqual([
      {
        field: 'endDate',
        appliesTo: 'new-pairings-only',
        note: expect.stringMatching(/^today \(.*\) is the program's last day: it closes when tomorrow begins\./),
      },
    ]);

    // Once it has ended, the program read with GET goes back whole with a new name: its end date is not refused for being sent again.
    await call('POST', '/local/clock', { advance: 'P2D' });
    now = await clock();
    const ended = await call('GET', `/programs/${programId}`);
    const renamed = await call<{ changes: { field: string }[] }>('PATCH', `/programs/${programId}`, { ...ended.body, name: 'Autumn cohort (ended)' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.changes.map((c) => c.field)).toEqual(['name']);
    // Another day already past still is.
    const earlier = await call<ApiError>('PATCH', `/programs/${programId}`, { endDate: dayFrom(now, -1) }, { 'if-match': '"3"' });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(400);
    expect(earlier.body.issues.map((i) => i.field)).toEqual(['endDate']);
  });
});

describe('programs API: a new length', () => {
  it('shortens a program created without milestone days: its reviews are derived again, not refused on a field HR never set', async () => {
    const programId = newId();
    expect((await call('POST', '/programs', input(programId))).status).toBe(201);
    const shorter = await call<{ program: Record<string, any>; changes: { field: string }[] }>(
      'PATCH',
      `/programs/${programId}`,
      { lifecycle: { durationMonths: 3 } },
      { 'if-match': '"1"' },
    );
    expect(shorter.status, JSON.stringify(shorter.body)).toBe(200);
    expect(shorter.body.program.lifecycle).toMatchObject({ durationMonths: 3, milestoneDays: [30] });
    expect(shorter.body.changes.map((c) => c.field)).toEqual(['lifecycle.durationMonths', 'lifecycle.milestoneDays']);
    // A review HR chose that no longer fits is refused, on the field the change sent (docs/admin-api.md,
    // "A 400 names what the request sent"), naming the review day.
    const chosen = await call('PATCH', `/programs/${programId}`, { lifecycle: { milestoneDays: [60] } }, { 'if-match': '"2"' });
    expect(chosen.status).toBe(200);
    const tooShort = await call<ApiError>('PATCH', `/programs/${programId}`, { lifecycle: { durationMonths: 1 } }, { 'if-match': '"3"' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.issues.map((i) => i.field)).toEqual(['lifecycle.durationMonths']);
    expect(tooShort.body.issues[0]!.message).toMatch(
      /^must leave room for every review in milestoneDays: day 60 falls at or after the end of a 1-month program/,
    );
  });
});

describe('programs API: people outside the hr group', () => {
  it('refuses a signed-in person outside the hr group with 403 and stores nothing (handler as API Gateway calls it)', async () => {
    // The local cloud does not authorise (docs/local.md): call the handler with the claims the
    // JWT authorizer would pass, against the local cloud's table.
    useCloudTable();
    const { handler } = await import('../../functions/programs-api');
    const context = lambdaContext('ProgramsApi');
    const programId = newId();
    for (const [method, path, body] of [
      ['POST', '/programs', input(programId)],
      ['GET', '/programs', undefined],
      ['GET', '/programs/pilot', undefined],
      ['PATCH', '/programs/pilot', { name: 'Taken over' }],
    ] as const) {
      const res = (await handler(httpApiEvent({ method, path, body, groups: '[managers]' }), context)) as HttpResult;
      expect(res.statusCode, `${method} ${path}`).toBe(403);
      expect(JSON.parse(String(res.body)).error).toMatch(/not in the "hr" group/);
    }
    expect((await call('GET', `/programs/${programId}`)).status).toBe(404);
    expect((await call('GET', '/programs/pilot')).body.name).not.toBe('Taken over');

    const hr = (await handler(httpApiEvent({ method: 'POST', path: '/programs', body: input(programId), groups: '[hr]' }), context)) as HttpResult;
    expect(hr.statusCode, String(hr.body)).toBe(201);
    expect((await call('GET', `/programs/${programId}`)).status).toBe(200);
  });
});

describe('programs API: a new schedule reaches running pairings now', () => {
  it('a shorter cadence wakes a running pairing, whose first check-in then comes on the new cadence, not the planned one', async () => {
    const { lifecycleHarness } = await import('./harness');
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { checkInCadenceDays: 28, milestoneDays: [90] } });
    const { mentor, mentee, pairingId } = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(mentor.email, /./), 'YES');
    await h.reply(await h.lastEmailTo(mentee.email, /./), 'YES');
    const accepted = (await h.pairing(pairingId)).pairing;
    expect(accepted.status).toBe('active');
    const acceptedAt = Date.parse(String(accepted.acceptedAt));

    const before = await call('GET', `/programs/${programId}`);
    const patched = await call('PATCH', `/programs/${programId}`, { lifecycle: { checkInCadenceDays: 7 } }, { 'if-match': before.headers.get('etag')! });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await h.idle();
    // The change is announced by id and setting path only, and the pairing has planned again.
    const log = (await (await fetch(`${cloud.baseUrl}/local/events`)).json()) as { event: { 'detail-type': string; detail: Record<string, unknown> } }[];
    const announced = log.filter((e) => e.event['detail-type'] === 'ProgramChanged' && e.event.detail.programId === programId).map((e) => e.event.detail);
    expect(announced).toEqual([{ programId, version: 2, fields: ['lifecycle.checkInCadenceDays'] }]);

    const checkIn = await h.received(mentor.email, /^Check-in/, 'PT6H');
    const days = (Date.parse(checkIn.sentAt) - acceptedAt) / 86_400_000;
    // Seven days after acceptance, moved to the reader's next working morning: never the 28 first planned.
    expect(days, checkIn.sentAt).toBeGreaterThan(6);
    expect(days, checkIn.sentAt).toBeLessThan(11);
    expect((await h.emailsTo(mentor.email)).filter((e) => /^Check-in/.test(e.subject))).toHaveLength(1);
    expect((await h.execution((await h.executionsOf(pairingId))[0]!.executionArn)).status).toBe('RUNNING');
    // Both calendars follow: the monthly series of the introduction is replaced by a weekly one.
    const ics = (email: { attachments: { contentType: string; content: string }[] }) =>
      Buffer.from(email.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content ?? '', 'base64').toString('utf8');
    expect(ics(await h.lastEmailTo(mentor.email, /^Meet /))).toMatch(/RRULE:FREQ=MONTHLY/);
    for (const person of [mentor, mentee]) {
      const rescheduled = (await h.emailsTo(person.email)).filter((e) => /follow the program's new schedule/.test(e.subject));
      expect(rescheduled).toHaveLength(1);
      expect(ics(rescheduled[0]!)).toMatch(/METHOD:REQUEST[\s\S]*RRULE:FREQ=WEEKLY;INTERVAL=1;UNTIL=/);
    }
  });
});
