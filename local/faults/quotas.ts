import { z } from 'zod';
import { toFieldIssues, type FieldIssue } from '../../functions/domain/validation';
import { TokenBucket, type QuotaClock } from './token-bucket';

/**
 * The AWS quotas the local cloud enforces, so that tests prove our send and start shaping:
 * - SES: the account's maximum send rate (a production account starts at 14 messages a second;
 *   the sandbox allows 1). Modelled as a bucket of one second's worth of sends.
 * - Step Functions StartExecution: a token bucket of 800 with 150 a second refill (most regions).
 */
export const DEFAULT_QUOTAS = { sesMaxSendRate: 14, startExecutionBurst: 800, startExecutionRefillPerSecond: 150 } as const;

const rate = z.number().positive('must be a positive number').max(1_000_000);
export const quotaSettingsSchema = z.strictObject({
  /** SES MaxSendRate, messages per second (fractions allowed: 0.5 = one message every 2 s). */
  sesMaxSendRate: rate.optional(),
  /** StartExecution bucket size. */
  startExecutionBurst: z.int().min(1, 'must be at least 1').max(1_000_000).optional(),
  /** StartExecution refill, starts per second. */
  startExecutionRefillPerSecond: rate.optional(),
});
export type QuotaSettings = { -readonly [K in keyof typeof DEFAULT_QUOTAS]: number };

export type ParsedQuotas = { ok: true; settings: Partial<QuotaSettings> } | { ok: false; issues: FieldIssue[] };

export function parseQuotaSettings(input: unknown): ParsedQuotas {
  const parsed = quotaSettingsSchema.safeParse(input);
  return parsed.success ? { ok: true, settings: parsed.data as Partial<QuotaSettings> } : { ok: false, issues: toFieldIssues(parsed.error) };
}

/** Reads CROSSGEN_QUOTAS (a JSON object of the settings above). */
export function quotasFromEnvironment(value: string | undefined): Partial<QuotaSettings> {
  if (value === undefined || value.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('CROSSGEN_QUOTAS is not valid JSON: set it to an object such as {"sesMaxSendRate": 1}.');
  }
  const parsed = parseQuotaSettings(json);
  if (!parsed.ok) throw new Error(`CROSSGEN_QUOTAS was not accepted: ${parsed.issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`);
  return parsed.settings;
}

export interface QuotaReport {
  readonly settings: QuotaSettings;
  readonly ses: { readonly sent: number; readonly throttled: number; readonly tokens: number };
  readonly startExecution: { readonly started: number; readonly throttled: number; readonly tokens: number };
}

/** Both buckets and their counters. Changing a setting starts its bucket full. */
export class LocalQuotas {
  private settings: QuotaSettings;
  private ses!: TokenBucket;
  private starts!: TokenBucket;
  private counters = { sent: 0, sesThrottled: 0, started: 0, startThrottled: 0 };

  constructor(
    private readonly clock: QuotaClock,
    private readonly initial: Partial<QuotaSettings> = {},
  ) {
    this.settings = { ...DEFAULT_QUOTAS, ...initial };
    this.rebuild();
  }

  /** One SendEmail: true to send it, false to throttle it. */
  trySend(): boolean {
    const ok = this.ses.tryTake(this.clock.nowMs());
    if (ok) this.counters.sent++;
    else this.counters.sesThrottled++;
    return ok;
  }

  /** One StartExecution: true to start it, false to throttle it. */
  tryStart(): boolean {
    const ok = this.starts.tryTake(this.clock.nowMs());
    if (ok) this.counters.started++;
    else this.counters.startThrottled++;
    return ok;
  }

  get maxSendRate(): number {
    return this.settings.sesMaxSendRate;
  }

  update(change: Partial<QuotaSettings>): void {
    this.settings = { ...this.settings, ...change };
    this.rebuild();
  }

  /** Back to the settings the cloud started with, buckets full, counters at zero. */
  reset(): void {
    this.settings = { ...DEFAULT_QUOTAS, ...this.initial };
    this.counters = { sent: 0, sesThrottled: 0, started: 0, startThrottled: 0 };
    this.rebuild();
  }

  report(): QuotaReport {
    const now = this.clock.nowMs();
    return {
      settings: { ...this.settings },
      ses: { sent: this.counters.sent, throttled: this.counters.sesThrottled, tokens: round(this.ses.available(now)) },
      startExecution: { started: this.counters.started, throttled: this.counters.startThrottled, tokens: round(this.starts.available(now)) },
    };
  }

  private rebuild(): void {
    // One second's worth of sends, and at least one, so that a rate below 1/s still sends.
    this.ses = new TokenBucket(Math.max(1, this.settings.sesMaxSendRate), this.settings.sesMaxSendRate);
    this.starts = new TokenBucket(this.settings.startExecutionBurst, this.settings.startExecutionRefillPerSecond);
  }
}

const round = (n: number) => Math.floor(n * 100) / 100;
