import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-02-01T10:00:00Z');
const read = (text: string) => interpretReply(text, 'check-in', { now });

describe('a command on a line of its own under a sentence that answers nothing (QA journey5)', () => {
  it.each([
    ["Hi, I'm off on a family holiday.\n\nPAUSE until 27 February\n\nRobert", '2027-02-27'],
    ["I'm away for two weeks.\nPAUSE until 27 February", '2027-02-27'],
    ["I'm away.\npause until 27 February", '2027-02-27'],
  ])('pauses: %j', (text, until) => {
    expect(read(text)).toMatchObject({ intent: 'pause', pauseUntil: until });
  });

  it.each([
    ['I am leaving the company at the end of the month.\n\nSTOP', 'stop'],
    ['Thanks for setting this up.\nEND', 'end'],
  ] as const)('acts on %j', (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });

  it.each([
    // An answer with a command beside it is asked about, as before.
    ['YES 4\nPAUSE until 27 February', /answers the question and also says PAUSE/],
    ['We met on Monday.\nSTOP', /answers the question and also says STOP/],
    // Inside a sentence, a slogan, or in lower case without a date: no command.
    ['Could you PAUSE the check-ins until 15 January?', /inside a sentence/],
    ['Busy week.\nSTOP. THINK. ACT.', /inside a sentence/],
    // "Great chat" answers a check-in in own words (meeting-words.ts): the STOP beside it is asked about.
    ['Great chat.\nSTOP. THINK. ACT.', /answers the question and also says STOP/],
    ['Not sure what to write.\nstop', /./],
    // A long opening is a letter, not a line of context: the command in it is asked about.
    ['Line one.\nLine two.\nLine three.\nLine four.\nPAUSE until 27 February', /inside a sentence/],
  ])('does not act on %j', (text, reason) => {
    const answer = read(text);
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toMatch(reason);
  });
});
