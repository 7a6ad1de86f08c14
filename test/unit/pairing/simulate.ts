import { programSchema, type Program, type ProgramInput } from '../../../functions/domain/program';
import type { Participant } from '../../../functions/domain/participant';
import { recordAnswer } from '../../../functions/domain/pairing/answers';
import { decideNext } from '../../../functions/domain/pairing/decide';
import { decidesSeries } from '../../../functions/domain/pairing/meeting';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import type { BusySeries } from '../../../functions/domain/meeting-slot';
import type { Decision, EmailIntent } from '../../../functions/domain/pairing/decision';
import type { Answer, ControlRequest, Pairing, PairingStatus, Side } from '../../../functions/domain/pairing/model';
import { askedOf, interpretReply } from '../../../functions/domain/replies';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * Runs the pure lifecycle core the way the shell does, without AWS: decide, store, wake at the
 * decided time or when an answer or a request arrives. Answers come from `answer` for each question
 * email, `delayHours` after it was sent (or never).
 */
export interface SimOptions {
  program?: Partial<ProgramInput>;
  mentor?: Partial<Participant>;
  mentee?: Partial<Participant>;
  start?: string;
  /** The reply to a question email, or undefined to stay silent. */
  answer?: (email: EmailIntent, side: Side) => { text?: Partial<Answer> & { intent: string }; delayHours?: number } | undefined;
  /** Requests arriving at given times (ISO). */
  controls?: { at: string; request: Omit<ControlRequest, 'requestedAt'> }[];
  maxSteps?: number;
  /** HR changes the program's settings at given times (ISO); the pairing is woken, as ProgramChanged does. */
  programChanges?: { at: string; program: Partial<ProgramInput> }[];
  /**
   * The people's other series (at a step's time, when a function), given as the shell loads them:
   * only to the steps that decide the pair's series (meeting.ts, decidesSeries).
   */
  busySeries?: readonly BusySeries[] | ((now: Date) => readonly BusySeries[]);
}

export interface SimEmail extends EmailIntent {
  readonly sentAt: string;
}

export interface SimResult {
  pairing: Pairing;
  emails: SimEmail[];
  decisions: { at: string; decision: Decision }[];
  statuses: PairingStatus[];
  records: Map<string, Record<string, unknown>>;
  events: { type: string; detail: Record<string, unknown>; at: string }[];
  wakes: number;
  generations: number;
}

export function participant(role: 'mentor' | 'mentee', overrides: Partial<Participant> = {}): Participant {
  const intake = intakeInput({
    role,
    name: role === 'mentor' ? 'Mia Mentor' : 'Sam Senior',
    email: `${role}@example.com`,
    topicsOffered: role === 'mentor' ? ['ai-tools'] : ['strategy'],
    topicsWanted: role === 'mentor' ? ['strategy'] : ['ai-tools'],
    timeZone: role === 'mentor' ? 'Europe/London' : 'Europe/Berlin',
    consent: { dataProcessing: true, shareProgressWithManager: role === 'mentee' },
    manager: { email: `${role}-boss@example.com` },
  });
  return {
    ...(intake as unknown as Participant),
    capacity: 1,
    interests: [],
    meetingPreference: 'either',
    doNotPairWith: [],
    participantId: `pt_${role}`,
    status: 'paired',
    createdAt: '2027-01-01T00:00:00Z',
    updatedAt: '2027-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

/** The simulation's program, with any settings changed. */
export function simProgram(over: Partial<ProgramInput> = {}): Program {
  return programSchema.parse({
    programId: 'sim',
    name: 'Sim cohort',
    startDate: '2027-01-04',
    admins: ['admin@example.com'],
    timeZone: 'Europe/London',
    ...over,
  });
}

/** The simulation's pairing as proposed at `at`, with any fields changed. */
export function simPairing(at: string, over: Partial<Pairing> = {}): Pairing {
  return {
    pairingId: 'pr_sim',
    programId: 'sim',
    mentorId: 'pt_mentor',
    menteeId: 'pt_mentee',
    score: 80,
    reasons: ['You both care about AI tools'],
    tradeOffs: [],
    status: 'proposed',
    checkInsHeld: 0,
    checkInsMissed: 0,
    missedInRow: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...over,
  };
}

export function simulate(opts: SimOptions = {}): SimResult {
  let program = simProgram(opts.program);
  const programChanges = [...(opts.programChanges ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  const mentor = participant('mentor', opts.mentor);
  const mentee = participant('mentee', opts.mentee);
  let now = new Date(opts.start ?? '2027-01-04T08:00:00Z');
  let pairing: Pairing = simPairing(now.toISOString(), { mentorId: mentor.participantId, menteeId: mentee.participantId });
  const result: SimResult = { pairing, emails: [], decisions: [], statuses: ['proposed'], records: new Map(), events: [], wakes: 0, generations: 1 };
  const pendingAnswers: { at: number; roundKey: string; side: Side; answer: Answer }[] = [];
  const controls = [...(opts.controls ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  let execution = { startedAt: now.toISOString(), generation: 1 };
  for (let step = 0; step < (opts.maxSteps ?? 2000); step++) {
    const read: LifecycleContext = { pairing, program, mentor, mentee, now, execution };
    const others = opts.busySeries;
    const ctx: LifecycleContext = others && decidesSeries(read) ? { ...read, busySeries: typeof others === 'function' ? others(now) : others } : read;
    const d = decideNext(ctx);
    result.wakes++;
    result.decisions.push({ at: now.toISOString(), decision: d });
    if (d.changed) {
      pairing = { ...d.pairing, version: pairing.version + 1, updatedAt: now.toISOString() };
      if (pairing.status !== result.statuses.at(-1)) result.statuses.push(pairing.status);
    }
    for (const r of d.records) result.records.set(r.sk, r.item);
    for (const e of d.events) result.events.push({ type: e.type, detail: e.detail as Record<string, unknown>, at: now.toISOString() });
    for (const e of d.emails) {
      result.emails.push({ ...e, sentAt: now.toISOString() });
      if (e.question && opts.answer) {
        const reply = opts.answer(e, e.question.side);
        if (reply?.text)
          pendingAnswers.push({
            at: now.getTime() + (reply.delayHours ?? 2) * 3_600_000,
            roundKey: e.question.roundKey,
            side: e.question.side,
            answer: { at: '', ...reply.text },
          });
      }
    }
    if (d.next.action === 'done') break;
    if (d.next.action === 'hand-over') {
      execution = { startedAt: now.toISOString(), generation: d.next.generation };
      result.generations = d.next.generation;
      continue;
    }
    // Wake at the decided time, or earlier when an answer or a request arrives.
    const wakeAt = Date.parse(d.next.at);
    pendingAnswers.sort((a, b) => a.at - b.at);
    const nextAnswer = pendingAnswers[0];
    const nextControl = controls[0];
    const nextChange = programChanges[0];
    const candidates = [
      wakeAt,
      nextAnswer?.at ?? Infinity,
      nextControl ? Date.parse(nextControl.at) : Infinity,
      nextChange ? Date.parse(nextChange.at) : Infinity,
    ];
    const at = Math.min(...candidates);
    if (!Number.isFinite(at)) throw new Error('The simulation has nothing to wake it.');
    now = new Date(Math.max(at, now.getTime()));
    if (nextChange && Date.parse(nextChange.at) <= now.getTime()) {
      programChanges.shift();
      program = simProgram({ ...opts.program, ...nextChange.program });
    } else if (nextAnswer && nextAnswer.at <= now.getTime()) {
      pendingAnswers.shift();
      const out = recordAnswer(pairing, nextAnswer.roundKey, nextAnswer.side, { ...nextAnswer.answer, at: now.toISOString() }, now);
      if (out.status === 'recorded') pairing = { ...pairing, round: out.round, version: pairing.version + 1 };
    } else if (nextControl && Date.parse(nextControl.at) <= now.getTime()) {
      controls.shift();
      if (!['completed', 'ended', 'not-started'].includes(pairing.status)) {
        pairing = {
          ...pairing,
          controls: [...(pairing.controls ?? []), { ...nextControl.request, requestedAt: now.toISOString() }],
          version: pairing.version + 1,
        };
      }
    }
  }
  result.pairing = pairing;
  return result;
}

/** Everyone says yes to everything, with a rating of 4, two hours later. */
export const agreeable: SimOptions['answer'] = (email) => {
  if (!email.question) return undefined;
  if (email.question.purpose === 'milestone') return { text: { intent: 'rating', rating: 4, score: 9 } };
  if (email.question.purpose === 'admin-decision') return { text: { intent: 'yes', decision: 'continue' } };
  if (email.question.purpose === 'check-in') return { text: { intent: 'rating', rating: 4 } };
  return { text: { intent: 'yes' } };
};

/** Answers as the shell does: each reply text read with what its question asked (its context), an hour later. */
export function replying(text: (e: EmailIntent, side: Side) => string | undefined): SimOptions['answer'] {
  return (e, side) => {
    const t = text(e, side);
    if (t === undefined) return undefined;
    const { reason: _reason, ...answer } = interpretReply(t, e.question!.purpose, { now: new Date('2027-01-05T00:00:00Z'), ...askedOf(e.question!.context) });
    return { text: answer, delayHours: 1 };
  };
}
