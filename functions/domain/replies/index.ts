import { parseInbound } from './inbound';
import { interpretReply, NOTHING_WRITTEN, type AdminDecision, type InterpretOptions, type ReplyIntent, type ReplyPurpose } from './interpret';
import { answerOutsideReply } from './outside-reply';
import { stripReply } from './strip';
import { verdictProblems, type Verdicts } from './verdicts';

export * from './address';
export { readDataRightsRequest, type DataRightsRequest } from './data-rights';
export * from './signing-keys';
export { STANDING_CLOSES_AT, vouchesWithoutSignature } from './standing-credential';
export { parseInbound, type InboundMessage } from './inbound';
export { interpretReply, NOTHING_WRITTEN, type AdminDecision, type ReplyAnswer, type ReplyIntent, type ReplyPurpose } from './interpret';
export { answerOutsideReply } from './outside-reply';
export { stripReply } from './strip';
export { askedOf } from './structured';
export { verdictProblems, type Verdicts } from './verdicts';

/**
 * What `crossgen reply` prints: the seven fields always, in this order, null where absent; then
 * `pauseUntil`, `decision` and `verdicts` only when they say something (verdicts when one failed).
 */
export interface ReplyReading {
  from: string | null;
  autoReply: boolean;
  intent: ReplyIntent;
  rating: number | null;
  score: number | null;
  note: string | null;
  reason: string;
  pauseUntil?: string;
  decision?: AdminDecision;
  /** A concern that asks to leave the pairing. */
  exit?: boolean;
  verdicts?: Verdicts;
}

/** Raw email in, the answer it gives out. Never throws; garbage reads as 'unclear' with a reason. */
export async function readReply(raw: Buffer | string, purpose?: ReplyPurpose, options: InterpretOptions = {}): Promise<ReplyReading> {
  const message = await parseInbound(raw);
  const base = { from: message.from, autoReply: message.autoReply };
  const failed = verdictProblems(message.verdicts).length > 0 ? { verdicts: message.verdicts } : {};
  const nothing = { intent: 'unclear' as const, rating: null, score: null, note: null };
  if (message.reason) return { ...base, ...nothing, reason: message.reason };
  if (message.autoReply) {
    return { ...base, ...nothing, reason: `This is ${message.autoReplyReason}; automatic messages are never counted as answers.`, ...failed };
  }
  // Their own name signed alone on the last line is no part of the note (stripReply).
  const stripped = stripReply(message.text, message.from ?? undefined);
  // An answer written only in the subject, or under the quoted email's header: said so, never acted on.
  const answer =
    answerOutsideReply(message, stripped, purpose, options) ?? (message.text.trim() === '' ? NOTHING_WRITTEN : interpretReply(stripped, purpose, options));
  const cut = message.truncated ? ' Only the first megabyte of this very large message was read.' : '';
  return {
    ...base,
    intent: answer.intent,
    rating: answer.rating ?? null,
    score: answer.score ?? null,
    note: answer.note ?? null,
    reason: answer.reason + cut,
    ...(answer.pauseUntil ? { pauseUntil: answer.pauseUntil } : {}),
    ...(answer.decision ? { decision: answer.decision } : {}),
    ...(answer.exit ? { exit: true } : {}),
    ...failed,
  };
}
