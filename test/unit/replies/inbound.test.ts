import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../../functions/domain/replies/inbound';
import { verdictProblems } from '../../../functions/domain/replies/verdicts';

const eml = (headers: string[], body = 'Yes') => `${headers.join('\r\n')}\r\n\r\n${body}`;
const BASE = [
  'From: Jane Doe <Jane.Doe@Example.com>',
  'To: crossgen <reply+abc@in.example>',
  'Cc: Boss <boss@example.com>',
  'Subject: Re: Did you meet?',
  'Message-ID: <m1@example.com>',
  'In-Reply-To: <q1@example.com>',
];

describe('parseInbound', () => {
  it('reads sender, recipients, ids and text; the sender lower-cased', async () => {
    const m = await parseInbound(eml(BASE, 'Yes, 4'));
    expect(m).toMatchObject({
      from: 'jane.doe@example.com',
      to: ['reply+abc@in.example', 'boss@example.com'],
      subject: 'Re: Did you meet?',
      messageId: '<m1@example.com>',
      inReplyTo: '<q1@example.com>',
      autoReply: false,
      text: 'Yes, 4',
      truncated: false,
    });
    expect(m.reason).toBeUndefined();
  });

  it('derives text from HTML only when there is no text part, with blockquotes marked as quotes', async () => {
    const html = ['Content-Type: text/html; charset=utf-8'];
    const m = await parseInbound(eml([...BASE, ...html], '<p>Yes&nbsp;&amp; 4</p><blockquote>Did you<br>meet?</blockquote>'));
    expect(m.text).toBe('Yes & 4\n> Did you\n> meet?');
  });

  it('reads the topmost SES verdicts, not a forged copy further down', async () => {
    const m = await parseInbound(
      eml([
        'X-SES-Spam-Verdict: PASS',
        'X-SES-Virus-Verdict: PROCESSING_FAILED',
        'Received-SPF: softfail (x) client-ip=1.2.3.4;',
        'Authentication-Results: amazonses.com; spf=softfail smtp.mailfrom=x; dkim=fail header.i=@a; dkim=pass header.i=@b; dmarc=fail header.from=x',
        'Authentication-Results: forged; spf=pass; dkim=pass; dmarc=pass',
        ...BASE,
      ]),
    );
    expect(m.verdicts).toEqual({ spf: 'softfail', dkim: 'pass', dmarc: 'fail', spam: 'pass', virus: 'error' });
    expect(verdictProblems(m.verdicts)).toEqual(['DMARC failed: the sender domain does not vouch for this message.']);
  });

  it('reads missing verdicts as none, never as pass', async () => {
    const m = await parseInbound(eml(BASE));
    expect(m.verdicts).toEqual({ spf: 'none', dkim: 'none', dmarc: 'none', spam: 'none', virus: 'none' });
    expect(verdictProblems(m.verdicts)).toEqual([]);
  });

  it.each([
    ['Auto-Submitted: auto-replied', true],
    ['Auto-Submitted: no', false],
    ['X-Autoreply: yes', true],
    ['Precedence: junk', true],
    ['Precedence: first-class', false],
    ['X-MS-Exchange-Inbox-Rules-Loop: a@b', true],
    ['X-Auto-Response-Suppress: All', false],
    ['List-Unsubscribe: <mailto:u@x>', true],
    ['X-Failed-Recipients: a@b', true],
  ])('%s -> automatic %s', async (header, automatic) => {
    expect((await parseInbound(eml([...BASE, header]))).autoReply).toBe(automatic);
  });

  it.each([
    'Automatic reply: hi',
    'Abwesenheitsnotiz: hi',
    'Réponse automatique : hi',
    'Respuesta automática: hi',
    'Risposta automatica: hi',
    'Automatisch antwoord: hi',
    '自動応答: hi',
    'Out of Office: hi',
  ])('recognises the out-of-office subject "%s" but not "Re: %s"', async (subject) => {
    const others = BASE.filter((h) => !h.startsWith('Subject'));
    expect((await parseInbound(eml([...others, `Subject: ${subject}`]))).autoReply).toBe(true);
    expect((await parseInbound(eml([...others, `Subject: Re: ${subject}`]))).autoReply).toBe(false);
  });

  it('gives a reason instead of throwing for data that is not mail', async () => {
    for (const raw of ['', 'just some words', Buffer.from([0, 1, 2, 3, 255]), 42 as unknown as string]) {
      const m = await parseInbound(raw);
      expect(m.reason).toMatch(/\.$/);
      expect(m.text).toBe('');
    }
  });
});
