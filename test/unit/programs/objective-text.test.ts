import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { TEXT_PROBLEM_MESSAGES } from '../../../functions/domain/text-input';
import { toFieldIssues } from '../../../functions/domain/validation';

/**
 * QA attack6: an objective with a direction override ("obj \u202Eevil") was stored and shown in the
 * report and the console, while the program's name and topic labels refuse it. Objectives are text
 * people read back, held to the same rule, in both forms.
 */
const base = { programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'], timeZone: 'Europe/London' };
const issues = (objectives: unknown[]) => {
  const parsed = programSchema.safeParse({ ...base, objectives });
  return parsed.success ? [] : toFieldIssues(parsed.error);
};

describe('objective text', () => {
  it('refuses a direction override in free text and in a structured objective, naming where', () => {
    expect(issues(['obj \u202Eevil'])).toEqual([{ field: 'objectives.0', message: TEXT_PROBLEM_MESSAGES.direction }]);
    expect(issues(['fine', { text: 'obj \u2067evil\u2069', measure: 'nps', target: 10 }])).toEqual([
      { field: 'objectives.1.text', message: TEXT_PROBLEM_MESSAGES.direction },
    ]);
  });

  it('keeps taking readable objectives as before', () => {
    expect(
      issues(['Leaders fluent in AI tools', { measure: 'nps', target: 30 }, { text: 'Most pairs finish', measure: 'completion-rate', target: 0.8 }]),
    ).toEqual([]);
  });
});
