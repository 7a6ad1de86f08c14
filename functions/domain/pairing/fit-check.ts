import { partnerFirstName } from '../emails/format';
import type { Participant } from '../participant';
import type { LifecycleContext } from './context';
import type { EmailIntent, RecordIntent } from './decision';
import { programContext, rematchFacts, toAdmins } from './mail';
import type { Pairing, PersonSide, Round } from './model';
import { PERSON_SIDES } from './model';

/**
 * The fit check (docs/lifecycle.md, Fit check): after the first check-in in which the pair said
 * they met, each person is asked privately whether the pairing is a good fit, in a round of its own
 * (one deadline, each person's own send time). "No" ends the pairing as `not-a-fit`: no blame on
 * either, neutral wording to both, a rematch for both. "Not sure" tells the admins; nothing ends.
 */

export const FIT_CHOICES = ['yes', 'unsure', 'no'] as const;
export type FitAnswer = (typeof FIT_CHOICES)[number] | 'no-answer';

export const FIT_ROUND_LABEL = 'Fit check';

/** Once per pairing, right after the first check-in in which the pair met, when nothing else is open. */
export function fitCheckDue(p: Pairing): boolean {
  return p.status === 'active' && !p.round && !p.pendingDecision && p.fitCheckAskedAt === undefined && p.checkInsHeld === 1;
}

export { firstHeldBringsFitCheck } from './model';

/**
 * A fit check a pause caught between its two emails: one person was asked, the other's email still
 * waited for their send time. It is asked of both, once each, so it waits whole through the pause
 * (neither closing nor sending) and the one not asked yet is asked after the resume (decide.ts).
 */
export function fitCheckPartlyAsked(round: Round): boolean {
  if (round.kind !== 'fit-check') return false;
  const sent = PERSON_SIDES.map((side) => round.asks[side]?.sent === true);
  return sent.includes(true) && sent.includes(false);
}

const member = (ctx: LifecycleContext, side: PersonSide): Participant => (side === 'mentor' ? ctx.mentor : ctx.mentee);
const other = (side: PersonSide): PersonSide => (side === 'mentor' ? 'mentee' : 'mentor');

/** The fit check's question to `side`, with its reply channel (purpose `fit`). */
export function fitQuestion(ctx: LifecycleContext, round: Round, side: PersonSide, which: 'ask' | 'remind'): EmailIntent {
  const p = member(ctx, side);
  return {
    key: `${round.key}:${which}:${side}`,
    to: p.email,
    template: 'fitCheckRequest',
    input: {
      to: { name: p.name, timeZone: p.timeZone },
      program: programContext(ctx),
      partner: { name: member(ctx, other(side)).name },
      answerBy: round.closesAt,
    },
    question: {
      purpose: 'fit',
      roundKey: round.key,
      side,
      closesAt: round.closesAt,
      choices: FIT_CHOICES,
      participantId: p.participantId,
      // Stored with the question: its clarification, "that question has closed" and answer page name the partner.
      context: fitWording(partnerFirstName(member(ctx, other(side)).name)),
    },
  };
}

/** The fit check in words, as its email asks it, with the partner's first name. */
function fitWording(partner: string): Record<string, string> {
  return {
    prompt: `Is your pairing with ${partner} a good fit? Only the program admins read your answer.`,
    topic: `whether your pairing with ${partner} is a good fit`,
  };
}

export function fitAnswerOf(round: Round, side: PersonSide): FitAnswer {
  const intent = round.answers[side]?.intent;
  return intent === 'yes' || intent === 'no' || intent === 'unsure' ? intent : 'no-answer';
}

export interface FitOutcome {
  readonly answers: Readonly<Record<PersonSide, FitAnswer>>;
  /** Someone said no: the pairing ends as not-a-fit. */
  readonly end: boolean;
  readonly records: readonly RecordIntent[];
  /** The admins' note when someone is not sure (and nobody said no). */
  readonly adminEmails: readonly EmailIntent[];
}

/** What the closed fit round comes to. Answers and notes are kept for the admins only. */
export function closeFitCheck(ctx: LifecycleContext, round: Round, now: Date): FitOutcome {
  const answers = { mentor: fitAnswerOf(round, 'mentor'), mentee: fitAnswerOf(round, 'mentee') };
  const end = PERSON_SIDES.some((side) => answers[side] === 'no');
  const record: RecordIntent = {
    sk: `FIT#${round.key}`,
    item: {
      type: 'FitCheck',
      round: round.key,
      at: now.toISOString(),
      ...Object.fromEntries(
        PERSON_SIDES.map((side) => [side, { answer: answers[side], ...(round.answers[side]?.note ? { note: round.answers[side]!.note } : {}) }]),
      ),
    },
  };
  const unsure = PERSON_SIDES.filter((side) => answers[side] === 'unsure');
  const adminEmails =
    end || unsure.length === 0
      ? []
      : toAdmins(ctx, `${round.key}:fit-unsure`, () => ({
          template: 'adminFitUnsure',
          input: {
            to: { timeZone: ctx.program.timeZone },
            program: programContext(ctx),
            pairingId: ctx.pairing.pairingId,
            people: { mentor: ctx.mentor.name, mentee: ctx.mentee.name },
            unsure: unsure.map((side) => ({
              name: member(ctx, side).name,
              role: side,
              ...(round.answers[side]?.note ? { note: round.answers[side]!.note } : {}),
            })),
            ...rematchFacts(ctx),
          },
        }));
  return { answers, end, records: [record], adminEmails };
}
