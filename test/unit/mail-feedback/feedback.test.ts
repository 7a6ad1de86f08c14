import type { Context, EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler, type MailFeedbackDetailType } from '../../../functions/mail-feedback';
import { feedbackDetail, sentMessageOf, simulatedFeedbackFor, simulatorFeedback } from '../../../local/ses-feedback';

const context = { functionName: 'MailFeedback', awsRequestId: 'test' } as Context;
const event = (detailType: MailFeedbackDetailType, detail: unknown) =>
  ({ id: 'e-1', 'detail-type': detailType, source: 'aws.ses', detail }) as unknown as EventBridgeEvent<MailFeedbackDetailType, unknown>;

describe('SES mailbox simulator addresses (local)', () => {
  it('knows bounce@ and complaint@ with or without a +label, in any case, and nothing else', () => {
    expect(simulatorFeedback('bounce@simulator.amazonses.com')).toBe('bounce');
    expect(simulatorFeedback('Bounce+cohort-7@Simulator.AmazonSES.com')).toBe('bounce');
    expect(simulatorFeedback('complaint+x@simulator.amazonses.com')).toBe('complaint');
    expect(simulatorFeedback('success@simulator.amazonses.com')).toBeUndefined();
    expect(simulatorFeedback('bounce@example.com')).toBeUndefined();
    expect(simulatorFeedback('bounce@simulator.amazonses.com.evil.org')).toBeUndefined();
  });

  it('draws feedback only for messages sent with a configuration set, one per simulator recipient', () => {
    const body = {
      FromEmailAddress: 'crossgen@example.com',
      Destination: { ToAddresses: ['bounce+a@simulator.amazonses.com', 'ana@example.com'], CcAddresses: ['complaint@simulator.amazonses.com'] },
      ConfigurationSetName: 'crossgen-mail',
      EmailTags: [{ Name: 'template', Value: 'introduction' }],
    };
    const sent = sentMessageOf(body, 'm-1')!;
    expect(simulatedFeedbackFor(sent)).toEqual([
      { kind: 'bounce', recipient: 'bounce+a@simulator.amazonses.com' },
      { kind: 'complaint', recipient: 'complaint@simulator.amazonses.com' },
    ]);
    expect(simulatedFeedbackFor(sentMessageOf({ ...body, ConfigurationSetName: undefined }, 'm-2')!)).toEqual([]);
    expect(sentMessageOf({ Destination: {} }, 'm-3')).toBeUndefined();
  });

  it('builds the documented record shapes: eventType, bounce/complaint, mail with tags as lists', () => {
    const sent = sentMessageOf(
      {
        FromEmailAddress: 'crossgen@example.com',
        Destination: { ToAddresses: ['x@example.com'] },
        ConfigurationSetName: 'cs',
        EmailTags: [{ Name: 'programId', Value: 'pilot' }],
      },
      'm-9',
    )!;
    const now = new Date('2027-03-01T10:00:00Z');
    const hard = feedbackDetail('bounce', 'x@example.com', sent, { now, account: '123456789012' }) as any;
    expect(hard.eventType).toBe('Bounce');
    expect(hard.bounce).toMatchObject({
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: 'x@example.com', action: 'failed', status: '5.1.1' }],
      timestamp: now.toISOString(),
    });
    expect(hard.mail).toMatchObject({ messageId: 'm-9', source: 'crossgen@example.com', destination: ['x@example.com'], sendingAccountId: '123456789012' });
    expect(hard.mail.tags).toEqual({ programId: ['pilot'], 'ses:configuration-set': ['cs'], 'ses:from-domain': ['example.com'] });
    const soft = feedbackDetail('soft-bounce', 'x@example.com', sent, { now, account: '1' }) as any;
    expect(soft.bounce.bounceType).toBe('Transient');
    const complaint = feedbackDetail('complaint', 'x@example.com', sent, { now, account: '1' }) as any;
    expect(complaint).toMatchObject({
      eventType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'x@example.com' }], complaintFeedbackType: 'abuse' },
    });
  });
});

describe('MailFeedback handler: input it refuses or ignores before touching any data', () => {
  it('rejects a record without recipients, naming the field, so EventBridge dead-letters it with the reason', async () => {
    await expect(handler(event('Email Bounced', { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } }), context)).rejects.toThrow(
      /bounce\.bouncedRecipients/,
    );
    await expect(handler(event('Email Bounced', { eventType: 'Delivery' }), context)).rejects.toThrow(/was rejected/);
    await expect(handler(event('Email Complaint Received', 'not json'), context)).rejects.toThrow(/was rejected/);
  });

  it('ignores soft bounces and "not spam" feedback', async () => {
    const soft = await handler(
      event('Email Bounced', { eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'x@example.com' }] } }),
      context,
    );
    expect(soft).toMatchObject({ outcome: 'ignored', participants: 0 });
    expect(soft.why).toMatch(/Transient/);
    const notSpam = await handler(
      event('Email Complaint Received', {
        eventType: 'Complaint',
        complaint: { complaintFeedbackType: 'not-spam', complainedRecipients: [{ emailAddress: 'x@example.com' }] },
      }),
      context,
    );
    expect(notSpam.outcome).toBe('ignored');
  });
});
