import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';
import { readGoals, readStructured } from '../../../functions/domain/replies/structured';

// The introduction asks a mentee to rate only the topics his mentor offers (here AI tools), but he
// rates every topic he chose, as docs/emails.md's own example does (QA journey3, bug 1).
const aiToolsOnly = { items: [{ key: 'ai-tools', labels: ['AI tools', 'ai-tools'] }], goals: true };
const goalsLines = 'YES\nGOALS:\n1. Use AI tools to draft my board updates\n2. Run a team retro on Slack';
const twoGoals = ['Use AI tools to draft my board updates', 'Run a team retro on Slack'];

describe('a rating of a topic the email did not ask about, under GOALS (QA journey3 bug 1)', () => {
  it('is never a goal: "Social media 2" below "AI tools: 1", and the asked rating is recorded', () => {
    const read = interpretReply(`${goalsLines}\nAI tools: 1\nSocial media 2\n\nBest,\nKlaus`, 'acceptance', { ask: aiToolsOnly });
    expect(read.intent).toBe('yes');
    expect(read.goals).toEqual(twoGoals);
    expect(read.items).toEqual({ 'ai-tools': 1 });
    // Not recorded either: the reading names only the rating that was asked.
    expect(read.reason).toBe('Understood "YES" as yes, 1 per-topic rating, 2 goals and a note.');
    expect(read.note).not.toContain('Social media');
    expect(readStructured(`${goalsLines}\nAI tools: 1\nSocial media 2`, aiToolsOnly).notAsked).toEqual(['Social media 2']);
  });

  it('is never a goal on one line with the asked one: "AI tools: 1 / Social media 2"', () => {
    const read = interpretReply(`${goalsLines}\nAI tools: 1 / Social media 2`, 'acceptance', { ask: aiToolsOnly });
    expect(read.goals).toEqual(twoGoals);
    expect(read.items).toEqual({ 'ai-tools': 1 });
  });

  it('with a colon ("Digital fluency: 3") neither ends the goals nor is one', () => {
    const read = readStructured('YES\nGOALS:\n1. Use AI tools\nDigital fluency: 3\n2. Run a retro on Slack', aiToolsOnly);
    expect(read.value).toEqual({ goals: ['Use AI tools', 'Run a retro on Slack'] });
    expect(read.notAsked).toEqual(['Digital fluency: 3']);
    expect(read.rest).toBe('YES');
  });

  it('is no goal in a list under the heading, nor in the first check-in that asks for goals only', () => {
    expect(readGoals('YES\nGOALS:\n- Use AI tools\n- Social media 2\n- Strategy: 4, Leadership 3').value).toEqual(['Use AI tools']);
    const checkIn = interpretReply('YES 4 good chat\nGOALS:\n1. Use AI tools\nSocial media 2/5', 'check-in', { ask: { goals: true } });
    expect(checkIn.rating).toBe(4);
    expect(checkIn.goals).toEqual(['Use AI tools']);
  });

  it('knows the topics the email asked about, from a program catalogue too', () => {
    expect(readGoals('GOALS:\n1. Ship the esports stream\nEsports 3', ['Esports and gaming']).value).toEqual(['Ship the esports stream']);
  });

  it('leaves goals that only mention a topic or a number as goals', () => {
    const goals = ['Get better at social media 2 times a week', 'Learn AI tools', 'Leadership 101 for my team'];
    expect(readGoals(`GOALS:\n${goals.join('\n')}`).value).toEqual(goals);
    expect(readGoals('GOALS:\n1. Post on social media 3 days out of 5\n2. AI tools for 2 teams').value).toEqual([
      'Post on social media 3 days out of 5',
      'AI tools for 2 teams',
    ]);
  });
});
