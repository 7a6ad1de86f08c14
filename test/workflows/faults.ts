import type { ActiveFault } from '../../local/faults/book';
import type { QuotaReport, QuotaSettings } from '../../local/faults/quotas';
import type { FaultSpecInput } from '../../local/faults/spec';

/**
 * Faults and quotas of the local cloud for workflow tests (docs/local.md, "Faults" and "Quotas").
 * The cloud is shared by the test files: clear what a file arms (`clearFaults`, `resetQuotas`)
 * in its afterEach/afterAll.
 *
 * The AWS SDK retries throttling and 500s itself (3 attempts): to make a handler's SDK call fail,
 * inject `count: 3` per call that must fail; `count: 1` or 2 only shows the SDK's own retries.
 */

export type Fault = FaultSpecInput;
export type { ActiveFault, QuotaReport, QuotaSettings };

async function call<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Arms faults (all or none); returns them with their ids and counters. */
export async function injectFaults(baseUrl: string, faults: readonly Fault[]): Promise<ActiveFault[]> {
  return (await call<{ faults: ActiveFault[] }>(baseUrl, 'POST', '/local/faults', faults)).faults;
}

/** Every fault armed since the last clear, exhausted ones included, with remaining/injected/matched. */
export async function listFaults(baseUrl: string): Promise<ActiveFault[]> {
  return (await call<{ faults: ActiveFault[] }>(baseUrl, 'GET', '/local/faults')).faults;
}

/** How many injections are still to come, over every armed fault (0: every fault has fired). */
export async function faultsRemaining(baseUrl: string): Promise<number> {
  return (await listFaults(baseUrl)).reduce((sum, f) => sum + f.remaining, 0);
}

/** How many calls got a fault, over every armed fault. */
export async function faultsInjected(baseUrl: string): Promise<number> {
  return (await listFaults(baseUrl)).reduce((sum, f) => sum + f.injected, 0);
}

/** Disarms and forgets every fault; returns how many there were. */
export async function clearFaults(baseUrl: string): Promise<number> {
  return (await call<{ cleared: number }>(baseUrl, 'DELETE', '/local/faults')).cleared;
}

/** Changes quota settings (buckets start full); returns the report. */
export async function setQuotas(baseUrl: string, settings: Partial<QuotaSettings>): Promise<QuotaReport> {
  return call<QuotaReport>(baseUrl, 'POST', '/local/quotas', settings);
}

/** Settings, counters (sent/started, throttled) and tokens left. */
export async function quotaReport(baseUrl: string): Promise<QuotaReport> {
  return call<QuotaReport>(baseUrl, 'GET', '/local/quotas');
}

/** Back to the settings the cloud started with, buckets full, counters at zero. */
export async function resetQuotas(baseUrl: string): Promise<QuotaReport> {
  return call<QuotaReport>(baseUrl, 'DELETE', '/local/quotas');
}
