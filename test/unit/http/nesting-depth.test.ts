import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import { IntakeRejected, validateIntake } from '../../../functions/domain/intake';
import { jsonDepth, MAX_JSON_DEPTH } from '../../../functions/domain/json-keys';
import { toFieldIssues } from '../../../functions/domain/validation';
import { HttpError, optionalJsonBody, parseJsonBody, type HttpEvent } from '../../../functions/shared/http';
import { z } from 'zod';

/**
 * QA: `{"name":[[[…]]]}` nested 8,000 deep (16 KB) answered 500: the repeated-key walk ran out of
 * stack. Nesting past MAX_JSON_DEPTH is refused with 400 on (body) before anything walks it.
 */
const deep = (n: number) => `{"name":${'['.repeat(n)}${']'.repeat(n)}}`;

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected a refusal');
}

describe('a JSON body nested too deep', () => {
  it('measures nesting in one pass, brackets inside strings not counted', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"availability":[{"day":"mon"}],"manager":{"email":"a@x.org"}}')).toBe(3);
    expect(jsonDepth('{"note":"[[[{{{ \\" [[[","x":[1]}')).toBe(2);
    expect(jsonDepth(deep(1_000_000))).toBe(1_000_001);
  });

  it('is refused with 400 on (body) by both JSON entry points, at any depth; the limit itself is read', () => {
    for (const text of [deep(8000), deep(MAX_JSON_DEPTH)]) {
      const error = refusal(() => parseJsonBody(text, 'A participant update'));
      expect(error).toBeInstanceOf(HttpError);
      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(/^A participant update nests objects and arrays \d+ levels deep, more than the limit of 32: send a flatter body\.$/);
      expect(error.issues).toEqual([{ field: '(body)', message: 'nests more than 32 levels deep' }]);
    }
    const event = { body: deep(8000), headers: { 'content-type': 'application/json' } } as unknown as HttpEvent;
    const optional = refusal(() => optionalJsonBody(event, z.object({}), { what: 'A pause request', maxBytes: 65536 }));
    expect(optional.statusCode).toBe(400);
    expect(optional.issues).toEqual([{ field: '(body)', message: 'nests more than 32 levels deep' }]);
    expect(parseJsonBody(deep(MAX_JSON_DEPTH - 1))).toEqual(JSON.parse(deep(MAX_JSON_DEPTH - 1)));
  });
});

/**
 * An HRIS event's detail arrives parsed (the Lambda runtime's JSON.parse does not recurse), so no
 * text walk applies: the schemas themselves must refuse a deep value with a reason, not overflow.
 */
describe('an HR event whose detail nests thousands deep', () => {
  const nest = () => JSON.parse(`${'['.repeat(8000)}${']'.repeat(8000)}`) as unknown;

  it('ParticipantUpdated is rejected naming the field, wherever the deep value sits', () => {
    for (const [detail, field] of [
      [{ name: nest() }, 'name'],
      [{ manager: { email: nest() } }, 'manager.email'],
      [{ availability: [{ day: nest() }] }, 'availability.0.day'],
      [{ notAField: nest() }, 'notAField'],
    ] as const) {
      const parsed = inboundEvents.ParticipantUpdated.safeParse({ participantId: 'pt_aaaaaaaaaaaaaaaaaaaa', ...detail });
      expect(parsed.success).toBe(false);
      expect(toFieldIssues(parsed.error!).map((i) => i.field)).toContain(field);
    }
  });

  it('ParticipantEnrolled is rejected as an intake (IntakeRejected), not a RangeError', () => {
    expect(() => validateIntake({ programId: 'p1', role: 'mentee', name: nest(), goals: nest() }, undefined)).toThrow(IntakeRejected);
  });
});
