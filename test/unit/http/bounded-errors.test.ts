import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, toResponse } from '../../../functions/shared/http';
import { boundIssues, MAX_ISSUES, toFieldIssues } from '../../../functions/domain/validation';

describe('validation errors are bounded in size', () => {
  it('names at most MAX_ISSUES problems and says how many more there are', () => {
    const schema = z.object({ name: z.string() }).strict();
    const input = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`extra${i}`, i]));
    const issues = toFieldIssues(schema.safeParse(input).error!);
    expect(issues).toHaveLength(MAX_ISSUES + 1);
    expect(issues.at(-1)!.field).toBe('(more)');
    expect(issues.at(-1)!.message).toMatch(/^\d+ more problems not listed/);
  });

  it('clips a field name or message that repeats a huge input', () => {
    const [issue] = boundIssues([{ field: 'k'.repeat(100_000), message: `names no known program ("${'p'.repeat(100_000)}")` }]);
    expect(issue!.field.length).toBeLessThanOrEqual(120);
    expect(issue!.message.length).toBeLessThanOrEqual(300);
  });

  it('keeps every error answer small, whatever built it', () => {
    const huge = new HttpError(
      400,
      `There is no program "${'x'.repeat(1_000_000)}".`,
      Array.from({ length: 10_000 }, (_, i) => ({ field: `f${i}`, message: 'y'.repeat(10_000) })),
    );
    const res = toResponse(huge);
    expect(res.statusCode).toBe(400);
    expect(String(res.body).length).toBeLessThan(16_000);
    expect(JSON.parse(String(res.body)).issues).toHaveLength(MAX_ISSUES + 1);
  });
});
