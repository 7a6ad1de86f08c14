import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { autoReplyReason } from '../../../functions/domain/replies/auto-reply';
import { RawHeaders } from '../../../functions/domain/replies/headers';
import { parseInbound } from '../../../functions/domain/replies/inbound';

// QA report mailclients, bug 5: Outlook's "Read:" receipt as an ordinary text message got a clarification email.
const ORIGINAL = 'Check-in: did you meet Mia since Tuesday 1 December 2026?';
const receipt = (subject: string, body: string) =>
  [
    'From: Sam Tester <sam@example.com>',
    'To: reply+abc@in.example',
    `Subject: ${subject}`,
    'Date: Wed, 09 Dec 2026 11:01:40 +0000',
    'Message-ID: <r1@auto.example.com>',
    'In-Reply-To: <q1@email.amazonses.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'X-MS-Exchange-Organization-SCL: -1',
    '',
    body,
  ].join('\r\n');
const OUTLOOK_BODY = `Your message\r\n\r\n  To: Sam Tester\r\n  Subject: ${ORIGINAL}\r\n  Sent: Wed, 09 Dec 2026 10:37:32 +0000\r\n\r\nwas read on Wed, 09 Dec 2026 11:01:40 +0000.\r\n`;

const facts = (subject: string, text?: string) => ({
  headers: new RawHeaders([{ key: 'subject', line: `Subject: ${subject}` }]),
  subject,
  from: 'sam@example.com',
  partTypes: [],
  ...(text === undefined ? {} : { text }),
});

describe('read receipts sent as ordinary messages', () => {
  it('counts Outlook\'s plain "Read:" receipt as automatic, so it is never read as an answer', async () => {
    const message = await parseInbound(receipt(`Read: ${ORIGINAL}`, OUTLOOK_BODY));
    expect(message).toMatchObject({ autoReply: true, autoReplyReason: 'a read receipt (by its subject)' });
    expect(await readReply(receipt(`Read: ${ORIGINAL}`, OUTLOOK_BODY), 'check-in')).toMatchObject({ autoReply: true, intent: 'unclear', note: null });
  });

  it.each([
    'Read: ',
    'Not read: ',
    'Gelesen: ',
    'Nicht gelesen: ',
    'Lu : ',
    'Lu\u00a0: ',
    'Lu: ',
    'Non lu : ',
    'Leído: ',
    'No leído: ',
    'Letto: ',
    'Gelezen: ',
    'Läst: ',
  ])('recognises the receipt subject "%s<subject>", never after "Re: "', async (prefix) => {
    expect((await parseInbound(receipt(`${prefix}${ORIGINAL}`, OUTLOOK_BODY))).autoReply).toBe(true);
    expect((await parseInbound(receipt(`Re: ${prefix}${ORIGINAL}`, OUTLOOK_BODY))).autoReply).toBe(false);
  });

  it('needs the subject of the message read after the word: "Read:" alone or "Reading list" is not a receipt', () => {
    expect(autoReplyReason(facts('Read:'))).toBeNull();
    expect(autoReplyReason(facts('Reading list: ideas'))).toBeNull();
    expect(autoReplyReason(facts('Readout: budget'))).toBeNull();
    expect(autoReplyReason(facts('Lucky: yes'))).toBeNull();
  });

  it('with the body at hand, counts the subject only over a body that reads as a receipt', () => {
    expect(autoReplyReason(facts(`Read: ${ORIGINAL}`, OUTLOOK_BODY))).toBe('a read receipt (by its subject)');
    expect(autoReplyReason(facts(`Read: ${ORIGINAL}`, ''))).toBe('a read receipt (by its subject)');
    expect(
      autoReplyReason(
        facts(`Gelesen: ${ORIGINAL}`, 'Ihre Nachricht\n\n  An: Sam\n  Betreff: Check-in\n\nwurde am Mittwoch, 9. Dezember 2026 11:01:40 (UTC+01:00) gelesen.'),
      ),
    ).not.toBeNull();
    expect(
      autoReplyReason(facts(`Lu : ${ORIGINAL}`, 'Votre message\n\n  À : Sam\n  Objet : Check-in\n\na été lu le mercredi 9 décembre 2026 11:01:40.')),
    ).not.toBeNull();
    expect(
      autoReplyReason(facts(`Leído: ${ORIGINAL}`, 'Su mensaje\n\n  Para: Sam\n  Asunto: Check-in\n\nse leyó el miércoles, 9 de diciembre de 2026 11:01:40.')),
    ).not.toBeNull();
    // A person who wrote an answer under such a subject is read.
    expect(autoReplyReason(facts(`Read: ${ORIGINAL}`, 'YES 4 - good session'))).toBeNull();
  });
});
