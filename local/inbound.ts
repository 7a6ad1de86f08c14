import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * What SES does with a received message, locally: store the raw bytes in the inbound bucket under
 * `inbound/<id>`, then invoke the inbound function with an S3 ObjectCreated event for the object.
 * The SMTP listener and `POST /local/inbound` both come through here.
 */

export interface DeliverInboundOptions {
  readonly s3Endpoint: string;
  readonly bucket: string;
  /** Invokes the inbound function (the local Lambda runtime's invoke, bound to its logical id). */
  readonly invoke: (event: unknown) => Promise<unknown>;
  /** @default eu-west-1 */
  readonly region?: string;
}

export interface DeliveredInbound {
  readonly key: string;
  /** What the function returned (its per-object outcomes). */
  readonly result: unknown;
}

const clients = new Map<string, S3Client>();

function clientFor(endpoint: string, region: string): S3Client {
  let client = clients.get(endpoint);
  if (!client) {
    client = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // s3rver stores aws-chunked framing unless checksums are only computed when required (NOTES.md).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    clients.set(endpoint, client);
  }
  return client;
}

/** Object ids shaped like SES's: lower-case, unique, no meaning. */
function newObjectId(): string {
  return randomBytes(20).toString('hex');
}

/** The S3 notification SES's write would cause (one record, ObjectCreated:Put). */
export function objectCreatedEvent(bucket: string, key: string, size: number, region = 'eu-west-1'): unknown {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:ses.amazonaws.com' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': newObjectId().slice(0, 16), 'x-amz-id-2': newObjectId() },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'InboundMail',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          // Event keys are URL-encoded, as on AWS.
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, sequencer: Date.now().toString(16).toUpperCase() },
        },
      },
    ],
  };
}

export async function deliverInbound(raw: Buffer, opts: DeliverInboundOptions): Promise<DeliveredInbound> {
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw new Error('There is no message to deliver: pass the raw email (.eml bytes).');
  const region = opts.region ?? 'eu-west-1';
  const key = `inbound/${newObjectId()}`;
  await clientFor(opts.s3Endpoint, region).send(new PutObjectCommand({ Bucket: opts.bucket, Key: key, Body: raw, ContentType: 'message/rfc822' }));
  const result = await opts.invoke(objectCreatedEvent(opts.bucket, key, raw.length, region));
  return { key, result };
}
