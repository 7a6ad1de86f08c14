import { describe, expect, it } from 'vitest';
import { type HttpError, readBodyBytes, type HttpEvent } from '../../../functions/shared/http';

const event = (body: string): HttpEvent => ({ headers: { 'content-type': 'text/csv' }, body, isBase64Encoded: false }) as unknown as HttpEvent;
const tooBig = (bytes: number, maxBytes: number): HttpError => {
  try {
    readBodyBytes(event('x'.repeat(bytes)), { mediaTypes: ['text/csv'], maxBytes, what: 'A CSV import' });
  } catch (e) {
    return e as HttpError;
  }
  throw new Error('not refused');
};

describe('a body over its size limit', () => {
  it('names the exact bytes when both sizes would round to the same figure (QA scale16)', () => {
    const e = tooBig(5 * 1024 * 1024 + 1, 5 * 1024 * 1024);
    expect(e.statusCode).toBe(413);
    expect(e.message).toBe('A CSV import is 5,242,881 bytes, more than the limit of 5,242,880 bytes (5.0 MB): send less at a time.');
  });

  it('keeps the short figures when they differ', () => {
    expect(tooBig(6 * 1024 * 1024, 5 * 1024 * 1024).message).toBe('A CSV import is 6.0 MB, more than the limit of 5.0 MB: send less at a time.');
  });

  it('takes a body at the limit', () => {
    expect(readBodyBytes(event('x'.repeat(1000)), { mediaTypes: ['text/csv'], maxBytes: 1000, what: 'A CSV import' }).length).toBe(1000);
  });
});
