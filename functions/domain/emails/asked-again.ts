import { questionWording } from '../answer-page';
import type { ReplyPurpose } from '../replies';
import { askedOf, type AskedItem } from '../replies/structured';
import { awayExampleDay } from './footer';
import { MILESTONE_REPLY_EXAMPLES } from './milestone';
import type { PauseWindow } from './pause-example';

/**
 * A question asked again, by a clarification or by the notice to a reply from another address
 * (QA mail8): as the question's email asked it, from what was stored with it (`context`: the
 * prompt with the partner's name and, for a check-in, the day it asks about; what it asked beyond
 * yes or no), never a fixed wording that names nobody or a "last check-in" there never was.
 */
export interface AskedAgain {
  readonly prompt: string;
  readonly replyExamples: readonly string[];
}

export interface AskedAgainOf {
  readonly purpose: ReplyPurpose;
  readonly context?: Record<string, unknown>;
  /** Who of the pair was asked: a review's example is in their voice, as its email's was. */
  readonly side?: string;
}

const isGoal = (item: AskedItem) => item.key.startsWith('goal-');
/** A topic as the review email names it (its label), a goal as "GOAL 1" (how the email asks for it). */
const itemLabel = (item: AskedItem) => (isGoal(item) ? `GOAL ${item.key.slice('goal-'.length)}` : (item.labels[0] ?? item.key));

/**
 * A review that asks per topic and per goal (and, at the end, about the program): the lines it
 * asked for, and one whole reply as its email's example gives it (milestone.ts, reviewReplyExample).
 */
function reviewAgain(prompt: string, context: Record<string, unknown> | undefined, side: string | undefined): AskedAgain {
  const { ask } = askedOf(context);
  const items = ask?.items ?? [];
  const opening = MILESTONE_REPLY_EXAMPLES[side === 'mentor' ? 'mentor' : 'mentee'];
  const final = ask?.programFeedback === true || ask?.partnerNote === true;
  if (items.length === 0 && !final) return { prompt, replyExamples: opening };
  const topics = items.filter((i) => !isGoal(i));
  const goals = items.filter(isGoal);
  const lines = [...topics, ...goals].map((i) => `${itemLabel(i)}: 1-5`).join('; ');
  const scales = [
    ...(topics.length > 0 ? ['each topic (1 = new to me, 5 = I could teach it)'] : []),
    ...(goals.length > 0 ? ['each goal (1 = not started, 5 = done)'] : []),
  ];
  const perItem = scales.length > 0 ? `, then a line for ${scales.join(' and ')}: ${lines}` : '';
  const program = final
    ? ', and the KEEP:, CHANGE:, VALUED: and TRY: lines you want to add (SHARE on a line of its own sends VALUED and TRY to your partner)'
    : '';
  const example = [
    ...opening,
    ...topics.map((t, i) => `${itemLabel(t)}: ${Math.min(5, 3 + i)}`),
    ...goals.map((g, i) => `${itemLabel(g)}: ${Math.max(1, 4 - i)}`),
    ...(final ? ['KEEP: the check-in emails', 'CHANGE: more time for the first meeting', 'VALUED: your patience', 'TRY: ask your team too', 'SHARE'] : []),
  ].join('\n');
  return { prompt: `${prompt} Reply with PROGRESS and RECOMMEND on the first line${perItem}${program}, as in the example.`, replyExamples: [example] };
}

/**
 * The question again, for a reader in `timeZone` on `now` (an introduction's example day is theirs,
 * four weeks on). `pauseWindow`: where a PAUSE sent back would be taken (the reader's pairing): its
 * PAUSE example is one that is (answer-page.ts, questionWording).
 */
export function askedAgain(question: AskedAgainOf, timeZone: string, now: Date, pauseWindow?: PauseWindow): AskedAgain {
  const wording = questionWording(question.purpose, question.context, pauseWindow);
  if (question.purpose === 'milestone') return reviewAgain(wording.prompt, question.context, question.side);
  // The introduction's footer: "Reply NO with the date you are back ... you are matched again from that date".
  if (question.purpose === 'acceptance') return { prompt: wording.prompt, replyExamples: ['YES', `NO, away until ${awayExampleDay(now, timeZone)}`, 'NO'] };
  return { prompt: wording.prompt, replyExamples: wording.replyExamples };
}

/**
 * What the question was about, for "your reply was about ...": a review's label opens no sentence
 * there ("the end of program review of your pairing with Mia", not "the End of program review"; a
 * question stored before the lifecycle wrote it so), while "the Day 30 review" names a day.
 */
export function questionTopic(question: AskedAgainOf): string {
  return questionWording(question.purpose, question.context).topic.replace(
    /^the (\p{Lu})(?=\p{Ll}+(?!\s+\d)\s)/u,
    (_m, first: string) => `the ${first.toLowerCase()}`,
  );
}
