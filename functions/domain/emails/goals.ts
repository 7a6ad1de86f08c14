import type { Role } from '../participant';
import type { Topic } from '../topics';
import { bullets, heading, paragraph, steps } from './blocks';
import { capitalised, partnerFirstName, topicLabels } from './format';
import { atCompletion } from './footer';
import { renderEmail } from './layout';
import { awayPauseSentence, WITHOUT_A_PAUSE } from './replies';
import type { Block, EmailBase, Partner, RenderedEmail } from './types';

/**
 * Goals and self-ratings per topic (issue 13): the blocks other templates add when they ask for
 * them, the confirmation of the pair's goals, and the note one partner chose to share with the other.
 */

/** The lines a reply uses to rate each topic: "AI tools: 2". */
export function topicRatingLines(topics: readonly string[], catalogue?: readonly Topic[]): string[] {
  return topicLabels(topics, catalogue).map((label) => `${label}: 1-5`);
}

/** How the introduction asks for goals and a starting point per topic (answered together with YES). */
export function goalAndBaselineAsk(topics: readonly string[], catalogue?: readonly Topic[]): Block[] {
  return [
    heading('Your goals and where you start'),
    paragraph(
      'When you reply YES, add up to three goals for this pairing, one per line under GOALS:, and rate where you are today on each topic you asked to learn about, from 1 (new to me) to 5 (I could teach it):',
    ),
    bullets(...topicRatingLines(topics, catalogue)),
    paragraph(
      'Both of you will get the pair’s goals back, and each review asks how far along you are. Your ratings are read by the program admin, never by your partner.',
    ),
  ];
}

/**
 * Example goals in the reader's own voice: the mentor (early-career) learns strategy and
 * leadership, the mentee (senior) digital, AI, social and inclusive ways of working.
 */
export const EXAMPLE_GOALS: Record<Role, readonly [string, string]> = {
  mentor: ['Understand how budget decisions are really made', 'Lead my first cross-team meeting'],
  mentee: ['Use an AI assistant for my weekly report', 'Run one meeting fully async'],
};

/** "GOALS:" and two numbered example goals, as a reply gives them. */
export function exampleGoalLines(role: Role = 'mentee'): string[] {
  return ['GOALS:', ...EXAMPLE_GOALS[role].map((g, i) => `${i + 1}. ${g}`)];
}

export function goalsReplyExample(topics: readonly string[], catalogue?: readonly Topic[], role: Role = 'mentee'): string {
  const labels = topicLabels(topics, catalogue);
  return ['YES', ...exampleGoalLines(role), ...labels.slice(0, 2).map((l, i) => `${l}: ${i + 2}`)].join('\n');
}

/**
 * Who set the goals shown, as the reader reads it: "you and Rajesh", "you", or "Rajesh" (QA: a
 * reader who had set none was told of "the goals you set"). Mid-sentence; capitalise at a start.
 */
function setters(goals: { mine?: readonly string[]; partner?: readonly string[] }, partnerName: string): string {
  const partner = partnerFirstName(partnerName);
  const mine = (goals.mine ?? []).length > 0;
  const theirs = (goals.partner ?? []).length > 0;
  return mine && theirs ? `you and ${partner}` : mine ? 'you' : partner;
}

/** The goals the pair set, quoted in check-ins ("quoted back"): the reader's own first, each under whose they are. */
export function goalsBlocks(goals: { mine?: readonly string[]; partner?: readonly string[] }, partnerName: string): Block[] {
  const mine = goals.mine ?? [];
  const theirs = goals.partner ?? [];
  if (mine.length === 0 && theirs.length === 0) return [];
  return [
    heading(`The goals ${setters(goals, partnerName)} set`),
    ...(mine.length > 0 ? [paragraph('Yours:'), steps(...mine)] : []),
    ...(theirs.length > 0 ? [paragraph(`${capitalised(partnerFirstName(partnerName))}’s:`), steps(...theirs)] : []),
  ];
}

export interface GoalsConfirmedInput extends EmailBase {
  partner: Partner;
  /** Goals the reader stated, and their partner's. */
  goals: { mine: readonly string[]; partner: readonly string[] };
  /** The reader's own starting point per topic (1-5), if they gave one. */
  baseline?: readonly { topic: string; rating: number }[];
  catalogue?: readonly Topic[];
  /** Sent at acceptance: the first check-in still asks whoever has no goals yet. */
  goalsAskedLater?: boolean;
  /** Sent because goals changed at a check-in: whose (the reader's own, their partner's, or both). */
  changedBy?: readonly ('you' | 'partner')[];
  /** Sent at acceptance to one whose YES said they will be away: the PAUSE line that would cover it (pairingStarted). */
  awayPause?: string;
}

/** To both, once the pair's goals are known: the goals of both, in one place. */
export function goalsConfirmed(input: GoalsConfirmedInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const baseline = input.baseline ?? [];
  const changedBy = input.changedBy ?? [];
  // Goals change only through a check-in answer (GOALS:), each person's own: whose answer it was is
  // said by name, never "your last check-in" to the partner who did not write it (QA).
  const who =
    changedBy.length === 2
      ? `You and ${partner} each gave new goals when answering the check-in.`
      : changedBy[0] === 'you'
        ? 'You gave new goals in your check-in answer.'
        : `${capitalised(partner)} gave new goals when answering the check-in.`;
  return renderEmail({
    template: 'goalsConfirmed',
    subject: changedBy.length > 0 ? `Your goals with ${partner} have changed` : `Your goals with ${partner}`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    // The pair's goals, not "your goals": the reader may have set none (QA).
    title: `${changedBy.length > 0 ? 'The new goals' : 'The goals'} for your pairing`,
    blocks: [
      paragraph(
        changedBy.length > 0
          ? `${who} Here are the goals as they stand now: the next check-ins show them, and each review asks how far along each one is.`
          : `Here are the goals ${setters(input.goals, input.partner.name)} set. Each check-in will show them, and each review asks how far along each one is.`,
      ),
      ...goalsBlocks(input.goals, input.partner.name),
      ...(input.goals.mine.length === 0
        ? [
            paragraph(
              input.goalsAskedLater
                ? 'You have not named goals yet: your first check-in email asks for up to three.'
                : 'You have not named goals of your own, and that is fine: your reviews will ask about the topics you learn.',
            ),
          ]
        : []),
      ...(baseline.length > 0
        ? [
            heading('Where you start'),
            bullets(...baseline.map((b) => `${topicLabels([b.topic], input.catalogue)[0]}: ${b.rating} of 5`)),
            paragraph('Only you and the program admin see these ratings.'),
          ]
        : []),
      ...(input.awayPause ? [paragraph(awayPauseSentence(input.awayPause, true)), paragraph(WITHOUT_A_PAUSE)] : []),
    ],
  });
}

export interface PartnerNoteInput extends EmailBase {
  partner: Partner;
  note: { valued?: string; try?: string };
}

/** The end-of-program note one partner wrote for the other and agreed to send (SHARE). */
export function partnerNote(input: PartnerNoteInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  return renderEmail({
    template: 'partnerNote',
    subject: `A note from ${partner}`,
    audience: 'waiting',
    // Sent as the end-of-program review closes and the pairing completes, with the recognition.
    to: atCompletion(input.to),
    program: input.program,
    title: `${capitalised(partner)} wrote you a note`,
    blocks: [
      paragraph(`At the end of your pairing, ${partner} wrote this for you and asked us to send it.`),
      ...(input.note.valued ? [heading(`What ${partner} valued`), paragraph(input.note.valued)] : []),
      ...(input.note.try ? [heading('One thing to try'), paragraph(input.note.try)] : []),
    ],
  });
}
