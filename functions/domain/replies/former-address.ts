import { emailKey, type Participant } from '../participant';
import type { ReplyPurpose } from './interpret';

/**
 * A reply from someone other than the person a question was put to is never recorded
 * (docs/inbound.md, `wrong-sender`). What the person is then told depends on who wrote: a stranger's
 * address ("a reply from another address"), or an address of their own that HR replaced since
 * (`formerEmails`, an HRIS ParticipantUpdated or the admin API): the email was sent there, so
 * "we only record replies from the address this email was sent to" would be untrue (QA settings3).
 * Pure: the handler loads the person and the question's state.
 */

/** Whether `from` is an address HR replaced for this person and not the one they have now (emailKey). */
export function isFormerAddressOf(person: Pick<Participant, 'email' | 'formerEmails'>, from: string): boolean {
  const sender = emailKey(from);
  if (emailKey(person.email) === sender) return false;
  return (person.formerEmails ?? []).some((e) => emailKey(e) === sender);
}

/**
 * What the wrong-sender notice says: `other` for any other address; `former-address` when the
 * sender is the person's own former address. With `askAgain` when the question it answered still
 * takes answers (its deadline and its round) and is a question, not a standing address: the notice
 * then asks it again, its reply address on it, so that answering the notice from the address the
 * person has now answers the question ("If it was you, please answer again from this address"
 * would otherwise send them to an address that takes only commands: QA replies5). From another
 * address, only a participant's own question is asked again: an admin's question has its own way
 * to an admin who answers for a colleague (inbound-mail.ts, fellowAdminQuestion).
 * `fromFormerAddress`: isFormerAddressOf the person who was asked.
 */
export type WrongSenderNotice = { readonly kind: 'other' | 'former-address'; readonly askAgain: boolean };

/** Questions put to the admins, not to a participant. */
const ADMIN_QUESTIONS: readonly ReplyPurpose[] = ['approval', 'admin-decision'];

export function wrongSenderNotice(fromFormerAddress: boolean, question: { readonly purpose: ReplyPurpose; readonly open: boolean }): WrongSenderNotice {
  const askable = question.open && question.purpose !== 'standing';
  if (fromFormerAddress) return { kind: 'former-address', askAgain: askable };
  return { kind: 'other', askAgain: askable && !ADMIN_QUESTIONS.includes(question.purpose) };
}
