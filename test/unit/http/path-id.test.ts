import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as erasureApi } from '../../../functions/erasure-api';
import { handler as intakeApi } from '../../../functions/intake-api';
import { HttpError, type HttpEvent } from '../../../functions/shared/http';
import { participantPathId } from '../../../functions/shared/participant-path';
import { wellFormedPathId } from '../../../functions/shared/path-id';
import { programPathId } from '../../../functions/shared/program-path';
import { httpEvent, lambdaContext } from '../../integration/intake/lambda-events';

/**
 * Every route's answer to an id in its path that can never name anything, word for word: a 400
 * naming the path field, never a 404 (docs/admin-api.md). The participant, program and import
 * routes and erase each built this answer with their own copy; they now share one helper, and
 * these are the answers they gave before it.
 */

type Refusal = { status: number; error: string; issues: { field: string; message: string }[] };

const withPath = (pathParameters: Record<string, string>) => ({ pathParameters }) as unknown as HttpEvent;

function refusal(read: () => string): Refusal {
  try {
    read();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.statusCode, error: error.message, issues: [...error.issues] };
    throw error;
  }
  throw new Error('the id was taken');
}

async function answer(res: Promise<unknown>): Promise<Refusal> {
  const { statusCode, body } = (await res) as APIGatewayProxyStructuredResultV2;
  return { status: statusCode ?? 0, ...(JSON.parse(String(body)) as Omit<Refusal, 'status'>) };
}

const PARTICIPANT_RULE = 'a participant id is "pt_" and 20 lowercase letters and digits 2 to 7, as enrolment answered it.';
const IMPORT_RULE = 'an import id is "imp_" and 20 lowercase letters and digits 2 to 7, as the import answered it.';
const PROGRAM_RULE = 'a program id is 2 to 63 lowercase letters, digits and dashes, not starting with a dash.';

describe('a malformed id in the path', () => {
  it('GET/PATCH /participants/{id} and export: 400 on id, the caller’s text quoted back (at most 80 characters)', () => {
    expect(refusal(() => participantPathId(withPath({ id: 'not-an-id' })))).toEqual({
      status: 400,
      error: `"not-an-id" is not a participant id: ${PARTICIPANT_RULE}`,
      issues: [{ field: 'id', message: 'is not a valid id' }],
    });
    expect(refusal(() => participantPathId(withPath({}))).error).toBe(`"" is not a participant id: ${PARTICIPANT_RULE}`);
    expect(refusal(() => participantPathId(withPath({ id: 'x'.repeat(5000) }))).error).toBe(
      `"${'x'.repeat(79)}\u2026" is not a participant id: ${PARTICIPANT_RULE}`,
    );
    expect(refusal(() => participantPathId(withPath({ id: 'y'.repeat(80) }))).error).toBe(`"${'y'.repeat(80)}" is not a participant id: ${PARTICIPANT_RULE}`);
  });

  it('every /programs/{programId} route: 400 on programId, the caller’s text quoted back (at most 64 characters)', () => {
    expect(refusal(() => programPathId(withPath({ programId: 'UPPER' })))).toEqual({
      status: 400,
      error: `"UPPER" is not a program id: ${PROGRAM_RULE}`,
      issues: [{ field: 'programId', message: 'is not a valid program id' }],
    });
    expect(refusal(() => programPathId(withPath({ programId: 'x'.repeat(70) }))).error).toBe(`"${'x'.repeat(63)}\u2026" is not a program id: ${PROGRAM_RULE}`);
  });

  it('GET /participants/import/{id}: 400 on id, the caller’s text quoted back (at most 80 characters)', async () => {
    expect(await answer(intakeApi(httpEvent('GET', '/participants/import/imp.1'), lambdaContext()))).toEqual({
      status: 400,
      error: `"imp.1" is not an import id: ${IMPORT_RULE}`,
      issues: [{ field: 'id', message: 'is not a valid id' }],
    });
    expect((await answer(intakeApi(httpEvent('GET', `/participants/import/${'a'.repeat(10_000)}`), lambdaContext()))).error).toBe(
      `"${'a'.repeat(79)}\u2026" is not an import id: ${IMPORT_RULE}`,
    );
  });

  it('POST /participants/{id}/erase: 400 on id, as the other participant routes for an id of letters, digits, - and _', async () => {
    const erase = (id: string) => answer(erasureApi(httpEvent('POST', `/participants/${id}/erase`), lambdaContext('ErasureApi')));
    expect(await erase('not-an-id')).toEqual({
      status: 400,
      error: `"not-an-id" is not a participant id: ${PARTICIPANT_RULE}`,
      issues: [{ field: 'id', message: 'is not a valid id' }],
    });
    // Any other character, or more than 80, is refused first by the general path check, as it always was.
    expect(await erase('pt.1')).toEqual({
      status: 400,
      error: '"pt.1" is not a participant id: use the id crossgen gave you (letters, digits, - and _).',
      issues: [{ field: 'id', message: 'is not a valid id' }],
    });
    expect((await erase('z'.repeat(81))).error).toBe(`"${'z'.repeat(81)}" is not a participant id: use the id crossgen gave you (letters, digits, - and _).`);
  });
});

describe('wellFormedPathId', () => {
  const pairing = { param: 'pairingId', pattern: /^pr_[a-z]{3}$/, what: 'a pairing', rule: '"pr_" and 3 letters' };

  it('returns the path parameter when it matches the pattern', () => {
    expect(wellFormedPathId(withPath({ pairingId: 'pr_abc' }), pairing)).toBe('pr_abc');
  });

  it('refuses anything else, a missing parameter too, with 400 naming the parameter and saying what one looks like', () => {
    for (const value of ['pr_ab', 'PR_ABC', 'pr_abc ', undefined]) {
      expect(refusal(() => wellFormedPathId(withPath(value === undefined ? {} : { pairingId: value }), pairing))).toEqual({
        status: 400,
        error: `"${value ?? ''}" is not a pairing id: a pairing id is "pr_" and 3 letters.`,
        issues: [{ field: 'pairingId', message: 'is not a valid id' }],
      });
    }
  });

  it('takes the issue and the quoting from the rule when it gives them', () => {
    const rule = { ...pairing, issue: 'is not a valid pairing id', quote: (v: string) => v.slice(0, 2) };
    expect(refusal(() => wellFormedPathId(withPath({ pairingId: 'nope' }), rule))).toEqual({
      status: 400,
      error: '"no" is not a pairing id: a pairing id is "pr_" and 3 letters.',
      issues: [{ field: 'pairingId', message: 'is not a valid pairing id' }],
    });
  });
});
