import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from './powertools';

/**
 * What a program's admin and sponsor want to see per program on the dashboard. One name per
 * business fact, counted where the fact becomes true (after the write or the send succeeded).
 */
export const BUSINESS_METRICS = {
  /** An email accepted by SES (functions/adapters/mailer.ts). */
  emailsSent: 'EmailsSent',
  /** A participant's answer recorded, by reply or by answer link. */
  answersRecorded: 'AnswersRecorded',
  /** A step of the escalation ladder taken (nudge, senior nudge, admin told). */
  escalations: 'EscalationsRaised',
  /** A pairing's lifecycle started (both introduced). */
  pairingsStarted: 'PairingsStarted',
  /** A pairing completed its program (recognition). */
  pairingsCompleted: 'PairingsCompleted',
  /** A pairing ended early (request, departure, not started). */
  pairingsEnded: 'PairingsEnded',
} as const;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** Program ids are ids (pilot, p-2027-q1): never a name or an address, which would be PII in a dimension. */
const PROGRAM_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Counts a business fact for one program: metric `BUSINESS_METRICS[metric]` with the single
 * dimension `programId`, published at once (a single-metric EMF line), so that it never mixes
 * with the handler's other metrics or their dimensions. Locally and in tests (POWERTOOLS_DEV,
 * POWERTOOLS_METRICS_DISABLED) nothing is printed.
 */
export function countBusiness(metric: BusinessMetric, programId: string, n = 1): void {
  if (!PROGRAM_ID.test(programId)) {
    throw new Error(
      `countBusiness: "${metric}" needs a program id (letters, digits, "_", "-", "."), not free text: dimensions must never carry personal data.`,
    );
  }
  if (!Number.isInteger(n) || n < 1) throw new Error(`countBusiness: count ${metric} in whole positive steps (got ${n}).`);
  const single = metrics.singleMetric();
  single.addDimension('programId', programId);
  single.addMetric(BUSINESS_METRICS[metric], MetricUnit.Count, n);
}
