import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * Issue 13, points 3 to 6 on the local cloud, driven by raw replies: goals and per-topic baselines
 * at acceptance, reviewed at each milestone; the report's per-topic change and objectives (target
 * vs value); program feedback hidden below five people and grouped from five; the partner note
 * delivered only with SHARE.
 */

const cloud = inject('cloud');
const report = async (programId: string) => (await (await fetch(`${cloud.baseUrl}/programs/${programId}/report`)).json()) as Record<string, any>;

const GOALS = {
  mentor: ['Practise leading a meeting'],
  mentee: ['Use an AI assistant for my weekly report', 'Run one meeting fully async'],
};
const MENTEE_UNSHARED = 'your candour about the budget process';
const MENTOR_SHARED = 'your patience with my questions';

describe('goals, skills per topic, objectives and program feedback', () => {
  it('stores and reviews goals and baselines, reports change per topic and objectives, and keeps feedback and notes private', async () => {
    const h = lifecycleHarness();
    const lifecycle = { durationMonths: 2, milestoneDays: [30] };
    const programA = await h.program({
      reportMinGroupSize: 3,
      lifecycle,
      objectives: [
        { measure: 'skill-change', topic: 'ai-tools', role: 'mentee', target: 1 },
        { measure: 'completion-rate', target: 0.9 },
        { measure: 'meetings-per-pair', target: 1 },
        { measure: 'nps', target: 50 },
        'Early-career voices heard at the top',
      ],
    });
    const programB = await h.program({ reportMinGroupSize: 3, lifecycle });
    const pairs: Awaited<ReturnType<typeof h.pair>>[] = [];
    for (const programId of [programA, programA, programA, programB, programB]) pairs.push(await h.pair({ programId }));
    const [first] = pairs;
    const people = pairs.flatMap((p) => [p.mentor.email, p.mentee.email]);

    const answer = (email: { to: string[]; subject: string; text: string }): string | undefined => {
      const pair = pairs.find((p) => email.to.includes(p.mentor.email) || email.to.includes(p.mentee.email))!;
      const side = email.to.includes(pair.mentor.email) ? 'mentor' : 'mentee';
      if (/^Meet /.test(email.subject)) {
        return side === 'mentor'
          ? `YES\nGOALS:\n1. ${GOALS.mentor[0]}\nStrategy: 2`
          : `Yes, looking forward to it!\nGOALS:\n1. ${GOALS.mentee[0]}\n2. ${GOALS.mentee[1]}\nAI tools: 1`;
      }
      if (/^Check-in/.test(email.subject)) return 'YES 4';
      if (!/review/i.test(email.subject)) return undefined;
      const final = email.text.includes('The program itself');
      const topic = side === 'mentor' ? `Strategy: ${final ? 4 : 3}` : `AI tools: ${final ? 4 : 2}`;
      const lines = ['PROGRESS 4, RECOMMEND 9', topic, 'Goal 1: 3', ...(side === 'mentee' ? ['Goal 2: 5'] : [])];
      if (final) {
        lines.push(side === 'mentor' ? 'KEEP: the fortnightly check-in emails' : 'KEEP: monthly meetings in person');
        lines.push('CHANGE: a longer first meeting with Mia');
        if (pair === first)
          lines.push(...(side === 'mentor' ? [`VALUED: ${MENTOR_SHARED}`, 'TRY: ask your team too', 'SHARE'] : [`VALUED: ${MENTEE_UNSHARED}`]));
      }
      return lines.join('\n');
    };

    for (let day = 0; day < 120; day++) {
      await h.answerAll(people, answer);
      const running = await Promise.all(pairs.map(async (p) => (await h.execution(p.executionArn)).status === 'RUNNING'));
      if (!running.some(Boolean)) break;
      await h.advance('P1D');
    }
    for (const p of pairs) expect((await h.execution(p.executionArn)).status, await h.failure(p.executionArn)).toBe('SUCCEEDED');

    // Goals: stored on the pairing, confirmed to both, quoted in check-ins, reviewed at each milestone.
    // /local/pairings/{id} also lists the SKILLS# and FEEDBACK# records.
    type Skill = { participantId: string; baseline: boolean; ratings: Record<string, number>; goals?: { goal: string; progress: number }[] };
    const stored = (await h.pairing(first!.pairingId)) as Awaited<ReturnType<typeof h.pairing>> & { skills: Skill[] };
    expect(stored.pairing.status).toBe('completed');
    expect(stored.pairing.goals).toEqual(GOALS);
    const confirmation = await h.lastEmailTo(first!.mentor.email, /^Your goals with /);
    for (const goal of [...GOALS.mentor, ...GOALS.mentee]) expect(confirmation.text).toContain(goal);
    const checkIn = await h.lastEmailTo(first!.mentee.email, /^Check-in/);
    expect(checkIn.text).toContain('The goals you and ');
    expect(checkIn.text).toContain(GOALS.mentee[1]);
    expect(checkIn.text).toContain(GOALS.mentor[0]);
    const day30 = await h.lastEmailTo(first!.mentee.email, /^Day 30 review/);
    expect(day30.text).toContain('How far along is each goal?');
    expect(day30.text).toMatch(/AI tools: 1-5/);

    // Skills per topic, per person, per round: the baseline and both reviews.
    const skills = stored.skills;
    const mentee = skills.filter((s) => s.participantId === first!.mentee.participantId);
    expect(mentee.map((s) => [s.baseline, s.ratings])).toEqual([
      [true, { 'ai-tools': 1 }],
      [false, { 'ai-tools': 2 }],
      [false, { 'ai-tools': 4 }],
    ]);
    expect(mentee[1]!.goals).toEqual([
      { goal: GOALS.mentee[0], progress: 3 },
      { goal: GOALS.mentee[1], progress: 5 },
    ]);
    // The review email promises those answers are read by the program admin: the admin API shows them.
    const read = (await (await fetch(`${cloud.baseUrl}/pairings/${first!.pairingId}`)).json()) as { selfRatings: Skill[] };
    expect(read.selfRatings.filter((s) => s.participantId === first!.mentee.participantId).map((s) => [s.baseline, s.ratings, s.goals])).toEqual([
      [true, { 'ai-tools': 1 }, undefined],
      [false, { 'ai-tools': 2 }, mentee[1]!.goals],
      [false, { 'ai-tools': 4 }, mentee[2]!.goals],
    ]);
    expect(mentee[2]!.goals).toHaveLength(2);
    expect(skills.filter((s) => s.participantId === first!.mentor.participantId).map((s) => s.ratings)).toEqual([
      { strategy: 2 },
      { strategy: 3 },
      { strategy: 4 },
    ]);

    // Program A: three pairs (k = 3): change per topic and role, objectives against their targets, feedback grouped.
    const a = await report(programA);
    expect(a.skills).toEqual([
      { role: 'mentee', topic: 'ai-tools', label: 'AI tools', people: 3, averageBaseline: 1, averageLatest: 4, averageChange: 3 },
      { role: 'mentor', topic: 'strategy', label: 'Strategy', people: 3, averageBaseline: 2, averageLatest: 4, averageChange: 2 },
    ]);
    const held = await Promise.all(pairs.slice(0, 3).map(async (p) => (await h.pairing(p.pairingId)).pairing.checkInsHeld as number));
    const meetings = Math.round((held.reduce((x, y) => x + y, 0) / 3) * 100) / 100;
    expect(a.meetingsPerPair).toBe(meetings);
    expect(a.objectives.map((o: any) => [o.measure, o.target, o.value, o.met, o.status])).toEqual([
      ['skill-change', 1, 3, true, 'met'],
      ['completion-rate', 0.9, 1, true, 'met'],
      ['meetings-per-pair', 1, meetings, meetings >= 1, meetings >= 1 ? 'met' : 'not-met'],
      ['nps', 50, 100, true, 'met'],
      [null, null, null, null, 'no-measure'],
    ]);
    expect(a.objectives[0].text).toBe('Average change in AI tools (mentees) at least +1');
    expect(a.programFeedback.people).toBe(6);
    expect(a.programFeedback.keep).toEqual([
      { theme: 'emails', label: 'Emails, check-ins and reviews', count: 3, answers: Array(3).fill('the fortnightly check-in emails') },
      { theme: 'meetings', label: 'Meetings and time', count: 3, answers: Array(3).fill('monthly meetings in person') },
    ]);
    // Names are removed from the answers; no one's name or address is in the report.
    expect(a.programFeedback.change).toEqual([
      { theme: 'meetings', label: 'Meetings and time', count: 6, answers: Array(6).fill('a longer first meeting with [name]') },
    ]);
    expect(JSON.stringify(a)).not.toMatch(/@|Mia|Sam/);

    // Program B: four people answered, below five: hidden with a marker; per-topic change withheld (k = 3).
    const b = await report(programB);
    expect(b.programFeedback).toEqual({
      people: 4,
      minPeople: 5,
      keep: { withheld: true, reason: 'fewer than 5 people answered' },
      change: { withheld: true, reason: 'fewer than 5 people answered' },
    });
    expect(b.skills[0]).toMatchObject({ people: 2, averageChange: { withheld: true, reason: 'fewer than 3 people' } });

    // The partner note: the mentor wrote SHARE, so the mentee gets it; the mentee did not, so nobody does.
    const toMentee = (await h.emailsTo(first!.mentee.email)).filter((e) => /^A note from /.test(e.subject));
    expect(toMentee).toHaveLength(1);
    expect(toMentee[0]!.text).toContain(MENTOR_SHARED);
    expect((await h.emailsTo(first!.mentor.email)).filter((e) => /^A note from /.test(e.subject))).toHaveLength(0);
    for (const e of await h.emails()) expect(e.text).not.toContain(MENTEE_UNSHARED);
    expect(JSON.stringify(stored)).not.toContain(MENTEE_UNSHARED);
  });

  it('new goals in a later check-in reply replace the person\u2019s, are confirmed to both, and the next check-in quotes them', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'YES');
    // QA life7: answered from a phone, the goal after the YES on its line, above the phone's signature.
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'Yes happy to take part. Goals: Learn to prompt well\n\nSent from my iPhone');
    expect((await h.pairing(pairingId)).pairing.goals).toEqual({ mentee: ['Learn to prompt well'] });
    await h.reply(await h.nextEmail(mentee.email, /^Check-in:/), 'YES 4');
    await h.reply(await h.lastEmailTo(mentor.email, /^Check-in:/), 'YES 4');
    const second = await h.nextEmail(mentee.email, /^Check-in:/);
    expect(second.text.replace(/\s+/g, ' ')).toContain('to replace yours, add up to three new ones');
    await h.reply(second, 'YES 4\nGOALS:\n1. Run one meeting fully async\n2. Post one short video');
    await h.reply(await h.lastEmailTo(mentor.email, /^Check-in:/), 'YES 5');
    const toMentor = await h.received(mentor.email, /^Your goals with .* have changed$/);
    expect(toMentor.text.replace(/\s+/g, ' ')).toMatch(/gave new goals when answering the check-in\./);
    expect(toMentor.text).toContain('Post one short video');
    await h.received(mentee.email, /^Your goals with .* have changed$/);
    expect((await h.pairing(pairingId)).pairing.goals).toEqual({ mentee: ['Run one meeting fully async', 'Post one short video'] });
    const third = await h.nextEmail(mentee.email, /^Check-in:/);
    expect(third.text).toContain('Run one meeting fully async');
    expect(third.text).not.toContain('Learn to prompt well');
  });
});
