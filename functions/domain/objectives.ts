import { z } from 'zod';
import { isWithheld, type Measure } from './report-privacy';
import { singleLineText } from './text-input';

/**
 * A program's objectives (issue 13, point 5): each names a measure the report computes and a
 * target, and the report says whether it is met. The old free-text form ("Leaders fluent in AI")
 * is still accepted: it becomes `{ text }`, stated in the report as not measurable.
 */
export const OBJECTIVE_MEASURES = ['completion-rate', 'skill-change', 'nps', 'retention-rate', 'meetings-per-pair', 'answer-rate'] as const;
export type ObjectiveMeasure = (typeof OBJECTIVE_MEASURES)[number];

/** The range a target of each measure lies in, and what it means, for error messages and docs. */
export const MEASURE_RANGES: Record<ObjectiveMeasure, { min: number; max: number; unit: string }> = {
  'completion-rate': { min: 0, max: 1, unit: 'a share of finished pairings, 0 to 1' },
  'retention-rate': { min: 0, max: 1, unit: 'a share of participants, 0 to 1' },
  'answer-rate': { min: 0, max: 1, unit: 'a share of check-in questions answered, 0 to 1' },
  nps: { min: -100, max: 100, unit: 'a Net Promoter Score, -100 to 100' },
  'skill-change': { min: -4, max: 4, unit: 'an average change in points on the 1-5 scale, -4 to 4' },
  'meetings-per-pair': { min: 0, max: 100, unit: 'meetings held per started pairing, 0 to 100' },
};

export const objectiveSchema = z
  .object({
    /** How the objective reads; written from the measure and target when absent. */
    text: singleLineText(200).optional(),
    measure: z.enum(OBJECTIVE_MEASURES).optional(),
    /** Met when the measure is at least this. */
    target: z.number().optional(),
    /** skill-change: the topic id. */
    topic: z.string().trim().min(1).max(60).optional(),
    /** skill-change: only this role's change (both roles when absent). */
    role: z.enum(['mentor', 'mentee']).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!o.measure) {
      if (!o.text) ctx.addIssue({ code: 'custom', path: ['measure'], message: 'is required when there is no text' });
      if (o.target !== undefined) ctx.addIssue({ code: 'custom', path: ['measure'], message: 'must name what the target measures' });
      return;
    }
    const range = MEASURE_RANGES[o.measure];
    if (o.target === undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: `is required: ${range.unit}` });
    else if (o.target < range.min || o.target > range.max) ctx.addIssue({ code: 'custom', path: ['target'], message: `must be ${range.unit}` });
    if (o.measure === 'skill-change' && !o.topic) ctx.addIssue({ code: 'custom', path: ['topic'], message: 'is required for skill-change: a topic id' });
    if (o.measure !== 'skill-change' && (o.topic || o.role)) ctx.addIssue({ code: 'custom', path: ['topic'], message: 'applies to skill-change only' });
  });
export type Objective = z.output<typeof objectiveSchema>;

/** A list of objectives: structured, or free text as before (kept as `{ text }`). */
export const objectivesSchema = z
  .array(
    z.union([
      // Read back in the report and the console: text a person can read, as every name is (text-input.ts).
      singleLineText(200).transform((text): Objective => ({ text })),
      objectiveSchema,
    ]),
  )
  .max(10)
  .default([]);

/** A stored objective as the report reads it (programs stored before objectives were structured hold strings). */
export function objectiveOf(stored: Objective | string): Objective {
  return typeof stored === 'string' ? { text: stored } : stored;
}

const PERCENT = new Set<ObjectiveMeasure>(['completion-rate', 'retention-rate', 'answer-rate']);

/** "Completion rate at least 80%", "Average change in AI tools (mentees) at least +1". */
export function describeObjective(o: Objective, topicLabel: (id: string) => string = (id) => id): string {
  if (o.text) return o.text;
  if (!o.measure || o.target === undefined) return '';
  const target = PERCENT.has(o.measure) ? `${Math.round(o.target * 100)}%` : o.measure === 'skill-change' && o.target > 0 ? `+${o.target}` : String(o.target);
  const what: Record<ObjectiveMeasure, string> = {
    'completion-rate': 'Completion rate',
    'retention-rate': 'Retention of participants',
    'answer-rate': 'Check-in answer rate',
    nps: 'Net Promoter Score',
    'meetings-per-pair': 'Meetings held per pairing',
    'skill-change': `Average change in ${topicLabel(o.topic ?? '')}${o.role ? ` (${o.role}s)` : ''}`,
  };
  return `${what[o.measure]} at least ${target}`;
}

/** An objective in the report: its target, the current value and whether it is met. */
export interface ObjectiveResult {
  readonly text: string;
  readonly measure: ObjectiveMeasure | null;
  readonly topic?: string;
  readonly role?: 'mentor' | 'mentee';
  readonly target: number | null;
  /** null: nothing to measure yet; withheld: fewer than k people behind it. */
  readonly value: Measure;
  /** null while the value is not known (no data, withheld, or a free-text objective). */
  readonly met: boolean | null;
  readonly status: 'met' | 'not-met' | 'not-yet-measurable' | 'withheld' | 'no-measure';
}

/** The value of each measure, as the report computed it. */
export type MeasureValues = (o: Objective) => Measure;

export function evaluateObjectives(
  objectives: readonly (Objective | string)[],
  measured: MeasureValues,
  topicLabel?: (id: string) => string,
): ObjectiveResult[] {
  return objectives.map(objectiveOf).map((o) => {
    const base = {
      text: describeObjective(o, topicLabel),
      measure: o.measure ?? null,
      ...(o.topic ? { topic: o.topic } : {}),
      ...(o.role ? { role: o.role } : {}),
      target: o.target ?? null,
    };
    if (!o.measure || o.target === undefined) return { ...base, value: null, met: null, status: 'no-measure' as const };
    const value = measured(o);
    if (isWithheld(value)) return { ...base, value, met: null, status: 'withheld' as const };
    if (value === null) return { ...base, value, met: null, status: 'not-yet-measurable' as const };
    const met = value >= o.target;
    return { ...base, value, met, status: met ? ('met' as const) : ('not-met' as const) };
  });
}
