import { describe, expect, it } from 'vitest';
import type { AnswerResult, StoredQuestion } from '../../../functions/adapters/reply-tokens';
import { emailHash } from '../../../functions/adapters/reply-tokens';
import type { ControlRequest } from '../../../functions/adapters/workflow-callbacks';
import { newOpaqueId, readReply, replyAddress } from '../../../functions/domain/replies';
import { autoReplyReason } from '../../../functions/domain/replies/auto-reply';
import { RawHeaders } from '../../../functions/domain/replies/headers';
import { parseInbound } from '../../../functions/domain/replies/inbound';
import { processInboundMessage, type InboundPorts } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { stampVerdicts } from '../../../local/inbound';

logger.setLogLevel('ERROR');

// QA report mailclients3, bug 3: an Outlook "Accepted:" calendar response sent to the introduction's
// reply address was answered "We read: (an empty reply)" and used one of the question's clarifications.
const KEY = 'k'.repeat(48);
const DOMAIN = 'reply.example.com';
const NOW = new Date('2026-12-10T10:00:00Z');

type PartStat = 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
const VERB: Record<PartStat, string> = { ACCEPTED: 'Accepted', DECLINED: 'Declined', TENTATIVE: 'Tentative' };

/** An Outlook meeting response (iMIP REPLY) as Exchange sends it: text, HTML and the text/calendar part. */
function calendarResponse(
  to: string,
  opts: { partstat?: PartStat; comment?: string; methodParam?: boolean; contentClass?: boolean; calendarPart?: boolean; subject?: string } = {},
): Buffer {
  const { partstat = 'ACCEPTED', comment = '', methodParam = true, contentClass = true, calendarPart = true } = opts;
  const ics = [
    'BEGIN:VCALENDAR',
    'METHOD:REPLY',
    'PRODID:Microsoft Exchange Server 2010',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    `ATTENDEE;PARTSTAT=${partstat};CN=Jane Doe:mailto:jane.doe@example.com`,
    ...(comment ? [`COMMENT;LANGUAGE=en-US:${comment}`] : []),
    `SUMMARY;LANGUAGE=en-US:${VERB[partstat]}: Reverse mentoring: Jane and Sam`,
    'UID:meetings-x@crossgen',
    'DTSTAMP:20261210T100000Z',
    'ORGANIZER:mailto:crossgen@example.com',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const lines = [
    'From: Jane Doe <jane.doe@example.com>',
    `To: ${to}`,
    `Subject: ${opts.subject ?? `${VERB[partstat]}: Reverse mentoring: Jane and Sam`}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@mail.example.com>`,
    'MIME-Version: 1.0',
    ...(contentClass ? ['Content-Class: urn:content-classes:calendarmessage'] : []),
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset="us-ascii"',
    '',
    comment,
    '--b1',
    'Content-Type: text/html; charset="us-ascii"',
    '',
    `<html><body><div>${comment}</div></body></html>`,
    ...(calendarPart
      ? [
          '--b1',
          `Content-Type: text/calendar; charset="utf-8"${methodParam ? '; method=REPLY' : ''}`,
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from(ics).toString('base64'),
        ]
      : []),
    '--b1--',
    '',
  ];
  return stampVerdicts(Buffer.from(lines.join('\r\n')), {});
}

describe('a calendar response is automatic mail', () => {
  it.each(['ACCEPTED', 'DECLINED', 'TENTATIVE'] as const)('%s, with an empty text part, is never read as an (empty) answer', async (partstat) => {
    const raw = calendarResponse('reply+abc@in.example', { partstat });
    expect(await parseInbound(raw)).toMatchObject({ autoReply: true, autoReplyReason: 'a calendar response (METHOD:REPLY)' });
    expect(await readReply(raw, 'acceptance')).toMatchObject({ autoReply: true, intent: 'unclear', note: null });
  });

  it("with only the calendar's own lines in its text (Google Calendar) is automatic too", async () => {
    const shaped = calendarResponse('reply+abc@in.example', {
      comment:
        'Jane Doe has accepted this invitation.\r\n\r\nInvitation from Google Calendar\r\nYou are receiving this email because you are an attendee of the event.',
      contentClass: false,
    });
    expect(await parseInbound(shaped)).toMatchObject({ autoReply: true, autoReplyReason: 'a calendar response (METHOD:REPLY)' });
  });

  it('with words the person wrote in its text is read like any reply (as the fixture calendar-invite-reply: "Yes, 4" above an Accept)', async () => {
    const declined = calendarResponse('reply+abc@in.example', { partstat: 'DECLINED', comment: 'Sorry, Tuesdays do not work for me.' });
    expect(await parseInbound(declined)).toMatchObject({ autoReply: false });
    expect(await readReply(declined, 'acceptance')).toMatchObject({ intent: 'unclear', note: 'Sorry, Tuesdays do not work for me' });
    expect(await readReply(calendarResponse('reply+abc@in.example', { comment: 'Yes, 4' }), 'check-in')).toMatchObject({ intent: 'yes', rating: 4 });
  });

  it('reads the METHOD line when the Content-Type names no method', async () => {
    expect(await parseInbound(calendarResponse('reply+abc@in.example', { methodParam: false, contentClass: false }))).toMatchObject({
      autoReply: true,
      autoReplyReason: 'a calendar response (METHOD:REPLY)',
    });
  });

  it('knows an Outlook meeting response by its content class and subject when the calendar part is missing', async () => {
    expect(await parseInbound(calendarResponse('reply+abc@in.example', { calendarPart: false }))).toMatchObject({
      autoReply: true,
      autoReplyReason: 'a calendar response (an Outlook meeting response, by its subject)',
    });
  });

  it('is not fooled by a person: "Re: Accepted:", the subject alone, or a calendar that is not a REPLY', async () => {
    const facts = (subject: string, contentClass?: string, calendarMethods: string[] = []) => ({
      headers: new RawHeaders([
        { key: 'subject', line: `Subject: ${subject}` },
        ...(contentClass ? [{ key: 'content-class', line: `Content-Class: ${contentClass}` }] : []),
      ]),
      subject,
      from: 'jane.doe@example.com',
      partTypes: [],
      calendarMethods,
    });
    expect(autoReplyReason(facts('Accepted: Reverse mentoring'))).toBeNull();
    expect(autoReplyReason(facts('Re: Accepted: Reverse mentoring', 'urn:content-classes:calendarmessage'))).toBeNull();
    expect(autoReplyReason(facts('Reverse mentoring: Jane and Sam', 'urn:content-classes:calendarmessage'))).toBeNull();
    expect(autoReplyReason(facts('Re: Meet Sam', undefined, ['REQUEST']))).toBeNull();
    expect(autoReplyReason(facts('Declined: Reverse mentoring', 'urn:content-classes:calendarmessage'))).toBe(
      'a calendar response (an Outlook meeting response, by its subject)',
    );
    expect(autoReplyReason(facts('Re: Meet Sam', undefined, ['REPLY']))).toBe('a calendar response (METHOD:REPLY)');
  });

  it('a calendar inside a forwarded message does not make the reply automatic', async () => {
    const raw = [
      'From: Jane Doe <jane.doe@example.com>',
      'To: reply+abc@in.example',
      'Subject: Re: Meet Sam',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m1"',
      '',
      '--m1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'YES',
      '--m1',
      'Content-Type: message/rfc822',
      '',
      'From: Sam <sam@example.com>',
      'Subject: Accepted: x',
      'Content-Type: text/calendar; method=REPLY',
      '',
      'BEGIN:VCALENDAR',
      'METHOD:REPLY',
      'END:VCALENDAR',
      '--m1--',
      '',
    ].join('\r\n');
    expect(await readReply(raw, 'acceptance')).toMatchObject({ autoReply: false, intent: 'yes' });
  });
});

describe('a calendar response to a question address', () => {
  it('is ignored as auto-reply: nothing recorded, no clarification, no command', async () => {
    const q: StoredQuestion = {
      opaqueId: newOpaqueId(),
      purpose: 'acceptance',
      programId: 'pilot',
      pairingId: 'pr_1',
      participantId: 'pt_1',
      recipientEmail: 'jane.doe@example.com',
      recipientEmailHash: emailHash('jane.doe@example.com'),
      issuedAt: '2026-12-09T08:00:00Z',
      closesAt: '2026-12-20T08:00:00Z',
      choices: ['yes', 'no'],
    };
    const calls = { outcomes: [] as string[], notices: [] as string[], answers: [] as unknown[], controls: [] as ControlRequest[], marks: [] as string[] };
    const claimed = new Set<string>();
    const notice = (name: string) => async () => void calls.notices.push(name);
    const ports: InboundPorts = {
      verificationKeys: async () => [KEY],
      inboundDomain: DOMAIN,
      async claim(k) {
        if (claimed.has(k)) return false;
        claimed.add(k);
        return true;
      },
      async recordOutcome(_k, outcome) {
        calls.outcomes.push(outcome);
      },
      async release() {},
      getQuestion: async (id) => (id === q.opaqueId ? q : undefined),
      putToFormerAdmin: async () => false,
      async markNotice(id, field) {
        calls.marks.push(`${id}:${field}`);
        return true;
      },
      async answerQuestion(_id, reading) {
        calls.answers.push(reading);
        return { status: 'recorded', answeredAt: NOW.toISOString() } satisfies AnswerResult;
      },
      async publishControl(request) {
        calls.controls.push(request);
      },
      runningPairings: async () => [],
      pairingState: async () => ({ status: 'active' as const }),
      notices: {
        clarification: notice('clarification'),
        questionClosed: notice('questionClosed'),
        notTheParticipant: notice('notTheParticipant'),
        notAnAdmin: notice('notAnAdmin'),
        standingHelp: notice('standingHelp'),
        nothingRunning: notice('nothingRunning'),
      },
    };
    for (const partstat of ['ACCEPTED', 'DECLINED', 'TENTATIVE'] as const) {
      const raw = calendarResponse(replyAddress(q.opaqueId, KEY, DOMAIN), { partstat });
      expect(await processInboundMessage(raw, `inbound/${partstat}`, ports, NOW)).toBe('auto-reply');
    }
    expect(calls.outcomes).toEqual(['auto-reply', 'auto-reply', 'auto-reply']);
    expect(calls).toMatchObject({ notices: [], answers: [], controls: [], marks: [] });
  });
});
