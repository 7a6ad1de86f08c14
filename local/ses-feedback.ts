import { randomUUID } from 'node:crypto';

/**
 * SES feedback, locally: the events SES publishes through a configuration set's EventBridge
 * destination (default bus, source `aws.ses`) when a message hard-bounces, soft-bounces or draws
 * a complaint. Two ways in: the SES mailbox simulator addresses, which AWS answers the same way
 * (`bounce@`, `complaint@simulator.amazonses.com`, each with an optional `+label`), and
 * `POST /local/mail-feedback` for any address. Shapes follow AWS's documented event records
 * (docs/mail-feedback.md).
 */

export type FeedbackKind = 'bounce' | 'soft-bounce' | 'complaint';

export const DETAIL_TYPES: Record<FeedbackKind, string> = {
  bounce: 'Email Bounced',
  'soft-bounce': 'Email Bounced',
  complaint: 'Email Complaint Received',
};

const SIMULATOR = /^(bounce|complaint)(\+[^@]*)?@simulator\.amazonses\.com$/i;

/** What the SES mailbox simulator does with a message to this address, if it is one of its own. */
export function simulatorFeedback(address: string): FeedbackKind | undefined {
  const m = SIMULATOR.exec(address.trim());
  return m ? (m[1]!.toLowerCase() as FeedbackKind) : undefined;
}

/** The part of an SESv2 SendEmail request the feedback needs. */
export interface SentMessage {
  readonly messageId: string;
  readonly from: string;
  readonly destination: string[];
  readonly configurationSet?: string;
  readonly tags?: Record<string, string>;
}

/** Reads an SESv2 SendEmail request body (JSON); undefined when it is not one. */
export function sentMessageOf(requestBody: unknown, messageId: string): SentMessage | undefined {
  if (!requestBody || typeof requestBody !== 'object') return undefined;
  const b = requestBody as {
    FromEmailAddress?: string;
    Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
    ConfigurationSetName?: string;
    EmailTags?: { Name?: string; Value?: string }[];
  };
  const destination = [...(b.Destination?.ToAddresses ?? []), ...(b.Destination?.CcAddresses ?? []), ...(b.Destination?.BccAddresses ?? [])];
  if (destination.length === 0) return undefined;
  const tags = Object.fromEntries((b.EmailTags ?? []).filter((t) => t.Name && t.Value !== undefined).map((t) => [t.Name!, t.Value!]));
  return { messageId, from: b.FromEmailAddress ?? '', destination, ...(b.ConfigurationSetName ? { configurationSet: b.ConfigurationSetName } : {}), tags };
}

/** The `detail` SES publishes for one recipient's feedback about one message. */
export function feedbackDetail(kind: FeedbackKind, recipient: string, message: SentMessage, opts: { now: Date; account: string }): Record<string, unknown> {
  const at = opts.now.toISOString();
  const tags: Record<string, string[]> = Object.fromEntries(Object.entries(message.tags ?? {}).map(([k, v]) => [k, [v]]));
  if (message.configurationSet) tags['ses:configuration-set'] = [message.configurationSet];
  const fromDomain = message.from.split('@')[1];
  if (fromDomain) tags['ses:from-domain'] = [fromDomain.replace(/>$/, '')];
  const mail = {
    timestamp: at,
    source: message.from,
    sendingAccountId: opts.account,
    messageId: message.messageId,
    destination: message.destination,
    headersTruncated: false,
    tags,
  };
  const feedbackId = `${randomUUID()}-000000`;
  if (kind === 'complaint') {
    return {
      eventType: 'Complaint',
      complaint: {
        feedbackId,
        complaintSubType: null,
        complainedRecipients: [{ emailAddress: recipient }],
        timestamp: at,
        userAgent: 'crossgen-local',
        complaintFeedbackType: 'abuse',
        arrivalDate: at,
      },
      mail,
    };
  }
  const hard = kind === 'bounce';
  return {
    eventType: 'Bounce',
    bounce: {
      feedbackId,
      bounceType: hard ? 'Permanent' : 'Transient',
      bounceSubType: hard ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        hard
          ? { emailAddress: recipient, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }
          : { emailAddress: recipient, action: 'delayed', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 mailbox full' },
      ],
      timestamp: at,
      reportingMTA: 'dns; local.crossgen',
    },
    mail,
  };
}

/**
 * Feedback for the simulator addresses among a message's recipients. SES publishes events only
 * for messages sent with a configuration set that has an event destination; ours always do.
 */
export function simulatedFeedbackFor(message: SentMessage): { kind: FeedbackKind; recipient: string }[] {
  if (!message.configurationSet) return [];
  return message.destination.flatMap((recipient) => {
    const kind = simulatorFeedback(recipient);
    return kind ? [{ kind, recipient }] : [];
  });
}
