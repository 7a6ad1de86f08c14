import { describe, expect, it } from 'vitest';
import { dataExport } from '../../../functions/domain/emails';
import type { Participant } from '../../../functions/domain/participant';
import { emailsTo, NOT_HELD, participantExport, type OutboxRecord } from '../../../functions/domain/participant-export';

/**
 * The export lists the emails each pairing sent the person (QA safe7): their own outbox entries
 * only, as which email and when, never the partner's nor what any email was rendered from.
 */

const me = {
  participantId: 'pt_me',
  programId: 'q3',
  role: 'mentee',
  name: 'Sam Senior',
  email: 'Sam@Example.com',
  status: 'paired',
} as unknown as Participant;

const outbox: OutboxRecord[] = [
  {
    kind: 'email',
    status: 'sent',
    createdAt: '2027-02-01T08:00:00.000Z',
    doneAt: '2027-02-01T09:00:00.000Z',
    messageId: 'ses-intro-me',
    email: {
      to: 'sam@example.com',
      toParticipant: 'pt_me',
      template: 'introduction',
      notBefore: '2027-02-01T09:00:00.000Z',
      input: { partner: { name: 'Mia Mentor' } },
    } as OutboxRecord['email'],
  },
  {
    kind: 'email',
    status: 'sent',
    createdAt: '2027-02-01T08:00:00.000Z',
    doneAt: '2027-02-01T08:00:01.000Z',
    email: {
      to: 'mia@example.com',
      toParticipant: 'pt_partner',
      template: 'introduction',
      input: { partner: { name: 'Sam Senior' } },
    } as OutboxRecord['email'],
  },
  {
    kind: 'email',
    status: 'sent',
    createdAt: '2027-03-20T10:00:00.000Z',
    doneAt: '2027-03-20T10:00:00.000Z',
    email: {
      to: 'mia@example.com',
      toParticipant: 'pt_partner',
      template: 'partnerNote',
      input: { note: { valued: 'your patience' } },
    } as OutboxRecord['email'],
  },
  {
    kind: 'email',
    status: 'cancelled',
    createdAt: '2027-02-10T18:00:00.000Z',
    doneAt: '2027-02-11T09:00:00.000Z',
    cancelledBecause: 'address-suppressed',
    email: { to: 'sam@example.com', toParticipant: 'pt_me', template: 'checkInRequest', notBefore: '2027-02-11T09:00:00.000Z' },
  },
  {
    kind: 'email',
    status: 'pending',
    createdAt: '2027-02-03T07:00:00.000Z',
    email: { to: 'admin@example.com', template: 'adminEscalation' },
  },
  // From before emails named their member (toParticipant): by the address it was decided for.
  {
    kind: 'email',
    status: 'sent',
    createdAt: '2027-01-30T08:00:00.000Z',
    doneAt: '2027-01-30T08:00:00.000Z',
    email: { to: ' sam@example.com', template: 'acceptanceReminder' },
  },
];

describe('emailsTo', () => {
  it("lists the person's own emails, oldest first, as which email and when, and none of the partner's or the admins'", () => {
    expect(emailsTo(me, outbox)).toEqual([
      {
        template: 'acceptanceReminder',
        about: 'A reminder to answer your introduction',
        status: 'sent',
        decidedAt: '2027-01-30T08:00:00.000Z',
        sentAt: '2027-01-30T08:00:00.000Z',
      },
      {
        template: 'introduction',
        about: 'Your introduction to your partner, asking whether you would start the pairing',
        status: 'sent',
        decidedAt: '2027-02-01T08:00:00.000Z',
        heldUntil: '2027-02-01T09:00:00.000Z',
        sentAt: '2027-02-01T09:00:00.000Z',
        messageId: 'ses-intro-me',
      },
      {
        template: 'checkInRequest',
        about: 'A check-in: whether you met your partner, and how it went',
        status: 'cancelled',
        decidedAt: '2027-02-10T18:00:00.000Z',
        heldUntil: '2027-02-11T09:00:00.000Z',
        cancelledAt: '2027-02-11T09:00:00.000Z',
        notSentBecause: 'Mail to your address had bounced or been marked as spam when it was due.',
      },
    ]);
  });

  it('an email to the admins reaches the list only when addressed to the person; an event never', () => {
    const admin = { participantId: 'pt_admin', email: 'admin@example.com' };
    expect(emailsTo(admin, [...outbox, { kind: 'event', status: 'sent', createdAt: '2027-02-01T08:00:00.000Z' }])).toEqual([
      { template: 'adminEscalation', about: 'An email to the program admins about this pairing', status: 'pending', decidedAt: '2027-02-03T07:00:00.000Z' },
    ]);
  });
});

describe('the export', () => {
  const enrolments = [
    {
      participant: me,
      waitlist: [],
      pairings: [
        {
          pairing: { pairingId: 'pr_1', programId: 'q3', mentorId: 'pt_partner', menteeId: 'pt_me', status: 'active' },
          checkIns: [],
          reviews: [],
          audit: [],
          outbox,
        },
      ],
    },
  ];

  it("lists under each pairing the emails it sent the person, in their copy and an admin's download alike, without any email's content", () => {
    for (const audience of ['participant', 'admin'] as const) {
      const out = participantExport('pt_me', enrolments, new Date('2027-04-01T00:00:00Z'), audience);
      const emails = out.enrolments[0]!.pairings[0]!.emails;
      expect(emails.map((e) => e.template)).toEqual(['acceptanceReminder', 'introduction', 'checkInRequest']);
      const text = JSON.stringify(out);
      expect(text).not.toMatch(/Mia Mentor|your patience|mia@example\.com|partnerNote|admin@example\.com/);
    }
  });

  it('says what it keeps of the emails, and the email with the file says the same', () => {
    expect(NOT_HELD[0]).toMatch(/keeps no copy\. What it keeps of them is here: each pairing's "emails" lists those it sent you/);
    expect(NOT_HELD[0]).not.toMatch(/audit trail/);
    const text = dataExport({
      to: { name: 'Sam Senior', timeZone: 'Europe/London' },
      program: { name: 'Q3', admin: { name: 'Priya', email: 'p@example.org' } },
      exportJson: '{}',
      filename: 'pt_me.json',
    }).text.replace(/\s+/g, ' ');
    expect(text).toContain('which emails each of your pairings sent you and when (no copies of the emails themselves are kept)');
    expect(text).not.toContain('what was sent to you and when');
  });

  it('the email with the file carries the footer their pairings call for and their private concern form', () => {
    const email = dataExport({
      to: { name: 'Sam Senior', timeZone: 'Europe/London' },
      program: { name: 'Q3', admin: { name: 'Priya', email: 'p@example.org' }, concernUrl: 'https://answers.example.org/c/tok.sig' },
      reader: 'waiting',
      exportJson: '{}',
      filename: 'pt_me.json',
    });
    expect(email.html).toContain('href="https://answers.example.org/c/tok.sig"');
    expect(email.text).not.toContain('PAUSE');
  });
});
