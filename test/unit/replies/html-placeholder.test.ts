import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { isHtmlPlaceholder } from '../../../functions/domain/replies/html-text';

/**
 * QA replies6: a multipart/alternative reply whose text part only said "This message is in HTML
 * format. Please use an HTML-capable mail client to read it." had its answer ("YES 5 ...") in the
 * HTML part, and was asked again. The HTML is read when the text part is such a placeholder.
 */
const raw = (text: string) =>
  [
    'From: Priya Nair <priya.nair@example.com>',
    'To: reply+abc@in.example',
    'Subject: Re: Check-in: did you meet Sarah since Wednesday 2 December 2026?',
    'Message-ID: <p1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="zz"',
    '',
    '--zz',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    text,
    '--zz',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<html><body><div>YES 5</div><div>Great session, Sarah showed me how she runs QBRs.</div><div><br></div><blockquote><p>Check-in: did you meet Sarah?</p></blockquote></body></html>',
    '--zz--',
    '',
  ].join('\r\n');

describe('a text part that is only a placeholder for the HTML', () => {
  it('reads the answer in the HTML part', async () => {
    const r = await readReply(raw('This message is in HTML format. Please use an HTML-capable mail client to read it.'), 'check-in');
    expect(r).toMatchObject({ intent: 'yes', rating: 5, note: 'Great session, Sarah showed me how she runs QBRs' });
  });

  it("a text part of the writer's own is read as before, whatever the HTML says", async () => {
    const r = await readReply(raw('No, not this week.'), 'check-in');
    expect(r.intent).toBe('no');
  });

  it.each([
    'This is a multi-part message in MIME format.',
    'Your email client does not support HTML. To view this message, please use an HTML-capable mail client.',
    'To view this message, open it in an HTML-capable email program.',
  ])('%s is a placeholder', (text) => {
    expect(isHtmlPlaceholder(text)).toBe(true);
  });

  it('words of the writer are no placeholder, even about HTML', () => {
    expect(isHtmlPlaceholder('Yes 4 - we talked about HTML format emails for the newsletter')).toBe(false);
  });
});
