import { describe, expect, it } from 'vitest';
import { FaultBook, faultMatches, type ServiceCall } from '../../../local/faults/book';
import { parseFaults, type FaultSpecInput } from '../../../local/faults/spec';

const specs = (...input: FaultSpecInput[]) => {
  const parsed = parseFaults(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.faults;
};
const send = (...recipients: string[]): ServiceCall => ({ service: 'ses', operation: 'SendEmail', recipients });
const ddb = (operation: Extract<ServiceCall, { service: 'dynamodb' }>['operation'], ...partitionKeys: string[]): ServiceCall => ({
  service: 'dynamodb',
  operation,
  partitionKeys,
});
const put = (...detailTypes: string[]): ServiceCall => ({ service: 'eventbridge', operation: 'PutEvents', detailTypes });

describe('FaultBook', () => {
  it('injects a fault into exactly `count` matching calls, then lets calls through', () => {
    const book = new FaultBook();
    book.add(specs({ service: 'ses', kind: 'throttle', count: 2 }));
    expect([book.take(send('a@x.org')), book.take(send('a@x.org')), book.take(send('a@x.org'))].map((f) => f?.kind)).toEqual([
      'throttle',
      'throttle',
      undefined,
    ]);
    expect(book.list()[0]).toMatchObject({ remaining: 0, injected: 2, matched: 2 });
  });

  it('lets the first `skip` matching calls through and counts them as matched', () => {
    const book = new FaultBook();
    book.add(specs({ service: 'dynamodb', kind: 'conditionalConflict', count: 1, skip: 2, operation: 'UpdateItem' }));
    const hits = [1, 2, 3, 4].map(() => book.take(ddb('UpdateItem', 'PAIRING#p1'))?.kind);
    expect(hits).toEqual([undefined, undefined, 'conditionalConflict', undefined]);
    expect(book.list()[0]).toMatchObject({ matched: 3, injected: 1, remaining: 0 });
  });

  it('never lets one call consume two faults, and serves faults in the order they were added', () => {
    const book = new FaultBook();
    book.add(specs({ service: 'ses', kind: 'fail', count: 1 }, { service: 'ses', kind: 'throttle', count: 1 }));
    expect(book.take(send('a@x.org'))?.kind).toBe('fail');
    expect(book.list().map((f) => f.injected)).toEqual([1, 0]);
    expect(book.take(send('a@x.org'))?.kind).toBe('throttle');
  });

  it('lets a later fault hit a call that an earlier fault only skips', () => {
    const book = new FaultBook();
    book.add(specs({ service: 'ses', kind: 'fail', count: 1, skip: 5 }, { service: 'ses', kind: 'throttle', count: 1 }));
    expect(book.take(send('a@x.org'))?.kind).toBe('throttle');
    expect(book.list().map((f) => f.matched)).toEqual([1, 1]);
  });

  it('is armed for a service only while one of its faults has calls left', () => {
    const book = new FaultBook();
    expect(book.armed('dynamodb')).toBe(false);
    book.add(specs({ service: 'dynamodb', kind: 'throttle', count: 1 }));
    expect([book.armed('dynamodb'), book.armed('ses')]).toEqual([true, false]);
    book.take(ddb('GetItem', 'X'));
    expect(book.armed('dynamodb')).toBe(false);
  });

  it('clears every fault and says how many it removed', () => {
    const book = new FaultBook();
    book.add(specs({ service: 'ses', kind: 'fail', count: 1 }, { service: 'eventbridge', kind: 'fail', count: 1 }));
    expect(book.clear()).toBe(2);
    expect(book.list()).toEqual([]);
    expect(book.take(send('a@x.org'))).toBeUndefined();
  });

  it('gives out copies: changing what list() returns changes no count', () => {
    const book = new FaultBook();
    book.add(specs({ service: 'ses', kind: 'fail', count: 1 }));
    book.list()[0]!.remaining = 0;
    expect(book.take(send('a@x.org'))?.kind).toBe('fail');
  });
});

describe('faultMatches', () => {
  it('matches SES sends by any recipient, case-insensitively', () => {
    const [f] = specs({ service: 'ses', kind: 'throttle', count: 1, recipient: 'Ada@Example.org' });
    expect(faultMatches(f!, send('bob@example.org', 'ada@example.ORG'))).toBe(true);
    expect(faultMatches(f!, send('bob@example.org'))).toBe(false);
  });

  it('matches DynamoDB calls by operation and partition key prefix', () => {
    const [f] = specs({ service: 'dynamodb', kind: 'throttle', count: 1, operation: ['UpdateItem', 'TransactWriteItems'], keyPrefix: 'PAIRING#' });
    expect(faultMatches(f!, ddb('UpdateItem', 'PAIRING#p1'))).toBe(true);
    expect(faultMatches(f!, ddb('TransactWriteItems', 'PARTICIPANT#a', 'PAIRING#p1'))).toBe(true);
    expect(faultMatches(f!, ddb('UpdateItem', 'PARTICIPANT#a'))).toBe(false);
    expect(faultMatches(f!, ddb('PutItem', 'PAIRING#p1'))).toBe(false);
  });

  it('aims conflicts and lost responses at writes only when no operation is named', () => {
    const [conflict, lost, throttle] = specs(
      { service: 'dynamodb', kind: 'conditionalConflict', count: 1 },
      { service: 'dynamodb', kind: 'responseLost', count: 1 },
      { service: 'dynamodb', kind: 'throttle', count: 1 },
    );
    expect(['GetItem', 'Query', 'PutItem', 'BatchWriteItem', 'TransactWriteItems'].map((op) => faultMatches(conflict!, ddb(op as never, 'K')))).toEqual([
      false,
      false,
      true,
      false,
      true,
    ]);
    expect(['GetItem', 'Query', 'PutItem', 'BatchWriteItem'].map((op) => faultMatches(lost!, ddb(op as never, 'K')))).toEqual([false, false, true, true]);
    expect(['GetItem', 'Query', 'Scan'].map((op) => faultMatches(throttle!, ddb(op as never, 'K')))).toEqual([true, true, true]);
  });

  it('matches PutEvents by detail type and never crosses services', () => {
    const [f] = specs({ service: 'eventbridge', kind: 'failedEntries', count: 1, detailType: 'CheckInCompleted' });
    expect(faultMatches(f!, put('PairingMatched', 'CheckInCompleted'))).toBe(true);
    expect(faultMatches(f!, put('PairingMatched'))).toBe(false);
    expect(faultMatches(f!, send('a@x.org'))).toBe(false);
  });
});
