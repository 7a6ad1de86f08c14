import { describe, expect, it } from 'vitest';
import { jsonObjectBody } from '../../../local/http-api';

const EXAMPLE = '{"mentorId": "pt_...", "menteeId": "pt_..."}';
const read = (text: string) => jsonObjectBody(Buffer.from(text), EXAMPLE);

describe('the body of a /local route that takes a JSON object', () => {
  it('is the object sent, or {} when nothing was sent', () => {
    expect(read('{"mentorId": "pt_a"}')).toEqual({ ok: true, value: { mentorId: 'pt_a' } });
    expect(read('')).toEqual({ ok: true, value: {} });
    expect(read('  \n')).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['null', 'not null'],
    ['[1, 2]', 'not a list'],
    ['"pt_a"', 'not a string'],
    ['42', 'not a number'],
    ['true', 'not a boolean'],
  ])('refuses %s with 400 naming what came and what to send', (text, came) => {
    expect(read(text)).toEqual({ ok: false, status: 400, body: { message: `The body must be a JSON object such as ${EXAMPLE}, ${came}.` } });
  });

  it('refuses a body that is not JSON with 400 saying so', () => {
    const answer = read('{"mentorId": ');
    expect(answer).toMatchObject({ ok: false, status: 400 });
    expect(!answer.ok && answer.body.message).toMatch(/^The body is not valid JSON \(.+\): send a JSON object such as \{"mentorId"/);
  });
});
