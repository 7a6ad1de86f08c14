import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { withoutGreeting } from '../../../functions/domain/replies/greeting';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';

// QA report mailclients (s4-greeting.mjs): a salutation line above the answer moved it off the place the reader checks.
const now = new Date('2026-12-09T10:00:00Z');
const read = (text: string, purpose?: ReplyPurpose) => interpretReply(text, purpose, { now });

describe('a greeting above a command', () => {
  it.each(['Dear team,\n\nSTOP', 'Hi,\nSTOP', 'Hello Mia,\n\nstop', 'Hi team,\n\nUNSUBSCRIBE', 'Guten Morgen,\n\nSTOP', 'Hi all :)\n\nSTOP', 'Hi, STOP'])(
    '%j withdraws (bug 1)',
    (text) => {
      expect(read(text, 'check-in').intent).toBe('stop');
    },
  );

  it('reads STOP below a greeting on the standing address and for any purpose', () => {
    expect(read('Dear team,\n\nSTOP', 'standing').intent).toBe('stop');
    expect(read('Dear team,\n\nSTOP').intent).toBe('stop');
  });

  it.each(['Hi,\n\nPAUSE until 15 January', 'Hi team,\n\nPAUSE until 15 January please', 'Bonjour,\n\nPAUSE until 15 January'])(
    '%j pauses until that day (bug 2)',
    (text) => {
      expect(read(text, 'check-in')).toMatchObject({ intent: 'pause', pauseUntil: '2027-01-15' });
    },
  );

  it('reads END and REMATCH below a greeting', () => {
    expect(read('Hello,\n\nEND', 'check-in').intent).toBe('end');
    expect(read('Hi Sam,\n\nREMATCH', 'check-in').intent).toBe('rematch');
  });

  it('keeps lower-case "stop" inside a sentence an ordinary word', () => {
    expect(read('Hi,\n\nWe met, 4. Please do not stop the reminders', 'check-in')).toMatchObject({ intent: 'yes', rating: 4 });
    expect(read('Hi, stop by my office next week', 'check-in').intent).toBe('unclear');
  });
});

describe('a greeting above an answer', () => {
  it.each([
    ['Hi team,\n\nYES 5 great chat about the budget cycle', 'yes', 5, 'great chat about the budget cycle'],
    ['Good morning,\nYES 5', 'yes', 5, undefined],
    ['Hello,\nYes, 4', 'yes', 4, undefined],
    ['Hallo zusammen,\n\nJa, 4 - super', 'yes', 4, 'super'],
    ['Hola,\n\nSí, 4', 'yes', 4, undefined],
    ['Bonjour à tous,\n\nOui, 5', 'yes', 5, undefined],
    ['Hello Mia,\n\nYes 4', 'yes', 4, undefined],
    ['Sehr geehrte Damen und Herren,\n\nJa 4', 'yes', 4, undefined],
    ['Dear Mr. and Mrs. Smith,\nYES 3', 'yes', 3, undefined],
    ['你好，\n\n是的 4', 'yes', 4, undefined],
  ])('%j reads the rating the check-in gave (bug 3)', (text, intent, rating, note) => {
    const answer = read(text, 'check-in');
    expect(answer).toMatchObject({ intent, rating });
    expect(answer.note).toBe(note);
  });

  it('reads an introduction NO below a greeting, with its reason (bug 4)', () => {
    expect(read('Hi,\n\nNo, I am away until March.', 'acceptance')).toMatchObject({ intent: 'no', note: 'I am away until March' });
    expect(read('Hallo,\n\nNein, leider keine Zeit', 'acceptance')).toMatchObject({ intent: 'no' });
  });

  it('reads the answer that shares the greeting line', () => {
    expect(read('Hi! Yes we met', 'check-in')).toMatchObject({ intent: 'yes', note: 'Yes we met' });
    expect(read('Hello Mia, yes 4 - good talk', 'check-in')).toMatchObject({ intent: 'yes', rating: 4, note: 'good talk' });
    expect(read('Hi, Yes', 'acceptance').intent).toBe('yes');
    expect(read('Hey, no', 'acceptance').intent).toBe('no');
  });

  it('reads goals and topic numbers under a greeting without the greeting in the note', () => {
    const answer = interpretReply('Hello team,\n\nYES\nGOALS:\n1. Understand how budgets are made\n2. Lead a cross-team meeting\nStrategy: 2', 'acceptance', {
      now,
      ask: { goals: true, items: [{ key: 'strategy', labels: ['Strategy'] }] },
    });
    expect(answer).toMatchObject({ intent: 'yes', goals: ['Understand how budgets are made', 'Lead a cross-team meeting'], items: { strategy: 2 } });
    expect(answer.note).toBeUndefined();
  });

  it('reads a review and an admin decision below a greeting', () => {
    expect(read('Hi team,\n\nPROGRESS 4, RECOMMEND 9', 'milestone')).toMatchObject({ rating: 4, score: 9 });
    expect(read('Hi,\n\nCONTINUE', 'admin-decision')).toMatchObject({ intent: 'yes', decision: 'continue' });
  });

  it('reads a greeting above a reply from a mail client as the reply alone', async () => {
    const raw = [
      'From: Mia <mia@example.com>',
      'To: reply+abc@in.example',
      'Subject: Re: Check-in',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi team,',
      '',
      'YES 5 great chat about the budget cycle',
      '',
      'On Tue, 1 Dec 2026 at 10:00, crossgen <reply+abc@in.example> wrote:',
      '> Did you meet Sam since the last check-in?',
    ].join('\r\n');
    expect(await readReply(raw, 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 5, note: 'great chat about the budget cycle' });
  });
});

describe('what is not a greeting to skip', () => {
  it.each([
    // an answer word is never taken for a name
    ['Hi, Yes', 'Yes'],
    ['Hello STOP', 'Hello STOP'],
    ['Hey Sam STOP', 'Hey Sam STOP'],
    ['Hi 👍', 'Hi 👍'],
    ['Hi, 👍 4', '👍 4'],
    ['Hi Sam we met on Tuesday', 'Hi Sam we met on Tuesday'],
    ['Hi we met\n4', 'Hi we met\n4'],
    ['Hi, PROGRESS: 4', 'PROGRESS: 4'],
    // a sentence is not a greeting: lower-case words after the salutation are no names
    ['Hey sorry for the delay\nyes 4', 'Hey sorry for the delay\nyes 4'],
    ['Hello? Did you get my email', 'Hello? Did you get my email'],
    ['Hinweis: yes', 'Hinweis: yes'],
    // too long to be a greeting
    ['Hi Anna Maria Lopez De Silva Ruiz,\nYES', 'Hi Anna Maria Lopez De Silva Ruiz,\nYES'],
    // a greeting alone stays: there is nothing else to read
    ['Hi,', 'Hi,'],
  ])('%j reads as %j', (text, rest) => {
    expect(withoutGreeting(text)).toBe(rest);
  });

  it('asks again about a reply that is only a greeting, quoting it', () => {
    expect(read('Hi team,', 'check-in')).toMatchObject({ intent: 'unclear', note: 'Hi team' });
  });
});
