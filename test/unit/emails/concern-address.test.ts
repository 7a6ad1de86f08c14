import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { adminConcernInput } from '../../../functions/domain/pairing/concerns';
import { contextOf, MENTEE, MENTOR, PAIRING_ID, PROGRAM, STARTED } from './reader-cast';

/**
 * QA: the admins' concern emails say "please write to them yourself", and neither they nor GET
 * /concerns/{id} gave the person's address. The emails to the admins now give the address of the
 * person who raised it (never their partner's).
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.org' } };
const input = {
  to: { timeZone: 'Europe/London' },
  program,
  concernId: 'cn_abc',
  raisedAt: '2027-02-01T10:00:00Z',
  raisedBy: { name: 'Sofia Almeida', role: 'mentee' as const, email: 'sofia.almeida@acme.com.br' },
  partner: { name: 'Leo Grant', role: 'mentor' as const },
  text: 'We keep moving our meetings.',
  pairingId: 'pair-0042',
  workingDays: 2,
};

describe("the admins' concern emails give the address to write to", () => {
  it('the first email: the address among the facts, and where "write to them yourself" goes', () => {
    const text = flat(emails.adminConcernRaised(input).text);
    expect(text).toContain('Their email address: sofia.almeida@acme.com.br');
    expect(text).toContain('please write to them yourself at sofia.almeida@acme.com.br (the notes you acknowledge');
    const html = flat(emails.adminConcernRaised(input).html);
    expect(html).toContain('sofia.almeida@acme.com.br');
  });

  it('the escalation: "please write to them today" at the address', () => {
    const text = flat(emails.adminConcernEscalated({ ...input, escalated: true }).text);
    expect(text).toContain('please write to them today at sofia.almeida@acme.com.br.');
    expect(text).toContain('Their email address: sofia.almeida@acme.com.br');
  });

  it('without an address (their data erased since): no address line, the sentence as before', () => {
    const { email: _e, ...named } = input.raisedBy;
    const text = flat(emails.adminConcernRaised({ ...input, raisedBy: named }).text);
    expect(text).not.toContain('Their email address');
    expect(text).toContain('please write to them yourself (the notes');
  });

  it('the escalation the pairing sends carries the raiser’s address, never the partner’s', () => {
    const ctx = contextOf(STARTED);
    const escalation = adminConcernInput(ctx, {
      concernId: 'cn_7h2k9q4m1x',
      programId: PROGRAM.programId,
      participantId: MENTEE.participantId,
      role: 'mentee',
      pairingId: PAIRING_ID,
      partnerId: MENTOR.participantId,
      text: 'We keep moving our meetings.',
      exit: false,
      channel: 'email',
      state: 'open',
      raisedAt: '2027-01-28T09:00:00Z',
      escalateAt: '2027-02-02T09:00:00Z',
      version: 1,
    });
    expect(escalation.raisedBy).toEqual({ name: MENTEE.name, role: 'mentee', email: MENTEE.email });
    const text = flat(emails.adminConcernEscalated(escalation).text);
    expect(text).toContain(`please write to them today at ${MENTEE.email}.`);
    expect(text).not.toContain(MENTOR.email);
  });
});
