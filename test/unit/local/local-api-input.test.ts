import { describe, expect, it } from 'vitest';
import { clockAnswer, clockRequest, emailsSince } from '../../../local/local-api-input';

/** What POST /local/clock and GET /local/emails take, and what they refuse (docs/local.md; QA apidocs #7). */

const now = Date.parse('2027-01-04T09:00:00Z');
const fields = (out: ReturnType<typeof clockRequest> | ReturnType<typeof emailsSince>) => (out.ok ? [] : out.body.issues.map((i) => i.field));

describe('a clock request', () => {
  it('moves forward by a duration, to a later time, or changes the speed', () => {
    expect(clockRequest({ advance: 'P1D' }, now)).toEqual({ ok: true, advanceMs: 86_400_000 });
    expect(clockRequest({ to: '2027-01-05T09:00:00Z' }, now)).toEqual({ ok: true, toMs: now + 86_400_000 });
    expect(clockRequest({ to: '2027-01-04T09:00:00.000Z' }, now)).toEqual({ ok: true, toMs: now });
    expect(clockRequest({ speed: 0, advance: 'PT1H' }, now)).toEqual({ ok: true, speed: 0, advanceMs: 3_600_000 });
    expect(clockRequest({ speed: 10 }, now)).toEqual({ ok: true, speed: 10 });
  });

  it('refuses a time before now, naming to and saying the clock never goes back', () => {
    const out = clockRequest({ to: '2020-01-01T00:00:00Z' }, now);
    expect(out).toMatchObject({ ok: false, status: 400 });
    expect(fields(out)).toEqual(['to']);
    expect(out.ok ? '' : out.body.issues[0]!.message).toMatch(/only moves forward/);
  });

  it('refuses unknown fields by name, and nothing it can carry out half', () => {
    expect(fields(clockRequest({ advance: 'P1D', extra: 1 }, now))).toEqual(['extra']);
    expect(fields(clockRequest({ speed: 5, advnce: 'P1D' }, now))).toEqual(['advnce']);
    expect(fields(clockRequest({ advance: 'P1D', to: '2027-02-01T00:00:00Z' }, now))).toEqual(['to']);
  });

  it('refuses bad values naming the field, and a body that names nothing to do', () => {
    expect(fields(clockRequest({ advance: '14 days' }, now))).toEqual(['advance']);
    expect(fields(clockRequest({ advance: 14 }, now))).toEqual(['advance']);
    expect(fields(clockRequest({ to: 'tomorrow' }, now))).toEqual(['to']);
    expect(fields(clockRequest({ to: 1 }, now))).toEqual(['to']);
    expect(fields(clockRequest({ speed: -1 }, now))).toEqual(['speed']);
    expect(fields(clockRequest({ speed: '2' }, now))).toEqual(['speed']);
    expect(fields(clockRequest({}, now))).toEqual(['(body)']);
  });

  it('says why in one sentence: an issue that ends with a full stop gets no second one (QA cli2)', () => {
    const out = clockRequest({ advance: '14 days' }, now);
    const message = out.ok ? '' : out.body.message;
    expect(message).toMatch(/write it like P14D, PT12H, P1M or P1Y2M3DT4H5M6S\. Nothing was changed\.$/);
    expect(message).not.toContain('..');
  });
});

describe('the mailbox query', () => {
  it('reads every email without since, and those from an ISO time with it', () => {
    expect(emailsSince(null)).toEqual({ ok: true });
    expect(emailsSince('2027-01-04T09:00:00.000Z')).toEqual({ ok: true, sinceMs: now });
    expect(emailsSince('2027-01-04T10:00:00+01:00')).toEqual({ ok: true, sinceMs: now });
  });

  it('refuses a since that is not a time, naming since, instead of answering the whole mailbox', () => {
    for (const since of ['not-a-time', '', '1', 'undefined', '2027-13-40T00:00:00Z']) {
      const out = emailsSince(since);
      expect({ since, status: out.ok ? 200 : out.status, fields: fields(out) }).toEqual({ since, status: 400, fields: ['since'] });
    }
  });
});

describe("a clock request's answer", () => {
  it('is 200 with where the clock stands when the move was made, or when there was none (a speed alone)', () => {
    expect(clockAnswer(now, 3, { targetMs: now, stoppedEarly: false })).toEqual({ status: 200, body: { now: '2027-01-04T09:00:00.000Z', pendingTimers: 3 } });
    expect(clockAnswer(now, 0)).toEqual({ status: 200, body: { now: '2027-01-04T09:00:00.000Z', pendingTimers: 0 } });
  });

  it('is 503 saying where the clock stopped, short of which target, when a stop cut the move short (never 200)', () => {
    const out = clockAnswer(now, 8, { targetMs: now + 86_400_000, stoppedEarly: true });
    expect(out).toEqual({
      status: 503,
      body: {
        message: expect.stringContaining('stopped early at 2027-01-04T09:00:00.000Z, before 2027-01-05T09:00:00.000Z: the local cloud is shutting down'),
        stoppedEarly: true,
        now: '2027-01-04T09:00:00.000Z',
        target: '2027-01-05T09:00:00.000Z',
        pendingTimers: 8,
      },
    });
  });
});
