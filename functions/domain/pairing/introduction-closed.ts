import { programClosed, readAwayUntil } from '../rematch-policy';
import { person, type LifecycleContext } from './context';
import type { EmailIntent } from './decision';
import { afterEnd, programContext } from './mail';
import { calendarCancel } from './meeting';
import type { Answer, PersonSide } from './model';
import type { PersonOutcome } from './rematch';

/**
 * The note to someone whose own part closed their introduction (docs/lifecycle.md, Rematch policy;
 * docs/emails.md, `pairingNotStarted`): their NO, acknowledged, or no answer by its deadline. It
 * says where they stand now (a new partner looked for, the pool, the waitlist, not offered again),
 * so nobody is left to guess for weeks; whoever said YES gets the partner's notice instead
 * (mail.ts, partnerDidNotStart), which never says who did what.
 */

/**
 * Whether the reply reader has already confirmed this NO (`declineRecorded`, inbound-mail.ts): a
 * NO by reply whose note names the day they are back, read as it reads it (away-return.ts,
 * declinedUntil: the reply's moment, the writer's zone). The lifecycle then sends nothing more.
 */
function declineConfirmedByReader(answer: Answer | undefined, timeZone: string): boolean {
  if (answer?.intent !== 'no' || answer.channel !== 'email') return false;
  const at = new Date(answer.at);
  return !Number.isNaN(at.getTime()) && readAwayUntil(answer.note, at, timeZone) !== undefined;
}

/**
 * The email to `side`, whose `closedBy` closed the introduction, or undefined when nothing is owed
 * (a NO the reply reader confirmed). Keyed as the partner's notice is (`not-started:<side>`): each
 * person gets one of the two, once.
 */
export function introductionClosed(
  ctx: LifecycleContext,
  side: PersonSide,
  closedBy: 'no-answer' | 'declined',
  outcome: PersonOutcome | undefined,
  rematched: boolean,
): EmailIntent | undefined {
  const reader = person(ctx, side);
  const answer = ctx.pairing.round?.answers[side];
  if (closedBy === 'declined' && declineConfirmedByReader(answer, reader.timeZone)) return undefined;
  const partner = person(ctx, side === 'mentor' ? 'mentee' : 'mentor');
  const closed = programClosed(ctx.program, ctx.now);
  const after = outcome?.status === 'inactive' && !closed ? 'inactive' : afterEnd(ctx, rematched, outcome?.status, outcome?.placeHeld);
  const availableFrom = closedBy === 'declined' ? outcome?.standing.availableFrom : undefined;
  const endDate = ctx.program.endDate;
  return {
    key: `not-started:${side}`,
    to: reader.email,
    template: 'pairingNotStarted',
    input: {
      to: { name: reader.name, timeZone: reader.timeZone },
      program: programContext(ctx),
      partner: { name: partner.name },
      closedBy,
      ...(after === 'new-partner' ? {} : { rematchRequested: false, otherwise: after }),
      ...(closedBy === 'no-answer' && ctx.pairing.round ? { answerBy: ctx.pairing.round.closesAt } : {}),
      ...(availableFrom !== undefined ? { availableFrom } : {}),
      ...(availableFrom !== undefined && endDate !== undefined && endDate < availableFrom ? { matchingEndsOn: endDate } : {}),
      ...(closedBy === 'declined' && answer?.note ? { reasonGiven: true } : {}),
      ...(closedBy === 'declined' && answer?.attachmentsNotKept ? { attachmentsNotKept: true } : {}),
      ...calendarCancel(ctx, ctx.pairing, ctx.now.toISOString()),
    },
  };
}
