import { describe, expect, it } from 'vitest';
import { parseInbound, verdictProblems } from '../../../functions/domain/replies';
import { parseVerdictOverrides, stampVerdicts } from '../../../local/inbound';

const REPLY = Buffer.from('From: jane@example.com\r\nTo: reply+x@reply.example.com\r\nSubject: Re: hi\r\n\r\nYes\r\n');

describe('the local cloud stamps the verdicts SES receipt would add', () => {
  it('stamps passing SPF, DKIM, DMARC, spam and virus verdicts that the inbound function trusts', async () => {
    const m = await parseInbound(stampVerdicts(REPLY));
    expect(m.verdicts).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'pass', virus: 'pass' });
    expect(verdictProblems(m.verdicts, { requireSes: true })).toEqual([]);
    expect(m.from).toBe('jane@example.com');
  });

  it('the same message unstamped is not trusted', async () => {
    const m = await parseInbound(REPLY);
    expect(verdictProblems(m.verdicts, { requireSes: true })[0]).toMatch(/no spam and virus verdicts from SES/);
  });

  it('simulates failures asked for by option or by an X-Local-Verdicts header in the message', async () => {
    const byOption = await parseInbound(stampVerdicts(REPLY, { virus: 'fail', dmarc: 'fail' }));
    expect(byOption.verdicts).toMatchObject({ virus: 'fail', dmarc: 'fail', spf: 'pass' });
    const byHeader = await parseInbound(stampVerdicts(Buffer.from(`X-Local-Verdicts: spf=fail; spam=fail\r\n${REPLY.toString()}`)));
    expect(byHeader.verdicts).toMatchObject({ spf: 'fail', spam: 'fail', virus: 'pass' });
    expect(verdictProblems(byHeader.verdicts, { requireSes: true })).toEqual([
      'SPF failed: the sending server is not allowed to send for that domain.',
      'The message was classified as spam.',
    ]);
  });

  it('stamps the Return-Path SES writes from the SMTP envelope: MAIL FROM:<> marks a bounce or an auto-reply as automatic', async () => {
    const bounced = await parseInbound(stampVerdicts(REPLY, {}, null));
    expect(bounced.autoReply).toBe(true);
    // A person's reply carries their address as the envelope sender: read as a reply, as before.
    const person = await parseInbound(stampVerdicts(REPLY, {}, 'jane@example.com'));
    expect(person.autoReply).toBe(false);
    // SES's header comes first, above one the sender wrote.
    const claimed = await parseInbound(stampVerdicts(Buffer.from(`Return-Path: <jane@example.com>\r\n${REPLY.toString()}`), {}, null));
    expect(claimed.autoReply).toBe(true);
    // Posted to /local/inbound there is no envelope: nothing is added.
    expect(stampVerdicts(REPLY).toString('latin1')).not.toMatch(/^Return-Path/im);
  });

  it('refuses a check or a value SES does not report, saying which ones exist', () => {
    expect(() => parseVerdictOverrides([['spam', 'maybe']])).toThrow(/use pass, fail, gray/);
    expect(() => parseVerdictOverrides([['arc', 'pass']])).toThrow(/use spf, dkim, dmarc, spam, virus/);
    expect(parseVerdictOverrides([['SPF', 'FAIL']])).toEqual({ spf: 'fail' });
  });
});
