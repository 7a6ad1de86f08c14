import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { stripReply } from '../../../functions/domain/replies/strip';
import { renderAll } from '../emails/fixtures';

describe('stripReply', () => {
  it.each([
    ['Gmail top-posted', 'Yes\n\nOn Mon, Jun 15, 2026 at 9:00 AM crossgen <r@x.example> wrote:\n> Did you meet?\n', 'Yes'],
    ['Gmail bottom-posted', 'On Mon, Jun 15, 2026 at 9:00 AM crossgen <r@x.example> wrote:\n> Did you meet?\n\nNo, not yet\n', 'No, not yet'],
    ['Outlook header block', 'Yes\n\nFrom: crossgen\nSent: Monday\nTo: Jane\nSubject: hi\n\nDid you meet?', 'Yes'],
    ['Outlook original message', 'Ja\n-----Ursprüngliche Nachricht-----\nVon: crossgen', 'Ja'],
    [
      'Russian Outlook block (its quote holds our own reply example)',
      'Да\n\nОт: crossgen <r@x.example>\nОтправлено: 3 марта 2026 г. 10:00\nКому: Sam\nТема: Meet Mia\n\nYES\nGOALS: 1. Use an AI assistant for my weekly report',
      'Да',
    ],
    ['Turkish Outlook block', 'Evet\n\nKimden: crossgen <r@x.example>\nGönderildi: 3 Mart 2026 Salı 10:00\nKime: Sam\nKonu: Meet Mia\n\nYES', 'Evet'],
    ['Russian Gmail attribution (no verb)', 'Да\n\nвт, 3 мар. 2026 г. в 10:00, crossgen <r@x.example>:\n\n> YES', 'Да'],
    ['Czech Gmail attribution', 'Ano\n\nDne 9. 12. 2026 v 10:47 crossgen <r@x.example> napsal(a):\n> YES', 'Ano'],
    ['Finnish Gmail attribution', 'Kyllä\n\ncrossgen <r@x.example> kirjoitti 9.12.2026 klo 10.47:\n> YES', 'Kyllä'],
    ['Hungarian Gmail attribution', 'Igen\n\ncrossgen <r@x.example> ezt írta (időpont: 2026. dec. 9., K, 10:47):\n> YES', 'Igen'],
    ['Greek Gmail attribution', 'Ναι\n\nΣτις Τρί, 9 Δεκ 2026 στις 10:47, ο/η crossgen <r@x.example> έγραψε:\n> YES', 'Ναι'],
    ['Romanian Gmail attribution', 'Da\n\nÎn mar., 9 dec. 2026 la 10:47, crossgen <r@x.example> a scris:\n> YES', 'Da'],
    ['Czech Gmail, answer under the quote (QA mailclients4)', 'Dne 9. 12. 2026 v 10:47 crossgen <r@x.example> napsal(a):\n> Did you meet?\n\nSTOP\n', 'STOP'],
    [
      'Finnish Gmail, answer under the quote',
      'crossgen <r@x.example> kirjoitti 9.12.2026 klo 10.47:\n> Did you meet?\n\nPAUSE for 2 weeks',
      'PAUSE for 2 weeks',
    ],
    ['Turkish Gmail attribution', 'Evet\n\n3 Mar 2026 Sal, 10:00 tarihinde crossgen <r@x.example> şunu yazdı:\n> YES', 'Evet'],
    ['German Outlook block', 'Ja\n\nVon: crossgen <r@x>\nGesendet: Montag\nAn: Hans\nBetreff: x', 'Ja'],
    ['French attribution', 'Oui\n\nLe lun. 15 juin 2026 à 09:00, crossgen <r@x> a écrit :\n> ...', 'Oui'],
    ['Spanish attribution', 'Sí\n\nEl lun, 15 jun 2026 a las 9:00, crossgen escribió:\n> ...', 'Sí'],
    ['Italian attribution', 'Sì\n\nIl giorno lun 15 giu 2026 alle ore 09:00 crossgen ha scritto:\n> ...', 'Sì'],
    ['Dutch attribution', 'Ja\n\nOp ma 15 jun. 2026 om 09:00 schreef crossgen <r@x>:\n> ...', 'Ja'],
    ['Portuguese attribution', 'Sim\n\nEm seg., 15 de jun. de 2026 às 09:00, crossgen escreveu:\n> ...', 'Sim'],
    ['German attribution', 'Ja\n\nAm 15.06.2026 um 09:00 schrieb crossgen <r@x>:\n> ...', 'Ja'],
    ['Apple Mail', 'Yes\n\nSent from my iPhone\n\n> On Jun 15, 2026, at 9:00 AM, crossgen <r@x> wrote:\n> ...', 'Yes'],
    ['German iPhone', 'Ja\n\nVon meinem iPhone gesendet\n> Am 15.06.2026 ...', 'Ja'],
    ['Spanish Android', 'Sí\n\nEnviado desde mi Samsung Galaxy', 'Sí'],
    ['Outlook for iOS', 'Yes\n\nGet Outlook for iOS<https://aka.ms/o0ukef>', 'Yes'],
    ['signature delimiter', 'Yes, 4\n-- \nJane Doe\nHead of Ops', 'Yes, 4'],
    ['closing formula', 'Yes, we met.\n\nBest regards,\nJane Doe\nHead of Ops', 'Yes, we met.'],
    ['Gmail forward', 'See below\n\n---------- Forwarded message ---------\nFrom: crossgen', 'See below'],
  ])('%s', (_, text, expected) => {
    expect(stripReply(text)).toBe(expected);
  });

  it("keeps a line of the person's own with a date, an address and a colon, but no verb of writing (QA verify21)", () => {
    const line = 'Yes 4 - we met on 15.12. and I asked Tom <tom@example.com> to join next time:';
    expect(stripReply(`${line}\nhe said yes`)).toBe(`${line}\nhe said yes`);
    expect(stripReply(`Yes 4\n${line}\nhe said yes`)).toBe(`Yes 4\n${line}\nhe said yes`);
  });

  it('keeps a person writing "this is what I wrote:" without address or date', () => {
    expect(stripReply('Yes. This is what I wrote:\nwe met twice')).toBe('Yes. This is what I wrote:\nwe met twice');
  });

  it('keeps a one-word "Thanks" when it is all the person wrote', () => {
    expect(stripReply('Thanks!')).toBe('Thanks!');
  });

  it('cuts our own email pasted under the answer with no quote marker at all, so its reply example is never read as the answer', () => {
    for (const [name, { email }] of Object.entries(renderAll())) {
      expect(stripReply(`Да\n\n${email.text}`), name).toBe('Да');
      expect(stripReply(`\n${email.text}`), name).toBe('');
    }
    const intro = renderAll().introduction.email.text;
    expect(interpretReply(stripReply(`\n\n${intro}`), 'acceptance')).toMatchObject({ intent: 'unclear' });
    // A person's own heading underlined with "=" under words of another length is theirs.
    expect(stripReply('Yes\n\nMy goals\n=================\n1. Prompting')).toContain('My goals');
  });
});

describe('stripReply: an answer right above the attribution, no blank line between (QA mailclients3)', () => {
  it.each([
    ['Yes, 4\nOn Thu, 3 Dec 2026 at 09:00, Crossgen <reply@example.com> wrote:\n> Did you meet?', 'Yes, 4'],
    ['5\nOn Thu, 3 Dec 2026 at 09:00, Crossgen <reply@example.com> wrote:\n> Did you meet?', '5'],
    ['Ja, 4\nAm Do., 3. Dez. 2026 um 09:00 Uhr schrieb Crossgen <reply@example.com>:\n> Did you meet?', 'Ja, 4'],
  ])('keeps the answer: %j', (text, kept) => {
    expect(stripReply(text)).toBe(kept);
  });

  it.each([
    ['Yes, 4 we met twice\nOn Thu, 3 Dec 2026 at 09:00, Crossgen\n<reply@example.com> wrote:\n> Did you meet?', 'Yes, 4 we met twice'],
    ['YES 4\n2026-12-03 9:00 GMT+01:00 Crossgen\n<reply@example.com> wrote:\n> Did you meet?', 'YES 4'],
  ])('still drops an attribution wrapped over two lines: %j', (text, kept) => {
    expect(stripReply(text)).toBe(kept);
  });
});
