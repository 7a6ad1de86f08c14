import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { answerOutsideReply } from '../../../functions/domain/replies/outside-reply';
import { stripReply } from '../../../functions/domain/replies/strip';

/**
 * QA mail8: an answer only in the subject ("YES - Meet Lena...", "...? YES"), or typed under an
 * unquoted Outlook From:/Sent: block, was answered "We read: (an empty reply) ... the reply is empty
 * once quoted history and signatures are removed". It is still not acted on, but the person is
 * told what was seen and where to write it.
 */
const DIR = join(import.meta.dirname, '../../fixtures/replies/mail8');
const read = (name: string, purpose: 'acceptance' | 'check-in') => readReply(readFileSync(join(DIR, `${name}.eml`)), purpose);

describe('an answer written where it is not read', () => {
  it('says YES was seen in the subject of an empty reply (iPhone, nothing in the body)', async () => {
    const reading = await read('subject-only-yes', 'acceptance');
    expect(reading.intent).toBe('unclear');
    expect(reading.reason).toBe(
      'Your reply had no text of its own: only what you write in the email itself is read, not its subject (we saw YES in the subject). Please reply again with YES on the first line.',
    );
  });

  it('says YES was seen at the end of the subject of a reply that only quotes our email', async () => {
    const reading = await read('subject-end-yes', 'check-in');
    expect(reading.intent).toBe('unclear');
    expect(reading.reason).toBe(
      'Your reply had no text of its own above the quoted email: only what you write above it is read (we saw YES in the subject). Please reply again with YES on the first line.',
    );
  });

  it('says YES was seen under the quoted email’s Outlook header block', async () => {
    const reading = await read('outlook-yes-below-header', 'acceptance');
    expect(reading.intent).toBe('unclear');
    expect(reading.reason).toBe(
      'Your reply had no text of its own above the quoted email: only what you write above it is read (we saw YES inside the quoted email, below its header). Please reply again with YES on the first line.',
    );
  });

  it('quotes words that are not one word in capitals as written', () => {
    const reading = answerOutsideReply({ subject: 'Oui 4 - Re: Check-in', text: '' }, '', 'check-in');
    expect(reading?.reason).toContain('(we saw "Oui 4" in the subject). Please reply again with "Oui 4" on the first line.');
  });

  it.each([
    'Re: Meet Diego, your reverse-mentoring partner',
    'Re: Check-in: did you meet Diego since Thursday 17 December 2026?',
    'AW: End of program review with Oliver: four short questions',
    'RE: Is your pairing with Lena a good fit?',
    'Re: Reminder: will you start your pairing with Lena?',
    'Re: Nothing to end: that pairing has ended',
    'Re: Which pairing did you mean? Nothing was changed',
    'Re: Day 14 review with Anna: four short questions',
  ])('finds no answer in our own subject %j, so the reply stays "empty"', (subject) => {
    for (const purpose of ['acceptance', 'check-in', 'milestone', 'fit'] as const)
      expect(answerOutsideReply({ subject, text: '> Did you meet Diego?' }, '', purpose)).toBeUndefined();
  });

  it('never overrides words written above the quote', () => {
    expect(answerOutsideReply({ subject: 'YES', text: 'No, not this time\n\n> quoted' }, 'No, not this time', 'acceptance')).toBeUndefined();
  });

  it('reads nothing under an Outlook header when our email follows it directly', () => {
    const text = [
      'From: Mail Eight Pilot <crossgen@example.com>',
      'Sent: Wednesday, December 2, 2026 10:36 AM',
      'To: Tom Baker <tom.baker@example.com>',
      'Subject: Meet Diego, your reverse-mentoring partner',
      '',
      'Mail Eight Pilot',
      '',
      'Meet Diego, your partner',
      '========================',
      '',
      'Hello Tom,',
      'Reply YES or NO.',
    ].join('\n');
    expect(stripReply(text)).toBe('');
    expect(answerOutsideReply({ subject: 'RE: Meet Diego, your reverse-mentoring partner', text }, '', 'acceptance')).toBeUndefined();
  });
});
