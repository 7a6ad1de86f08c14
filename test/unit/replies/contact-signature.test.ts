import { describe, expect, it } from 'vitest';
import { interpretReply, stripReply } from '../../../functions/domain/replies';
import { htmlToText } from '../../../functions/domain/replies/html-text';

/**
 * A signature with a phone and no name the writer is known by ("Mobile: +49 ...", "Tel. +1 ...",
 * name, title and company above it), and the one Outlook on the web puts in <div id="Signature">,
 * reached the stored note. Both are cut; a sentence that only mentions a phone stays.
 */
const now = new Date('2027-03-01T10:00:00Z');

describe('a signature with a phone and no known name is no part of the note', () => {
  it.each([
    ['Yes 4, great session on prompts.\n\nMobile: +49 151 2345 6789', 'Yes 4, great session on prompts.'],
    ['Yes 4, great session on prompts.\nTel. +1 (555) 010-0100', 'Yes 4, great session on prompts.'],
    [
      'Yes, we met on Tuesday and went through the board deck.\n\nKlaus Weber\nHead of Finance\nAcme GmbH\nTel. +49 30 1234567\nMobile: +49 151 2345678',
      'Yes, we met on Tuesday and went through the board deck.',
    ],
    ['YES 5\n\nT +49 30 1234567 | M +49 151 2345678\nwww.acme.de', 'YES 5'],
    ['Sí, 4\n\nMóvil: +34 612 345 678\nana.lima@example.es', 'Sí, 4'],
    ['Yes 4\n\n+44 20 7946 0958', 'Yes 4'],
  ])('%j keeps only %j', (text, kept) => {
    expect(stripReply(text)).toBe(kept);
  });

  it('the note of a check-in answer holds no phone', () => {
    const r = interpretReply(stripReply('Yes 4, we practised prompts.\n\nDr. Klaus Weber\nCFO, Acme GmbH\nMobile: +49 151 2345 6789'), 'check-in', { now });
    expect(r).toMatchObject({ intent: 'yes', rating: 4, note: 'we practised prompts' });
  });

  it.each([
    'Yes 3. Call me on +49 151 2345678 if the room changes.',
    'No, we missed it.\nMy mobile is +1 555 010 0100, text me.',
    'No, we missed it.\nPlease call me: +1 555 010 0100',
    'PAUSE\n15.01.2027',
    'Yes\n\n4',
  ])('a sentence or an answer that mentions a number stays: %j', (text) => {
    expect(stripReply(text)).toBe(text);
  });

  it('an answer above the phone is never taken for a title', () => {
    expect(stripReply('Yes\n\nSTOP\nMobile: +49 151 2345678')).toBe('Yes\n\nSTOP');
    expect(stripReply('Great chat\n\nYes 4\nMobile: +49 151 2345678')).toBe('Great chat\n\nYes 4');
  });
});

describe('the signature Outlook on the web adds, <div id="Signature">', () => {
  const owa = (signature: string) =>
    `<html><head><style>p{margin:0}</style></head><body><div class="elementToProof" style="font-family:Aptos,sans-serif">Yes 4, we practised prompts for the board deck.</div><div id="Signature" class="elementToProof">${signature}</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Reverse Mentoring &lt;reply+abc@in.example.org&gt;<br><b>Sent:</b> Monday, March 1, 2027 9:00 AM<br><b>To:</b> Klaus Weber<br><b>Subject:</b> Did you meet?</font></div><div>Hello Klaus,</div></body></html>`;

  it('is cut with everything in it: name, title, slogan, phone', () => {
    const text = htmlToText(
      owa('<div><p><b>Klaus Weber</b></p><p>Head of Finance | Acme GmbH</p><p>Driving change together</p><p>Mobile: +49 151 2345 6789</p></div>'),
    );
    expect(stripReply(text)).toBe('Yes 4, we practised prompts for the board deck.');
    expect(interpretReply(stripReply(text), 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 4, note: 'we practised prompts for the board deck' });
  });

  it('a "Signature" inside the quoted history, or a class of that name, changes nothing above it', () => {
    const quoted = htmlToText('<div>Yes 4</div><blockquote><div id="Signature">Mia Lopez</div><div>Did you meet?</div></blockquote>');
    expect(stripReply(quoted)).toBe('Yes 4');
    expect(htmlToText('<div>Yes 4</div><div class="Signature-note">we met twice</div>')).toBe('Yes 4\nwe met twice');
  });
});
