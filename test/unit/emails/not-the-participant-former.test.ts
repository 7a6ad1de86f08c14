import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { answerLinkLabel, questionWording } from '../../../functions/domain/answer-page';
import type { RenderedEmail } from '../../../functions/domain/emails';
import { answerLink, MENTEE, MENTOR, PAIRING_ID, PEOPLE, PROGRAM, PROGRAM_CONTEXT, RUN_ID } from './reader-cast';
import { allProblems, deployedRoutes, type Delivery } from './reader-checks';

/**
 * notTheParticipant after a reply from the reader's own former address (QA settings3, bug 2): the
 * email was sent to that address, so the notice says their address changed, never that replies
 * count only "from the address this email was sent to" or that it may have been a personal account.
 * It goes only to the address they have now, which it calls "this address", and shows the former
 * one masked.
 */

const OLD = 'aiko.tanaka@example.org';
const to = { name: MENTOR.name, timeZone: MENTOR.timeZone };
const flat = (s: string) => s.replace(/\s+/g, ' ');
const choices = ['yes', 'no', '1', '2', '3', '4', '5'];
const wording = questionWording('check-in');
const question = {
  prompt: wording.prompt,
  replyExamples: wording.replyExamples,
  answerBy: '2027-02-10T17:00:00Z',
  answerLinks: choices.map((c) => ({ label: answerLinkLabel(c, 'check-in'), url: answerLink(c) })),
};
const askedAgain = emails.notTheParticipant({ to, program: PROGRAM_CONTEXT, otherAddress: OLD, formerAddress: { question } });
const closed = emails.notTheParticipant({ to, program: PROGRAM_CONTEXT, otherAddress: OLD, formerAddress: {} });
const generic = emails.notTheParticipant({ to, program: PROGRAM_CONTEXT, otherAddress: OLD });

const delivery = (label: string, email: RenderedEmail, replyPurpose: 'check-in' | 'standing', links: string[]): Delivery => ({
  label,
  reader: 'mentor',
  email,
  replyPurpose,
  self: MENTOR,
  partner: MENTEE,
  ids: [...PEOPLE.map((p) => p.participantId), PAIRING_ID, PROGRAM.programId, RUN_ID],
  links,
  adminEmail: PROGRAM_CONTEXT.admin.email,
});

describe("notTheParticipant from the reader's former address", () => {
  it('says their address changed to this one and nothing was recorded, not that someone else wrote', () => {
    for (const e of [askedAgain, closed]) {
      const text = flat(e.text);
      expect(e.template).toBe('notTheParticipant');
      expect(e.subject).toBe('A reply from another address was not recorded');
      expect(text).toContain('A reply from your previous address was not recorded');
      expect(text).toContain('from your previous address (a***@example.org)');
      expect(text).toContain(
        `Your address for ${PROGRAM.name} has been changed to this one, and replies are now recorded only from this address, so nothing was recorded.`,
      );
      expect(text).not.toMatch(/the address this email was sent to|personal account|another address \(/);
      // The former address only masked; the reader's own address is "this address".
      expect(e.text + e.html).not.toContain(OLD);
      expect(text).toContain(`If your address should not have changed, write to ${PROGRAM_CONTEXT.admin.name} at ${PROGRAM_CONTEXT.admin.email}.`);
    }
    // The plain notice is unchanged for a stranger's address.
    expect(flat(generic.text)).toContain('we only record replies from the address this email was sent to');
  });

  it('asks the open question again, to be answered by replying to this email from this address', () => {
    const text = flat(askedAgain.text);
    expect(text).toContain('That reply was to a question that is still open: please answer it again from this address, as shown below.');
    expect(text).toContain(wording.prompt);
    expect(text).toContain('Reply to this email with your answer on the first line');
    for (const c of choices) expect(askedAgain.text).toContain(answerLink(c));
    expect(flat(closed.text)).toContain('Our emails now come to this address: please reply to them from here.');
    expect(closed.text).not.toContain('How to answer');
  });

  it('reads well to the mentor, with the reply address the inbound path sets', () => {
    const routes = deployedRoutes();
    // Asked again: the question's own address (as a clarification); otherwise the standing address.
    expect(allProblems(delivery('former address, question asked again', askedAgain, 'check-in', choices.map(answerLink)), routes)).toEqual([]);
    expect(allProblems(delivery('former address, question closed', closed, 'standing', []), routes)).toEqual([]);
  });
});
