import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import type { HttpResult } from '../../functions/shared/http';
import { run as reportCommand } from '../../local/commands/report';
import { call, httpApiEvent, lambdaContext, useCloudTable } from './api-gateway';
import { lifecycleHarness } from './harness';

/** GET /programs/{id}/report (docs/admin-api.md, The program report) and `crossgen report`, on the local cloud. */

const cloud = inject('cloud');
type ApiError = { error: string; issues: { field: string; message: string }[] };

describe('program report over HTTP', () => {
  it('breaks the program down, trends it by month, lists the pairs at risk with the reason, and gives the same as CSV', async () => {
    const h = lifecycleHarness();
    const programId = `rep-${h.tag}`;
    const created = await call('POST', '/programs', { programId, name: 'Report cohort', startDate: '2027-01-04', admins: [h.admin], reportMinGroupSize: 3 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pairs: Awaited<ReturnType<typeof h.pair>>[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await h.pair({ programId });
      await h.reply(await h.lastEmailTo(p.mentor.email, /^Meet /), 'yes');
      await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
      pairs.push(p);
    }
    // One person alone in a department whose name a spreadsheet would run as a formula.
    await h.enrol({ programId, role: 'mentee', department: '=HYPERLINK("http://x.example")', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });

    // Nobody answers the check-ins: every pair slides down the escalation ladder.
    const missed = async (p: (typeof pairs)[number]) => (await call('GET', `/pairings/${p.pairingId}`)).body.missedInRow as number;
    await h
      .until(async () => (await Promise.all(pairs.map(missed))).every((n) => n >= 2), 'P1D')
      .catch(async (error: Error) => {
        // Seen once in CI and not reproduced since: say where each pair stood.
        const at = (await h.now()).toISOString();
        const states = await Promise.all(
          pairs.map(async (p) => {
            const { pairing, audit } = await h.pairing(p.pairingId);
            const subjects = async (to: string) => (await h.emailsTo(to)).map((e) => `${e.sentAt} ${e.subject}`);
            return [
              pairing.status,
              pairing.missedInRow,
              pairing.statusReason,
              audit.map((a) => a.kind),
              await subjects(p.mentor.email),
              await subjects(p.mentee.email),
            ];
          }),
        );
        throw new Error(`${error.message} At ${at}, pairs (status, missedInRow, reason, audit, emails): ${JSON.stringify(states)}`);
      });
    await h.idle();

    const res = await call('GET', `/programs/${programId}/report`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({ programId, minGroupSize: 3, participants: { total: 7, mentors: 3, mentees: 4 }, pairings: { total: 3 } });
    expect(report.engagement.checkInsMissed).toBeGreaterThanOrEqual(6);
    expect(report.engagement).toMatchObject({ checkInsHeld: 0, attendanceRate: 0, answerRate: 0 });

    const byDepartment = new Map((report.breakdown.byDepartment as { group: string }[]).map((g) => [g.group, g]));
    // The 7 people's figures minus Finance's and Operations' would be the one person's: the smaller of the two
    // (a tie, the first by name) is withheld too, by difference (docs/admin-api.md, Withheld by difference).
    expect(byDepartment.get('Finance')).toEqual({
      group: 'Finance',
      label: 'Finance',
      withheld: true,
      reason: 'fewer than 3 people could be worked out by difference',
    });
    expect(byDepartment.get('Operations')).toMatchObject({ people: 3, paired: 3, everPaired: 3, attendanceRate: 0, answerRate: 0 });
    expect(byDepartment.get('=HYPERLINK("http://x.example")')).toEqual({
      group: '=HYPERLINK("http://x.example")',
      label: '=HYPERLINK("http://x.example")',
      withheld: true,
      reason: 'fewer than 3 people',
    });
    expect((report.breakdown.byRole as { group: string; people: number }[]).map((g) => [g.group, g.people])).toEqual([
      ['mentee', 4],
      ['mentor', 3],
    ]);
    expect((report.breakdown.byTopic as { group: string }[]).map((g) => g.group)).toContain('ai-tools');

    // A month whose figure comes from fewer than k people is withheld; the others add up to at most the total.
    const months = report.trend as { checkInsMissed: number | null | { withheld: true } }[];
    const shown = months.map((m) => m.checkInsMissed).filter((v): v is number => typeof v === 'number');
    const withheld = months.filter((m) => m.checkInsMissed !== null && typeof m.checkInsMissed === 'object');
    for (const m of withheld) expect(m.checkInsMissed).toMatchObject({ withheld: true });
    expect(shown.reduce((n, v) => n + v, 0)).toBeLessThanOrEqual(report.engagement.checkInsMissed);
    if (withheld.length === 0) expect(shown.reduce((n, v) => n + v, 0)).toBe(report.engagement.checkInsMissed);

    const atRisk = report.atRisk as { pairingId: string; missedInRow: number; risks: { code: string; reason: string; action: string }[] }[];
    expect(atRisk.map((p) => p.pairingId).sort()).toEqual(pairs.map((p) => p.pairingId).sort());
    for (const p of atRisk) {
      const stored = (await call('GET', `/pairings/${p.pairingId}`)).body;
      expect(p.missedInRow).toBe(stored.missedInRow);
      expect(p.risks[0]!.reason).toMatch(stored.missedInRow === 1 ? /missed its last check-in/ : new RegExp(`missed ${stored.missedInRow} check-ins in a row`));
      expect(p.risks[0]!.action.length).toBeGreaterThan(10);
    }
    // Aggregates and pairing ids only: no names or addresses.
    const text = JSON.stringify(report);
    for (const p of pairs) for (const who of [p.mentor, p.mentee]) expect(text).not.toContain(who.email);

    const csv = await fetch(`${cloud.baseUrl}/programs/${programId}/report?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${programId}-report.csv"`);
    const body = await csv.text();
    const rows = parse(body, { bom: true, columns: true }) as { section: string; group: string; measure: string; value: string }[];
    const cell = (section: string, group: string, measure: string) =>
      rows.find((r) => r.section === section && r.group === group && r.measure === measure)?.value;
    expect(cell('engagement', '', 'checkInsMissed')).toBe(String(report.engagement.checkInsMissed));
    expect(cell('by department', 'Operations', 'people')).toBe('3');
    expect(cell('by department', 'Finance', '(all)')).toBe('withheld: fewer than 3 people could be worked out by difference');
    expect(cell('by department', `'=HYPERLINK("http://x.example")`, '(all)')).toBe('withheld: fewer than 3 people');
    expect(cell('at risk', pairs[0]!.pairingId, 'reason.missed-check-ins')).toMatch(/in a row/);
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+@]/);

    // The CLI prints the same CSV.
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s) };
    expect(await reportCommand(['--program', programId, '--format', 'csv', '--url', cloud.baseUrl], io)).toBe(0);
    // Saved to a file, it opens in a spreadsheet as the API's does: the byte-order mark is kept.
    expect(out.join('').startsWith('\uFEFFsection,')).toBe(true);
    const cliRows = parse(out.join(''), { bom: true, columns: true }) as typeof rows;
    expect(cliRows.filter((r) => r.measure !== 'generatedAt')).toEqual(rows.filter((r) => r.measure !== 'generatedAt'));
    out.length = 0;
    expect(await reportCommand(['--program', programId, '--url', cloud.baseUrl], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ programId, participants: { total: 7 } });
  });

  it('refuses an unknown format, an unknown or malformed program; the CLI says what went wrong', async () => {
    const bad = await call<ApiError>('GET', '/programs/pilot/report?format=xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ field: 'format', message: 'must be json or csv' }]);
    const unknown = await call<ApiError>('GET', `/programs/nope-${randomBytes(3).toString('hex')}/report?format=csv`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues[0]!.field).toBe('programId');
    expect((await call<ApiError>('GET', '/programs/has%20space/report')).status).toBe(400);

    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (s: string) => err.push(s) };
    expect(await reportCommand(['--url', cloud.baseUrl], io)).toBe(2);
    expect(err.join('')).toMatch(/--program/);
    expect(await reportCommand(['--program', 'pilot', '--format', 'pdf'], io)).toBe(2);
    err.length = 0;
    expect(await reportCommand(['--program', `nope-${randomBytes(3).toString('hex')}`, '--url', cloud.baseUrl], io)).toBe(1);
    expect(err.join('')).toMatch(/refused \(404\): There is no program/);
  });

  it('refuses a signed-in person outside the hr group (handler as API Gateway calls it)', async () => {
    // The local cloud does not authorise (docs/local.md): call the handler with the JWT claims.
    useCloudTable();
    const { handler } = await import('../../functions/admin-api');
    const context = lambdaContext('AdminApi');
    const event = (groups: string, format?: string) =>
      httpApiEvent({
        method: 'GET',
        path: '/programs/pilot/report',
        routeKey: 'GET /programs/{programId}/report',
        pathParameters: { programId: 'pilot' },
        ...(format ? { query: { format } } : {}),
        groups,
      });
    for (const format of [undefined, 'csv']) {
      const res = (await handler(event('[managers]', format), context)) as HttpResult;
      expect(res.statusCode).toBe(403);
      expect(JSON.parse(String(res.body)).error).toMatch(/not in the "hr" group/);
    }
    const hr = (await handler(event('[hr]', 'csv'), context)) as HttpResult;
    expect(hr.statusCode).toBe(200);
    expect(String(hr.body)).toMatch(/^\uFEFFsection,group,measure,value\r\n/);
  });
});
