import type { Role } from '../participant';
import type { Topic } from '../topics';
import { bullets, facts, heading, paragraph } from './blocks';
import { certificateSvg, journeyFacts, type Journey } from './certificate';
import { capitalised, firstNameOr, joinAnd, partnerFirstName, topicLabels } from './format';
import { roleName } from './guidance';
import { atCompletion, type FooterReader } from './footer';
import { renderEmail } from './layout';
import type { EmailBase, Partner, Recipient, RenderedEmail } from './types';

export const CERTIFICATE_FILENAME = 'reverse-mentoring-certificate.svg';

export interface RecognitionInput extends EmailBase {
  /** The certificate carries the full name, so it is required here. */
  to: Recipient & { name: string };
  role: Role;
  partner: Partner;
  journey: Journey;
  catalogue?: readonly Topic[];
}

/**
 * At completion, to both partners: the journey in the body and as an SVG certificate. Its reader's
 * pairing has completed, so their footer says what STOP does for them then (footer.ts,
 * completedProgram): no more email, the completed pairing stays on record. Their status may still
 * read `paired` when it goes, in the very step that completes the pairing.
 */
export function recognition(input: RecognitionInput): RenderedEmail {
  // A mentor whose other pairing still runs would leave it with a STOP: her footer says so as before.
  const to: FooterReader = atCompletion(input.to);
  const partner = partnerFirstName(input.partner.name);
  // A partner whose data was erased asked to be forgotten: the program does not suggest keeping in touch.
  const erased = input.partner.name.trim() === '';
  const journey = journeyFacts(input.journey, input.to.timeZone, input.catalogue);
  if (input.journey.checkInsHeld === 0) {
    // A pair that never met is not certified for a journey it did not make: the end is said plainly, without blame.
    return renderEmail({
      template: 'recognition',
      subject: `Your reverse-mentoring pairing with ${partner} has come to an end`,
      audience: 'waiting',
      to,
      program: input.program,
      title: 'Your pairing has come to an end',
      blocks: [
        paragraph(
          `The time planned for your pairing with ${partner} in ${input.program.name} is over. No meeting was recorded for your pairing, so there is no certificate this time; plans and calendars often get in the way, and no one is blamed.`,
        ),
        // Written to the program team directly: CONCERN is the private channel for a worry, not a wish (QA quiet4).
        paragraph(`If you would like another try in a later cohort, write to ${input.program.admin.name} at ${input.program.admin.email}.`),
      ],
    });
  }
  return renderEmail({
    template: 'recognition',
    subject: `Thank you: your reverse-mentoring journey with ${partner}`,
    audience: 'waiting',
    to,
    program: input.program,
    title: 'Your journey, recognised',
    blocks: [
      paragraph(
        `Your pairing with ${partner} in ${input.program.name} is complete. Thank you for the time and the openness you brought as the ${roleName(input.role)}: this kind of learning across generations only happens when both sides show up.`,
      ),
      heading('Your journey'),
      facts(journey),
      paragraph(`Your certificate is attached (${CERTIFICATE_FILENAME}); it holds the same facts as above.`),
      ...(erased ? [] : [paragraph('Keep in touch with your partner if you both like: many pairs carry on informally.')]),
    ],
    attachments: [
      {
        filename: CERTIFICATE_FILENAME,
        contentType: 'image/svg+xml',
        content: certificateSvg({
          programName: input.program.name,
          name: input.to.name,
          role: input.role,
          partnerName: input.partner.name,
          journey: input.journey,
          timeZone: input.to.timeZone,
          catalogue: input.catalogue,
        }),
      },
    ],
  });
}

export interface ManagerNoteInput extends EmailBase {
  /** The manager; their name may be unknown (known by email only). */
  to: Recipient;
  report: { name: string; role: Role };
  journey: Journey;
  /** Topic ids the report brought to the pairing. */
  contributed: readonly string[];
  /** Topic ids the report learned about. */
  learned: readonly string[];
  /** The report's own words from milestone reviews, shared under their consent. */
  highlights?: readonly string[];
  catalogue?: readonly Topic[];
}

/** The report as their manager's email says them when their name has nothing readable in it. */
const YOUR_REPORT = 'your report';

/** Only sent when the participant consented to share progress with their manager. */
export function managerNote(input: ManagerNoteInput): RenderedEmail {
  // A name with nothing readable in it (format.ts, firstNameOr) is "your report", which opens sentences here.
  const report = firstNameOr(input.report.name, YOUR_REPORT);
  const atStart = capitalised(report);
  // "Your report" already says who they are to the reader: never "Your report, who reports to you,".
  const introduced =
    report === YOUR_REPORT
      ? `${atStart} has completed ${input.program.name} as the ${roleName(input.report.role)}. They agreed that we share this summary with you.`
      : `${atStart}, who reports to you, has completed ${input.program.name} as the ${roleName(input.report.role)}. ${atStart} agreed that we share this summary with you.`;
  const contributed = topicLabels(input.contributed, input.catalogue);
  const learned = topicLabels(input.learned, input.catalogue);
  return renderEmail({
    template: 'managerNote',
    subject: `${atStart} completed ${input.program.name}`,
    audience: 'manager',
    to: input.to,
    program: input.program,
    title: `${atStart} completed reverse mentoring`,
    blocks: [
      paragraph(introduced),
      heading('What they contributed and learned'),
      bullets(
        ['Contributed: ', contributed.length > 0 ? joinAnd(contributed) : 'their time, perspective and experience'],
        ['Learned about: ', learned.length > 0 ? joinAnd(learned) : 'not recorded'],
      ),
      ...(input.highlights !== undefined && input.highlights.length > 0 ? [paragraph(`In ${report}'s own words:`), bullets(...input.highlights)] : []),
      heading('The journey'),
      facts(journeyFacts(input.journey, input.to.timeZone, input.catalogue)),
      paragraph(`A word of recognition from you would mean a lot: ${report} gave time to this on top of their usual work.`),
    ],
  });
}
