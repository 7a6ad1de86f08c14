/**
 * `npm run bench`: the local cloud's startup time (median of 3 starts at rest, target 5 s, and of
 * 3 under a parallel CPU load of one busy process per core, target 20 s; plus one start that
 * synthesizes, as after a change to lib/), its
 * memory (node + DynamoDB Local's JVM, from /proc, against a bare Node process measured now) and
 * the speed of a simulated 6-month lifecycle (state transitions and history events per pairing,
 * targets 300 and 2,000). Prints one line per measure with its ratio, then one JSON line.
 * `--only startup|lifecycle|import` runs one part; `--participants N` sizes the lifecycle cohort.
 * The import part (not run by default: its confirmations take minutes at SES's rate) imports
 * `--rows N` (default 10,000) with the simulated clock at `--speed` (default 10).
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { importBench } from './import';
import { lifecycleBench, programLengthBench, type LifecycleBench, type ProgramLengthBench } from './lifecycle';
import { bareNodeRssMb, coldStart, median, startCpuLoad, type ColdStart } from './local-cloud';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TARGETS = { startupSeconds: 5, startupUnderLoadSeconds: 20, transitionsPerPairing: 300, historyEventsPerPairing: 2000 } as const;
const STARTS = 3;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    participants: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    rows: { type: 'string', default: '10000' },
    speed: { type: 'string', default: '10' },
  },
});
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const line = (label: string, value: string, ratio: string) => console.log(`${label.padEnd(44)} ${value.padStart(14)}   ${ratio}`);

const report: Record<string, unknown> = {};
// Two shared cores: other people's work skews every timing, so the load is printed with them.
const load = () => os.loadavg()[0]!.toFixed(1);
report.loadAverageAtStart = Number(load());
console.log(`machine: ${os.cpus().length} cores, 1-minute load average ${load()} at start`);

if (values.only === undefined || values.only === 'startup') {
  // The first start after a change synthesizes and fills the cache; every later start reads it.
  const uncached = await coldStart({ synthCache: false });
  await coldStart(); // fills the cache if the line above was the first start since a change
  const starts: ColdStart[] = [];
  for (let i = 0; i < STARTS; i++) starts.push(await coldStart());
  const stopLoad = startCpuLoad();
  const loaded: ColdStart[] = [];
  try {
    for (let i = 0; i < STARTS; i++) loaded.push(await coldStart());
  } finally {
    await stopLoad();
  }
  const startup = median(starts.map((s) => s.readyMs)) / 1000;
  const underLoad = median(loaded.map((s) => s.readyMs)) / 1000;
  const reported = median(starts.map((s) => s.reportedMs)) / 1000;
  const last = starts[starts.length - 1]!;
  const node = last.memory[0]?.rssMb ?? 0;
  const java = last.memory.filter((p) => p.command.startsWith('java')).reduce((n, p) => n + p.rssMb, 0);
  const total = last.memory.reduce((n, p) => n + p.rssMb, 0);
  const bare = await bareNodeRssMb();
  const runs = (xs: ColdStart[]) => xs.map((s) => fixed(s.readyMs / 1000, 1)).join(', ');
  line(
    'startup, `crossgen local` at rest (median of 3)',
    `${fixed(startup, 1)} s`,
    `${fixed(startup / TARGETS.startupSeconds)} x the 5 s target (runs: ${runs(starts)} s)`,
  );
  line(
    'startup, under a CPU load on every core',
    `${fixed(underLoad, 1)} s`,
    `${fixed(underLoad / TARGETS.startupUnderLoadSeconds)} x the 20 s target (runs: ${runs(loaded)} s, ${os.availableParallelism()} busy processes)`,
  );
  line(
    'startup, synthesizing (no template cache)',
    `${fixed(uncached.readyMs / 1000, 1)} s`,
    `${fixed(uncached.readyMs / 1000 / startup, 1)} x a start from the cache`,
  );
  line('  of which inside startLocalCloud', `${fixed(reported, 1)} s`, `${fixed(reported / startup)} x the whole start`);
  line('memory, node process (RSS)', `${fixed(node, 0)} MB`, `${fixed(node / bare, 1)} x a bare Node process (${fixed(bare, 0)} MB)`);
  line('memory, DynamoDB Local JVM (RSS)', `${fixed(java, 0)} MB`, `${fixed(java / total)} x the whole tree`);
  line(
    'memory, whole process tree (RSS)',
    `${fixed(total, 0)} MB`,
    `${last.memory.length} processes: ${last.memory.map((p) => p.command.split(' ')[0]).join(', ')}`,
  );
  report.startup = {
    medianSeconds: startup,
    runsSeconds: starts.map((s) => s.readyMs / 1000),
    underLoadMedianSeconds: underLoad,
    underLoadRunsSeconds: loaded.map((s) => s.readyMs / 1000),
    withoutCacheSeconds: uncached.readyMs / 1000,
    insideStartLocalCloudSeconds: reported,
    targets: { atRest: TARGETS.startupSeconds, underLoad: TARGETS.startupUnderLoadSeconds },
    met: startup < TARGETS.startupSeconds && underLoad < TARGETS.startupUnderLoadSeconds,
  };
  report.memory = { nodeMb: node, javaMb: java, totalMb: total, bareNodeMb: bare, processes: last.memory };
}

// One in-process local cloud for the lifecycle parts: handlers' SDK clients keep the endpoint they first saw.
const lifecycleCloud =
  values.only === undefined || values.only === 'lifecycle'
    ? await (await import('../local/cloud')).startLocalCloud({ port: 0, smtpPort: 0, speed: 0 })
    : undefined;
if (lifecycleCloud) {
  let bench: LifecycleBench | undefined;
  try {
    bench = await lifecycleBench({ participants: Number(values.participants), seed: Number(values.seed), cloud: lifecycleCloud });
  } catch (e) {
    console.log(`lifecycle: could not run (${(e as Error).message})`);
    report.lifecycle = { error: (e as Error).message };
  }
  if (bench) {
    const { summary } = bench;
    const perProgram = bench.realSeconds;
    line(
      'lifecycle, real seconds per simulated program',
      `${fixed(perProgram, 1)} s`,
      `${fixed((bench.simulatedDays * 86_400) / perProgram, 0)} x faster than real time (${bench.simulatedDays} simulated days, ${summary.pairings.started} pairings at once)`,
    );
    line(
      'lifecycle, state transitions per pairing',
      `${bench.transitionsPerPairing.median} (max ${bench.transitionsPerPairing.max})`,
      `${fixed(bench.transitionsPerPairing.max / TARGETS.transitionsPerPairing)} x the 300 target (${bench.finished} completed pairings)`,
    );
    line(
      'lifecycle, history events per pairing',
      `${bench.historyEventsPerPairing.median} (max ${bench.historyEventsPerPairing.max})`,
      `${fixed(bench.historyEventsPerPairing.max / TARGETS.historyEventsPerPairing)} x the 2,000 target`,
    );
    line(
      'lifecycle, emails / replies / escalations',
      `${summary.emailsSent} / ${summary.replies.sent} / ${summary.escalations}`,
      `failures: ${summary.failures.executions.length} executions, ${summary.failures.deadLetters} dead letters`,
    );
    report.lifecycle = {
      realSecondsPerProgram: perProgram,
      simulatedDays: bench.simulatedDays,
      completedPairings: bench.finished,
      transitionsPerPairing: bench.transitionsPerPairing,
      historyEventsPerPairing: bench.historyEventsPerPairing,
      targets: { transitions: TARGETS.transitionsPerPairing, historyEvents: TARGETS.historyEventsPerPairing },
      met:
        bench.finished > 0 &&
        bench.transitionsPerPairing.max < TARGETS.transitionsPerPairing &&
        bench.historyEventsPerPairing.max < TARGETS.historyEventsPerPairing,
      summary,
    };
  }
}

if (lifecycleCloud) {
  // One pairing that answers everything, per program length: 6 and 12 months in one execution,
  // 24 months across hand-overs (an execution ends at AWS's one-year limit).
  const lengths: ProgramLengthBench[] = [];
  try {
    for (const months of [6, 12, 24]) lengths.push(await programLengthBench(lifecycleCloud.url, months));
  } catch (e) {
    console.log(`program lengths: could not run (${(e as Error).message})`);
  } finally {
    await lifecycleCloud.stop();
  }
  for (const b of lengths) {
    line(
      `lifecycle, ${b.months}-month program, one pairing`,
      `${b.transitions} transitions, ${b.historyEvents} history events`,
      `${b.months === 6 ? `${fixed(b.transitions / TARGETS.transitionsPerPairing)} x the 300 and ${fixed(b.historyEvents / TARGETS.historyEventsPerPairing)} x the 2,000 targets; ` : ''}${b.executions} execution(s), largest ${b.maxHistoryEventsPerExecution} events (cap 25,000); ${b.status}; ${fixed(b.realSeconds, 1)} s`,
    );
  }
  report.programLengths = lengths;
}

if (values.only === 'import') {
  const cloud = await (await import('../local/cloud')).startLocalCloud({ port: 0, smtpPort: 0 });
  try {
    const b = await importBench({ url: cloud.url, rows: Number(values.rows), clockSpeed: Number(values.speed) });
    line('import, POST answered (202)', `${fixed(b.postSeconds, 1)} s`, `${b.rows} rows stored as a job`);
    line('import, every row done', `${fixed(b.rowsDoneSeconds, 1)} s`, `${b.enrolled} enrolled, ${b.refused} refused; ${b.progressReads} progress reads`);
    line(
      'import, every confirmation sent',
      `${fixed(b.confirmationsDoneSeconds, 1)} s`,
      `status ${b.status}; ${b.emailsSent} emails, ${b.emailsLost} lost, ${b.emailsDuplicated} duplicated (clock at ${b.clockSpeed} x real time)`,
    );
    line(
      'import, peak emails per simulated second',
      `${b.peakEmailsPerSimulatedSecond}`,
      `${fixed(b.peakEmailsPerSimulatedSecond / b.sesMaxSendRate)} x SES's ${b.sesMaxSendRate}/s; ${b.sesThrottled} sends throttled (retried)`,
    );
    report.import = {
      ...b,
      met: b.status === 'completed' && b.emailsLost === 0 && b.emailsDuplicated === 0 && b.peakEmailsPerSimulatedSecond <= b.sesMaxSendRate,
    };
  } finally {
    await cloud.stop();
  }
}

report.loadAverageAtEnd = Number(load());
console.log(`machine: 1-minute load average ${load()} at the end`);
console.log(JSON.stringify(report));
// The in-process local cloud has been stopped; nothing else should keep the process alive.
process.exit(0);
