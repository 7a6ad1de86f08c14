import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerResult, StoredQuestion } from '../../../functions/adapters/reply-tokens';
import { emailHash } from '../../../functions/adapters/reply-tokens';
import { declineRecorded } from '../../../functions/domain/emails';
import { readReply, replyAddress } from '../../../functions/domain/replies';
import { declinedUntil } from '../../../functions/domain/replies/away-return';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { processInboundMessage, type InboundPorts } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { stampVerdicts } from '../../../local/inbound';
import { REPLY_DOMAIN, REPLY_KEY, storedQuestion } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

/**
 * QA mail8: a NO to the introduction with a return the reader cannot read ("No, sorry - I'm away
 * until after Easter.") ended the pairing with no date, and the person was introduced again while
 * away, though the introduction promises "Reply NO with the date you are back ... you are matched
 * again from that date". Such a NO is now asked about again (the introduction stays open); a NO
 * whose day was read is recorded and that day confirmed to them.
 */
const DIR = join(import.meta.dirname, '../../fixtures/replies/mail8');
const NOW = new Date('2026-12-02T10:00:00Z');
const ASK = (phrase: string, example = '30 December') =>
  `"${phrase}" could not be read as the date you are back, so your NO was not recorded and the introduction is still open: reply NO with the date you are back, written as a day and a month name (for example "NO, away until ${example}"), and you are matched again from that day; or reply with just NO to decline without a date.`;

describe('a NO to the introduction whose return cannot be read', () => {
  it.each([
    ['decline-away-until-easter', 'until after Easter'],
    ['decline-parental-leave', 'until the summer'],
  ])('%s (raw email from QA mail8) is not recorded: the person is asked for the day', async (name, phrase) => {
    const reading = await readReply(readFileSync(join(DIR, `${name}.eml`)), 'acceptance', { now: NOW, timeZone: 'Europe/Berlin' });
    expect(reading.intent).toBe('unclear');
    expect(reading.reason).toBe(ASK(phrase));
  });

  it.each([
    ['Nein, ich bin bis nach Ostern weg.', 'bis nach Ostern weg'],
    ["Non, je suis absente jusqu'à Pâques.", "jusqu'à Pâques"],
    ['No, estoy de baja hasta el verano.', 'hasta el verano'],
    ["No, sono in congedo fino all'estate.", "fino all'estate"],
    ['Não, estou de licença até ao verão.', 'até ao verão'],
    ['Nee, ik ben met verlof tot na de zomer.', 'tot na de zomer'],
    ['Nie, jestem na urlopie do lata.', 'urlopie do lata'],
    ['No, back after the holidays', 'back after the holidays'],
    ['No, not available until next year', 'not available until next year'],
    ["No, I'm away for the summer", 'away for the summer'],
    ["No, I'll be on leave from 4 January until early March", 'until early March'],
  ])('%j asks again, quoting %j', (text, phrase) => {
    const reading = interpretReply(text, 'acceptance', { now: NOW, timeZone: 'Europe/Berlin' });
    expect(reading.intent).toBe('unclear');
    expect(reading.reason).toBe(ASK(phrase));
  });

  it('says a day that has passed has passed', () => {
    expect(interpretReply('No, away until 10 November', 'acceptance', { now: NOW }).reason).toMatch(
      /^"until 10 November" names a day that has passed, so your NO was not recorded/,
    );
  });

  it("gives the example day in the writer's own zone (already 3 December in Auckland)", () => {
    const late = new Date('2026-12-02T12:30:00Z');
    expect(interpretReply("No, I'm away until after Easter", 'acceptance', { now: late, timeZone: 'Pacific/Auckland' }).reason).toContain(
      '"NO, away until 31 December"',
    );
    expect(interpretReply("No, I'm away until after Easter", 'acceptance', { now: late, timeZone: 'America/Los_Angeles' }).reason).toContain(
      '"NO, away until 30 December"',
    );
  });

  it.each([
    'NO, away until 14 April',
    'No, I am away until 2027-03-01',
    'NO I am away for most of the next two months',
    "No, I'm away until March",
    'No thanks, not interested',
    "No, I'd rather not - too much on my plate",
    'Nein danke, bis bald',
    'Nee, ik kan niet',
  ])('%j stays a NO (a day that is read, or no return at all)', (text) => {
    expect(interpretReply(text, 'acceptance', { now: NOW }).intent).toBe('no');
  });

  it('reads such words as before in a check-in, where a NO closes nothing', () => {
    expect(interpretReply("No, I'm away until after Easter", 'check-in', { now: NOW }).intent).toBe('no');
  });
});

describe('a NO whose return day was read', () => {
  it('gives the day the rematch policy reads, which the confirmation names', async () => {
    const reading = await readReply(readFileSync(join(DIR, 'decline-back-on-date.eml')), 'acceptance', { now: NOW });
    expect(reading.intent).toBe('no');
    expect(declinedUntil('acceptance', { intent: 'no', note: reading.note ?? undefined }, NOW, 'Europe/Berlin')).toBe('2027-04-14');
    expect(declinedUntil('acceptance', { intent: 'no', note: 'not interested' }, NOW)).toBeUndefined();
    expect(declinedUntil('check-in', { intent: 'no', note: 'away until 14 April' }, NOW)).toBeUndefined();
  });

  it('is confirmed with the day read, and what to do if it is wrong', () => {
    const email = declineRecorded({
      to: { name: 'Lena Vogt', timeZone: 'Europe/Berlin' },
      program: { name: 'Mail Eight Pilot', admin: { name: 'Ada Admin', email: 'ada@example.com' } },
      partner: { name: 'Diego Ruiz' },
      availableFrom: '2027-04-14',
    });
    const text = email.text.replace(/\s+/g, ' ');
    expect(email.subject).toBe('Your answer is recorded: no new partner before Wednesday 14 April 2027');
    expect(text).toContain('Your introduction to Diego has closed, without blame on either of you.');
    expect(text).toContain('We read that you are back on Wednesday 14 April 2027: you will not be matched with a new partner before that day.');
    expect(text).toContain('If that is not the day you meant, write to Ada Admin at ada@example.com.');
    expect(text).not.toContain('attachments');
  });

  it('says no partner will be found when the program stops matching before that day', () => {
    const email = declineRecorded({
      to: { name: 'Lena Vogt', timeZone: 'Europe/Berlin' },
      program: { name: 'Mail Eight Pilot', admin: { name: 'Ada Admin', email: 'ada@example.com' } },
      partner: { name: 'Diego Ruiz' },
      availableFrom: '2027-09-14',
      matchingEndsOn: '2027-06-30',
    });
    expect(email.text.replace(/\s+/g, ' ')).toContain(
      'We read that you are back on Tuesday 14 September 2027. Mail Eight Pilot pairs people only until Wednesday 30 June 2027, so no new partner will be found for you in it.',
    );
  });
});

/** The inbound function over memory: what it recorded and which notices it sent. */
async function inbound(body: string, opts: { attachment?: boolean } = {}) {
  const base = storedQuestion({ purpose: 'acceptance', closesAt: '2026-12-09T17:00:00Z', recipientEmail: 'lena.vogt@example.com' });
  const q: StoredQuestion = { ...base, recipientEmailHash: emailHash(base.recipientEmail) };
  const calls = { answers: [] as unknown[], notices: [] as string[] };
  const ports: InboundPorts = {
    verificationKeys: async () => [REPLY_KEY],
    inboundDomain: REPLY_DOMAIN,
    claim: async () => true,
    recordOutcome: async () => undefined,
    release: async () => undefined,
    getQuestion: async (id) => (id === q.opaqueId ? q : undefined),
    putToFormerAdmin: async () => false,
    markNotice: async () => true,
    currentAddressOf: async () => ({ email: 'lena.vogt@example.com', timeZone: 'Europe/Berlin' }),
    async answerQuestion(_id, reading): Promise<AnswerResult> {
      calls.answers.push(reading);
      return { status: 'recorded', answeredAt: NOW.toISOString() };
    },
    publishControl: async () => undefined,
    runningPairings: async () => [],
    notices: {
      clarification: async (_q, reading) => void calls.notices.push(`clarification: ${reading.reason}`),
      questionClosed: async () => void calls.notices.push('questionClosed'),
      notTheParticipant: async () => void calls.notices.push('notTheParticipant'),
      standingHelp: async () => void calls.notices.push('standingHelp'),
      nothingRunning: async () => void calls.notices.push('nothingRunning'),
      declineRecorded: async (_q, day, o) => void calls.notices.push(`declineRecorded ${day}${o.attachmentsNotKept ? ' (attachments)' : ''}`),
    },
  };
  const text = ['Content-Type: text/plain; charset=utf-8', '', body, ''];
  const mixed = [
    'Content-Type: multipart/mixed; boundary="m"',
    '',
    '--m',
    ...text,
    '--m',
    'Content-Type: application/pdf; name="cv.pdf"',
    'Content-Disposition: attachment; filename="cv.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQK',
    '--m--',
    '',
  ];
  const raw = [
    'From: Lena Vogt <lena.vogt@example.com>',
    `To: ${replyAddress(q.opaqueId, REPLY_KEY, REPLY_DOMAIN)}`,
    'Subject: Re: Meet Diego, your reverse-mentoring partner',
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>`,
    'MIME-Version: 1.0',
    ...(opts.attachment ? mixed : text),
  ].join('\r\n');
  const outcome = await processInboundMessage(stampVerdicts(Buffer.from(raw)), 'inbound/x', ports, NOW);
  return { outcome, ...calls };
}

describe('the inbound path', () => {
  it('records nothing for a NO whose return cannot be read, and asks for the day', async () => {
    const run = await inbound("No, sorry - I'm away until after Easter.");
    expect(run.outcome).toBe('clarification-sent');
    expect(run.answers).toEqual([]);
    expect(run.notices).toEqual([`clarification: ${ASK('until after Easter')}`]);
  });

  it('records a NO with a day read, and confirms that day', async () => {
    const run = await inbound('NO, away until 14 April');
    expect(run.outcome).toBe('recorded');
    expect(run.answers).toMatchObject([{ intent: 'no', note: 'away until 14 April' }]);
    expect(run.notices).toEqual(['declineRecorded 2027-04-14']);
  });

  it('sends no confirmation for a plain NO (the footers promised nothing more)', async () => {
    const run = await inbound('No, thank you');
    expect(run.outcome).toBe('recorded');
    expect(run.notices).toEqual([]);
  });

  it('says attachments are not kept when the NO came with one', async () => {
    const run = await inbound('NO, away until 14 April', { attachment: true });
    expect(run.answers).toMatchObject([{ intent: 'no', attachmentsNotKept: true }]);
    expect(run.notices).toEqual(['declineRecorded 2027-04-14 (attachments)']);
  });
});
