import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerResult, StoredQuestion } from '../../../functions/adapters/reply-tokens';
import { emailHash } from '../../../functions/adapters/reply-tokens';
import { ATTACHMENTS_NOT_KEPT } from '../../../functions/domain/emails';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { parseInbound, replyAddress } from '../../../functions/domain/replies';
import { processInboundMessage, type InboundPorts } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { stampVerdicts } from '../../../local/inbound';
import { REPLY_DOMAIN, REPLY_KEY, storedQuestion } from '../../fixtures/questions';
import { agreeable, simulate, type SimOptions } from '../pairing/simulate';

logger.setLogLevel('ERROR');

/**
 * QA mail8: "Oui 4 - voici mes notes en pièce jointe" with a PDF was stored without the file, and
 * the thanks said nothing. Files are still neither read nor kept, but the thanks says so in one line.
 */
const DIR = join(import.meta.dirname, '../../fixtures/replies/mail8');
const NOW = new Date('2026-12-20T10:00:00Z');
const flat = (s: string) => s.replace(/\s+/g, ' ');

const withParts = (...parts: string[][]) =>
  [
    'From: Jane Doe <jane.doe@example.com>',
    'To: reply+abc@reply.example.com',
    'Subject: Re: Check-in',
    'MIME-Version: 1.0',
    `Content-Type: ${parts.length > 1 ? 'multipart/mixed; boundary="m"' : 'text/plain; charset=utf-8'}`,
    '',
    ...(parts.length > 1 ? [...parts.flatMap((p) => ['--m', ...p]), '--m--'] : parts[0]!.slice(2)),
    '',
  ].join('\r\n');
const TEXT = ['Content-Type: text/plain; charset=utf-8', '', 'Yes 4'];

describe('which parts are files the person sent', () => {
  it('counts the PDF of the QA check-in', async () => {
    const message = await parseInbound(readFileSync(join(DIR, 'checkin-with-pdf.eml')));
    expect(message.attachments).toBe(1);
  });

  it('counts a picture put into the text (iPhone), but not a signature’s logo shown by the HTML', async () => {
    const photo = [
      'Content-Type: image/jpeg; name="IMG_0042.jpeg"',
      'Content-Disposition: inline; filename="IMG_0042.jpeg"',
      'Content-Transfer-Encoding: base64',
      '',
      '/9j/4AAQ',
    ];
    expect((await parseInbound(withParts(TEXT, photo))).attachments).toBe(1);
    const related = [
      'From: Jane Doe <jane.doe@example.com>',
      'To: reply+abc@reply.example.com',
      'Subject: Re: Check-in',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="r"',
      '',
      '--r',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Yes 4</p><img src="cid:image001.png@01D">',
      '--r',
      'Content-Type: image/png; name="image001.png"',
      'Content-Disposition: inline; filename="image001.png"',
      'Content-ID: <image001.png@01D>',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--r--',
      '',
    ].join('\r\n');
    expect((await parseInbound(related)).attachments).toBeUndefined();
  });

  it('counts no signature, key or calendar part, and nothing in a plain reply', async () => {
    const signature = ['Content-Type: application/pkcs7-signature; name="smime.p7s"', 'Content-Disposition: attachment; filename="smime.p7s"', '', 'MIAG'];
    const calendar = ['Content-Type: text/calendar; method=REPLY', '', 'BEGIN:VCALENDAR'];
    expect((await parseInbound(withParts(TEXT, signature, calendar))).attachments).toBeUndefined();
    expect((await parseInbound(withParts(TEXT))).attachments).toBeUndefined();
  });
});

describe('an answer that came with files', () => {
  it('is recorded with `attachmentsNotKept`, its words read as ever', async () => {
    const base = storedQuestion({ purpose: 'check-in', closesAt: '2026-12-27T17:00:00Z', recipientEmail: 'chloe.martin@example.com' });
    const q: StoredQuestion = { ...base, recipientEmailHash: emailHash(base.recipientEmail) };
    const answers: unknown[] = [];
    const ports: InboundPorts = {
      verificationKeys: async () => [REPLY_KEY],
      inboundDomain: REPLY_DOMAIN,
      claim: async () => true,
      recordOutcome: async () => undefined,
      release: async () => undefined,
      getQuestion: async () => q,
      putToFormerAdmin: async () => false,
      markNotice: async () => true,
      async answerQuestion(_id, reading): Promise<AnswerResult> {
        answers.push(reading);
        return { status: 'recorded', answeredAt: NOW.toISOString() };
      },
      publishControl: async () => undefined,
      runningPairings: async () => [],
      notices: {
        clarification: async () => undefined,
        questionClosed: async () => undefined,
        notTheParticipant: async () => undefined,
        standingHelp: async () => undefined,
        nothingRunning: async () => undefined,
      },
    };
    const raw = readFileSync(join(DIR, 'checkin-with-pdf.eml'), 'utf8').replace(/^To: .*$/m, `To: ${replyAddress(q.opaqueId, REPLY_KEY, REPLY_DOMAIN)}`);
    expect(await processInboundMessage(stampVerdicts(Buffer.from(raw)), 'inbound/pdf', ports, NOW)).toBe('recorded');
    expect(answers).toMatchObject([{ intent: 'yes', rating: 4, note: 'voici mes notes en pièce jointe', attachmentsNotKept: true }]);
  });

  /** The mentee answers the first check-in with `first`; everyone else as agreeable people do. */
  const firstCheckIn =
    (first: { intent: string; note?: string; rating?: number; attachmentsNotKept?: boolean }): SimOptions['answer'] =>
    (email, side) =>
      email.question?.purpose === 'check-in' && side === 'mentee' && email.question.roundKey === 'round-001' ? { text: first } : agreeable!(email, side);
  const thanksTo = (answer: Parameters<typeof firstCheckIn>[0]) => {
    const r = simulate({ answer: firstCheckIn(answer), program: { lifecycle: { durationMonths: 3 } as never } });
    const thanks = r.emails.find((e) => e.template === 'checkInThanks' && e.to === 'mentee@example.com')!;
    return flat(renderIntent(thanks.template, thanks.input, {}).text);
  };

  it('is thanked with the line saying files are not kept or passed on', () => {
    expect(thanksTo({ intent: 'rating', rating: 4, note: 'voici mes notes en pièce jointe', attachmentsNotKept: true })).toContain(ATTACHMENTS_NOT_KEPT);
    expect(thanksTo({ intent: 'rating', rating: 4 })).not.toContain('attachments');
  });

  it('says so too when a NO with days away is acknowledged', () => {
    expect(thanksTo({ intent: 'no', note: "I'm on holiday until 1 March", attachmentsNotKept: true })).toContain(ATTACHMENTS_NOT_KEPT);
  });
});
