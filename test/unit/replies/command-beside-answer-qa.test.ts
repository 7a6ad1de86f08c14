import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';
import { pauseBeforeTheStart } from '../../../functions/domain/replies/before-start';
import { outlookYesOverDisclaimer } from '../../fixtures/outlook-disclaimer-reply';

/**
 * QA over raw SMTP replies: an answer with PAUSE beside it to an introduction was told to "reply with
 * just PAUSE and its date", which the next email refused (the pairing had not started); a command
 * word in capitals inside a signature's disclaimer ("please STOP reading and delete it") blocked
 * every answer over it; "Yes 4 but PAUSE" was told to choose, though both replies work.
 */
const now = new Date('2026-12-14T10:00:00Z');

describe('an answer with PAUSE beside it, to an introduction', () => {
  it('gives what works before the start, with the day the PAUSE named as the day they are back', () => {
    const r = interpretReply("Yes but PAUSE until 10 January, I'm on holiday.", 'acceptance', { now });
    expect(r.intent).toBe('unclear');
    expect(r.command).toBeUndefined();
    expect(r.reason).toBe(
      'The reply answers the question and also says PAUSE ("PAUSE until 10 January, I\'m on holiday"), but your pairing has not started yet, so there is nothing to pause and nothing was recorded: reply YES to begin, or NO with the date you are back (for example "NO, away until 10 January").',
    );
    expect(r.reason).not.toContain('reply with just PAUSE');
  });

  it("without a day it can read, names the footer's day, four weeks on where the writer is", () => {
    // 23:30 on 14 December in UTC is already the 15th in Auckland: four weeks on is 12 January there.
    const late = new Date('2026-12-14T23:30:00Z');
    expect(interpretReply('YES, but PAUSE for a while', 'acceptance', { now: late, timeZone: 'Pacific/Auckland' }).reason).toContain(
      '(for example "NO, away until 12 January")',
    );
    expect(interpretReply('YES, but PAUSE for a while', 'acceptance', { now: late }).reason).toContain('(for example "NO, away until 11 January")');
  });

  it('a PAUSE alone before the start gets the same advice, in the same words as the footer, with the day it named', () => {
    expect(pauseBeforeTheStart(now, 'Europe/London', '2027-01-10')).toBe(
      'PAUSE, but your pairing has not started yet, so there is nothing to pause: reply YES to begin, or NO with the date you are back (for example "NO, away until 10 January")',
    );
    // No day, or one too far on to name without its year: the footer's four weeks on.
    expect(pauseBeforeTheStart(now, 'Europe/London')).toContain('"NO, away until 11 January"');
    expect(pauseBeforeTheStart(now, 'Europe/London', '2028-03-01')).toContain('"NO, away until 11 January"');
  });
});

describe('an answer with PAUSE beside it, to a question of a running pairing', () => {
  it.each<ReplyPurpose>(['check-in', 'milestone', 'fit'])('%s: says both can be sent, as two replies', (purpose) => {
    const text = purpose === 'milestone' ? 'PROGRESS 4, RECOMMEND 9 but PAUSE for 2 weeks' : 'Yes 4 but PAUSE for 2 weeks';
    const r = interpretReply(text, purpose, { now });
    expect(r.intent).toBe('unclear');
    expect(r.reason).toBe(
      'The reply answers the question and also says PAUSE ("PAUSE for 2 weeks"), so nothing was recorded: reply with your answer alone and, to pause too, with just PAUSE and its date in a second reply.',
    );
  });

  it('STOP or END beside an answer is still a choice', () => {
    expect(interpretReply('Yes 4\nSTOP', 'check-in', { now }).reason).toContain('reply with just STOP, or with your answer alone.');
  });
});

describe('a command word in capitals inside a disclaimer under the signature', () => {
  const signature = 'Leo Grant\nVP Operations | Acme Corp';
  it.each([
    'IMPORTANT: This email is confidential. If you are not the intended recipient, please STOP reading and delete it.',
    'This message is confidential. Any unauthorised use may END in legal action.',
    'PAUSE before you click links or open attachments from unknown senders.',
    'Security tip: PAUSE before you click links.',
  ])('is no command: YES over "%s" is recorded', (disclaimer) => {
    for (const purpose of ['check-in', 'acceptance', 'fit'] as const) {
      const r = interpretReply(`YES\n\n${signature}\n${disclaimer}`, purpose, { now });
      expect(r.intent).toBe('yes');
      expect(r.reason).not.toContain('also says');
    }
    expect(interpretReply(`Yes 5, great session.\n\n${signature}\n${disclaimer}`, 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 5 });
  });

  it('inside a sentence of the answer\'s own line too ("should STOP reading")', () => {
    expect(interpretReply('Yes 4, although Sam should STOP reading the slides aloud.', 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 4 });
  });

  it('a disclaimer with nothing above it is never acted on as a PAUSE', () => {
    const r = interpretReply(`Thanks, will answer soon.\n\n${signature}\nPAUSE before you click links.`, 'check-in', { now });
    expect(r.intent).toBe('unclear');
    expect(r.pauseUntil).toBeUndefined();
  });

  it.each([
    ['Yes 4 but PAUSE for 2 weeks', 'PAUSE'],
    ['yes 4 but PAUSE for 2 weeks', 'PAUSE'],
    ['Yes 4, and PAUSE until 3 March', 'PAUSE'],
    ['Yes we met. STOP', 'STOP'],
    ['YES and STOP', 'STOP'],
    ['Yes 4\nSTOP please', 'STOP'],
    ["Yes 4, STOP and don't email me again", 'STOP'],
    ['Yes 4, please STOP reading my emails', 'STOP'],
    ['Yes 4. Could you PAUSE the check-ins for a while?', 'PAUSE'],
    ['Yes 4\n\nGreat session.\nPAUSE before Christmas', 'PAUSE'],
    ['Yes 4\n\nLeo Grant\nI want to END this pairing', 'END'],
    [`YES\n\n${signature}\nSTOP sending me these reminders.`, 'STOP'],
  ])('a real command beside an answer is still asked about: %j', (text, word) => {
    const r = interpretReply(text, 'check-in', { now });
    expect(r.intent).toBe('unclear');
    expect(r.reason).toContain(`also says ${word}`);
  });

  it('reads an Outlook HTML reply with such a signature as YES', async () => {
    const raw = outlookYesOverDisclaimer([
      // An address that does not give his name: the signature is not cut as his own (strip.ts).
      'From: Leo Grant <lgrant@acme.example>',
      'To: reply+abc@in.example',
      'Subject: RE: Check-in: did you meet Mia?',
    ]);
    expect(await readReply(raw, 'check-in', { now })).toMatchObject({ intent: 'yes' });
  });
});
