import { z } from 'zod';
import { sendTaskAnswer } from './adapters/workflow-callbacks';
import { HAND_OVER_AFTER_DAYS } from './domain/pairing/model';
import { advance, park } from './lifecycle/advance';
import { holdAfterFault } from './lifecycle/fault';
import { eventHandler } from './shared/event-handler';

const execution = z.object({ Id: z.string().min(1), Name: z.string().min(1), StartTime: z.string().min(1) });
const stepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('advance'), pairingId: z.string().min(1), execution }),
  z.object({ step: z.literal('park'), pairingId: z.string().min(1), version: z.number().int().positive(), taskToken: z.string().min(1) }),
  z.object({ step: z.literal('hold'), pairingId: z.string().min(1), execution, fault: z.object({ Error: z.string().optional() }).passthrough().optional() }),
]);
export type StepEvent = z.input<typeof stepSchema>;

/**
 * PairingLifecycle's one function: `advance` decides and does what is due, `park` leaves the
 * execution's token where an answer or a request can wake it, `hold` puts the pairing on hold when
 * a step keeps failing. The decisions are in functions/domain/pairing; this only wires them.
 */
export const handler = eventHandler('pairing-step', async (event: unknown): Promise<unknown> => {
  const e = stepSchema.parse(event);
  const now = new Date();
  switch (e.step) {
    case 'advance':
      return advance(e.pairingId, { id: e.execution.Id, name: e.execution.Name, startedAt: e.execution.StartTime }, now);
    case 'park':
      return { parked: await park(e.pairingId, e.version, e.taskToken, (token) => sendTaskAnswer(token, { woken: 'version' })) };
    case 'hold': {
      const held = await holdAfterFault(e.pairingId, e.fault?.Error ?? 'Error', now);
      // Waits up to 30 days for an admin (never past the hand-over point); the step then checks again.
      const limit = Date.parse(e.execution.StartTime) + HAND_OVER_AFTER_DAYS * 86_400_000;
      return { action: 'wait', waitSeconds: Math.max(1, Math.min(30 * 86_400, Math.floor((limit - now.getTime()) / 1000))), version: held.version };
    }
  }
});
