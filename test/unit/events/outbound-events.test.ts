import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outboundEvents } from '../../../functions/domain/events';

const ref = { pairingId: 'pr_aaaaaaaaaaaaaaaa', programId: 'pilot' };

describe('published events carry ids and codes, never free text', () => {
  it('strips a note from PairingNotStarted (and any field the catalogue does not name)', () => {
    const detail = outboundEvents.PairingNotStarted.parse({
      ...ref,
      reason: 'declined',
      declinedBy: 'pt_1',
      note: 'I do not get on with my manager',
      name: 'Jane Doe',
    });
    expect(detail).toEqual({ ...ref, reason: 'declined', declinedBy: 'pt_1' });
  });

  it('refuses a typed reason where a code belongs', () => {
    expect(outboundEvents.PairingEnded.safeParse({ ...ref, reason: 'Jane is off sick with burnout' }).success).toBe(false);
    expect(outboundEvents.PairingEnded.parse({ ...ref, reason: 'not-meeting' })).toEqual({ ...ref, reason: 'not-meeting' });
    expect(outboundEvents.ParticipantSuppressed.safeParse({ participantId: 'pt_1', reason: 'jane@example.com bounced' }).success).toBe(false);
    expect(outboundEvents.ParticipantSuppressed.parse({ participantId: 'pt_1', reason: 'email-bounced' }).reason).toBe('email-bounced');
    expect(
      outboundEvents.RematchRequested.safeParse({
        programId: 'pilot',
        participantIds: ['pt_1'],
        previousPairingId: ref.pairingId,
        reason: 'they argued about remote work',
      }).success,
    ).toBe(false);
    expect(outboundEvents.PairingPaused.safeParse({ ...ref, until: 'after her surgery' }).success).toBe(false);
    expect(outboundEvents.MilestoneReviewed.safeParse({ ...ref, participantId: 'pt_1', milestone: 'Day 30 review: "my mentee never shows up"' }).success).toBe(
      false,
    );
  });

  it('has no open string field left in any published event: every string is an id, a code, a date or a plan label', () => {
    const open: string[] = [];
    for (const [name, schema] of Object.entries(outboundEvents)) {
      const doc = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as {
        properties: Record<string, { type?: string; enum?: unknown; pattern?: string; format?: string; maxLength?: number }>;
      };
      for (const [field, p] of Object.entries(doc.properties)) {
        const bounded = p.enum !== undefined || p.pattern !== undefined || p.format !== undefined || (p.maxLength !== undefined && p.maxLength <= 80);
        if (p.type === 'string' && !bounded) open.push(`${name}.${field}`);
      }
    }
    expect(open).toEqual([]);
  });
});
