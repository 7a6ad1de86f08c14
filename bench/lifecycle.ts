import { runDemo, type DemoSummary } from '../local/commands/demo';
import { median } from './local-cloud';

/**
 * A whole program in simulated time on an in-process local cloud: the demo's cohort (people who
 * answer on time, late or never) run from matching to recognition, then per pairing the state
 * transitions (what Step Functions bills) and history events (the 25,000 cap) of its execution.
 */

export interface LifecycleBench {
  readonly summary: DemoSummary;
  readonly realSeconds: number;
  readonly simulatedDays: number;
  /** Pairings that ran the whole program (status completed); the per-pairing figures are theirs. */
  readonly finished: number;
  readonly transitionsPerPairing: { median: number; max: number };
  readonly historyEventsPerPairing: { median: number; max: number };
}

interface Execution {
  executionArn: string;
  name: string;
  stateMachineName: string;
  status: string;
  transitions: number;
}

export async function lifecycleBench(opts: { participants: number; seed: number }): Promise<LifecycleBench> {
  const { startLocalCloud } = await import('../local/cloud');
  const cloud = await startLocalCloud({ port: 0, smtpPort: 0, speed: 0 });
  try {
    const t0 = performance.now();
    const summary = await runDemo({ participants: opts.participants, seed: opts.seed, url: cloud.url });
    const realSeconds = (performance.now() - t0) / 1000;
    const get = async <T>(path: string) => (await (await fetch(`${cloud.url}${path}`)).json()) as T;
    // Pairings that never started end after a handful of states; the 6-month figures are the completed ones'.
    const completed = new Set(
      (await get<{ pairingId: string; status: string }[]>('/local/pairings?programId=pilot')).filter((p) => p.status === 'completed').map((p) => p.pairingId),
    );
    const executions = (await get<Execution[]>('/local/executions')).filter(
      (e) => e.stateMachineName.startsWith('PairingLifecycle') && e.status === 'SUCCEEDED' && completed.has(e.name),
    );
    const transitions: number[] = [];
    const history: number[] = [];
    for (const e of executions) {
      transitions.push(e.transitions);
      history.push((await get<unknown[]>(`/local/history?executionArn=${encodeURIComponent(e.executionArn)}`)).length);
    }
    const stats = (xs: number[]) => ({ median: median(xs), max: xs.length ? Math.max(...xs) : 0 });
    return {
      summary,
      realSeconds,
      simulatedDays: summary.simulated.days,
      finished: executions.length,
      transitionsPerPairing: stats(transitions),
      historyEventsPerPairing: stats(history),
    };
  } finally {
    await cloud.stop();
  }
}
