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

/** Runs on the local cloud at `cloud.url` (one per process: handlers' SDK clients keep their endpoint). */
export async function lifecycleBench(opts: { participants: number; seed: number; cloud: { url: string } }): Promise<LifecycleBench> {
  const { cloud } = opts;
  {
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
  }
}

/** One pairing's cost in Step Functions over a whole program: every execution of its chain summed. */
export interface ProgramLengthBench {
  readonly months: number;
  readonly status: string;
  readonly executions: number;
  readonly transitions: number;
  readonly historyEvents: number;
  /** The largest single execution (AWS caps each at 25,000 history events and one year). */
  readonly maxHistoryEventsPerExecution: number;
  readonly realSeconds: number;
}

/**
 * A pairing whose two people answer every question, run through a program of `months` on the
 * local cloud at `url`: what it costs in state transitions and history events, across the
 * hand-overs a program past one year needs.
 */
export async function programLengthBench(url: string, months: number): Promise<ProgramLengthBench> {
  const t0 = performance.now();
  const tag = `${months}m${Math.random().toString(36).slice(2, 7)}`;
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} -> ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const post = <T>(path: string, body: unknown, headers: Record<string, string> = {}) =>
    call<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const programId = `bench-${tag}`;
  await post('/local/programs', {
    programId,
    name: `Bench ${months} months`,
    startDate: '2027-01-04',
    admins: [`admin-${tag}@example.com`],
    lifecycle: { durationMonths: months },
  });
  const person = (role: 'mentor' | 'mentee') => ({
    programId,
    role,
    name: role === 'mentor' ? 'Mia Mentor' : 'Sam Senior',
    email: `${role}-${tag}@example.com`,
    department: role === 'mentor' ? 'Finance' : 'Operations',
    location: 'London',
    timeZone: role === 'mentor' ? 'Europe/London' : 'Europe/Berlin',
    topicsOffered: role === 'mentor' ? ['ai-tools'] : ['strategy'],
    topicsWanted: role === 'mentor' ? ['strategy'] : ['ai-tools'],
    availability: [{ day: 'tue', start: '09:00', end: '11:00' }],
    languages: ['en'],
    goals: 'Learn from each other',
    consent: { dataProcessing: true, shareProgressWithManager: false },
  });
  const mentor = await post<{ participantId: string; email: string }>('/participants', person('mentor'));
  const mentee = await post<{ participantId: string; email: string }>('/participants', person('mentee'));
  const { pairingId } = await post<{ pairingId: string }>('/local/pairings', {
    programId,
    mentorId: mentor.participantId,
    menteeId: mentee.participantId,
    score: 80,
    reasons: ['AI tools for strategy'],
    tradeOffs: [],
  });
  const machine = (await call<{ name: string; stateMachine: string }[]>('/local/state-machines')).find((m) => m.name.startsWith('PairingLifecycle'))!;
  await post('/', JSON.stringify({ stateMachineArn: machine.stateMachine, name: pairingId, input: JSON.stringify({ pairingId, programId }) }), {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'AWSStepFunctions.StartExecution',
  });
  await post('/local/idle', {});
  const handled = new Set<string>();
  const chain = async () => (await call<Execution[]>('/local/executions')).filter((e) => e.name === pairingId || e.name.startsWith(`${pairingId}-`));
  let status = 'RUNNING';
  let since = new Date(0).toISOString();
  // Two simulated days a step: every question stays open five days, so each is answered in time.
  for (let step = 0; step < months * 16 + 200; step++) {
    const now = (await call<{ now: string }>('/local/clock')).now;
    const fresh = await call<{ messageId: string; to: string[]; replyTo: string[]; subject: string; text: string }[]>(
      `/local/emails?since=${encodeURIComponent(since)}`,
    );
    // The mailbox stamps whole seconds: look a little back, the handled set drops repeats.
    since = new Date(Date.parse(now) - 5_000).toISOString();
    for (const e of fresh) {
      const to = e.to[0];
      // Questions only: they carry answer links (every participant email has a Reply-To).
      if (handled.has(e.messageId) || !/\/r\//.test(e.text) || (to !== mentor.email && to !== mentee.email)) continue;
      handled.add(e.messageId);
      const text = /questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4';
      const raw = [
        `From: <${to}>`,
        `To: <${e.replyTo[0]}>`,
        `Subject: Re: ${e.subject}`,
        `Message-ID: <${Math.random().toString(36).slice(2)}@bench.example.com>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '',
      ].join('\r\n');
      await call('/local/inbound', { method: 'POST', body: raw });
    }
    const executions = await chain();
    if (executions.length > 0 && executions.every((e) => e.status !== 'RUNNING')) {
      status = executions.some((e) => e.status === 'FAILED' || e.status === 'TIMED_OUT') ? 'FAILED' : 'SUCCEEDED';
      break;
    }
    await post('/local/clock', { advance: 'P2D' });
  }
  const executions = await chain();
  const histories = await Promise.all(
    executions.map(async (e) => (await call<unknown[]>(`/local/history?executionArn=${encodeURIComponent(e.executionArn)}`)).length),
  );
  const pairing = (await call<{ pairing: { status: string } }>(`/local/pairings/${pairingId}`)).pairing;
  return {
    months,
    status: status === 'SUCCEEDED' ? pairing.status : status,
    executions: executions.length,
    transitions: executions.reduce((n, e) => n + e.transitions, 0),
    historyEvents: histories.reduce((n, h) => n + h, 0),
    maxHistoryEventsPerExecution: Math.max(0, ...histories),
    realSeconds: (performance.now() - t0) / 1000,
  };
}
