import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { z } from 'zod';
import { issueQuestion } from './adapters/reply-tokens';
import { acceptanceReminder, adminDecisionRequest, checkInRequest, introduction, milestoneSurvey } from './domain/emails';
import { addDays } from './domain/schedule';
import { loadPairing, member, pairingTopics, partnerOf, sendEmail } from './lifecycle/context';
import { planOf } from './lifecycle/plan';
import { logger } from './shared/powertools';

const askSchema = z.object({
  taskToken: z.string().min(1),
  pairingId: z.string().min(1),
  ask: z.enum(['introduction', 'acceptance-reminder', 'check-in', 'milestone', 'admin-decision']),
  side: z.enum(['mentor', 'mentee']).optional(),
  label: z.string().optional(),
  timeoutSeconds: z.number().int().positive(),
});
export type AskEvent = z.input<typeof askSchema>;

/**
 * The "ask" half of every waitForTaskToken state of PairingLifecycle: issues a reply address for
 * the task token (the token itself stays in DynamoDB) and sends the question. The answer arrives
 * later through the inbound mail path or the answer page, which resumes the execution.
 */
export const handler = middy(async (event: unknown): Promise<{ asked: string }> => {
  const a = askSchema.parse(event);
  const ctx = await loadPairing(a.pairingId);
  const now = new Date();
  const closesAt = new Date(now.getTime() + a.timeoutSeconds * 1000);
  const base = { programId: ctx.pairing.programId, pairingId: ctx.pairing.pairingId, taskToken: a.taskToken, expiresAt: closesAt.toISOString() };
  logger.info('asking', { pairingId: a.pairingId, ask: a.ask, side: a.side });

  if (a.ask === 'admin-decision') {
    const admin = ctx.program.admins[0]!;
    const q = await issueQuestion({ ...base, purpose: 'admin-decision', recipientEmail: admin, choices: ['continue', 'pause', 'end', 'rematch'] });
    const email = adminDecisionRequest({
      to: { timeZone: ctx.program.timeZone },
      program: ctx.programContext,
      pairingId: ctx.pairing.pairingId,
      missedCount: ctx.pairing.missedInRow,
      answerBy: closesAt,
      answerLinks: { continue: q.answerLinks.continue!, pause: q.answerLinks.pause!, end: q.answerLinks.end!, rematch: q.answerLinks.rematch! },
    });
    await sendEmail(admin, email, q.replyAddress);
    return { asked: 'admin' };
  }

  if (!a.side) throw new Error(`Ask "${a.ask}" needs the side (mentor or mentee) it is addressed to.`);
  const person = member(ctx, a.side);
  const partner = partnerOf(ctx, a.side);
  const to = { name: person.name, timeZone: person.timeZone };
  const common = { ...base, participantId: person.participantId, recipientEmail: person.email };
  const startedAt = new Date(ctx.pairing.startedAt ?? now.toISOString());
  // A late reply is told when the next question comes (the item after this one in the plan).
  const following = planOf(ctx)[(ctx.pairing.planPosition ?? 0) + 1];
  const context = following ? { nextQuestionAt: following.dueAt.toISOString() } : undefined;

  switch (a.ask) {
    case 'introduction':
    case 'acceptance-reminder': {
      const q = await issueQuestion({ ...common, purpose: 'acceptance', choices: ['yes', 'no'] });
      const answerBy = addDays(startedAt, ctx.program.lifecycle.acceptanceWindowDays);
      const links = { accept: q.answerLinks.yes!, decline: q.answerLinks.no! };
      const email =
        a.ask === 'introduction'
          ? introduction({
              to,
              program: ctx.programContext,
              role: a.side,
              partner: { name: partner.name, role: a.side === 'mentor' ? 'mentee' : 'mentor', goals: partner.goals, topicsOffered: partner.topicsOffered, topicsWanted: partner.topicsWanted },
              reasons: ctx.pairing.reasons,
              topics: pairingTopics(ctx),
              answerBy,
              answerLinks: links,
              catalogue: ctx.program.topics,
            })
          : acceptanceReminder({ to, program: ctx.programContext, partner: { name: partner.name }, answerBy, answerLinks: links });
      await sendEmail(person.email, email, q.replyAddress);
      break;
    }
    case 'check-in': {
      const q = await issueQuestion({ ...common, purpose: 'check-in', choices: ['yes', 'no', '1', '2', '3', '4', '5'], ...(context ? { context } : {}) });
      const l = q.answerLinks;
      const email = checkInRequest({
        to,
        program: ctx.programContext,
        partner: { name: partner.name },
        since: ctx.pairing.lastCheckInAt ?? ctx.pairing.acceptedAt ?? startedAt.toISOString(),
        answerBy: closesAt,
        answerLinks: { yes: l.yes!, no: l.no!, ratings: [l['1']!, l['2']!, l['3']!, l['4']!, l['5']!] },
      });
      await sendEmail(person.email, email, q.replyAddress);
      break;
    }
    case 'milestone': {
      const q = await issueQuestion({ ...common, purpose: 'milestone', choices: ['review'], context: { label: a.label, ...context } });
      const email = milestoneSurvey({ to, program: ctx.programContext, milestone: a.label ?? 'Milestone review', goals: person.goals, topics: pairingTopics(ctx), answerBy: closesAt, answerLink: q.answerLinks.review!, catalogue: ctx.program.topics });
      await sendEmail(person.email, email, q.replyAddress);
      break;
    }
  }
  return { asked: a.side };
}).use(injectLambdaContext(logger));
