import { describe, expect, it } from 'vitest';
import type { EmailIntent } from '../../../functions/domain/pairing/decision';
import type { Side } from '../../../functions/domain/pairing/model';
import { withoutNames } from '../../../functions/domain/pairing/without-names';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { replying, simulate } from './simulate';

const ACCEPT = {
  mentor: 'YES\nGOALS:\n1. Practise leading a meeting\n2. Understand how budgets get approved\nStrategy: 2',
  mentee:
    'Yes!\nGOALS:\n- Use an AI assistant for my weekly report\n- Run one meeting fully async\n- Post once a week on LinkedIn\n- A fourth one\nAI tools: 1',
};

function review(e: EmailIntent, side: Side, final: boolean, share: boolean): string {
  const n = e.key.startsWith('round-') ? Number(e.key.slice(6, 9)) : 0;
  const topic = side === 'mentor' ? `Strategy: ${Math.min(5, 2 + (n % 3))}` : `AI tools: ${final ? 4 : 2}`;
  const lines = ['PROGRESS 4, RECOMMEND 9', topic, 'Goal 1: 3', 'Goal 2: 5'];
  if (final) lines.push('KEEP: the check-ins', 'CHANGE: longer first meeting with Sam', `VALUED: your patience (${side})`, 'TRY: ask your team too');
  if (final && share) lines.push('SHARE');
  return lines.join('\n');
}

function run(shareBy: Side[]) {
  return simulate({
    answer: replying((e, side) => {
      if (e.question?.purpose === 'acceptance') return side === 'mentor' ? ACCEPT.mentor : ACCEPT.mentee;
      if (e.question?.purpose === 'milestone') {
        const final = e.question.context?.label === 'End of program review' || Boolean((e.input as { final?: unknown }).final);
        return review(e, side, final, shareBy.includes(side));
      }
      if (e.question?.purpose === 'check-in') return 'YES 4';
      return undefined;
    }),
  });
}

describe('goals per pair and skills per topic, on the pure core', () => {
  it('stores goals and baselines at acceptance, confirms both, quotes goals in check-ins and reviews each goal and topic', () => {
    const r = run(['mentor']);
    expect(r.pairing.status).toBe('completed');
    expect(r.pairing.goals).toEqual({
      mentor: ['Practise leading a meeting', 'Understand how budgets get approved'],
      mentee: ['Use an AI assistant for my weekly report', 'Run one meeting fully async', 'Post once a week on LinkedIn'],
    });
    // The introduction asked each person about the topics they learn, the mentor about what the senior brings.
    const intro = (side: string) => r.emails.find((e) => e.template === 'introduction' && e.question?.side === side)!;
    expect(intro('mentor').input.rateTopics).toEqual(['strategy']);
    expect(intro('mentee').input.rateTopics).toEqual(['ai-tools']);

    const baseline = r.records.get('SKILLS#acceptance#pt_mentee')!;
    expect(baseline).toMatchObject({ type: 'SkillRatings', role: 'mentee', baseline: true, ratings: { 'ai-tools': 1 } });
    expect(r.records.get('SKILLS#acceptance#pt_mentor')).toMatchObject({ ratings: { strategy: 2 } });

    const confirmed = r.emails.filter((e) => e.template === 'goalsConfirmed');
    expect(confirmed.map((e) => e.to).sort()).toEqual(['mentee@example.com', 'mentor@example.com']);
    const toMentor = renderIntent('goalsConfirmed', confirmed.find((e) => e.to === 'mentor@example.com')!.input);
    expect(toMentor.text).toContain('Practise leading a meeting');
    expect(toMentor.text).toContain('Run one meeting fully async');
    expect(toMentor.text).toContain('Strategy: 2 of 5');

    // Later check-ins quote the pair's goals; none asks for goals again.
    const checkIn = r.emails.find((e) => e.template === 'checkInRequest' && e.question?.side === 'mentee')!;
    expect(checkIn.input.goals).toEqual({ mine: r.pairing.goals!.mentee, partner: r.pairing.goals!.mentor });
    expect(
      renderIntent('checkInRequest', checkIn.input, Object.fromEntries(['yes', 'no', '1', '2', '3', '4', '5'].map((c) => [c, `https://x.example/${c}`]))).text,
    ).toContain('Understand how budgets get approved');
    expect(r.emails.some((e) => e.input.askGoals)).toBe(false);

    // Each review stored per topic and per goal, per person.
    const reviews = [...r.records.entries()].filter(([k, v]) => k.startsWith('SKILLS#round-') && v.participantId === 'pt_mentee');
    expect(reviews.length).toBe(3); // day 30, day 90, end
    for (const [, v] of reviews) {
      expect(Object.keys(v.ratings as object)).toEqual(['ai-tools']);
      expect(v.goals).toEqual([
        { goal: 'Use an AI assistant for my weekly report', progress: 3 },
        { goal: 'Run one meeting fully async', progress: 5 },
      ]);
    }
  });

  it('stores program feedback without names and sends a partner note only with SHARE', () => {
    const r = run(['mentor']);
    const feedback = [...r.records.entries()].filter(([k]) => k.startsWith('FEEDBACK#')).map(([, v]) => v);
    expect(feedback).toHaveLength(2);
    for (const f of feedback) expect(f).toMatchObject({ keep: 'the check-ins', change: 'longer first meeting with [name]' });

    const notes = r.emails.filter((e) => e.template === 'partnerNote');
    // Only the mentor wrote SHARE: only the mentee gets a note, and it is the mentor's.
    expect(notes.map((e) => e.to)).toEqual(['mentee@example.com']);
    expect(notes[0]!.input.note).toEqual({ valued: 'your patience (mentor)', try: 'ask your team too' });
    expect(JSON.stringify(r.emails)).not.toContain('your patience (mentee)');
    expect(JSON.stringify([...r.records.values()])).not.toContain('your patience');

    const none = run([]);
    expect(none.emails.filter((e) => e.template === 'partnerNote')).toHaveLength(0);
  });

  it('asks for goals in the first check-in when acceptance gave none, and confirms them then', () => {
    const r = simulate({
      answer: replying((e, side) => {
        if (e.question?.purpose === 'acceptance') return 'YES';
        if (e.question?.purpose === 'check-in') return side === 'mentee' ? 'YES 4\nGOALS:\nLearn to prompt well\n\nBest, Sam' : 'YES 5';
        return undefined;
      }),
      program: { lifecycle: { durationMonths: 2 } },
    });
    const firstCheckIns = r.emails.filter((e) => e.template === 'checkInRequest' && e.key.startsWith('round-001'));
    expect(firstCheckIns.map((e) => e.input.askGoals)).toEqual([true, true]);
    expect(r.emails.filter((e) => e.template === 'checkInRequest' && e.key.startsWith('round-002')).some((e) => e.input.askGoals)).toBe(false);
    expect(r.pairing.goals).toEqual({ mentee: ['Learn to prompt well'] });
    expect(r.emails.filter((e) => e.template === 'goalsConfirmed').map((e) => e.key.split(':')[1])).toEqual(['round-001', 'round-001']);
    // The first check-in's own reading is unchanged: a rating, not a goal.
    const held = r.records.get('CHECKIN#round-001')!;
    expect(held).toMatchObject({ met: true, mentee: { rating: 4 } });
  });

  it('takes new goals at a later check-in: they replace the person’s, and both are told whose changed', async () => {
    const { renderIntent } = await import('../../../functions/domain/pairing/render');
    let menteeCheckIns = 0;
    const r = simulate({
      answer: replying((e, side) => {
        if (e.question?.purpose === 'acceptance') return side === 'mentee' ? 'YES\nGOALS:\nLearn to prompt well' : 'YES';
        if (e.question?.purpose !== 'check-in') return undefined;
        if (side === 'mentor') return 'YES 5';
        menteeCheckIns++;
        return menteeCheckIns === 2 ? 'YES 4\nGOALS:\n1. Run one meeting fully async\n2. Post one short video' : 'YES 4';
      }),
      program: { lifecycle: { durationMonths: 3 } },
    });
    expect(r.pairing.goals).toEqual({ mentee: ['Run one meeting fully async', 'Post one short video'] });
    const changed = r.emails.filter((e) => e.template === 'goalsConfirmed' && e.input.changedBy !== undefined);
    expect(changed.map((e) => [e.to, e.input.changedBy])).toEqual([
      ['mentor@example.com', ['partner']],
      ['mentee@example.com', ['you']],
    ]);
    const toMentee = renderIntent(changed[1]!.template, changed[1]!.input);
    expect(toMentee.subject).toMatch(/have changed$/);
    expect(toMentee.text.replace(/\s+/g, ' ')).toContain('You gave new goals in your check-in answer.');
    // Later check-ins quote the new goals, and say how to change them again.
    const later = r.emails.filter((e) => e.template === 'checkInRequest' && e.to === 'mentee@example.com').at(-1)!;
    expect((later.input.goals as { mine: string[] }).mine).toEqual(['Run one meeting fully async', 'Post one short video']);
    expect(
      renderIntent(
        later.template,
        later.input,
        Object.fromEntries(['yes', 'no', '1', '2', '3', '4', '5'].map((k) => [k, `https://a.example/${k}`])),
      ).text.replace(/\s+/g, ' '),
    ).toContain('to replace yours, add up to three new ones');
  });

  it('removes both names from program feedback: full names in any case, a common word in lower case kept', () => {
    expect(withoutNames('More time with mia mentor; Sam was great. We may meet more.', ['Mia Mentor', 'Sam Senior', 'May Li'])).toBe(
      'More time with [name]; [name] was great. We may meet more.',
    );
    // Enrolled as "Last, First": the surname goes too, with or without the comma (QA).
    expect(withoutNames('Lovelace was a great partner; Ada Lovelace too. Lovelace, Ada!', ['Lovelace, Ada', 'Sam Senior'])).toBe(
      '[name] was a great partner; [name] [name] too. [name]!',
    );
  });
});
