import { link, paragraph } from './blocks';
import { formatDeadline, type DateInput } from './format';
import { renderEmail } from './layout';
import type { EmailAttachment, EmailBase, ParticipantAudience, RenderedEmail } from './types';

/**
 * A participant's data rights by reply (docs/emails.md): DATA or ERASE is confirmed by a signed
 * link before anything happens, then the copy is sent or the erasure is confirmed.
 */

export interface DataRightsConfirmInput extends EmailBase {
  request: 'data' | 'erase';
  /** The signed confirm page, `<answer base>/d/<token>`. */
  confirmUrl: string;
  /** When the link stops working. */
  expiresAt: DateInput;
  /** Their footer, from their pairings (participantAudience); default `participant`. */
  reader?: ParticipantAudience;
}

export function dataRightsConfirm(input: DataRightsConfirmInput): RenderedEmail {
  const until = formatDeadline(input.expiresAt, input.to.timeZone);
  const erase = input.request === 'erase';
  return renderEmail({
    template: 'dataRightsConfirm',
    subject: erase ? 'Confirm: erase your data from the program' : 'Confirm: send you a copy of your data',
    audience: input.reader ?? 'participant',
    to: input.to,
    program: input.program,
    title: erase ? 'Do you want your data erased?' : 'Do you want a copy of your data?',
    blocks: [
      ...(erase
        ? [
            paragraph(
              'You asked us to erase your data. If you confirm, your pairing ends (your partner is told kindly, without a reason), you receive no more emails from the program, and your profile, answers and notes are deleted. Only anonymous counts remain. This cannot be undone.',
            ),
            paragraph(link('Confirm the erasure', input.confirmUrl), ` (the link works until ${until}).`),
          ]
        : [
            paragraph('You asked for a copy of the data the program holds about you. If you confirm, we email it to this address as a JSON file.'),
            paragraph(link('Send me my data', input.confirmUrl), ` (the link works until ${until}).`),
          ]),
      paragraph(
        `If you did not ask for this, ignore this email: nothing happens without the confirmation. Questions go to ${input.program.admin.name} at ${input.program.admin.email}.`,
      ),
    ],
  });
}

export interface DataExportInput extends EmailBase {
  /** The export as JSON (docs/admin-api.md, Data rights). */
  exportJson: string;
  filename: string;
}

export function dataExport(input: DataExportInput): RenderedEmail {
  const attachment: EmailAttachment = { filename: input.filename, contentType: 'application/json', content: Buffer.from(input.exportJson, 'utf8') };
  return renderEmail({
    template: 'dataExport',
    subject: 'Your data from the reverse-mentoring program',
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Your data',
    blocks: [
      paragraph(
        `Attached (${input.filename}) is everything the program holds about you: your profile, pairings, answers, notes, what was sent to you and when. Your partner's answers are theirs and are not in it.`,
      ),
      paragraph('The file is JSON, which any text editor opens and other systems can read.'),
      paragraph(`Questions about it go to ${input.program.admin.name} at ${input.program.admin.email}.`),
    ],
    attachments: [attachment],
  });
}

export function dataErased(input: EmailBase): RenderedEmail {
  return renderEmail({
    template: 'dataErased',
    subject: 'Your data has been erased',
    audience: 'erased',
    to: input.to,
    program: input.program,
    title: 'Your data has been erased',
    blocks: [
      paragraph(
        'As you asked, your profile, answers and notes are deleted, your pairing has ended and your partner has been told. Only anonymous counts remain. This is the last email you receive from the program.',
      ),
      paragraph(`Thank you for taking part. Questions go to ${input.program.admin.name} at ${input.program.admin.email}.`),
    ],
  });
}
