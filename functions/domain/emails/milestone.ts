import type { Role } from '../participant';
import type { Topic } from '../topics';
import { bullets, heading, paragraph, quote, steps } from './blocks';
import { topicRatingLines } from './goals';
import type { FooterReader } from './footer';
import { joinAnd, partnerFirstName, topicLabels, type DateInput } from './format';
import { renderEmail } from './layout';
import type { EmailBase, Partner, RenderedEmail } from './types';

/** The words of a review's link to its web form, wherever the link is given. */
export const SURVEY_LINK_LABEL = 'Answer on a short web form';

export interface MilestoneSurveyInput extends EmailBase {
  /** Named in the subject and the first line: a mentor with two mentees gets two reviews. */
  partner: Partner;
  /** e.g. "Day 30 review" or "End of program review". */
  milestone: string;
  /** The participant's own stated goals from intake, quoted back to them. */
  goals: string;
  /** Topic ids of the pairing: the answer is stored against each, for skill reports over time. */
  topics: readonly string[];
  answerBy: DateInput;
  /** Signed link to the answer page, for people who prefer a form. */
  answerLink: string;
  catalogue?: readonly Topic[];
  /** Topic ids the reader learns about: rate each again, 1-5 (compared with the start). */
  rateTopics?: readonly string[];
  /** The goals the reader set for the pairing: how far along is each, 1-5. */
  pairGoals?: readonly string[];
  /** The end-of-program review: also asks what the program should keep and change, and offers a note for the partner. */
  final?: boolean;
  /** The reader's role: the example of what was learned and taught is in their own voice. @default 'mentee' */
  role?: Role;
}

/**
 * The reply format, shared with the reply interpreter and docs/emails.md, in each reader's own
 * voice: the mentor (early-career) teaches digital ways of working and learns how the organisation
 * decides; the mentee (senior) the reverse.
 */
export const MILESTONE_REPLY_EXAMPLES: Record<Role, readonly [string, string, string]> = {
  mentor: ['PROGRESS 4, RECOMMEND 9', 'LEARNED: how budget decisions are really made', 'TAUGHT: how the team uses shared docs instead of long email threads'],
  mentee: ['PROGRESS 4, RECOMMEND 9', 'LEARNED: how the team uses shared docs instead of long email threads', 'TAUGHT: how budget decisions are really made'],
};

/** The mentee's example: the one docs/emails.md quotes. */
export const MILESTONE_REPLY_EXAMPLE = MILESTONE_REPLY_EXAMPLES.mentee;

export function milestoneSurvey(input: MilestoneSurveyInput): RenderedEmail {
  const topics = joinAnd(topicLabels(input.topics, input.catalogue));
  const partner = partnerFirstName(input.partner.name);
  // "Four short questions" only when it asks no more: ratings per topic and goal, and the end's program questions, come on top.
  const onlyFour = !(input.rateTopics?.length || input.pairGoals?.length || input.final);
  // The end-of-program review is the last question: a pause then only delays the pairing's completion (footer.ts, lastQuestion).
  const to: FooterReader = input.final ? { ...input.to, lastQuestion: true } : input.to;
  return renderEmail({
    template: 'milestoneSurvey',
    subject: `${input.milestone} with ${partner}: ${onlyFour ? 'four short questions' : 'a few questions'}`,
    audience: 'participant',
    to,
    program: input.program,
    title: `${input.milestone}: your pairing with ${partner}`,
    blocks: [
      paragraph(
        `Time to look back on your pairing with ${partner}. Your answers show what works in your pairing and what does not, and they shape how the program runs for everyone. They are read by the program admin, not by your partner.`,
      ),
      paragraph('When you joined, you wrote that your goals were:'),
      quote(input.goals),
      paragraph(`Your pairing covers ${topics}. Four questions:`),
      steps(
        'Progress on your goals so far, from 1 (none yet) to 5 (a lot).',
        'What have you learned?',
        'What have you taught?',
        'How likely are you to recommend the program to a colleague, from 0 (not at all) to 10 (certainly)?',
      ),
      ...(input.rateTopics && input.rateTopics.length > 0
        ? [
            heading('Where you are now, per topic'),
            paragraph('Rate yourself again on each topic you asked to learn about, from 1 (new to me) to 5 (I could teach it), one line each:'),
            bullets(...topicRatingLines(input.rateTopics, input.catalogue)),
          ]
        : []),
      ...(input.pairGoals && input.pairGoals.length > 0
        ? [heading('How far along is each goal?'), paragraph('From 1 (not started) to 5 (done), one line each, as GOAL 1: 3:'), steps(...input.pairGoals)]
        : []),
      ...(input.final
        ? [
            heading('The program itself'),
            paragraph(
              'What should the program keep, and what should it change? Write KEEP: and CHANGE: lines. The admins read these answers only grouped with at least four other people’s, without names.',
            ),
            heading(`A note for ${partner} (optional)`),
            paragraph(
              `Write VALUED: (what you valued) and TRY: (one thing to try). We send it to ${partner} only if you add SHARE on a line of its own; without SHARE it is not sent and not kept.`,
            ),
          ]
        : []),
    ],
    question: {
      prompt: !onlyFour
        ? 'Reply with PROGRESS and RECOMMEND on the first line, then a line for each topic and goal, and the other lines you want to add, as in the example.'
        : 'Reply with PROGRESS and RECOMMEND on the first line, then a few lines on what you learned and what you taught.',
      // One whole reply when the review asks per topic or goal (three one-liners would read as one reply anyway).
      replyExamples: onlyFour ? MILESTONE_REPLY_EXAMPLES[input.role ?? 'mentee'] : [reviewReplyExample(input)],
      notes: ['The LEARNED and TAUGHT lines are optional, and a few words are enough.'],
      answerBy: input.answerBy,
      links: [{ label: SURVEY_LINK_LABEL, url: input.answerLink }],
    },
  });
}

/** One full reply to a review that asks per topic, per goal and (at the end) about the program. */
function reviewReplyExample(input: MilestoneSurveyInput): string {
  const lines: string[] = [...MILESTONE_REPLY_EXAMPLES[input.role ?? 'mentee']];
  for (const [i, label] of topicLabels(input.rateTopics ?? [], input.catalogue).entries()) lines.push(`${label}: ${Math.min(5, 3 + i)}`);
  for (const [i] of (input.pairGoals ?? []).entries()) lines.push(`GOAL ${i + 1}: ${Math.max(1, 4 - i)}`);
  if (input.final)
    lines.push('KEEP: the check-in emails', 'CHANGE: more time for the first meeting', 'VALUED: your patience', 'TRY: ask your team too', 'SHARE');
  return lines.join('\n');
}
