import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';
import { goalLabels, readGoals, readItemNumbers, readShare, readStructured } from '../../../functions/domain/replies/structured';

const topics = [
  { key: 'ai-tools', labels: ['AI tools', 'ai-tools'] },
  { key: 'social-media', labels: ['Social media and creator platforms', 'social-media'] },
];
const goals = [
  { key: 'goal-1', labels: goalLabels(1, 'Use an AI assistant for my weekly report') },
  { key: 'goal-2', labels: goalLabels(2, 'Run one meeting fully async') },
];

describe('per-topic and per-goal numbers in a reply', () => {
  it('reads labelled numbers on one line or several, by label, id or a leading run of words', () => {
    expect(readItemNumbers('AI tools: 2, Social media 3', topics).value).toEqual({ 'ai-tools': 2, 'social-media': 3 });
    expect(readItemNumbers('ai-tools = 4\nsocial media and creator platforms - 1', topics).value).toEqual({ 'ai-tools': 4, 'social-media': 1 });
    expect(readItemNumbers('Goal 1: 4\nZiel 2: 2', goals).value).toEqual({ 'goal-1': 4, 'goal-2': 2 });
    expect(readItemNumbers('Run one meeting fully async: 5', goals).value).toEqual({ 'goal-2': 5 });
  });

  it('reads one number per line in the order asked, and leaves the rest of the reply', () => {
    const r = readItemNumbers('3\n4\n9\nGreat few months', topics);
    expect(r.value).toEqual({ 'ai-tools': 3, 'social-media': 4 });
    expect(r.rest).toBe('9\nGreat few months');
    // A single number is the ordinary rating, not a topic's.
    expect(readItemNumbers('4', topics).value).toEqual({});
  });

  it('never takes a number outside 1-5, a time, or a label that fits no topic', () => {
    expect(readItemNumbers('AI tools: 7', topics).value).toEqual({});
    expect(readItemNumbers('We met at 3', topics).value).toEqual({});
    expect(readItemNumbers('Budgets: 4', topics).value).toEqual({});
    // "Social" alone is a leading word of one topic only: understood; "a" is not.
    expect(readItemNumbers('Social 2', topics).value).toEqual({ 'social-media': 2 });
  });
});

describe('numbers and goals in one reply', () => {
  it('leaves the rest of each line as it was written: "Goals: a; b" stays two goals beside a topic rating (QA)', () => {
    const text = 'YES\nGoals: use ChatGPT for my weekly report; run one meeting async\nAI tools: 2';
    const read = readStructured(text, { items: topics, goals: true });
    expect(read.value).toEqual({ items: { 'ai-tools': 2 }, goals: ['use ChatGPT for my weekly report', 'run one meeting async'] });
    // Separators on a line that gave a number are kept where they stood, the taken part dropped.
    expect(readItemNumbers('a; AI tools: 2; b, c', topics).rest).toBe('a; b, c');
    expect(readItemNumbers('AI tools: 2; a, b', topics).rest).toBe(' a, b');
    expect(readItemNumbers('AI tools: 2, Social 3', topics).rest).toBe('');
    expect(readItemNumbers('one; two\nAI tools: 4', topics).rest).toBe('one; two');
  });
});

describe('goals in a reply', () => {
  it('takes up to three goals under a heading, never free lines', () => {
    expect(readGoals('YES\nGoals:\nLearn to prompt\nRun a hybrid meeting\n\nThanks, Sam').value).toEqual(['Learn to prompt', 'Run a hybrid meeting']);
    expect(readGoals('Yes!\nGOALS:\n1. Learn to prompt\n2) Post weekly on LinkedIn\n- Understand TikTok\n* One too many').value).toEqual([
      'Learn to prompt',
      'Post weekly on LinkedIn',
      'Understand TikTok',
    ]);
    expect(readGoals('My goals: learn to prompt; run a hybrid meeting').value).toEqual(['learn to prompt', 'run a hybrid meeting']);
    expect(readGoals('Yes, happy to!\nThanks,\nSam').value).toEqual([]);
  });

  it('cuts the goal lines out of the rest of the reply', () => {
    expect(readGoals('YES\nGoals:\n1. Learn to prompt\n\nSee you soon').rest).toBe('YES\n\nSee you soon');
  });

  it('QA life7: reads a goals label that follows the answer on its line, in each language, and leaves the answer', () => {
    const phone = readGoals('Yes happy to take part. Goals: get better at using AI for board papers');
    expect(phone.value).toEqual(['get better at using AI for board papers']);
    expect(phone.rest).toBe('Yes happy to take part.');
    expect(readGoals('Yes. Goals: learn to prompt; run a hybrid meeting')).toEqual({ value: ['learn to prompt', 'run a hybrid meeting'], rest: 'Yes.' });
    expect(readGoals('YES Goals: learn to prompt; run a hybrid meeting')).toEqual({ value: ['learn to prompt', 'run a hybrid meeting'], rest: 'YES' });
    expect(readGoals('YES 4 Goals: learn to prompt').value).toEqual(['learn to prompt']);
    expect(readGoals('Yes, my goals: learn to prompt').value).toEqual(['learn to prompt']);
    expect(readGoals('Ja, gerne. Ziele: besser prompten; Retro leiten').value).toEqual(['besser prompten', 'Retro leiten']);
    expect(readGoals('Oui ! Objectifs : apprendre à prompter').value).toEqual(['apprendre à prompter']);
    expect(readGoals('Sí, claro - Objetivos: aprender IA; liderar reuniones').value).toEqual(['aprender IA', 'liderar reuniones']);
    // The label may end the line, the goals listed under it.
    expect(readGoals('Yes, happy to. Goals:\n1. Learn to prompt\n2. Run a retro\n\nSam')).toEqual({
      value: ['Learn to prompt', 'Run a retro'],
      rest: 'Yes, happy to.\n\nSam',
    });
  });

  it('QA life7: reads no goal out of prose that only mentions goals, nor out of a quoted or later line', () => {
    for (const prose of [
      'Yes, my goals are many and I will send them later',
      'Yes, we spoke about my goals: prompting first',
      'Yes happy to. Team goals: are set by my boss',
      'Yes, the goals: see my CV',
      'Yes I would like goals: prompting',
      '> Yes. Goals: learn to prompt',
      'Thanks for this!\nYes. Goals: learn to prompt',
      'YES\nI read it all. Goals: they sound fine',
    ]) {
      expect(readGoals(prose), prose).toEqual({ value: [], rest: prose });
    }
  });

  it('looks for that label near the answer only: a long line costs its length, not its square', () => {
    expect(readGoals(`Yes ${'and more, '.repeat(20)}. Goals: learn to prompt`).value).toEqual(['learn to prompt']);
    const far = `Yes ${'and more, '.repeat(60)}. Goals: learn to prompt`;
    expect(readGoals(far)).toEqual({ value: [], rest: far });
  });
});

describe('review answers and consent', () => {
  it('reads KEEP, CHANGE, and a partner note kept only with SHARE on its own line', () => {
    const ask = { programFeedback: true, partnerNote: true };
    const shared = readStructured('PROGRESS 4\nKEEP: the check-in emails\nCHANGE: longer first meeting\nVALUED: your patience\nTRY: ask your team\nSHARE', ask);
    expect(shared.value).toEqual({
      keep: 'the check-in emails',
      change: 'longer first meeting',
      partnerNote: { valued: 'your patience', try: 'ask your team' },
    });
    expect(shared.rest).toBe('PROGRESS 4');
    // A label ends the answer above it: the topic line after KEEP is a rating, not part of the answer.
    expect(readStructured('KEEP: the check-ins\nand the starters\nAI tools: 3', { ...ask, items: [{ key: 'ai-tools', labels: ['AI tools'] }] }).value).toEqual({
      keep: 'the check-ins and the starters',
      items: { 'ai-tools': 3 },
    });
    const unshared = readStructured('VALUED: your patience\nI would share this gladly', ask);
    expect(unshared.value).toEqual({ partnerNoteWithheld: true });
    expect(readShare('Please share it with everyone').value).toBe(false);
  });
});

describe('interpretReply with a structured question', () => {
  it('an acceptance YES with goals and a baseline per topic', () => {
    const r = interpretReply(
      'YES\nGOALS:\n1. Use an AI assistant for my weekly report\n2. Run one meeting fully async\nAI tools: 2\nSocial media 3',
      'acceptance',
      {
        ask: { goals: true, items: topics },
      },
    );
    expect(r).toMatchObject({
      intent: 'yes',
      goals: ['Use an AI assistant for my weekly report', 'Run one meeting fully async'],
      items: { 'ai-tools': 2, 'social-media': 3 },
    });
    expect(r.note).toBeUndefined();
    expect(r.reason).toMatch(/2 per-topic ratings.*2 goals/);
  });

  it('QA life7: an acceptance answered from a phone, goals after the YES on its line, records the goal', () => {
    const r = interpretReply('Yes happy to take part. Goals: get better at using AI for board papers', 'acceptance', { ask: { goals: true, items: topics } });
    expect(r).toMatchObject({ intent: 'yes', goals: ['get better at using AI for board papers'] });
    expect(r.note ?? '').not.toContain('Goals');
    expect(interpretReply('Yes. Goals: a first goal; a second goal', 'acceptance', { ask: { goals: true } }).goals).toEqual(['a first goal', 'a second goal']);
    const checkIn = interpretReply('YES 4 good chat. Goals: learn to prompt; run a retro', 'check-in', { ask: { goals: true } });
    expect(checkIn).toMatchObject({ intent: 'yes', rating: 4, note: 'good chat', goals: ['learn to prompt', 'run a retro'] });
    // A NO to the introduction keeps its whole text as the reason, goals or not.
    const no = interpretReply('No, sorry. Goals: none this year', 'acceptance', { ask: { goals: true } });
    expect(no).toMatchObject({ intent: 'no', note: 'sorry. Goals: none this year' });
    expect(no.goals).toBeUndefined();
  });

  it('a NO keeps its whole text as the reason, list and all', () => {
    const r = interpretReply('NO, not now:\n1. a reorganisation\n2. two months of travel', 'acceptance', { ask: { goals: true, items: topics } });
    expect(r.intent).toBe('no');
    expect(r.goals).toBeUndefined();
    expect(r.note).toMatch(/reorganisation.*two months of travel/);
  });

  it('a numbered goal list is not read as a rating in a check-in', () => {
    const r = interpretReply('Yes\nGOALS:\n1. Learn to prompt\n2. Post weekly', 'check-in', { ask: { goals: true } });
    expect(r.intent).toBe('yes');
    expect(r.rating).toBeUndefined();
    expect(r.goals).toEqual(['Learn to prompt', 'Post weekly']);
  });

  it('QA outcomes2: a note written as a list, without GOALS:, stays the private note and sets no goal', () => {
    const checkIn = interpretReply('YES 4\nHonestly:\n- I felt lost in the AI part\n- Sam talks too fast', 'check-in', { ask: { goals: true } });
    expect(checkIn).toMatchObject({ intent: 'yes', rating: 4 });
    expect(checkIn.goals).toBeUndefined();
    expect(checkIn.note).toContain('I felt lost in the AI part');
    expect(checkIn.note).toContain('Sam talks too fast');
    const accept = interpretReply('Yes\nFor the program team:\n1. I am nervous about being coached by someone so junior', 'acceptance', {
      ask: { goals: true },
    });
    expect(accept.intent).toBe('yes');
    expect(accept.goals).toBeUndefined();
    expect(accept.note).toContain('I am nervous about being coached by someone so junior');
  });

  it('a review answered per topic and per goal only is asked for its two scores; one number per line keeps the score apart', () => {
    const items = [...topics, ...goals];
    // Its web form requires progress and recommend: without them nothing is stored, and the reply is asked again.
    const perItemOnly = interpretReply('AI tools: 4\nSocial media: 3\nGoal 1: 5', 'milestone', { ask: { items } });
    expect(perItemOnly).toMatchObject({ intent: 'unclear' });
    expect(perItemOnly.reason).toContain('neither PROGRESS (1 to 5) nor RECOMMEND (0 to 10)');
    expect(interpretReply('PROGRESS 3, RECOMMEND 8\nAI tools: 4\nSocial media: 3\nGoal 1: 5', 'milestone', { ask: { items } })).toMatchObject({
      intent: 'rating',
      rating: 3,
      score: 8,
      items: { 'ai-tools': 4, 'social-media': 3, 'goal-1': 5 },
    });
    const r = interpretReply('PROGRESS 4, RECOMMEND 9\n4\n3\n2\n1', 'milestone', { ask: { items } });
    expect(r).toMatchObject({ rating: 4, score: 9, items: { 'ai-tools': 4, 'social-media': 3, 'goal-1': 2, 'goal-2': 1 } });
    // Without the question's structure, the same reply reads as before.
    expect(interpretReply('4, 9', 'milestone')).toMatchObject({ rating: 4, score: 9 });
    expect(interpretReply('4, 9', 'milestone').items).toBeUndefined();
  });
});
