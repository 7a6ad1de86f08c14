import { describe, expect, it } from 'vitest';
import { parseInbound, readReply } from '../../../functions/domain/replies';
import { htmlToText } from '../../../functions/domain/replies/html-text';
import { holdsOnlyOurEmail, stripReply } from '../../../functions/domain/replies/strip';
import { renderAll } from '../emails/fixtures';

/**
 * Our own email sent back to its reply address under the participant's From, with no words of
 * theirs (a mailbox rule, a gateway, a forward with the headers stripped): never an answer, as
 * text, as HTML or as both. A person's answer above a quoted copy of it still counts.
 */

const NOW = new Date('2027-01-12T10:00:00Z');
const emails = renderAll();
const intro = emails.introduction.email;

const HEAD = [
  'From: Alex Morgan <alex.morgan@example.com>',
  'To: <reply+abcdefghijklmnopqrstuvwx.0123456789abcdef0123@in.example.org>',
  'Subject: Meet Sam, your reverse-mentoring partner',
  'Message-ID: <reflect-1@mail.example.com>',
  'Date: Tue, 12 Jan 2027 10:00:00 +0000',
  'MIME-Version: 1.0',
];
const single = (type: string, body: string) => [...HEAD, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit', '', body].join('\r\n');
const alternative = (text: string, html: string) =>
  [
    ...HEAD,
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    html,
    '--b1--',
    '',
  ].join('\r\n');

/** What is between <body> and </body> of our HTML. */
const bodyOf = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;

/** Our HTML as Outlook (Word HTML) sends it on: MsoNormal paragraphs, <o:p>, spans in the heading, empty spacer paragraphs. */
function outlookCopy(html: string): string {
  const body = bodyOf(html)
    .replace(/<\/?(main|footer|section)\b[^>]*>/gi, '')
    .replace(
      /<p style="[^"]*">([\s\S]*?)<\/p>/g,
      '<p class=MsoNormal><span style=\'font-family:"Segoe UI",sans-serif\'>$1<o:p></o:p></span></p>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>',
    )
    .replace(/<h1 style="[^"]*">([\s\S]*?)<\/h1>/g, '<h1><span style=\'font-size:18.0pt;font-family:"Segoe UI",sans-serif\'>$1<o:p></o:p></span></h1>');
  return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)">
<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]--></head>
<body lang=EN-GB link="#0563C1" vlink="#954F72" style='word-wrap:break-word'><div class=WordSection1>
${body}
</div></body></html>`;
}

/** Our HTML as Gmail passes it on: no <head>, our blocks inside its own <div dir="ltr">. */
const gmailCopy = (html: string) => `<div dir="ltr">${bodyOf(html).replace(/<(\/?)(main|footer|section)\b[^>]*>/gi, '<$1div>')}</div>\r\n`;

/** A text part rebuilt from our HTML by the sending client: paragraphs, no title underline. */
const rebuiltText = (html: string) =>
  bodyOf(html)
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, '$2<$1>')
    .replace(/<\/(p|h1|h2|li|blockquote)>/g, '\r\n\r\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/(\r\n){3,}/g, '\r\n\r\n')
    .trim();

describe('our own email sent back with no words of the sender', () => {
  it('the HTML-only introduction is not read as YES: nothing of it is an answer or a note', async () => {
    const reading = await readReply(single('text/html', intro.html), 'acceptance', { now: NOW });
    expect(reading).toMatchObject({ intent: 'unclear', rating: null, note: null });
  });

  it.each([
    ['as we sent it', (html: string) => html],
    ['as Outlook passes it on', outlookCopy],
    ['as Gmail passes it on', gmailCopy],
  ])('every email of ours, HTML-only %s, reads exactly as its plain-text copy does', async (_, copy) => {
    for (const [name, { email }] of Object.entries(emails)) {
      const fromText = await readReply(single('text/plain', email.text), undefined, { now: NOW });
      const fromHtml = await readReply(single('text/html', copy(email.html)), undefined, { now: NOW });
      expect(fromHtml, name).toEqual(fromText);
      expect(fromHtml.intent, name).toBe('unclear');
      expect(stripReply((await parseInbound(single('text/html', copy(email.html)))).text), name).toBe('');
    }
  });

  it('both parts, as sent or with a text part rebuilt from our HTML (no title underline), are not an answer', async () => {
    for (const [name, { email }] of Object.entries(emails)) {
      for (const text of [email.text, rebuiltText(email.html)]) {
        const reading = await readReply(alternative(text, outlookCopy(email.html)), undefined, { now: NOW });
        expect(reading, name).toMatchObject({ intent: 'unclear', note: null });
      }
    }
    // Without the HTML's word, the rebuilt text alone would be read as the person's answer (a YES, held
    // back only because our instructions also name STOP: a command beside an answer is asked about).
    expect((await readReply(single('text/plain', rebuiltText(intro.html)), 'acceptance', { now: NOW })).reason).toMatch(
      /^The reply answers the question and also says/,
    );
    expect((await readReply(alternative(rebuiltText(intro.html), intro.html), 'acceptance', { now: NOW })).intent).toBe('unclear');
  });

  it("renders our email's opening as our plain text does: the name, a blank line, the title underlined", () => {
    const text = htmlToText(intro.html);
    expect(text.split('\n').slice(0, 5)).toEqual(['Spring Cohort 2027', '', 'Meet Sam, your partner', '='.repeat('Meet Sam, your partner'.length), '']);
    expect(holdsOnlyOurEmail(text)).toBe(true);
  });
});

describe('a person answering above a copy of our email still answers', () => {
  const ourBody = bodyOf(intro.html);

  it.each([
    [
      'Outlook, top-posted above its header block',
      `<html><body><div class=WordSection1><p class=MsoNormal>YES<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>From:</b> Spring Cohort 2027 &lt;crossgen@example.org&gt; <br><b>Sent:</b> Tuesday, January 12, 2027 9:00 AM<br><b>To:</b> Alex Morgan &lt;alex.morgan@example.com&gt;<br><b>Subject:</b> Meet Sam, your reverse-mentoring partner<o:p></o:p></p></div>
${bodyOf(outlookCopy(intro.html))}</div></body></html>`,
    ],
    [
      'Gmail, top-posted above its quote',
      `<div dir="ltr">Yes</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, Jan 12, 2027 at 9:00 AM Spring Cohort 2027 &lt;<a href="mailto:crossgen@example.org">crossgen@example.org</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${ourBody}</blockquote></div>`,
    ],
    [
      'Apple Mail, top-posted above its quote',
      `<html><body style="overflow-wrap: break-word;"><div>YES</div><div><br><blockquote type="cite"><div>On 12 Jan 2027, at 09:00, Spring Cohort 2027 &lt;crossgen@example.org&gt; wrote:</div><br><div>${ourBody}</div></blockquote></div><br></body></html>`,
    ],
    ['a client pasting our email under the answer with no quote at all', `<div>YES</div><div><br></div>${ourBody}`],
  ])('%s', async (_, html) => {
    const text = `YES\r\n\r\nFrom: Spring Cohort 2027 <crossgen@example.org>\r\nSent: Tuesday, January 12, 2027 9:00 AM\r\nTo: Alex Morgan\r\nSubject: Meet Sam\r\n\r\n${rebuiltText(intro.html)}`;
    for (const message of [single('text/html', html), alternative(text, html)]) {
      const reading = await readReply(message, 'acceptance', { now: NOW });
      expect(reading).toMatchObject({ intent: 'yes', note: null });
    }
  });

  it("keeps a person's own Heading 1 (no greeting of ours under it) as their words", async () => {
    const html = '<div class=WordSection1><p class=MsoNormal>YES</p><h1>My goals</h1><p class=MsoNormal>1. Prompting</p></div>';
    const text = htmlToText(html);
    expect(text).toBe('YES\nMy goals\n1. Prompting');
    expect(holdsOnlyOurEmail(text)).toBe(false);
    expect((await readReply(single('text/html', html), 'acceptance', { now: NOW })).intent).toBe('yes');
  });

  it('takes the text part when the HTML holds words of the sender too', async () => {
    const m = await parseInbound(alternative('Yes, see you Monday', `<div>Yes, see you Monday</div><div><br></div>${ourBody}`));
    expect(m.text).toBe('Yes, see you Monday');
  });
});
