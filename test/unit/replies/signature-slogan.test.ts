import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { stripReply } from '../../../functions/domain/replies/strip';

// QA report mailclients3, bug 1: a slogan in capitals in an Outlook signature ("STOP. THINK. ACT.")
// made every answer over it "answers the question and also says STOP", so the person could never answer.
const now = new Date('2026-12-10T10:00:00Z');
const read = (text: string, purpose: 'check-in' | 'acceptance' | 'milestone' = 'check-in') => interpretReply(stripReply(text), purpose, { now });

describe('a slogan in capitals in the signature is no command', () => {
  it.each([
    ['Yes 5, great session.\n\nJohn Smith | Head of Finance\nSTOP. THINK. ACT.', 'yes', 5],
    ['Yes 5\n\nJohn Smith | Head of Finance\nSTOP. THINK. ACT.', 'yes', 5],
    ['YES\n\nJohn Smith | Head of Finance\nSTOP. THINK. ACT.', 'yes', undefined],
    ['No, we could not meet this week.\n\nAnna Kowalski\nPAUSE. BREATHE. LEAD.', 'no', undefined],
    ['No\n\nAnna Kowalski\nPAUSE. BREATHE. LEAD.', 'no', undefined],
    ['Yes 4\n\nMaria Lopez\nHead of IT\nTHINK. PAUSE. ACT.', 'yes', 4],
    ['Yes 4\nMaria\nLISTEN. LEARN. END. REPEAT.', 'yes', 4],
  ] as const)('%j reads as %s, and nothing is paused or stopped', (text, intent, rating) => {
    const answer = read(text);
    expect(answer).toMatchObject({ intent });
    expect(answer.rating).toBe(rating);
    expect(answer.command).toBeUndefined();
    expect(answer.pauseUntil).toBeUndefined();
  });

  it('reads an introduction answered over such a signature too', () => {
    expect(read('Yes, happy to take part.\n\nJohn Smith\nSTOP. THINK. ACT.', 'acceptance')).toMatchObject({ intent: 'yes' });
  });

  it('reads the Outlook on the web message QA sent (base64, underscore line, quoted history) as yes 5', async () => {
    const body =
      'Yes 5, great session.\r\n\r\nJohn Smith | Head of Finance\r\nSTOP. THINK. ACT.\r\n\r\n________________________________\r\nFrom: MC Program <crossgen@example.com>\r\nSent: Thursday, December 10, 2026 9:00 AM\r\nTo: John Smith <john@example.com>\r\nSubject: Check-in: did you meet Mia?\r\n\r\nDid you meet?\r\n';
    const raw = [
      'From: John Smith <john@example.com>',
      'To: reply+abc@in.example',
      'Subject: RE: Check-in: did you meet Mia?',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(body).toString('base64'),
    ].join('\r\n');
    expect(await readReply(raw, 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 5 });
  });
});

describe('a command beside an answer is still asked about, slogan or not', () => {
  it.each([
    ['YES 5\n\nSTOP', 'STOP'],
    ['Yes 5. STOP', 'STOP'],
    ['Yes 4\nSTOP', 'STOP'],
    // No name or sign-off between the answer and the line: not a signature's place.
    ['Yes 5\n\nSTOP. THINK. ACT.', 'STOP'],
    ['Yes 5\nSTOP. THINK. ACT.', 'STOP'],
    // Shaped like a slogan, but it says the command.
    ['Yes 5\nJohn\nSTOP. ALL. EMAILS.', 'STOP'],
    ['Yes 5\nJohn\nSTOP. STOP. STOP.', 'STOP'],
    ['Yes 5\nJohn\nPAUSE. NOW. PLEASE.', 'PAUSE'],
    // Two words are no slogan.
    ['Yes 5\nJohn\nSTOP. NOW.', 'STOP'],
    // A real command under the slogan is still found.
    ['Yes 5\nJohn\nSTOP. THINK. ACT.\nSTOP', 'STOP'],
    ['Yes 5\nPAUSE until 3 March\nJohn\nSTOP. THINK. ACT.', 'PAUSE'],
  ] as const)('%j is unclear, naming %s', (text, word) => {
    const answer = read(text);
    expect(answer.intent).toBe('unclear');
    expect(answer.rating).toBeUndefined();
    expect(answer.reason).toContain(`also says ${word}`);
  });
});
