import { CSV_COLUMNS } from '../functions/domain/intake-csv';

/**
 * A 10,000-row CSV import (the documented maximum) on an in-process local cloud: POST answered at
 * once, the job followed to its end, and every confirmation counted (lost, duplicated) and timed
 * against SES's send rate per simulated second.
 */
export interface ImportBench {
  readonly rows: number;
  readonly clockSpeed: number;
  readonly postSeconds: number;
  readonly rowsDoneSeconds: number;
  readonly confirmationsDoneSeconds: number;
  readonly status: string;
  readonly enrolled: number;
  readonly refused: number;
  readonly emailsSent: number;
  readonly emailsLost: number;
  readonly emailsDuplicated: number;
  readonly peakEmailsPerSimulatedSecond: number;
  readonly sesMaxSendRate: number;
  readonly sesThrottled: number;
  readonly progressReads: number;
}

function row(i: number, tag: string): string {
  const cells: Record<string, string> = {
    name: `Bench Person ${i}`,
    email: `bench-${tag}-${i}@example.com`,
    employeeId: `B${tag}${i}`,
    role: i % 2 === 0 ? 'mentor' : 'mentee',
    department: `Dept ${i % 40}`,
    location: 'London',
    timeZone: 'Europe/London',
    topicsOffered: 'ai-tools;social-media',
    topicsWanted: 'strategy',
    availability: 'mon 09:00-11:00',
    languages: 'en',
    goals: 'Learn from another generation',
    consentDataProcessing: 'yes',
    consentShareProgressWithManager: 'no',
  };
  return CSV_COLUMNS.map((c) => cells[c.name] ?? '').join(',');
}

export async function importBench(opts: { url: string; rows: number; clockSpeed: number }): Promise<ImportBench> {
  const { url, rows } = opts;
  const tag = Date.now().toString(36);
  const csv = [CSV_COLUMNS.map((c) => c.name).join(','), ...Array.from({ length: rows }, (_, i) => row(i, tag))].join('\n');
  await fetch(`${url}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ speed: opts.clockSpeed }) });
  await fetch(`${url}/local/quotas`, { method: 'DELETE' });
  const since = new Date(Date.now() - 1000).toISOString();
  const t0 = performance.now();
  const posted = await fetch(`${url}/participants/import?programId=pilot`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  const postSeconds = (performance.now() - t0) / 1000;
  if (posted.status !== 202) throw new Error(`The import was refused (${posted.status}): ${await posted.text()}`);
  const location = posted.headers.get('location')!;
  let rowsDone: number | undefined;
  let reads = 0;
  let job: { status: string; done: number; enrolled: number; refused: number };
  for (;;) {
    job = (await (await fetch(`${url}${location}`)).json()) as typeof job;
    reads++;
    if (rowsDone === undefined && job.status !== 'enrolling') rowsDone = (performance.now() - t0) / 1000;
    if (job.status === 'completed' || job.status === 'failed') break;
    if (reads % 20 === 0) console.log(`  import: ${job.status}, ${job.done}/${rows} rows done`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const confirmationsDone = (performance.now() - t0) / 1000;
  const emails = ((await (await fetch(`${url}/local/emails?since=${since}`)).json()) as { to: string[]; sentAt: string }[]).filter((e) =>
    e.to.some((t) => t.startsWith(`bench-${tag}-`)),
  );
  const perAddress = new Map<string, number>();
  for (const e of emails) for (const t of e.to) perAddress.set(t, (perAddress.get(t) ?? 0) + 1);
  const perSecond = new Map<string, number>();
  for (const e of emails) perSecond.set(e.sentAt, (perSecond.get(e.sentAt) ?? 0) + 1);
  const quotas = (await (await fetch(`${url}/local/quotas`)).json()) as { settings: { sesMaxSendRate: number }; ses: { throttled: number } };
  return {
    rows,
    clockSpeed: opts.clockSpeed,
    postSeconds,
    rowsDoneSeconds: rowsDone ?? confirmationsDone,
    confirmationsDoneSeconds: confirmationsDone,
    status: job.status,
    enrolled: job.enrolled,
    refused: job.refused,
    emailsSent: emails.length,
    emailsLost: job.enrolled - perAddress.size,
    emailsDuplicated: [...perAddress.values()].reduce((n, c) => n + c - 1, 0),
    peakEmailsPerSimulatedSecond: Math.max(0, ...perSecond.values()),
    sesMaxSendRate: quotas.settings.sesMaxSendRate,
    sesThrottled: quotas.ses.throttled,
    progressReads: reads,
  };
}
