import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { z } from 'zod';
import { concludeAcceptance, startPairing } from './lifecycle/acceptance';
import { branchResultSchema } from './lifecycle/answers';
import { applyDecision, decideNext, recordCheckIn } from './lifecycle/check-ins';
import { completePairing, endPairing, recordReview } from './lifecycle/completion';
import { logger } from './shared/powertools';

const pair = z.tuple([branchResultSchema, branchResultSchema]);
const stepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('start'), pairingId: z.string() }),
  z.object({ step: z.literal('conclude-acceptance'), pairingId: z.string(), answers: pair }),
  z.object({ step: z.literal('decide-next'), pairingId: z.string() }),
  z.object({ step: z.literal('record-check-in'), pairingId: z.string(), label: z.string(), answers: pair }),
  z.object({ step: z.literal('record-review'), pairingId: z.string(), label: z.string(), answers: pair }),
  z.object({ step: z.literal('apply-decision'), pairingId: z.string(), answer: branchResultSchema }),
  z.object({ step: z.literal('complete'), pairingId: z.string() }),
  z.object({ step: z.literal('end'), pairingId: z.string() }),
]);
export type StepEvent = z.input<typeof stepSchema>;

/**
 * Every decision of PairingLifecycle that is not a question: the state machine names the step in
 * plain English, this function does it against DynamoDB, SES and the bus. Pure scheduling and
 * wording live in functions/domain.
 */
export const handler = middy(async (event: unknown): Promise<unknown> => {
  const e = stepSchema.parse(event);
  const now = new Date();
  logger.info('pairing step', { pairingId: e.pairingId, step: e.step });
  switch (e.step) {
    case 'start':
      return startPairing(e.pairingId, now);
    case 'conclude-acceptance':
      return concludeAcceptance(e.pairingId, e.answers, now);
    case 'decide-next':
      return decideNext(e.pairingId, now);
    case 'record-check-in':
      return recordCheckIn(e.pairingId, e.label, e.answers, now);
    case 'record-review':
      return recordReview(e.pairingId, e.label, e.answers, now);
    case 'apply-decision':
      return applyDecision(e.pairingId, e.answer, now);
    case 'complete':
      return completePairing(e.pairingId, now);
    case 'end':
      return endPairing(e.pairingId, now);
  }
}).use(injectLambdaContext(logger));
