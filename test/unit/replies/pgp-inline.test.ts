import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { stripReply } from '../../../functions/domain/replies/strip';

// QA report mailclients3, bug 2: an inline (cleartext) PGP-signed reply was read with its armour, so
// "No, not this week" was unclear and a "Yes, 4" stored the whole PGP block as the admin's note.
const SIGNATURE = [
  '-----BEGIN PGP SIGNATURE-----',
  '',
  'iQEzBAEBCAAdFiEEzG0/Md8yafMkMtT/8cs7dphOAnMFAmdAAQgACgkQ8cs7dphO',
  'AnNcKQf/YwX4kR2mE2pQ8c1l3vJ6zH5uGvXrYtXwqgq0aQ1Zr2kz8bQmJ7h8VvX9',
  '=abcd',
  '-----END PGP SIGNATURE-----',
].join('\n');
const signed = (body: string, after = '') => `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n${body}\n${SIGNATURE}\n${after}`;
const QUOTE = '\nOn Thu, 10 Dec 2026 at 09:00, MC Program <crossgen@example.com> wrote:\n> Did you meet Mia since 1 December?\n> Reply YES or NO.\n';
const now = new Date('2026-12-10T10:00:00Z');
const email = (text: string) =>
  [
    'From: Mia Tester <mia@example.com>',
    'To: reply+abc@in.example',
    'Subject: Re: Check-in',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
  ].join('\r\n');

describe('an inline PGP-signed reply', () => {
  it('keeps only what the person wrote: no armour header, no signature block', () => {
    expect(stripReply(signed('No, not this week'))).toBe('No, not this week');
    expect(stripReply(signed('No, not this week', QUOTE))).toBe('No, not this week');
    expect(stripReply(signed(`Yes, 4\n${QUOTE}`))).toBe('Yes, 4');
    expect(stripReply(`-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\nCharset: UTF-8\n\nYes\n${SIGNATURE}`)).toBe('Yes');
  });

  it('unescapes dash-escaped lines of the signed text', () => {
    expect(stripReply(signed('Yes 4\n- - good chat\n- -----\nsee you next week'))).toBe('Yes 4\n- good chat\n-----\nsee you next week');
  });

  it('reads "No, not this week" as a no with the note "not this week"', async () => {
    expect(await readReply(email(signed('No, not this week', QUOTE)), 'check-in', { now })).toMatchObject({
      intent: 'no',
      note: 'not this week',
    });
  });

  it('stores no armour in the note of a yes', async () => {
    const yes = await readReply(email(signed('Yes, 4 - good chat', QUOTE)), 'check-in', { now });
    expect(yes).toMatchObject({ intent: 'yes', rating: 4, note: 'good chat' });
    const review = await readReply(email(signed('PROGRESS 4, RECOMMEND 9\nLearnt a lot')), 'milestone', { now });
    expect(review).toMatchObject({ rating: 4, score: 9, note: 'Learnt a lot' });
  });

  it('leaves armour quoted from an earlier message to the quote rule, and ordinary lines alone', () => {
    expect(stripReply(`Yes\n\n> -----BEGIN PGP SIGNED MESSAGE-----\n> Hash: SHA256\n>\n> hello\n> ${SIGNATURE.split('\n').join('\n> ')}`)).toBe('Yes');
    expect(stripReply('Yes 4\n- good chat\n- more soon')).toBe('Yes 4\n- good chat\n- more soon');
  });
});
