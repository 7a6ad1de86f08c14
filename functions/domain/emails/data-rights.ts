import { NOTHING_ENDS, type ErasureEnds } from '../erasure-ends';
import { link, paragraph } from './blocks';
import { capitalised, formatDeadline, joinAnd, type DateInput } from './format';
import { renderEmail } from './layout';
import type { EmailAttachment, EmailBase, ParticipantAudience, RenderedEmail } from './types';

/**
 * A participant's data rights by reply (docs/emails.md): DATA or ERASE is confirmed by a signed
 * link before anything happens, then the copy is sent or the erasure is confirmed.
 */

/**
 * The programs a DATA or ERASE request covers, by name, each once and in the order given (the one
 * asked through first). A request covers every enrolment under the person's address
 * (docs/admin-api.md, Data rights), so someone in two programs who erases through one must read
 * that the other goes too; with one name the emails and pages speak of "the program" as before.
 */
export function programsCovered(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
}

/**
 * What the erasure does to their pairings, as the confirm email and page say it before it happens:
 * only a pairing that runs ends, and only a partner the end tells is said to be told
 * (domain/erasure-ends.ts). Undefined when no pairing of theirs runs: then nothing is said of a
 * pairing or a partner.
 */
export function pairingsEndClause(ends: ErasureEnds = NOTHING_ENDS): string | undefined {
  if (ends.pairings === 0) return undefined;
  if (ends.pairings === 1) return ends.partnersTold > 0 ? 'your pairing ends (your partner is told kindly, without a reason)' : 'your pairing ends';
  if (ends.partnersTold === 0) return 'each of your pairings ends';
  return ends.partnersTold === ends.pairings
    ? 'each of your pairings ends (your partners are told kindly, without a reason)'
    : 'each of your pairings ends (each partner who has been introduced to you is told kindly, without a reason)';
}

/** The same, in the last email, once the erasure has ended them (the lifecycle tells each partner in their working hours). */
function pairingsEndedClause(ends: ErasureEnds = NOTHING_ENDS): string | undefined {
  if (ends.pairings === 0) return undefined;
  if (ends.pairings === 1)
    return ends.partnersTold > 0 ? 'your pairing has been ended (your partner is told kindly, without a reason)' : 'your pairing has been ended';
  if (ends.partnersTold === 0) return 'each of your pairings has been ended';
  return ends.partnersTold === ends.pairings
    ? 'each of your pairings has been ended (your partners are told kindly, without a reason)'
    : 'each of your pairings has been ended (each partner who had been introduced to you is told kindly, without a reason)';
}

/** "both programs", "all 3 programs". */
function allOf(programs: readonly string[]): string {
  return programs.length === 2 ? 'both programs' : `all ${programs.length} programs`;
}

export interface DataRightsConfirmInput extends EmailBase {
  request: 'data' | 'erase';
  /** The signed confirm page, `<answer base>/d/<token>`. */
  confirmUrl: string;
  /** When the link stops working. */
  expiresAt: DateInput;
  /** Their footer, from their pairings (participantAudience); default `participant`. */
  reader?: ParticipantAudience;
  /** The names of the other programs they are enrolled in under this address, which the request covers too. */
  otherPrograms?: readonly string[];
  /** For ERASE: the pairings it would end, as they stand now (erasure-ends.ts); none when absent. */
  ends?: ErasureEnds;
}

export function dataRightsConfirm(input: DataRightsConfirmInput): RenderedEmail {
  const until = formatDeadline(input.expiresAt, input.to.timeZone);
  const erase = input.request === 'erase';
  const programs = programsCovered([input.program.name, ...(input.otherPrograms ?? [])]);
  const several = programs.length > 1;
  const ends = pairingsEndClause(input.ends);
  const lead = ends ? `${ends}, ` : '';
  return renderEmail({
    template: 'dataRightsConfirm',
    subject: erase ? `Confirm: erase your data from ${several ? allOf(programs) : 'the program'}` : 'Confirm: send you a copy of your data',
    audience: input.reader ?? 'participant',
    to: input.to,
    program: input.program,
    title: erase ? 'Do you want your data erased?' : 'Do you want a copy of your data?',
    blocks: [
      ...(erase
        ? [
            paragraph(
              several
                ? `You asked us to erase your data. This covers every program you are enrolled in with this address: ${joinAnd(programs)}. If you confirm, ${lead}you receive no more emails from any of these programs, and your profile, answers and notes are deleted from each. Only anonymous counts remain. This cannot be undone.`
                : `You asked us to erase your data. If you confirm, ${lead}you receive no more emails from the program, and your profile, answers and notes are deleted. Only anonymous counts remain. This cannot be undone.`,
            ),
            paragraph(link('Confirm the erasure', input.confirmUrl), ` (the link works until ${until}).`),
          ]
        : [
            paragraph(
              several
                ? `You asked for a copy of your data. This covers every program you are enrolled in with this address: ${joinAnd(programs)}. If you confirm, we email it all to this address as one JSON file.`
                : 'You asked for a copy of the data the program holds about you. If you confirm, we email it to this address as a JSON file.',
            ),
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
  /** The names of the other programs in the export (every enrolment under their address). */
  otherPrograms?: readonly string[];
  /** Their footer, from their pairings (participantAudience); default `participant`. */
  reader?: ParticipantAudience;
}

export function dataExport(input: DataExportInput): RenderedEmail {
  const attachment: EmailAttachment = { filename: input.filename, contentType: 'application/json', content: Buffer.from(input.exportJson, 'utf8') };
  const programs = programsCovered([input.program.name, ...(input.otherPrograms ?? [])]);
  return renderEmail({
    template: 'dataExport',
    subject: 'Your data from the reverse-mentoring program',
    audience: input.reader ?? 'participant',
    to: input.to,
    program: input.program,
    title: 'Your data',
    blocks: [
      paragraph(
        programs.length > 1
          ? `Attached (${input.filename}) is everything held about you in each program you are enrolled in with this address, ${joinAnd(programs)}: your profile, pairings, answers and notes, and which emails each of your pairings sent you and when (no copies of the emails themselves are kept). Your partners' answers are theirs and are not in it.`
          : `Attached (${input.filename}) is everything the program holds about you: your profile, pairings, answers and notes, and which emails each of your pairings sent you and when (no copies of the emails themselves are kept). Your partner's answers are theirs and are not in it.`,
      ),
      paragraph('The file is JSON, which any text editor opens and other systems can read.'),
      paragraph(`Questions about it go to ${input.program.admin.name} at ${input.program.admin.email}.`),
    ],
    attachments: [attachment],
  });
}

interface DataErasedInput extends EmailBase {
  /** The names of the other programs the erasure covered (every enrolment under their address). */
  otherPrograms?: readonly string[];
  /** The pairings the erasure ended, as they stood just before it (erasure-ends.ts); none when absent. */
  ends?: ErasureEnds;
}

export function dataErased(input: DataErasedInput): RenderedEmail {
  const programs = programsCovered([input.program.name, ...(input.otherPrograms ?? [])]);
  const ended = pairingsEndedClause(input.ends);
  const deleted = `profile, answers and notes are deleted${ended ? `, and ${ended}` : ''}`;
  return renderEmail({
    template: 'dataErased',
    subject: 'Your data has been erased',
    audience: 'erased',
    to: input.to,
    program: input.program,
    title: 'Your data has been erased',
    blocks: [
      paragraph(
        programs.length > 1
          ? `As you asked, your data is erased from every program you were enrolled in with this address: ${joinAnd(programs)}. ${capitalised(`your ${deleted}`)}. Only anonymous counts remain. This is the last email you receive from any of these programs.`
          : `As you asked, your ${deleted}. Only anonymous counts remain. This is the last email you receive from the program.`,
      ),
      paragraph(`Thank you for taking part. Questions go to ${input.program.admin.name} at ${input.program.admin.email}.`),
    ],
  });
}
