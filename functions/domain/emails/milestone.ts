import type { Topic } from '../topics';
import { paragraph, quote, steps } from './blocks';
import { joinAnd, topicLabels, type DateInput } from './format';
import { renderEmail } from './layout';
import type { EmailBase, RenderedEmail } from './types';

export interface MilestoneSurveyInput extends EmailBase {
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
}

/** The reply format, shared with the reply interpreter and docs/emails.md. */
export const MILESTONE_REPLY_EXAMPLE = [
  'PROGRESS 4, RECOMMEND 9',
  'LEARNED: how the team uses shared docs instead of long email threads',
  'TAUGHT: how budget decisions are really made',
] as const;

export function milestoneSurvey(input: MilestoneSurveyInput): RenderedEmail {
  const topics = joinAnd(topicLabels(input.topics, input.catalogue));
  return renderEmail({
    template: 'milestoneSurvey',
    subject: `${input.milestone}: four short questions`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: `${input.milestone}: review and reflect`,
    blocks: [
      paragraph(
        `Time to look back. Your answers show what works in your pairing and what does not, and they shape how the program runs for everyone. They are read by the program admin, not by your partner.`,
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
    ],
    question: {
      prompt: 'Reply with PROGRESS and RECOMMEND on the first line, then a few lines on what you learned and what you taught.',
      replyExamples: MILESTONE_REPLY_EXAMPLE,
      notes: ['The LEARNED and TAUGHT lines are optional, and a few words are enough.'],
      answerBy: input.answerBy,
      links: [{ label: 'Answer on a short web form', url: input.answerLink }],
    },
  });
}
