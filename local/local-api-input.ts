import { type AdvanceOutcome, parseDuration } from './clock';

/**
 * What the local API reads from a request (docs/local.md, The local API), judged before anything
 * moves: a request it cannot carry out is refused with 400 naming the field, never answered 200
 * having done nothing (a test that moved the clock "back" would otherwise read a time it never had).
 */

interface LocalIssue {
  readonly field: string;
  readonly message: string;
}

interface LocalRefusal {
  readonly ok: false;
  readonly status: 400;
  readonly body: { message: string; issues: LocalIssue[] };
}

function refusal(what: string, issues: LocalIssue[]): LocalRefusal {
  // An issue's message may be a sentence of its own (parseDuration's): its full stop would double ours.
  const listed = issues.map((i) => `${i.field} ${i.message.replace(/\.$/, '')}`).join('; ');
  return { ok: false, status: 400, body: { message: `${what} was not accepted: ${listed}. Nothing was changed.`, issues } };
}

/** An ISO-8601 date or date and time ("2027-01-04", "2027-01-04T09:00:00Z", "...+01:00"): what `toISOString` and people write. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch milliseconds of an ISO-8601 time, or undefined when `text` is not one. */
function isoTime(text: unknown): number | undefined {
  if (typeof text !== 'string' || !ISO_TIME.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim().replace(',', '.'));
  return Number.isNaN(ms) ? undefined : ms;
}

interface ClockRequest {
  readonly ok: true;
  readonly speed?: number;
  /** Move forward by this many milliseconds (`advance`). */
  readonly advanceMs?: number;
  /** Move forward to this moment (`to`), never before now. */
  readonly toMs?: number;
}

const CLOCK_FIELDS = ['advance', 'to', 'speed'];
const CLOCK_EXAMPLE = 'send {"advance": "P14D"} (an ISO-8601 duration), {"to": "<ISO-8601 timestamp>"} or {"speed": n}';

/**
 * `POST /local/clock`: `advance` (an ISO-8601 duration), `to` (a time not before `nowMs`: the
 * simulated clock never goes back) or `speed` (simulated ms per real ms, 0 holds it); `speed` may
 * come with either of the other two. Unknown fields are refused, as everywhere in the API.
 */
export function clockRequest(body: Readonly<Record<string, unknown>>, nowMs: number): ClockRequest | LocalRefusal {
  const issues: LocalIssue[] = [];
  for (const field of Object.keys(body))
    if (!CLOCK_FIELDS.includes(field)) issues.push({ field, message: 'is not a field of a clock request (advance, to, speed)' });
  let advanceMs: number | undefined;
  if (body.advance !== undefined) {
    try {
      if (typeof body.advance !== 'string') throw new Error('must be an ISO-8601 duration such as P14D or PT12H');
      advanceMs = parseDuration(body.advance, new Date(nowMs));
    } catch (e) {
      issues.push({ field: 'advance', message: (e as Error).message });
    }
  }
  let toMs: number | undefined;
  if (body.to !== undefined) {
    const to = isoTime(body.to);
    if (to === undefined) issues.push({ field: 'to', message: `must be an ISO-8601 timestamp such as 2027-01-04T09:00:00Z, not ${JSON.stringify(body.to)}` });
    else if (body.advance !== undefined) issues.push({ field: 'to', message: 'cannot come with advance: send one of them' });
    else if (to < nowMs)
      issues.push({
        field: 'to',
        message: `is before the simulated clock's now (${new Date(nowMs).toISOString()}): the clock only moves forward, so send a later time (to start over, start the cloud --in-memory or with a data directory of its own)`,
      });
    else toMs = to;
  }
  let speed: number | undefined;
  if (body.speed !== undefined) {
    if (typeof body.speed !== 'number' || !Number.isFinite(body.speed) || body.speed < 0)
      issues.push({ field: 'speed', message: 'must be a number of at least 0 (simulated ms per real ms; 0 holds the clock)' });
    else speed = body.speed;
  }
  if (issues.length > 0) return refusal('The clock request', issues);
  if (advanceMs === undefined && toMs === undefined && speed === undefined)
    return refusal('The clock request', [{ field: '(body)', message: `names nothing to do: ${CLOCK_EXAMPLE}` }]);
  return { ok: true, ...(speed === undefined ? {} : { speed }), ...(advanceMs === undefined ? {} : { advanceMs }), ...(toMs === undefined ? {} : { toMs }) };
}

/** `GET /local/emails?since=`: absent, every email; else an ISO-8601 time (never the whole mailbox for a typo). */
export function emailsSince(since: string | null): { readonly ok: true; readonly sinceMs?: number } | LocalRefusal {
  if (since === null) return { ok: true };
  const ms = isoTime(since);
  if (ms === undefined)
    return refusal('The mailbox query', [
      { field: 'since', message: `must be an ISO-8601 time such as 2027-01-04T09:00:00Z, not ${JSON.stringify(since)}; leave it out for every email` },
    ]);
  return { ok: true, sinceMs: ms };
}

/** `POST /local/clock`'s answer: where the clock stands, or a 503 when a stop cut its move short. */
export function clockAnswer(
  nowMs: number,
  pendingTimers: number,
  moved?: AdvanceOutcome,
): { readonly status: 200 | 503; readonly body: Record<string, unknown> } {
  const now = new Date(nowMs).toISOString();
  if (!moved?.stoppedEarly) return { status: 200, body: { now, pendingTimers } };
  // Part of the move was made and cannot be undone: the caller must not read the answer as done,
  // nor retry it as if nothing had happened (a second advance of the same step would go too far).
  const target = new Date(moved.targetMs).toISOString();
  return {
    status: 503,
    body: {
      message: `The clock stopped early at ${now}, before ${target}: the local cloud is shutting down. What fell due after it has not happened: start the cloud again (with the same --data it goes on from ${now}) and move the clock on to ${target}.`,
      stoppedEarly: true,
      now,
      target,
      pendingTimers,
    },
  };
}
