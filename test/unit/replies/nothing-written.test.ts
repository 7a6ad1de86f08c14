import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';

/** A reply that is a picture alone (QA replies5): told so, not "empty once quoted history ... removed". */

const raw = (body: string[], contentType: string) =>
  [
    'From: Jane Doe <jane.doe@example.com>',
    'To: reply+abc@reply.example.com',
    'Subject: Re: Check-in',
    'Date: Tue, 1 Dec 2026 10:00:00 +0000',
    'Message-ID: <pic@example.com>',
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    '',
    ...body,
  ].join('\r\n');

describe('a reply with no text', () => {
  it('says that only written words are read, not attachments', async () => {
    const picture = raw(
      [
        '--b1',
        'Content-Type: image/png; name="whiteboard.png"',
        'Content-Disposition: attachment; filename="whiteboard.png"',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        '--b1--',
      ],
      'multipart/mixed; boundary="b1"',
    );
    const reading = await readReply(picture, 'check-in');
    expect(reading.intent).toBe('unclear');
    expect(reading.reason).toBe('The reply has no text: only the words written in the email itself are read, not attachments or pictures.');
  });

  it('keeps the quoted-history reason for a reply that quoted and added nothing', async () => {
    const quoted = raw(['On Mon, 30 Nov 2026 crossgen wrote:', '> Did you meet Sam?'], 'text/plain; charset=utf-8');
    expect((await readReply(quoted, 'check-in')).reason).toBe('The reply is empty once quoted history and signatures are removed.');
  });
});
