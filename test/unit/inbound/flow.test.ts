import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerResult, StoredQuestion } from '../../../functions/adapters/reply-tokens';
import type { ControlRequest } from '../../../functions/adapters/workflow-callbacks';
import { processInboundMessage, type InboundPorts } from '../../../functions/inbound-mail';
import { newOpaqueId, replyAddress, STANDING_CLOSES_AT } from '../../../functions/domain/replies';
import { questionClosed } from '../../../functions/domain/emails';
import { logger } from '../../../functions/shared/powertools';
import { storedQuestion } from '../../fixtures/questions';
import { stampVerdicts, type LocalVerdicts } from '../../../local/inbound';

logger.setLogLevel('ERROR');

const KEY = 'k'.repeat(48);
const DOMAIN = 'reply.example.com';
const NOW = new Date('2026-06-15T08:00:00Z');

const question = storedQuestion;

/** Ports over memory: what the decision did is in `calls`. */
function fakes(q: StoredQuestion, answer: (() => Promise<AnswerResult>) | undefined = undefined) {
  const calls = {
    claimed: new Set<string>(),
    outcomes: [] as string[],
    released: 0,
    notices: [] as string[],
    answers: [] as unknown[],
    controls: [] as ControlRequest[],
  };
  const marks = new Set<string>();
  const ports: InboundPorts = {
    verificationKeys: async () => [KEY],
    inboundDomain: DOMAIN,
    async claim(k) {
      if (calls.claimed.has(k)) return false;
      calls.claimed.add(k);
      return true;
    },
    async recordOutcome(_k, outcome) {
      calls.outcomes.push(outcome);
    },
    async release() {
      calls.released++;
    },
    getQuestion: async (id) => (id === q.opaqueId ? q : undefined),
    // Admin questions here go to the program's admins (the program stays as it was).
    putToFormerAdmin: async () => false,
    async markNotice(id, field) {
      const k = `${id}:${field}`;
      if (marks.has(k)) return false;
      marks.add(k);
      return true;
    },
    async answerQuestion(_id, reading, opts) {
      calls.answers.push({ reading, opts });
      return answer ? answer() : { status: 'recorded', answeredAt: NOW.toISOString() };
    },
    async publishControl(request) {
      calls.controls.push(request);
    },
    runningPairings: async (participantId) =>
      participantId === 'pt_1'
        ? [
            { pairingId: 'pr_1', programId: 'pilot', status: 'active', partnerName: 'Sam Senior' },
            { pairingId: 'pr_2', programId: 'pilot', status: 'paused', pausedUntil: '2026-07-01T00:00:00.000Z', partnerName: 'Tom Elder' },
          ]
        : [],
    // pr_1 runs, pr_2 is paused, pr_gone has ended; any other pairing is not stored here.
    pairingState: async (pairingId) =>
      ({
        pr_1: { status: 'active' as const },
        pr_2: { status: 'paused' as const, pausedUntil: '2026-07-01T00:00:00.000Z' },
        pr_gone: { status: 'ended' as const },
      })[pairingId],
    notices: {
      clarification: async () => void calls.notices.push('clarification'),
      questionClosed: async () => void calls.notices.push('questionClosed'),
      notTheParticipant: async () => void calls.notices.push('notTheParticipant'),
      notAnAdmin: async () => void calls.notices.push('notAnAdmin'),
      standingHelp: async (_q, why, opts) =>
        void calls.notices.push(why ? `standingHelp: ${why.command}: ${why.why}` : opts?.metReported ? 'standingHelp (met)' : 'standingHelp'),
      nothingRunning: async (_q, command, why) =>
        void calls.notices.push(`nothingRunning ${command}${why?.ended ? ' ended' : ''}${why?.pausedUntil ? ` paused until ${why.pausedUntil}` : ''}`),
    },
  };
  return { ports, calls };
}

/** A reply as SES stores it: its verdict headers on top (all passing unless `verdicts` says otherwise). */
function message(q: StoredQuestion, body: string, headers: Record<string, string> = {}, verdicts: Partial<LocalVerdicts> | 'none' = {}): Buffer {
  const lines = {
    From: 'Jane Doe <jane.doe@example.com>',
    To: replyAddress(q.opaqueId, KEY, DOMAIN),
    Subject: 'Re: Did you meet?',
    'Message-ID': `<${Math.random().toString(36).slice(2)}@mail.example.com>`,
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  };
  const raw = Buffer.from(
    `${Object.entries(lines)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\n\r\n${body}\r\n`,
  );
  return verdicts === 'none' ? raw : stampVerdicts(raw, verdicts);
}

// The stored hash is what the adapter writes; compute it the same way here.
async function withHash(q: StoredQuestion): Promise<StoredQuestion> {
  const { emailHash } = await import('../../../functions/adapters/reply-tokens');
  return { ...q, recipientEmailHash: emailHash(q.recipientEmail) };
}

describe('processInboundMessage on a standing address', () => {
  const standing = () => withHash(question({ purpose: 'standing', pairingId: undefined, choices: [], closesAt: '9999-12-31T23:59:59.999Z' }));

  it('withdraws the person on STOP, without recording an answer', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'STOP'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'ParticipantWithdrew', programId: 'pilot', participantId: 'pt_1' }]);
    expect(calls.answers).toEqual([]);
  });

  it('pauses every running pairing of the person on PAUSE, with the date given', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'PAUSE until 2026-07-01'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([
      { type: 'PairingPauseRequested', programId: 'pilot', pairingId: 'pr_1', participantId: 'pt_1', pauseUntil: '2026-07-01' },
      { type: 'PairingPauseRequested', programId: 'pilot', pairingId: 'pr_2', participantId: 'pt_1', pauseUntil: '2026-07-01' },
    ]);
  });

  it('ends only the pairing an END names, and none (asking which) when it names none of several', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'END Tom'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls.map((c) => [c.type, 'pairingId' in c ? c.pairingId : undefined])).toEqual([['PairingEndRequested', 'pr_2']]);
    expect(await processInboundMessage(message(q, 'END'), 'inbound/b', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toHaveLength(1);
    expect(calls.notices).toEqual(['nothingRunning end']);
  });

  it('answers anything else with what the address accepts, once per message, and records nothing', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q);
    const raw = message(q, 'Thanks, all good!');
    expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('standing-help-sent');
    expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('duplicate');
    expect(calls.notices).toEqual(['standingHelp']);
    expect(calls.controls).toEqual([]);
    expect(calls.answers).toEqual([]);
  });

  it('answers "we met" with the help that says where the meeting still counts; other text with the plain help', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'We met on Tuesday, it went well.'), 'inbound/a', ports, NOW)).toBe('standing-help-sent');
    expect(await processInboundMessage(message(q, 'Please update my phone number.'), 'inbound/b', ports, NOW)).toBe('standing-help-sent');
    expect(calls.notices).toEqual(['standingHelp (met)', 'standingHelp']);
    expect(calls.answers).toEqual([]);
  });

  it('tells a person with no pairing running that PAUSE, END or REMATCH changed nothing, once per message', async () => {
    for (const command of ['PAUSE', 'END', 'REMATCH']) {
      const q = await withHash(
        question({ purpose: 'standing', participantId: 'pt_2', pairingId: undefined, choices: [], closesAt: '9999-12-31T23:59:59.999Z' }),
      );
      const { ports, calls } = fakes(q);
      const raw = message(q, command);
      expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('nothing-running');
      expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('duplicate');
      expect(calls.notices).toEqual([`nothingRunning ${command.toLowerCase()}`]);
      expect(calls.controls).toEqual([]);
      expect(calls.answers).toEqual([]);
    }
  });

  it('PAUSE without a date pauses only what is not paused already; with every pairing paused, says so and changes nothing', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'PAUSE'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'PairingPauseRequested', programId: 'pilot', pairingId: 'pr_1', participantId: 'pt_1' }]);
    const allPaused = fakes(q);
    allPaused.ports.runningPairings = async () => [{ pairingId: 'pr_2', programId: 'pilot', status: 'paused', pausedUntil: '2026-07-01T00:00:00.000Z' }];
    expect(await processInboundMessage(message(q, 'PAUSE'), 'inbound/a', allPaused.ports, NOW)).toBe('nothing-running');
    expect(allPaused.calls.notices).toEqual(['nothingRunning pause paused until 2026-07-01']);
    expect(allPaused.calls.controls).toEqual([]);
  });

  it('answers at most a few messages a day with the help, then stays silent; commands still act', async () => {
    const q = await standing();
    const fake = fakes(q);
    const calls = fake.calls;
    // Stands in for the conditional update: the first three message keys are claimed.
    const helped = new Set<string>();
    const ports: InboundPorts = {
      ...fake.ports,
      markStandingHelp: async (_id: string, key: string) => helped.size < 3 && !helped.has(key) && Boolean(helped.add(key)),
    };
    const robot = (i: number) => message(q, `Thank you for your message (${i}). We will get back to you within 2 working days.`);
    const outcomes = [];
    for (let i = 1; i <= 5; i++) outcomes.push(await processInboundMessage(robot(i), `inbound/${i}`, ports, NOW));
    expect(outcomes).toEqual(['standing-help-sent', 'standing-help-sent', 'standing-help-sent', 'standing-help-capped', 'standing-help-capped']);
    expect(calls.notices).toEqual(['standingHelp', 'standingHelp', 'standingHelp']);
    expect(await processInboundMessage(message(q, 'STOP'), 'inbound/stop', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'ParticipantWithdrew', programId: 'pilot', participantId: 'pt_1' }]);
  });

  it('takes no command from another sender', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'STOP', { From: 'someone@else.example.com' }), 'inbound/a', ports, NOW)).toBe('wrong-sender');
    expect(calls.controls).toEqual([]);
  });
});

describe('processInboundMessage: an address signed with a key retired since (QA: rotation)', () => {
  const RETIRED = 'r'.repeat(48);
  const oldAddress = (q: StoredQuestion) => ({ To: replyAddress(q.opaqueId, RETIRED, DOMAIN) });
  /** The fakes after a rotation whose grace ended before NOW, counting the reads of reply items. */
  function counted(q: StoredQuestion, previousValidUntil = '2026-06-15T00:00:00.000Z') {
    const out = fakes(q);
    const read = out.ports.getQuestion;
    let reads = 0;
    const ports: InboundPorts = {
      ...out.ports,
      signingKeys: async () => ({ current: KEY, previous: RETIRED, previousValidUntil }),
      getQuestion: (id) => {
        reads++;
        return read(id);
      },
    };
    return { ...out, ports, reads: () => reads };
  }

  it("takes STOP to an old email's standing address, reading its item once", async () => {
    const q = await withHash(question({ purpose: 'standing', pairingId: undefined, choices: [], closesAt: STANDING_CLOSES_AT }));
    const { ports, calls, reads } = counted(q);
    expect(await processInboundMessage(message(q, 'STOP', oldAddress(q)), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'ParticipantWithdrew', programId: 'pilot', participantId: 'pt_1' }]);
    expect(reads()).toBe(1);
    // Every check after the signature still applies: another sender commands nothing.
    expect(await processInboundMessage(message(q, 'STOP', { ...oldAddress(q), From: 'someone@else.example.com' }), 'inbound/b', ports, NOW)).toBe(
      'wrong-sender',
    );
    expect(calls.controls).toHaveLength(1);
  });

  it('refuses an edited standing address first issued after the rotation ended its grace: only a held key signed it', async () => {
    const q = await withHash(question({ purpose: 'standing', pairingId: undefined, choices: [], closesAt: STANDING_CLOSES_AT }));
    const { ports, calls } = counted(q, '2026-06-13T00:00:00.000Z');
    expect(await processInboundMessage(message(q, 'STOP', oldAddress(q)), 'inbound/a', ports, NOW)).toBe('forged-address');
    expect(calls.controls).toEqual([]);
  });

  it("refuses an old question's address and a made-up id as forged, at one read each", async () => {
    const q = await withHash(question());
    const { ports, calls, reads } = counted(q);
    expect(await processInboundMessage(message(q, 'yes 4', oldAddress(q)), 'inbound/a', ports, NOW)).toBe('forged-address');
    const madeUp = question({ opaqueId: newOpaqueId() });
    expect(await processInboundMessage(message(madeUp, 'STOP', oldAddress(madeUp)), 'inbound/b', ports, NOW)).toBe('forged-address');
    expect(reads()).toBe(2);
    expect(calls.answers).toEqual([]);
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual([]);
  });
});

describe('processInboundMessage: commands to the pairing a question was about', () => {
  it('END or REMATCH to a question of a pairing that has ended: nothing is requested, and the person hears why', async () => {
    for (const command of ['END', 'REMATCH']) {
      const q = await withHash(question({ pairingId: 'pr_gone' }));
      const { ports, calls } = fakes(q);
      expect(await processInboundMessage(message(q, command), 'inbound/a', ports, NOW)).toBe('nothing-running');
      expect(calls.notices).toEqual([`nothingRunning ${command.toLowerCase()} ended`]);
      expect(calls.controls).toEqual([]);
      expect(calls.answers).toEqual([]);
    }
  });

  it('REMATCH or END naming another running partner, as the footer offers, ends that pairing and leaves this question open (QA)', async () => {
    for (const [command, extra] of [
      ['REMATCH', { reason: 'participant-rematch' }],
      ['END', {}],
    ] as const) {
      const q = await withHash(question({ pairingId: 'pr_1' }));
      const { ports, calls } = fakes(q);
      expect(await processInboundMessage(message(q, `${command} Tom`), 'inbound/a', ports, NOW)).toBe('command');
      expect(calls.controls).toEqual([{ type: 'PairingEndRequested', programId: 'pilot', pairingId: 'pr_2', participantId: 'pt_1', ...extra }]);
      expect(calls.answers).toEqual([]);
    }
  });

  it("REMATCH naming the partner of the writer's pairing in another program ends that one, asked as that enrolment (QA multiprog)", async () => {
    const q = await withHash(question({ pairingId: 'pr_1' }));
    const { ports, calls } = fakes(q);
    const dan = { pairingId: 'pr_dan', programId: 'beta', status: 'active', partnerName: 'Dan Elder', participantId: 'pt_beta' };
    ports.otherPairings = async (participantId, programId) => ({
      elsewhere: participantId === 'pt_1' && programId === 'pilot' ? [dan] : [],
      formerPartners: [],
    });
    expect(await processInboundMessage(message(q, 'REMATCH Dan'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([
      { type: 'PairingEndRequested', programId: 'beta', pairingId: 'pr_dan', participantId: 'pt_beta', reason: 'participant-rematch' },
    ]);
    expect(calls.answers).toEqual([]);
    // Naming a partner here, or nobody, keeps to this program; two Dans elsewhere end nothing.
    for (const [body, outcome] of [
      ['REMATCH Sam', 'pr_1'],
      ['REMATCH', 'pr_1'],
    ] as const) {
      const again = fakes(q);
      again.ports.otherPairings = async () => ({ elsewhere: [dan], formerPartners: [] });
      expect(await processInboundMessage(message(q, body), 'inbound/a', again.ports, NOW)).toBe('command');
      expect(again.calls.controls.map((c) => ('pairingId' in c ? c.pairingId : undefined))).toEqual([outcome]);
    }
    const twice = fakes(q);
    twice.ports.otherPairings = async () => ({
      elsewhere: [dan, { ...dan, pairingId: 'pr_dan2', programId: 'gamma', participantId: 'pt_gamma', partnerName: 'Dan Other' }],
      formerPartners: [],
    });
    expect(await processInboundMessage(message(q, 'REMATCH Dan'), 'inbound/a', twice.ports, NOW)).toBe('which-pairing');
    expect(twice.calls.controls).toEqual([]);
  });

  it('REMATCH naming this partner and another ends nothing and asks which was meant (QA verify)', async () => {
    const q = await withHash(question({ pairingId: 'pr_1' }));
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'REMATCH Tom, keep Sam please'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.answers).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning rematch']);
  });

  it("REMATCH naming this pairing's partner, or nobody, ends this pairing", async () => {
    for (const body of ['REMATCH Sam', 'REMATCH', 'REMATCH please, we never found a time']) {
      const q = await withHash(question({ pairingId: 'pr_1' }));
      const { ports, calls } = fakes(q);
      expect(await processInboundMessage(message(q, body), 'inbound/a', ports, NOW)).toBe('command');
      expect(calls.controls).toEqual([
        { type: 'PairingEndRequested', programId: 'pilot', pairingId: 'pr_1', participantId: 'pt_1', reason: 'participant-rematch' },
      ]);
    }
  });

  it('PAUSE without a date to a question of a paused pairing says it is paused already; with a date it moves the date', async () => {
    const q = await withHash(question({ pairingId: 'pr_2' }));
    const plain = fakes(q);
    expect(await processInboundMessage(message(q, 'PAUSE'), 'inbound/a', plain.ports, NOW)).toBe('nothing-running');
    expect(plain.calls.notices).toEqual(['nothingRunning pause paused until 2026-07-01']);
    expect(plain.calls.controls).toEqual([]);
    const dated = fakes(q);
    await processInboundMessage(message(q, 'PAUSE until 2026-08-01'), 'inbound/a', dated.ports, NOW);
    expect(dated.calls.controls).toEqual([expect.objectContaining({ type: 'PairingPauseRequested', pairingId: 'pr_2', pauseUntil: '2026-08-01' })]);
  });

  it('PAUSE until a day just passed, to the standing address or an old closed question, says why nothing paused', async () => {
    const standing = await withHash(question({ purpose: 'standing', pairingId: undefined, choices: [], closesAt: '9999-12-31T23:59:59.999Z' }));
    const closed = await withHash(question({ closesAt: '2026-06-01T08:00:00Z' }));
    for (const q of [standing, closed]) {
      const { ports, calls } = fakes(q);
      expect(await processInboundMessage(message(q, 'PAUSE until 10 June'), 'inbound/a', ports, NOW)).toBe('standing-help-sent');
      expect(calls.notices).toEqual([
        expect.stringMatching(/^standingHelp: pause: "10 June" has passed: reply PAUSE with the date you will be back, after today/),
      ]);
      expect(calls.controls).toEqual([]);
      expect(calls.answers).toEqual([]);
    }
    // "stop for a while": a break or leaving, asked there too, never "that question has closed".
    for (const q of [standing, closed]) {
      const { ports, calls } = fakes(q);
      expect(await processInboundMessage(message(q, 'please stop for a while'), 'inbound/a', ports, NOW)).toBe('standing-help-sent');
      expect(calls.notices).toEqual([expect.stringMatching(/^standingHelp: stop: "please stop for a while" reads as a break/)]);
      expect(calls.controls).toEqual([]);
    }
    // Anything else to the standing address gets the plain help; to the closed question, that it closed.
    const other = fakes(standing);
    await processInboundMessage(message(standing, 'Thanks, see you soon'), 'inbound/a', other.ports, NOW);
    expect(other.calls.notices).toEqual(['standingHelp']);
    const late = fakes(closed);
    await processInboundMessage(message(closed, 'Yes, 4'), 'inbound/a', late.ports, NOW);
    expect(late.calls.notices).toEqual(['questionClosed']);
  });

  it("reads 'today' in the writer's zone: PAUSE until the 15th at 22:30 on the 14th in Los Angeles pauses; in London it is today (QA)", async () => {
    const standing = await withHash(question({ purpose: 'standing', pairingId: undefined, choices: [], closesAt: '9999-12-31T23:59:59.999Z' }));
    const at = new Date('2026-06-15T05:30:00Z');
    for (const [timeZone, outcome] of [
      ['America/Los_Angeles', 'command'],
      ['Europe/London', 'standing-help-sent'],
    ] as const) {
      const { ports, calls } = fakes(standing);
      const zoned: InboundPorts = { ...ports, currentAddressOf: async () => ({ email: standing.recipientEmail, timeZone }) };
      expect(await processInboundMessage(message(standing, 'PAUSE until 15 June'), 'inbound/a', zoned, at), timeZone).toBe(outcome);
      if (outcome === 'command') expect(calls.controls[0]).toMatchObject({ type: 'PairingPauseRequested', pauseUntil: '2026-06-15' });
      else expect(calls.notices).toEqual([expect.stringMatching(/^standingHelp: pause: "15 June" is today/)]);
    }
  });

  it('PAUSE to the introduction of a running pairing pauses it, reading the pairing once; before the start it asks again', async () => {
    const running = await withHash(question({ purpose: 'acceptance', pairingId: 'pr_1' }));
    const { ports, calls } = fakes(running);
    let reads = 0;
    const state = ports.pairingState!;
    const counted: InboundPorts = {
      ...ports,
      pairingState: (id) => {
        reads++;
        return state(id);
      },
    };
    expect(await processInboundMessage(message(running, 'PAUSE'), 'inbound/a', counted, NOW)).toBe('command');
    expect(calls.controls).toEqual([expect.objectContaining({ type: 'PairingPauseRequested', pairingId: 'pr_1' })]);
    expect(reads).toBe(1);
    // pr_new is not stored as running: nothing started that could pause.
    const waiting = await withHash(question({ purpose: 'acceptance', pairingId: 'pr_new' }));
    const before = fakes(waiting);
    expect(await processInboundMessage(message(waiting, 'PAUSE'), 'inbound/a', before.ports, NOW)).toBe('clarification-sent');
    expect(before.calls.notices).toEqual(['clarification']);
    expect(before.calls.controls).toEqual([]);
  });
});

describe('processInboundMessage', () => {
  it('records a clear answer from the participant with the message key and the email channel', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes, 5 - brilliant'), 'inbound/a', ports, NOW)).toBe('recorded');
    expect(calls.answers).toEqual([
      {
        reading: expect.objectContaining({ intent: 'yes', rating: 5 }),
        opts: { messageKey: expect.stringMatching(/^[0-9a-f]{64}$/), channel: 'email', now: NOW },
      },
    ]);
    expect(calls.outcomes).toEqual(['recorded']);
  });

  it('fails closed on a message SES did not check: no verdict headers, nothing recorded, nobody answered', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes, 5', {}, 'none'), 'inbound/a', ports, NOW)).toBe('verdict-failed');
    expect(calls.answers).toEqual([]);
    expect(calls.notices).toEqual([]);
  });

  it('fails closed on a forged copy of the verdicts written by the sender below the real ones', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    const forged = message(
      q,
      'Yes',
      { 'X-SES-Spam-Verdict': 'PASS', 'X-SES-Virus-Verdict': 'PASS', 'Authentication-Results': 'x; spf=pass; dkim=pass; dmarc=pass' },
      { spf: 'fail', dkim: 'fail', dmarc: 'fail' },
    );
    expect(await processInboundMessage(forged, 'inbound/a', ports, NOW)).toBe('verdict-failed');
    expect(calls.answers).toEqual([]);
  });

  it.each<[string, Partial<LocalVerdicts>]>([
    ['SPF fail', { spf: 'fail' }],
    ['DKIM fail', { dkim: 'fail' }],
    ['DMARC fail', { dmarc: 'fail' }],
    ['spam', { spam: 'fail' }],
    ['virus', { virus: 'fail' }],
    ['a virus scan that did not complete', { virus: 'processing_failed' }],
    ['neither SPF nor DKIM passing', { spf: 'none', dkim: 'none', dmarc: 'none' }],
  ])('refuses a reply SES reports as %s', async (_name, verdicts) => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes', {}, verdicts), 'inbound/a', ports, NOW)).toBe('verdict-failed');
    expect(calls.answers).toEqual([]);
  });

  it('takes a reply whose SPF is soft when DKIM passes, and a gray spam verdict', async () => {
    const q = await withHash(question());
    const { ports } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes', {}, { spf: 'softfail', spam: 'gray' }), 'inbound/a', ports, NOW)).toBe('recorded');
  });

  it.each([
    ['two addresses', 'Jane Doe <jane.doe@example.com>, Mallory <mallory@example.net>'],
    ['the participant second', 'mallory@example.net, jane.doe@example.com'],
    ['a group', 'Team: jane.doe@example.com, mallory@example.net;'],
    ['a group of one', 'Team: jane.doe@example.com;'],
    ['the participant, then "@" another domain', '<jane.doe@example.com>@evil.example'],
    ['the participant in an encoded name', '=?UTF-8?Q?Jane_<jane.doe@example.com>?= <mallory@example.net>'],
  ])('refuses a From with %s as a wrong sender, records nothing and tells nobody', async (_name, from) => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes', { From: from }), 'inbound/a', ports, NOW)).toBe('wrong-sender');
    expect(calls.answers).toEqual([]);
    expect(calls.notices).toEqual([]);
  });

  it('refuses a message with two From fields', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    const raw = Buffer.from(message(q, 'Yes').toString('latin1').replace('From: ', 'From: mallory@example.net\r\nFrom: '), 'latin1');
    expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('wrong-sender');
    expect(calls.answers).toEqual([]);
  });

  it('skips a message it has seen, even when S3 stored it twice under two keys', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    const raw = message(q, 'Yes');
    expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('recorded');
    expect(await processInboundMessage(raw, 'inbound/b', ports, NOW)).toBe('duplicate');
    expect(calls.answers).toHaveLength(1);
  });

  it('ignores a bounce from MAILER-DAEMON without telling the participant someone else replied', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    const bounce = message(q, 'Delivery failed', {
      From: 'Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      Subject: 'Undelivered Mail Returned to Sender',
    });
    expect(await processInboundMessage(bounce, 'inbound/a', ports, NOW)).toBe('auto-reply');
    expect(calls.notices).toEqual([]);
  });

  it('turns STOP into ParticipantWithdrew and still answers the waiting question', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'STOP'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'ParticipantWithdrew', programId: 'pilot', participantId: 'pt_1', pairingId: 'pr_1' }]);
    expect(calls.answers).toHaveLength(1);
  });

  it('honours PAUSE on a closed question without a "question closed" note', async () => {
    const q = await withHash(question({ closesAt: '2026-06-01T00:00:00Z' }));
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'PAUSE until 2026-09-01'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'PairingPauseRequested', programId: 'pilot', participantId: 'pt_1', pairingId: 'pr_1', pauseUntil: '2026-09-01' }]);
    expect(calls.notices).toEqual([]);
    expect(calls.answers).toEqual([]);
  });

  it('reads PAUSE from an admin as the decision, not as a control event', async () => {
    const base = question({ purpose: 'admin-decision', recipientEmail: 'programs@example.com' });
    const { participantId: _p, ...admin } = base;
    const q = await withHash(admin);
    const { ports, calls } = fakes(q);
    const raw = message(q, 'PAUSE until 2026-09-01', { From: 'programs@example.com' });
    expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('recorded');
    expect(calls.controls).toEqual([]);
    expect(calls.answers[0]).toMatchObject({ reading: { decision: 'pause', pauseUntil: '2026-09-01' } });
  });

  it("takes an APPROVE to the first approval email after its reminder went out as an answer to the reminder's question (QA)", async () => {
    const { participantId: _p, ...first } = question({
      purpose: 'approval',
      recipientEmail: 'programs@example.com',
      closesAt: '2026-06-14T08:00:00Z',
      context: { runId: 'run-1' },
    });
    const q = await withHash(first);
    const reminder = { ...q, opaqueId: newOpaqueId(), closesAt: '2026-06-19T08:00:00Z' };
    const { ports, calls } = fakes(q);
    const asked: string[] = [];
    const withReminder: InboundPorts = {
      ...ports,
      newerQuestion: async (closed) => (closed.opaqueId === q.opaqueId ? reminder : undefined),
      answerQuestion: async (id, reading, opts) => {
        asked.push(id);
        return ports.answerQuestion(id, reading, opts);
      },
    };
    expect(await processInboundMessage(message(q, 'APPROVE', { From: 'programs@example.com' }), 'inbound/a', withReminder, NOW)).toBe('recorded');
    expect(asked).toEqual([reminder.opaqueId]);
    expect(calls.notices).toEqual([]);
    // Without a newer question it closed, as before.
    const plain = fakes(q);
    expect(await processInboundMessage(message(q, 'APPROVE', { From: 'programs@example.com' }), 'inbound/b', plain.ports, NOW)).toBe('closed');
  });

  it('records nothing from an admin HR has removed from the program since the question was asked', async () => {
    const base = question({ purpose: 'approval', recipientEmail: 'former@example.com' });
    const { participantId: _p, ...admin } = base;
    const q = await withHash(admin);
    const { ports, calls } = fakes(q);
    const raw = message(q, 'APPROVE', { From: 'former@example.com' });
    const former = { ...ports, putToFormerAdmin: async () => true };
    expect(await processInboundMessage(raw, 'inbound/a', former, NOW)).toBe('not-an-admin');
    expect(await processInboundMessage(message(q, 'APPROVE!', { From: 'former@example.com' }), 'inbound/b', former, NOW)).toBe('not-an-admin');
    expect(calls.answers).toEqual([]);
    expect(calls.controls).toEqual([]);
    // Told once that they are no longer an admin, however often they answer.
    expect(calls.notices).toEqual(['notAnAdmin']);
  });

  it('sends one "question closed" note however often a closed question is answered', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q, async () => ({ status: 'closed', closedAt: NOW.toISOString() }));
    expect(await processInboundMessage(message(q, 'Yes'), 'inbound/a', ports, NOW)).toBe('closed');
    expect(await processInboundMessage(message(q, 'Yes!'), 'inbound/b', ports, NOW)).toBe('closed');
    expect(calls.notices).toEqual(['questionClosed']);
  });

  it('tells a late "yes, we met" to a closed check-in how that meeting is still counted, and a late "no" nothing of it (QA quiet4)', async () => {
    const seen: (boolean | undefined)[] = [];
    for (const text of ['YES 4, we met last Friday', 'No, we did not meet']) {
      const q = await withHash(question());
      const { ports } = fakes(q, async () => ({ status: 'closed', closedAt: NOW.toISOString() }));
      const withOpts = {
        ...ports,
        notices: {
          ...ports.notices,
          questionClosed: async (_q: unknown, _c: unknown, _n: unknown, opts?: { metLate?: boolean }) => void seen.push(opts?.metLate),
        },
      };
      expect(await processInboundMessage(message(q, text), `inbound/${text}`, withOpts, NOW)).toBe('closed');
    }
    expect(seen).toEqual([true, undefined]);
    // Where the meeting still counts (met-route.ts), as the adapter reads it from the pairing; none when no check-in is left.
    const render = (metLate: 'next' | undefined, next: Record<string, unknown>) =>
      questionClosed({
        to: { name: 'Mia', timeZone: 'Europe/London' },
        program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
        question: 'the check-in about your meetings with Sam',
        closedOn: '2026-06-14T22:59:59Z',
        ...(metLate ? { metLate } : {}),
        ...next,
      }).text.replace(/\s+/g, ' ');
    const hint = 'If you met since that check-in was asked, answer YES to your next check-in, with the day you met';
    expect(render('next', { nextOn: '2026-06-29T08:00:00Z' })).toContain(hint);
    expect(render(undefined, { nextOn: '2026-06-29T08:00:00Z' })).not.toContain(hint);
    // No next check-in to answer: no route, no such advice.
    expect(render(undefined, {})).not.toContain(hint);
  });

  it('gives the claim back and throws when recording fails for a transient reason', async () => {
    const q = await withHash(question());
    const { ports, calls } = fakes(q, async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    await expect(processInboundMessage(message(q, 'Yes'), 'inbound/a', ports, NOW)).rejects.toThrow('Rate exceeded');
    expect(calls.released).toBe(1);
  });

  it('never throws and never records an answer from random bytes or mangled replies', async () => {
    const q = await withHash(question());
    const valid = message(q, 'Yes, 4').toString('latin1');
    const headerBlock = valid.slice(0, valid.indexOf('\r\n\r\n'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
          fc.tuple(fc.nat(valid.length), fc.string({ maxLength: 200 })).map(([cut, junk]) => Buffer.from(valid.slice(0, cut) + junk, 'latin1')),
        ),
        async (raw) => {
          const { ports, calls } = fakes(q);
          const outcome = await processInboundMessage(raw, 'inbound/x', ports, NOW);
          // A cut after the whole header block leaves a real reply whose body is the junk a person
          // might have typed ("ok", "no"): that may be recorded. Anything shorter must not be.
          if (outcome === 'recorded') expect(raw.toString('latin1').startsWith(headerBlock)).toBe(true);
          expect(calls.controls).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
