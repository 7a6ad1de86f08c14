import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../local/commands/import';
import { CSV_COLUMNS, decodeCsv, parseIntakeCsv } from '../../../functions/domain/intake-csv';
import { toResponse } from '../../../functions/shared/http';

// QA ui8: a header of many unknown columns was refused with the server's error clipped at 1000
// characters ("…"consentShareProgressWithManager" is a required c…"), and the list of known
// columns every issue points to ("listed in the error") was the part cut off.
const dir = mkdtempSync(path.join(tmpdir(), 'crossgen-import-header-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in import route that answers a refused file exactly as the server does: parse, then toResponse. */
async function importRoute() {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        parseIntakeCsv(decodeCsv(Buffer.concat(chunks)), 'pilot');
        res.writeHead(500).end('{}');
      } catch (error) {
        const answer = toResponse(error);
        res.writeHead(answer.statusCode ?? 500, { 'content-type': 'application/json' }).end(String(answer.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function importCsv(name: string, csv: string) {
  const file = path.join(dir, name);
  writeFileSync(file, csv);
  const api = await importRoute();
  try {
    let stdout = '';
    let stderr = '';
    const code = await run([file, '--url', api.url], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { tty: false, pollMs: 10 });
    return { code, stdout, stderr, report: JSON.parse(stdout) };
  } finally {
    await api.close();
  }
}

const KNOWN = `The known columns are: ${CSV_COLUMNS.map((c) => c.name).join(', ')}.`;

describe('crossgen import of a CSV file whose header is refused', () => {
  it('says every issue whole, one a line, and the known columns once in full, when the server had to clip its error', async () => {
    const header =
      'Full name,Work email,Role,Job title,Department,Office,Time zone,Manager email,Topics offered,Topics wanted,Interests,Availability,Meeting preference,Languages,Goals,Capacity,Consent,Manager consent';
    const { code, stderr, report } = await importCsv('hris.csv', `${header}\nAda,ada@example.com,mentor\n`);
    expect(code).toBe(1);
    // The server's own error is clipped: what the CLI printed before.
    expect(report.error).toMatch(/\u2026$/);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Nothing was imported: The CSV header is not right:');
    expect(lines).toContain('- "Full name" is not a known column (the known columns are listed in the error)');
    expect(lines).toContain('- "Time zone" is not a known column: did you mean "timeZone"?');
    expect(lines).toContain('- "consentShareProgressWithManager" is a required column and is missing from the header');
    expect(lines.slice(1, -1)).toHaveLength(report.issues.length);
    // The list every unknown column's issue points to, once and whole, last.
    expect(lines.at(-1)).toBe(KNOWN);
    expect(stderr.split('The known columns are:')).toHaveLength(2);
    expect(stderr).not.toContain('\u2026');
    expect(report.knownColumns).toEqual(CSV_COLUMNS.map((c) => c.name));
  });

  it('says an error the server did not clip as it is, its list of known columns once', async () => {
    const { code, stderr, report } = await importCsv('one.csv', `${CSV_COLUMNS.map((c) => c.name).join(',')},favouriteColour\n`);
    expect(code).toBe(1);
    expect(report.error).not.toMatch(/\u2026$/);
    expect(stderr).toBe(`Nothing was imported: ${report.error}\n`);
    expect(stderr).toContain(KNOWN);
    expect(stderr.split('The known columns are:')).toHaveLength(2);
  });

  it('says a refusal that points to no list as the server said it, adding nothing', async () => {
    const { code, stderr, report } = await importCsv('semicolons.csv', `${CSV_COLUMNS.map((c) => c.name).join(';')}\n`);
    expect(code).toBe(1);
    expect(stderr).toBe(`Nothing was imported: ${report.error}\n`);
    expect(report.knownColumns).toBeUndefined();
  });
});
