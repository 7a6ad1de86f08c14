import { describe, expect, it } from 'vitest';
import { interpretReply, readReply, stripReply } from '../../../functions/domain/replies';
import { htmlToText } from '../../../functions/domain/replies/html-text';

// QA: a check-in answer top-posted above an Outlook header block, with a signature and a legal
// disclaimer under it, kept "Amélie Roux Digital Marketing Associate | Acme Corp Tel: +33 1 23 45
// 67 89 ... This e-mail and any attachments are confidential ..." as the admins' note. The
// disclaimer kept both signature cuts from firing (they act on what ends the reply), and "Amélie"
// was not the "amelie" of her address. The disclaimer is cut, then the signature above it.
const now = new Date('2027-03-01T10:00:00Z');
const amelie = 'amelie.roux@acme.example';
const DISCLAIMER =
  'This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it. Acme Corp accepts no liability for viruses.';
const SIGNATURE = 'Amélie Roux\nDigital Marketing Associate | Acme Corp\nTel: +33 1 23 45 67 89\nwww.acme.example';
const OUTLOOK_HEADER =
  'From: Reverse Mentoring <reply+abc.sig@in.example.org>\nSent: Monday, March 1, 2027 9:00 AM\nTo: Amélie Roux\nSubject: Check-in\n\nDid you meet?';

describe('a legal disclaimer under the signature', () => {
  it("the QA reply, as `crossgen reply --purpose check-in` reads it: the note is the answer's words alone", async () => {
    const raw = [
      `From: Amélie Roux <${amelie}>`,
      'To: reply+abc.sig@in.example.org',
      'Subject: RE: Check-in',
      'Content-Type: text/plain; charset="utf-8"',
      '',
      `Yes 4, we practised prompts for the board deck.\n\n${SIGNATURE}\n\n${DISCLAIMER}\n\n${OUTLOOK_HEADER}`.replace(/\n/g, '\r\n'),
    ].join('\r\n');
    expect(await readReply(raw, 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 4, note: 'we practised prompts for the board deck' });
  });

  it('is cut, hard-wrapped or not, with a heading, a rule or a line about printing', () => {
    const wrapped =
      'This e-mail and any attachments are confidential and may be\nprivileged. If you are not the intended recipient, please notify\nthe sender and delete it.\nAcme Ltd, registered in England No. 1234567, 1 Main Street, London.';
    for (const tail of [
      DISCLAIMER,
      wrapped,
      `DISCLAIMER\n${DISCLAIMER}`,
      `________________\n\n${DISCLAIMER}`,
      `Please consider the environment before printing this e-mail.\n\n${DISCLAIMER}`,
      `${DISCLAIMER}\n\nPlease consider the environment before printing this e-mail.`,
      `CONFIDENTIALITY NOTICE: ${DISCLAIMER}`,
    ]) {
      expect(stripReply(`Yes 4, we practised prompts.\n\n${tail}`)).toBe('Yes 4, we practised prompts.');
    }
  });

  it.each([
    [
      'de',
      'Ja, 4 – wir haben Prompts geübt.',
      'Diese E-Mail enthält vertrauliche Informationen und ist nur für den vorgesehenen Empfänger bestimmt. Wenn Sie diese E-Mail irrtümlich erhalten haben, benachrichtigen Sie bitte den Absender und löschen Sie sie.',
    ],
    [
      'fr',
      'Oui, 4 – nous avons pratiqué les prompts.',
      "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de leur destinataire. Si vous avez reçu ce message par erreur, merci de le supprimer et d'en avertir l'expéditeur.",
    ],
    [
      'es',
      'Sí, 4 – practicamos los prompts.',
      'Este mensaje y sus anexos son confidenciales y se dirigen exclusivamente a su destinatario. Si ha recibido este mensaje por error, le rogamos que lo comunique al remitente y lo borre.',
    ],
  ])('in %s, two languages one under the other too', (_language, answer, disclaimer) => {
    expect(stripReply(`${answer}\n\n${SIGNATURE}\n\n${disclaimer}`, amelie)).toBe(answer);
    expect(stripReply(`${answer}\n\n${SIGNATURE}\n\n${DISCLAIMER}\n\n${disclaimer}`, amelie)).toBe(answer);
  });

  it('an Outlook HTML reply, where the signature and the disclaimer are lines with no blank between', () => {
    const html = `<html><body><div class="WordSection1"><p class="MsoNormal">Yes 4, we practised prompts.<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>${SIGNATURE.split(
      '\n',
    )
      .map((line) => `<p class="MsoNormal">${line}</p>`)
      .join(
        '',
      )}<p class="MsoNormal"><span style="font-size:7.5pt">${DISCLAIMER}</span></p><div style="border-top:solid #E1E1E1 1.0pt"><p class="MsoNormal"><b>From:</b> Reverse Mentoring &lt;reply+abc@in.example.org&gt;<br><b>Sent:</b> Monday, March 1, 2027 9:00 AM<br><b>To:</b> Amélie Roux<br><b>Subject:</b> Check-in</p></div></div></body></html>`;
    const note = interpretReply(stripReply(htmlToText(html), amelie), 'check-in', { now });
    expect(note).toMatchObject({ intent: 'yes', rating: 4, note: 'we practised prompts' });
  });
});

describe("the writer's name is their own with or without its accents", () => {
  it('"Amélie Roux" from amelie.roux@…, or enrolled as "Amelie Roux"; "Amelie" enrolled as "Amélie"', () => {
    const block = 'Amélie Roux\nDigital Marketing Associate\nAcme Corp';
    expect(stripReply(`Yes 4, great session\n\n${block}`, amelie)).toBe('Yes 4, great session');
    expect(stripReply(`Yes 4, great session\n\n${block}`, { address: 'aroux@acme.example', name: 'Amelie Roux' })).toBe('Yes 4, great session');
    expect(stripReply('Yes 4, great session\n\nAmelie', { address: 'aroux@acme.example', name: 'Amélie Roux' })).toBe('Yes 4, great session');
    expect(stripReply('Yes 4, great session\n\nŁukasz', 'lukasz.nowak@acme.example')).toBe('Yes 4, great session');
  });
});

describe('what the writer wrote stays', () => {
  it.each([
    'Yes 4\n\nPlease keep this confidential.',
    'Yes 4\n\nThis email is confidential, please do not tell Sam.',
    'Yes 4, we went through the liability clause and what to delete from the contract.',
    'CONCERN: my partner forwards confidential e-mails.\nThis email is for the program team only.',
    'No\n\nIf you are not the right person, please tell me who is.',
  ])('%j', (text) => {
    expect(stripReply(text)).toBe(text);
  });

  it('an answer that opens as a disclaimer does, on the line right above one', () => {
    expect(stripReply(`This email is to confirm: Yes 4\n${DISCLAIMER}`)).toBe('This email is to confirm: Yes 4');
  });

  it("a partner's name with a title, and a partner named alone, above a disclaimer", () => {
    expect(stripReply(`Yes 4, you should meet\n\nLeo Grant\nVP Operations\n\n${DISCLAIMER}`, amelie)).toBe(
      'Yes 4, you should meet\n\nLeo Grant\nVP Operations',
    );
    expect(stripReply(`REMATCH\n\nSam\n\n${DISCLAIMER}`, amelie)).toBe('REMATCH\n\nSam');
  });
});
