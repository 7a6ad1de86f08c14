import { describe, expect, it } from 'vitest';
import { clarificationRequest, notTheParticipant, questionClosed } from '../../../functions/domain/emails';
import { askedAgain, questionTopic } from '../../../functions/domain/emails/asked-again';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import type { EmailIntent } from '../../../functions/domain/pairing/decision';
import { fitQuestion } from '../../../functions/domain/pairing/fit-check';
import { question } from '../../../functions/domain/pairing/mail';
import type { Pairing, Round } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { participant, simPairing, simProgram } from '../pairing/simulate';

/**
 * QA mail8: the question asked again (a clarification, the notice to a reply from another address)
 * lost its wording: a first check-in asked "since the last check-in" when there was none, the fit
 * check named no partner, a review dropped its lines per topic, and "the End of program review"
 * kept its capital mid-sentence. It is now asked as its email asked it, from what the lifecycle
 * stores with the question.
 */
const program = simProgram();
const mentor = participant('mentor');
const mentee = participant('mentee');
const now = new Date('2027-01-20T09:00:00Z');
const acceptedAt = '2027-01-06T09:00:00.000Z';
const pairing: Pairing = {
  ...simPairing('2027-01-04T09:00:00Z'),
  status: 'active',
  acceptedAt,
  goals: { mentee: ['Use an AI assistant for my weekly report'] },
};
const ctx: LifecycleContext = { pairing, program, mentor, mentee, now, execution: { startedAt: now.toISOString(), generation: 1 } };
const round = (kind: Round['kind'], label: string): Round => ({
  key: 'round-002',
  kind,
  label,
  dueAt: now.toISOString(),
  closesAt: '2027-01-25T17:00:00Z',
  asks: {},
  answers: {},
});
const flat = (text: string) => text.replace(/\s+/g, ' ');
const emailText = (intent: EmailIntent) =>
  flat(renderIntent(intent.template, intent.input, Object.fromEntries((intent.question?.choices ?? []).map((c) => [c, `https://a.example/r/${c}`]))).text);

/** The clarification the inbound path sends for `intent`'s question, as its reader reads it. */
function clarificationOf(intent: EmailIntent, side: 'mentor' | 'mentee') {
  const q = intent.question!;
  const again = askedAgain(
    { purpose: q.purpose, ...(q.context ? { context: q.context } : {}), side },
    side === 'mentor' ? mentor.timeZone : mentee.timeZone,
    now,
  );
  return flat(
    clarificationRequest({
      to: { name: side === 'mentor' ? mentor.name : mentee.name, timeZone: side === 'mentor' ? mentor.timeZone : mentee.timeZone },
      program: { name: program.name, admin: { name: 'Ada Admin', email: 'ada@example.com' } },
      quotedReply: 'maybe',
      understood: 'nothing in the reply reads as yes or no',
      prompt: again.prompt,
      replyExamples: again.replyExamples,
      answerBy: q.closesAt,
      answerLinks: [],
    }).text,
  );
}

describe('a question asked again, as its email asked it', () => {
  it('a first check-in names the day it asks about, as its email did, never "the last check-in"', () => {
    const [intent] = question(ctx, pairing, round('check-in', 'Check-in 1'), 'mentee', 'ask');
    expect(emailText(intent!)).toContain('Did you meet Mia since Wednesday 6 January 2027?');
    const text = clarificationOf(intent!, 'mentee');
    expect(text).toContain('Did you meet Mia since Wednesday 6 January 2027? If you did, how did it go from 1 to 5?');
    expect(text).not.toContain('since the last check-in');
    expect(intent!.question!.context).toMatchObject({ topic: 'the check-in about your meetings with Mia since Wednesday 6 January 2027' });
  });

  it('a later check-in names the day its own email asked about: the reader’s last check-in', () => {
    const later = { ...pairing, lastCheckInAskedOf: { mentor: '2027-01-13T08:00:00.000Z', mentee: '2027-01-14T08:00:00.000Z' } };
    const [intent] = question({ ...ctx, pairing: later }, later, round('check-in', 'Check-in 2'), 'mentor', 'ask');
    expect(emailText(intent!)).toContain('Did you meet Sam since Wednesday 13 January 2027?');
    expect(clarificationOf(intent!, 'mentor')).toContain('Did you meet Sam since Wednesday 13 January 2027?');
  });

  it('the fit check names the partner, and so does "that question has closed"', () => {
    const intent = fitQuestion(ctx, round('fit-check', 'Fit check'), 'mentor', 'ask');
    expect(clarificationOf(intent, 'mentor')).toContain('Is your pairing with Sam a good fit?');
    const topic = questionTopic({ purpose: 'fit', ...(intent.question?.context ? { context: intent.question.context } : {}) });
    expect(topic).toBe('whether your pairing with Sam is a good fit');
  });

  it('a review asks again for its lines per topic and per goal, with an example that has them', () => {
    const [intent] = question(ctx, pairing, round('milestone', 'Day 30 review'), 'mentee', 'ask');
    expect(emailText(intent!)).toContain('AI tools: 1-5');
    const text = clarificationOf(intent!, 'mentee');
    expect(text).toContain('How much progress have you made in your pairing with Mia (1 to 5)');
    expect(text).toContain(
      'then a line for each topic (1 = new to me, 5 = I could teach it) and each goal (1 = not started, 5 = done): AI tools: 1-5; GOAL 1: 1-5',
    );
    expect(text).toContain('PROGRESS 4, RECOMMEND 9');
    expect(text).toContain('AI tools: 3');
    expect(text).toContain('GOAL 1: 4');
  });

  it('the end-of-program review asks for its program lines too, and reads "the end of program review" mid-sentence', () => {
    const [intent] = question(ctx, pairing, round('final-review', 'End of program review'), 'mentee', 'ask');
    const text = clarificationOf(intent!, 'mentee');
    expect(text).toContain('KEEP:, CHANGE:, VALUED: and TRY:');
    expect(text).toContain('SHARE');
    const closed = questionClosed({
      to: { name: mentee.name, timeZone: mentee.timeZone },
      program: { name: program.name, admin: { name: 'Ada Admin', email: 'ada@example.com' } },
      question: questionTopic({ purpose: 'milestone', ...(intent!.question?.context ? { context: intent!.question.context } : {}) }),
      closedOn: '2027-01-25T17:00:00Z',
    });
    expect(flat(closed.text)).toContain('Your reply was about the end of program review of your pairing with Mia, which closed');
    // A question stored before the lifecycle wrote it so.
    expect(questionTopic({ purpose: 'milestone', context: { topic: 'the End of program review of your pairing with Mia' } })).toBe(
      'the end of program review of your pairing with Mia',
    );
    expect(questionTopic({ purpose: 'milestone', context: { topic: 'the Day 30 review of your pairing with Mia' } })).toBe(
      'the Day 30 review of your pairing with Mia',
    );
  });

  it('the introduction asks again with a NO that names the day, in the reader’s zone', () => {
    const [intent] = question({ ...ctx, pairing: { ...pairing, status: 'introduced' } }, pairing, round('acceptance', 'Introduction'), 'mentee', 'ask');
    const text = clarificationOf(intent!, 'mentee');
    expect(text).toContain('Will you take part in your pairing with Mia?');
    expect(text).toContain('NO, away until 17 February');
  });

  it('the notice to a reply from another address asks the question the same way', () => {
    const [intent] = question(ctx, pairing, round('check-in', 'Check-in 1'), 'mentee', 'ask');
    const again = askedAgain({ purpose: 'check-in', context: intent!.question!.context!, side: 'mentee' }, mentee.timeZone, now);
    const text = flat(
      notTheParticipant({
        to: { name: mentee.name, timeZone: mentee.timeZone },
        program: { name: program.name, admin: { name: 'Ada Admin', email: 'ada@example.com' } },
        otherAddress: 'sam.private@mail.example.com',
        question: { ...again, answerBy: '2027-01-25T17:00:00Z', answerLinks: [] },
      }).text,
    );
    expect(text).toContain('Did you meet Mia since Wednesday 6 January 2027?');
  });
});
