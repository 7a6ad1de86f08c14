/**
 * `npm run bench:load`: a cohort (default 10,000 people, 5,000 pairs) enrolled, matched, approved
 * and run through a 6-month program on an in-process local cloud (speed 0: simulated time moves
 * only when the bench advances it), with simulated replies (bench/load-run.ts). Reports real
 * time, peak RSS of the process tree (node + DynamoDB Local's JVM, from /proc), peak emails and
 * lifecycle starts per simulated second against the SES and StartExecution quotas, emails lost
 * and duplicated, failed executions, transitions per pairing, and pairing-months per real second
 * (target: the whole cohort in 20 minutes). The last line is one JSON object.
 * `--people N` sizes the cohort; `--months N` the program (default 6); `--seed N`; `--concurrency N` requests in flight;
 * `--data DIR` keeps the cloud's state there, as `crossgen local --data` does (default: in memory), to measure what persistence costs.
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { runLoad } from './load-run';
import * as fs from 'node:fs';
import { memoryOfTree, processTree } from './local-cloud';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const TARGET_SECONDS = 20 * 60;
const TARGET_PEOPLE = 10_000;

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: String(TARGET_PEOPLE) },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
    months: { type: 'string', default: '6' },
    data: { type: 'string' },
  },
});
const people = Number(values.people);
if (!Number.isInteger(people) || people < 2 || people % 2 !== 0) {
  console.error(`--people must be an even whole number of at least 2 (half mentors, half mentees), not "${values.people}".`);
  process.exit(2);
}
const months = Number(values.months);
if (!Number.isInteger(months) || months < 1 || months > 24) {
  console.error(`--months must be a whole number of months from 1 to 24, not "${values.months}".`);
  process.exit(2);
}
const load = () => os.loadavg().map((n) => n.toFixed(1));
const loadAtStart = load();
console.log(`machine: ${os.cpus().length} cores, load average ${loadAtStart.join(' ')} (1, 5, 15 min) at start`);

const peak = { nodeMb: 0, javaMb: 0, totalMb: 0 };
const sample = () => {
  const tree = memoryOfTree(process.pid);
  const node = tree[0]?.rssMb ?? 0;
  const java = tree.filter((p) => p.command.startsWith('java')).reduce((n, p) => n + p.rssMb, 0);
  const total = tree.reduce((n, p) => n + p.rssMb, 0);
  peak.nodeMb = Math.max(peak.nodeMb, node);
  peak.javaMb = Math.max(peak.javaMb, java);
  peak.totalMb = Math.max(peak.totalMb, total);
};
/**
 * CPU seconds (user + system) of the JVM children, from /proc/<pid>/stat (clock ticks of 1/100 s
 * on Linux). On a shared machine CPU time is steadier than real time: it counts our work, not
 * the time spent waiting for a core.
 */
const javaCpuSeconds = () =>
  processTree(process.pid)
    .slice(1)
    .reduce((sum, pid) => {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('java')) return sum;
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return sum + (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return sum;
      }
    }, 0);
let javaCpu = 0;
const sampler = setInterval(() => {
  sample();
  javaCpu = Math.max(javaCpu, javaCpuSeconds());
}, 1000);
sampler.unref();

const t0 = performance.now();
const { startLocalCloud } = await import('../local/cloud');
const cloud = await startLocalCloud({ port: 0, smtpPort: 0, speed: 0, ...(values.data === undefined ? {} : { dataDir: values.data }) });
const startSeconds = (performance.now() - t0) / 1000;
let exitCode = 0;
try {
  const result = await runLoad({
    url: cloud.url,
    people,
    seed: Number(values.seed),
    concurrency: Number(values.concurrency),
    months,
    log: (l) => console.log(`  ${l}`),
  });
  sample();
  javaCpu = Math.max(javaCpu, javaCpuSeconds());
  const cpu = process.cpuUsage();
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const realSeconds = (performance.now() - t0) / 1000;
  const fixed = (n: number, d = 1) => n.toFixed(d);
  const row = (label: string, value: string, note = '') => console.log(`${label.padEnd(44)} ${value.padStart(16)}   ${note}`);
  const pairs = result.executions.lifecycle;
  const targetRate = ((TARGET_PEOPLE / 2) * 6) / TARGET_SECONDS;
  row(
    'people enrolled / pairings started',
    `${result.people.enrolled} / ${pairs}`,
    `${result.pairings.completed} completed, ${result.pairings.endedEarly} ended early, ${result.pairings.notStarted} not started`,
  );
  row(
    'real time, whole run',
    `${fixed(realSeconds)} s`,
    `start ${fixed(startSeconds)} s, enrol ${result.realSeconds.enrol} s, program ${result.realSeconds.program} s, check ${result.realSeconds.check} s`,
  );
  row(
    'simulation rate',
    `${fixed(result.pairingMonthsPerSecond, 2)} pm/s`,
    `completed pairing-months per real second; ${fixed(result.pairingMonthsPerSecond / targetRate, 2)} x the ${fixed(targetRate)} the 20-minute target needs`,
  );
  row(
    'CPU time, node / DynamoDB Local JVM',
    `${fixed(nodeCpu)} / ${fixed(javaCpu)} s`,
    `${fixed((result.pairings.completed * months) / (nodeCpu + javaCpu), 2)} completed pairing-months per CPU second`,
  );
  row('simulated', `${result.simulated.days} days`, `${result.simulated.steps} daily steps`);
  row('peak RSS, whole process tree', `${fixed(peak.totalMb, 0)} MB`, `node ${fixed(peak.nodeMb, 0)} MB, DynamoDB Local JVM ${fixed(peak.javaMb, 0)} MB`);
  row(
    'emails sent / peak per simulated second',
    `${result.emails.sent} / ${result.emails.peakPerSimulatedSecond}`,
    `SES quota ${result.quotas.sesMaxSendRate}/s; ${result.quotas.sesThrottled} sends throttled (then retried); the rate alone takes ${result.emails.sesBoundSeconds} real s`,
  );
  row(
    'lifecycle starts, peak per simulated second',
    `${result.startExecution.peakPerSimulatedSecond}`,
    `StartExecution bucket ${result.quotas.startExecutionBurst}, refill ${result.quotas.startExecutionRefillPerSecond}/s; ${result.startExecution.throttled} throttled`,
  );
  row(
    'emails lost / duplicated',
    `${result.emails.lost} / ${result.emails.duplicated}`,
    `${result.emails.outboxSent} outbox emails checked against the mailbox (target 0 / 0)`,
  );
  row('executions failed / still running', `${result.executions.failed.length} / ${result.executions.stillRunning}`, 'target 0 / 0');
  row(
    'DynamoDB calls / per completed pairing-month',
    `${result.dynamodbCalls.total} / ${result.pairings.completed > 0 ? Math.round(result.dynamodbCalls.total / (result.pairings.completed * months)) : '-'}`,
    Object.entries(result.dynamodbCalls.byOperation)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 6)
      .map(([op, n]) => `${op} ${n}`)
      .join(', '),
  );
  row('state transitions per pairing', `${result.transitionsPerPairing.median} (max ${result.transitionsPerPairing.max})`, 'median');
  row('replies sent / late / unanswered', `${result.replies.sent} / ${result.replies.late} / ${result.replies.unanswered}`);
  const loadAtEnd = load();
  console.log(`machine: load average ${loadAtEnd.join(' ')} (1, 5, 15 min) at the end`);
  const correct = result.emails.lost === 0 && result.emails.duplicated === 0 && result.executions.failed.length === 0 && result.executions.stillRunning === 0;
  // Per simulated second. At speed 0 the sends of one simulated instant (a whole cohort's
  // enrolment, a shared check-in) go out over real time, paced by the SES bucket in real time
  // (docs/local.md, Quotas): above the rate here means sends not yet spread in simulated time.
  const withinQuotas = {
    ses: result.emails.peakPerSimulatedSecond <= result.quotas.sesMaxSendRate,
    startExecution: result.startExecution.peakPerSimulatedSecond <= result.quotas.startExecutionBurst,
  };
  const fastEnough = people < TARGET_PEOPLE || months < 6 ? undefined : realSeconds < TARGET_SECONDS;
  if (!correct) exitCode = 1;
  console.log(
    JSON.stringify({
      ...result,
      phaseSeconds: result.realSeconds,
      realSeconds: Math.round(realSeconds * 10) / 10,
      startSeconds: Math.round(startSeconds * 10) / 10,
      cpuSeconds: { node: Math.round(nodeCpu * 10) / 10, java: Math.round(javaCpu * 10) / 10 },
      pairingMonthsPerSecond: result.pairingMonthsPerSecond,
      peakRssMb: peak,
      loadAverage: { start: loadAtStart.map(Number), end: loadAtEnd.map(Number) },
      correct,
      withinQuotas,
      targetMet: fastEnough ?? null,
    }),
  );
} catch (e) {
  // fetch's own message is only "fetch failed": the reason is its cause.
  const cause = (e as Error & { cause?: unknown }).cause;
  console.log(JSON.stringify({ people, error: `${(e as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}` }));
  exitCode = 1;
} finally {
  clearInterval(sampler);
  await cloud.stop();
}
process.exit(exitCode);
