import { describe, expect, it } from 'vitest';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA, over raw SMTP: an Outlook HTML reply that declares windows-1252 only in its <meta> was read
 * as "S�, ..." and asked again, and a signature over a legal disclaimer went into the admins' note
 * ("Amélie Roux Digital Marketing Associate | Acme Corp ... This e-mail and any attachments are
 * confidential ..."). Through the real reply path, both at once: the answer is recorded, its note
 * holds the answer's words only.
 */
const cp1252 = (text: string) => Buffer.from([...text].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0))));
const qp = (bytes: Buffer) =>
  [...bytes].map((b) => (b === 0x0a ? '\r\n' : b > 0x7e || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');

describe('an Outlook reply with no charset but its <meta>, signed over a disclaimer (QA)', () => {
  it('records "Sí, 4" with the note "practicamos prompts – muy útil", no name, title or disclaimer', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const checkIn = await h.nextEmail(mentor.email, /^Check-in:/);
    const html = [
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><div class="WordSection1">',
      '<p class="MsoNormal">Sí, 4, practicamos prompts – muy útil.</p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>',
      // Her own name with an accent her enrolment ("Mia Mentor…") and address do not have.
      '<p class="MsoNormal">Mía Mentor</p><p class="MsoNormal">Directora de Finanzas</p><p class="MsoNormal">Acme Iberia</p>',
      '<p class="MsoNormal"><span style="font-size:7.5pt">Este mensaje y sus anexos son confidenciales y se dirigen exclusivamente a su destinatario. Si ha recibido este mensaje por error, le rogamos que lo borre.</span></p>',
      '</div></body></html>',
    ].join('\n');
    const raw = [
      `From: <${mentor.email}>`,
      `To: <${checkIn.replyTo[0]}>`,
      'Subject: RE: check-in',
      `Message-ID: <charset-${pairingId}@mail.example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: text/html',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      qp(cp1252(html)),
    ].join('\r\n');
    await h.postRaw(raw);
    expect((await h.emailsTo(mentor.email)).some((e) => /^Could you say that again\?/.test(e.subject))).toBe(false);
    await h.reply(await h.received(mentee.email, /^Check-in:/), 'yes');
    const { checkIns } = await h.pairing(pairingId);
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0].mentor).toMatchObject({ rating: 4, note: 'practicamos prompts – muy útil' });
  });
});
