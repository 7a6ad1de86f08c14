import axe from 'axe-core';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { intakeInput } from '../fixtures/intake/participants';
import { lifecycleHarness } from '../workflows/harness';

/**
 * The local console (docs/local.md, The console): the program dashboard at `/` and the developer
 * views at `/dev`, in headless Chromium with axe-core. Every action is done with the keyboard only
 * and its effect read back through the admin API. Waits are for answers, URLs and elements the
 * page shows after an act, never for time.
 */

const { baseUrl } = inject('cloud');
let browser: Browser;
let context: BrowserContext;

type Pair = Awaited<ReturnType<ReturnType<typeof lifecycleHarness>['pair']>>;
const harnesses = [lifecycleHarness(), lifecycleHarness(), lifecycleHarness()];
const h = harnesses[0]!;
let programId: string;
/** [pause and resume, end, rematch]: each of its own harness, so each pair has its own names. */
let pairs: Pair[];
const mentorName = (i: number) => `Mia Mentor${harnesses[i]!.tag}`;
const menteeName = (i: number) => `Sam Senior${harnesses[i]!.tag}`;

async function api<T = Record<string, any>>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, init);
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-US' });
  // A bound, not a measure: an action waits for the local workflows, slow on a busy machine.
  context.setDefaultTimeout(120_000);
  programId = await h.program({
    name: `Console cohort ${h.tag}`,
    timeZone: 'America/New_York',
    reportMinGroupSize: 3,
    objectives: ['Leaders fluent in AI tools'],
  });
  pairs = [];
  for (const x of harnesses) pairs.push(await x.pair({ programId }));
  // The first pair accepts, so that it is active and can be paused.
  const first = pairs[0]!;
  await h.reply(await h.lastEmailTo(first.mentor.email, /^Meet /), 'yes');
  await h.reply(await h.lastEmailTo(first.mentee.email, /^Meet /), 'yes');
}, 600_000);
afterAll(async () => browser?.close());

async function axeViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol, so the page's nonce-only CSP stays in force.
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens the console and fails the test on any script error or CSP refusal. */
async function open(path: string, ctx: BrowserContext = context): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status()).toBe(200);
  return { page, errors };
}

/** Moves focus with Tab only until `target` has it. */
async function tabTo(page: Page, target: Locator, max = 300): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Keeps the page still: from here on it changes only when the test acts. */
async function holdStill(page: Page): Promise<void> {
  // With the keyboard: a click may land beside the box when the first render moves the page on a
  // busy machine ("Clicking the checkbox did not change its state"); focus does not move.
  const box = page.locator('#auto-refresh');
  await box.focus();
  if (await box.isChecked()) await page.keyboard.press('Space');
  expect(await box.isChecked()).toBe(false);
}

/** The first heading a screen reader lists (headings in hidden views left out): "H1 Program dashboard". */
const firstHeading = (page: Page) =>
  page.evaluate(() => {
    const first = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).find((el) => !el.closest('[hidden]'));
    return first ? `${first.tagName} ${first.textContent}` : '';
  });

/** Raises a concern through the private form linked from the introduction to `email` (docs/concerns.md). */
async function raiseConcern(x: ReturnType<typeof lifecycleHarness>, email: string, text: string): Promise<void> {
  const intro = await x.lastEmailTo(email, /^Meet /);
  const link = /\/c\/[a-z2-7]{24}\.[A-Za-z0-9_-]{43}/.exec(intro.text);
  expect(link).not.toBeNull();
  const sent = await fetch(`${baseUrl}${link![0]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ text }).toString(),
  });
  expect(sent.status).toBe(200);
  await x.idle();
}

const answered = (page: Page, method: string, path: string) =>
  page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === path);

const dayAfter = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Opens the console on `programId` and starts a matching run with the keyboard; returns the page and the run id. */
async function startRunFromConsole(programId: string): Promise<{ page: Page; errors: string[]; runId: string }> {
  const { page, errors } = await open(`/?programId=${programId}`);
  await holdStill(page);
  await tabTo(page, page.getByRole('button', { name: 'Start a matching run' }));
  const started = answered(page, 'POST', `/programs/${programId}/matching`);
  await page.keyboard.press('Enter');
  const response = await started;
  expect(response.status()).toBe(202);
  return { page, errors, runId: ((await response.json()) as { runId: string }).runId };
}

async function openPairing(page: Page, i: number): Promise<void> {
  const button = page.getByRole('button', { name: `Open the pairing of ${mentorName(i)} and ${menteeName(i)}` });
  await tabTo(page, button);
  await page.keyboard.press('Enter');
  await page.locator('#detail-heading', { hasText: `${mentorName(i)} and ${menteeName(i)}` }).waitFor();
  expect(await focused(page)).toBe('detail-heading');
}

describe('the program dashboard', () => {
  it('shows the report, trend charts with text alternatives and the pairings by name; search, filter and sort work; axe finds nothing', async () => {
    const { page, errors } = await open(`/?programId=${programId}`);
    await holdStill(page);
    // The page names the program once its data has arrived (on a busy machine, after holdStill).
    const title = `Console cohort ${h.tag}: program dashboard`;
    await page.waitForFunction((t) => document.title === t, title);
    await expect(page.title()).resolves.toBe(title);
    // The page's first heading is the view's h1, not the clock's (QA ui8).
    expect(await firstHeading(page)).toBe(`H1 ${title}`);
    await page.locator('.kpi', { hasText: 'Participants' }).waitFor();
    expect(await page.locator('.kpi', { hasText: 'Participants' }).locator('.value').innerText()).toBe('6');
    expect(await page.locator('#objectives-body').innerText()).toContain('Leaders fluent in AI tools');
    // The NPS counts each person once: the people, then the answers behind them.
    expect(await page.locator('.kpi', { hasText: 'Net Promoter Score' }).innerText()).toMatch(/\d+ (people|person) \(\d+ answers?\)/);

    // Trend: four charts, each an image with a title and a description, and the same as a table.
    const charts = page.locator('#trend-body svg[role="img"]');
    expect(await charts.count()).toBe(4);
    for (const svg of await charts.all()) {
      const labelledBy = (await svg.getAttribute('aria-labelledby'))!.split(' ');
      expect(await page.locator(`[id="${labelledBy[0]}"]`).evaluate((e) => e.tagName)).toBe('title');
      expect(await page.locator(`[id="${labelledBy[1]}"]`).textContent()).toMatch(/\d+ months from|1 month, |No month has a figure/);
    }
    expect(await page.locator('#trend-body table th', { hasText: 'Answer rate' }).count()).toBe(1);

    // Names everywhere: the table shows people, never the pairing ids.
    const table = page.locator('#pairings-body');
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    const text = await table.innerText();
    for (const p of pairs) expect(text).not.toContain(p.pairingId);
    for (let i = 0; i < 3; i++) expect(text).toContain(mentorName(i));

    await page.locator('#pairings-search').fill(menteeName(1));
    await page.locator('#pairings-body caption', { hasText: '1 of 3 pairings' }).waitFor();
    expect(await table.locator('tbody tr').innerText()).toContain(mentorName(1));
    await page.locator('#pairings-search').fill('');
    await page.locator('#pairings-body caption', { hasText: '3 of 3 pairings' }).waitFor();
    await page.locator('#pairings-status').selectOption('active');
    await page.locator('#pairings-body caption', { hasText: '1 of 3 pairings' }).waitFor();
    expect(await table.locator('tbody tr').innerText()).toContain(mentorName(0));
    await page.locator('#pairings-status').selectOption('');
    await page.locator('#pairings-sort').selectOption('mentee');
    await page.locator('#pairings-body caption', { hasText: '3 of 3 pairings' }).waitFor();
    const mentees = await table.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(mentees).toEqual([...mentees].sort((a, b) => a.localeCompare(b)));

    // One pairing's timeline: plain sentences in the program's time zone, about that pairing only.
    await openPairing(page, 0);
    const timeline = page.locator('#detail-timeline');
    await timeline.locator('li', { hasText: 'Both accepted' }).waitFor();
    const story = await timeline.innerText();
    expect(story).toContain(`${mentorName(0)} (mentor) was paired with ${menteeName(0)} (mentee).`);
    expect(story).toMatch(/Email “Meet .*” to /);
    expect(story).toMatch(/GMT-[45]/);
    expect(story).not.toContain(mentorName(1));
    expect(story).not.toContain(pairs[0]!.pairingId);
    expect(await page.locator('#detail-facts').innerText()).toContain('America/New_York');

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pauses until a date and resumes, with the keyboard only; the admin API sees both', async () => {
    const { page, errors } = await open(`/?programId=${programId}`);
    await holdStill(page);
    const { pairingId } = pairs[0]!;
    await openPairing(page, 0);

    await tabTo(page, page.locator('#act-pause'));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('action-pause-until');
    // The date field takes month, day and year in this locale (en-US).
    const until = dayAfter(await h.now(), 21);
    const [y, m, d] = until.split('-');
    await page.keyboard.type(`${m}${d}${y}`);
    expect(await page.locator('#action-pause-until').inputValue()).toBe(until);
    await tabTo(page, page.locator('#action-pause-reason'));
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#action-pause-reason').inputValue()).toBe('leave');
    await tabTo(page, page.getByRole('button', { name: 'Pause the pairing' }));
    const paused = answered(page, 'POST', `/pairings/${pairingId}/pause`);
    await page.keyboard.press('Enter');
    const response = await paused;
    expect(response.status()).toBe(202);
    expect(response.request().postDataJSON()).toEqual({ until, reason: 'leave' });
    await page.locator('#status', { hasText: 'Pause requested' }).waitFor();
    expect(await focused(page)).toBe('detail-heading');
    expect(await api(`/pairings/${pairingId}`)).toMatchObject({ status: 'paused', pausedUntilDay: until });
    expect(await page.locator('#detail-facts').innerText()).toMatch(/Paused until/);

    await tabTo(page, page.locator('#act-resume'));
    const resumed = answered(page, 'POST', `/pairings/${pairingId}/resume`);
    await page.keyboard.press('Enter');
    expect((await resumed).status()).toBe(202);
    await page.locator('#status', { hasText: 'Resume requested' }).waitFor();
    expect(await focused(page)).toBe('detail-heading');
    await h.idle();
    expect((await api(`/pairings/${pairingId}`)).status).toBe('active');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ends a pairing with a reason, with the keyboard only', async () => {
    const { page, errors } = await open(`/?programId=${programId}`);
    await holdStill(page);
    const { pairingId } = pairs[1]!;
    await openPairing(page, 1);
    await tabTo(page, page.locator('#act-end'));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('action-end-reason');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#action-end-reason').inputValue()).toBe('not-meeting');
    await tabTo(page, page.getByRole('button', { name: 'End the pairing' }));
    const ended = answered(page, 'POST', `/pairings/${pairingId}/end`);
    await page.keyboard.press('Enter');
    const response = await ended;
    expect(response.status()).toBe(202);
    expect(response.request().postDataJSON()).toEqual({ reason: 'not-meeting' });
    await page.locator('#status', { hasText: 'End requested' }).waitFor();
    expect(await focused(page)).toBe('detail-heading');
    await h.until(async () => (await api(`/pairings/${pairingId}`)).status === 'ended', 'PT6H');
    expect(await api(`/pairings/${pairingId}`)).toMatchObject({ status: 'ended', statusReason: 'not-meeting' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('rematches a pairing with the keyboard only: it ends and both go back to matching', async () => {
    const { page, errors } = await open(`/?programId=${programId}`);
    await holdStill(page);
    const { pairingId } = pairs[2]!;
    await openPairing(page, 2);
    await tabTo(page, page.locator('#act-rematch'));
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('End and find new partners');
    const ended = answered(page, 'POST', `/pairings/${pairingId}/end`);
    await page.keyboard.press('Enter');
    const response = await ended;
    expect(response.status()).toBe(202);
    expect(response.request().postDataJSON()).toEqual({ rematch: true });
    await page.locator('#status', { hasText: 'Rematch requested' }).waitFor();
    await h.until(async () => (await api(`/pairings/${pairingId}`)).status === 'ended', 'PT6H');
    expect(await api(`/pairings/${pairingId}`)).toMatchObject({ status: 'ended', statusReason: 'admin-rematch' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts a matching run with the keyboard only and shows its proposal by name, with scores, reasons and who was not matched', async () => {
    const m = lifecycleHarness();
    const cohort = await m.program({ name: `Matching cohort ${m.tag}`, reportMinGroupSize: 3 });
    const slot = [{ day: 'tue' as const, start: '09:00', end: '11:00' }];
    await m.enrol({
      programId: cohort,
      role: 'mentor',
      name: `Ana Mentor${m.tag}`,
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
      availability: slot,
    });
    await m.enrol({
      programId: cohort,
      role: 'mentee',
      name: `Xena Senior${m.tag}`,
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      availability: slot,
      department: 'Operations',
    });
    await m.enrol({
      programId: cohort,
      role: 'mentee',
      name: `Yuri Senior${m.tag}`,
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      availability: slot,
      department: 'Sales',
    });

    const { page, errors, runId } = await startRunFromConsole(cohort);
    const table = page.locator('#proposal-body table', { hasText: 'Proposed pairs' });
    await table.waitFor();
    expect(await focused(page)).toBe('proposal-heading');

    const run = await api<{ status: string; pairs: { mentorId: string; menteeId: string; score: number }[]; unmatched: { participantId: string }[] }>(
      `/programs/${cohort}/matching/${runId}`,
    );
    expect(run.status).toBe('proposed');
    const people = new Map(
      (await api<{ participantId: string; name: string }[]>(`/local/participants?programId=${cohort}`)).map((p) => [p.participantId, p.name]),
    );
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(run.pairs.length);
    run.pairs.forEach((p, i) => {
      expect(rows[i]).toContain(people.get(p.mentorId));
      expect(rows[i]).toContain(people.get(p.menteeId));
      expect(rows[i]).toContain(String(p.score));
    });
    expect(run.unmatched).toHaveLength(1);
    const unmatched = page.locator('#proposal-body table', { hasText: 'Not matched' });
    expect(await unmatched.innerText()).toContain(people.get(run.unmatched[0]!.participantId));
    expect(await axeViolations(page)).toEqual([]);
    // Approving: with the keyboard where the admin API has the route, else the page says to use the email.
    const approveRoute = await fetch(`${baseUrl}/programs/${cohort}/matching/${runId}/approve`, { method: 'OPTIONS' });
    if (approveRoute.status === 204) {
      await tabTo(page, page.getByRole('button', { name: 'Approve the proposal' }));
      const approved = answered(page, 'POST', `/programs/${cohort}/matching/${runId}/approve`);
      await page.keyboard.press('Enter');
      expect((await approved).status()).toBe(200);
      await page.locator('#status', { hasText: 'Proposal approved' }).waitFor();
      expect((await api(`/programs/${cohort}/matching/${runId}`)).status).not.toBe('proposed');
    } else {
      expect(approveRoute.status).toBe(404);
      expect(await page.locator('#proposal-body').innerText()).toContain('reply to the approval email');
      expect(await page.getByRole('button', { name: 'Approve the proposal' }).count()).toBe(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the pairs at risk by name with the reason and the suggested action, and opens one with the keyboard', async () => {
    const r = lifecycleHarness();
    const pair = await r.pair();
    await r.reply(await r.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
    await r.reply(await r.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
    type Report = { atRisk: { pairingId: string; risks: { code: string; reason: string; action: string }[] }[] };
    const atRisk = async () => (await api<Report>(`/programs/${pair.programId}/report`)).atRisk.find((x) => x.pairingId === pair.pairingId);
    // Nobody answers the check-ins: the pair misses them until the report counts it at risk.
    await r.until(async () => (await atRisk()) !== undefined, 'P1D', 90);
    const risk = (await atRisk())!;

    const { page, errors } = await open(`/?programId=${pair.programId}`);
    await holdStill(page);
    const item = page.locator('#at-risk-body li', { hasText: `Mia Mentor${r.tag} and Sam Senior${r.tag}` }).first();
    await item.waitFor();
    const text = await item.innerText();
    for (const k of risk.risks) {
      expect(text).toContain(k.reason);
      expect(text).toContain(k.action);
    }
    expect(text).not.toContain(pair.pairingId);
    await tabTo(page, page.getByRole('button', { name: `Review the pairing of Mia Mentor${r.tag} and Sam Senior${r.tag}` }));
    await page.keyboard.press('Enter');
    await page.locator('#detail-heading', { hasText: `Mia Mentor${r.tag} and Sam Senior${r.tag}` }).waitFor();
    expect(await focused(page)).toBe('detail-heading');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('feature-detects actions: OPTIONS names the methods of a route path, and a path without routes is 404', async () => {
    const pause = await fetch(`${baseUrl}/pairings/pr_anything/pause`, { method: 'OPTIONS' });
    expect(pause.status).toBe(204);
    expect(pause.headers.get('allow')?.split(', ')).toContain('POST');
    const pairing = await fetch(`${baseUrl}/pairings/pr_anything`, { method: 'OPTIONS' });
    expect(pairing.headers.get('allow')?.split(', ')).toContain('GET');
    expect((await fetch(`${baseUrl}/programs/${programId}/no-such-thing`, { method: 'OPTIONS' })).status).toBe(404);
  });

  it('reads a path that starts with // as a path of this host: 404, never the console nor another host', async () => {
    for (const path of ['//health', '//local/emails', '//127.0.0.1:1/']) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(((await res.json()) as { message: string }).message, path).toBe(`No route for GET ${path}`);
    }
  });

  it('is readable 390 (and 375) px wide without scrolling sideways, an open concern with its buttons shown, and axe finds nothing', async () => {
    // An open concern: its Acknowledge and Resolve buttons, in a table wider than the screen, carry
    // visually hidden words that once widened the page to 550 px (QA ui8).
    const concern = 'We keep missing each other and I would like some help.';
    await raiseConcern(h, pairs[0]!.mentee.email, concern);
    const narrow = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const { page, errors } = await open(`/?programId=${programId}`, narrow);
    await holdStill(page);
    await page.locator('.kpi').first().waitFor();
    const row = page.locator('#concerns-body tbody tr', { hasText: concern });
    await row.getByRole('button', { name: `Acknowledge the concern ${menteeName(0)} raised` }).waitFor();
    await row.getByRole('button', { name: `Resolve… the concern ${menteeName(0)} raised` }).waitFor();
    await openPairing(page, 0);
    await page.locator('#detail-timeline li').first().waitFor();
    const widths = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    const at390 = await widths();
    expect(at390.scroll).toBeLessThanOrEqual(at390.client);
    expect(at390.client).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 375, height: 812 });
    const at375 = await widths();
    expect(at375.scroll).toBeLessThanOrEqual(at375.client);
    expect(at375.client).toBeLessThanOrEqual(375);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await narrow.close();
  });

  it('reads only what changed: polls of the dashboard never download the mailbox, the timeline reads it from where it stopped', async () => {
    const requests: Request[] = [];
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r));
    const polled = () => page.waitForRequest((r) => new URL(r.url()).pathname === '/local/clock');
    const first = polled();
    await page.goto(`${baseUrl}/?programId=${programId}`);
    await first;
    await polled();
    await polled();
    const paths = requests.map((r) => new URL(r.url()));
    expect(paths.filter((u) => u.pathname === '/local/emails')).toEqual([]);
    expect(paths.filter((u) => ['/local/executions', '/local/events', '/local/dead-letters'].includes(u.pathname))).toEqual([]);

    // A pairing's timeline reads the mailbox from the pairing's start, then only what is new.
    await openPairing(page, 0);
    const mailPolls = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/local/emails');
    // New mail for this pairing makes the next poll read the mailbox again, from where it stopped.
    await polled();
    const next = mailPolls();
    const pausedMail = async () => (await h.emailsTo(pairs[0]!.mentor.email)).filter((e) => /is paused until/.test(e.subject)).length;
    const pausedBefore = await pausedMail();
    await fetch(`${baseUrl}/pairings/${pairs[0]!.pairingId}/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ until: dayAfter(await h.now(), 10) }),
    });
    // A new one: the earlier test's pause sent one too, and this one may wait for working hours.
    await h.until(async () => (await pausedMail()) > pausedBefore, 'PT1H');
    await next;
    const emailRequests = requests.map((r) => new URL(r.url())).filter((u) => u.pathname === '/local/emails');
    expect(emailRequests.length).toBeGreaterThanOrEqual(2);
    for (const u of emailRequests) expect(u.searchParams.get('since')).toBeTruthy();
    const created = Date.parse((await api<{ createdAt: string }>(`/pairings/${pairs[0]!.pairingId}`)).createdAt);
    expect(Date.parse(emailRequests[0]!.searchParams.get('since')!)).toBeGreaterThanOrEqual(created - 1000);
    // Each later read starts at the newest email already held.
    const [firstRead, ...later] = emailRequests;
    for (const u of later) expect(Date.parse(u.searchParams.get('since')!)).toBeGreaterThan(Date.parse(firstRead!.searchParams.get('since')!));
    await page.close();
  });
});

describe('the developer view', () => {
  it('shows the mailbox read incrementally, the executions and the clock; axe finds nothing', async () => {
    const email = `console.${process.pid}@example.com`;
    const enrolled = await fetch(`${baseUrl}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(intakeInput({ name: 'Grace Hopper', email })),
    });
    expect(enrolled.status).toBe(201);

    const requests: URL[] = [];
    const page = await context.newPage();
    page.on('request', (r) => requests.push(new URL(r.url())));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const polled = () => page.waitForRequest((r) => new URL(r.url()).pathname === '/local/clock');
    const first = polled();
    await page.goto(`${baseUrl}/dev`);
    await first;
    await expect(page.title()).resolves.toBe('Developer view: crossgen local console');
    expect(await firstHeading(page)).toBe('H1 Developer view');
    const mail = page.locator('#mailbox-body details', { hasText: email });
    await mail.waitFor();
    await polled();
    await polled();
    const mailReads = requests.filter((u) => u.pathname === '/local/emails');
    expect(mailReads.length).toBeGreaterThanOrEqual(2);
    // The whole mailbox once, at load; every later read from the newest email held.
    expect(mailReads.filter((u) => u.searchParams.get('since') === new Date(0).toISOString())).toHaveLength(1);
    expect(mailReads.every((u) => u.searchParams.get('since'))).toBe(true);
    // Only the view on screen is read.
    expect(requests.filter((u) => u.pathname.endsWith('/report') || u.pathname === '/local/pairings')).toEqual([]);

    await holdStill(page);
    expect(await mail.locator('summary').innerText()).toContain('You are enrolled in Reverse mentoring pilot');
    await mail.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await mail.locator('pre').innerText()).toContain('Hello Grace');

    const before = Date.parse((await api<{ now: string }>('/local/clock')).now);
    const moved = answered(page, 'POST', '/local/clock');
    await tabTo(page, page.getByRole('button', { name: 'Advance 1 day' }));
    await page.keyboard.press('Enter');
    expect((await moved).status()).toBe(200);
    await page.locator('#status', { hasText: 'The simulated clock moved to' }).waitFor({ state: 'attached' });
    expect(Date.parse((await api<{ now: string }>('/local/clock')).now) - before).toBeGreaterThanOrEqual(86_400_000);

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

type ReviewPair = {
  pairingId: string;
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: string[];
  reasonsFor?: { admin?: string[] };
  tradeOffs: string[];
};
type ReviewRun = {
  status: string;
  pairs: ReviewPair[];
  unmatched: { participantId: string; code: string; reason: string }[];
  changes?: { action: string; added: string[]; removed: string[] }[];
};

/**
 * Opens a proposal action form of two selects (`#action-<action>-<first>`, `#action-<action>-<second>`)
 * with the keyboard, picks both values, checks axe with the form open, submits it, and waits for
 * the answer and the status line. Returns the answer.
 */
async function submitTwoSelectForm(
  page: Page,
  opts: { action: string; fields: [string, string]; values: [string, string]; button: string; path: string; status: string },
) {
  await tabTo(page, page.locator(`#proposal-${opts.action}`));
  await page.keyboard.press('Enter');
  const [first, second] = opts.fields.map((f) => `action-${opts.action}-${f}`) as [string, string];
  expect(await focused(page)).toBe(first);
  await choose(page, page.locator(`#${first}`), opts.values[0]);
  await page.keyboard.press('Tab');
  await choose(page, page.locator(`#${second}`), opts.values[1]);
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, page.getByRole('button', { name: opts.button }));
  const answer = answered(page, 'POST', opts.path);
  await page.keyboard.press('Enter');
  const response = await answer;
  expect(response.status()).toBe(200);
  await page.locator('#status', { hasText: opts.status }).waitFor();
  expect(await focused(page)).toBe('proposal-heading');
  return response;
}

/** Picks the option whose value is `value` in the focused select, with the arrow keys only. */
async function choose(page: Page, select: Locator, value: string): Promise<void> {
  expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const target = values.indexOf(value);
  expect(target, `no option ${value}`).toBeGreaterThanOrEqual(0);
  const current = values.indexOf(await select.inputValue());
  const key = target > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
  expect(await select.inputValue()).toBe(value);
}

describe('match review in the console', () => {
  // Three mentors and three mentees, all free on Monday mornings: Ana (AI tools) suits Xena, Ben
  // (social media) suits Yuri, Cai (sustainability) suits Vera (as in test/workflows/match-review.test.ts).
  const m = lifecycleHarness();
  let cohort: string;
  let runId: string;
  const people = new Map<string, string>();
  const id: Record<'A' | 'B' | 'C' | 'X' | 'Y' | 'V', string> = { A: '', B: '', C: '', X: '', Y: '', V: '' };
  const nameOf = (participantId: string) => people.get(participantId)!;
  const key = (p: { mentorId: string; menteeId: string }) => `${nameOf(p.mentorId)} and ${nameOf(p.menteeId)}`;
  const readRun = () => api<ReviewRun>(`/programs/${cohort}/matching/${runId}`);
  const proposal = (page: Page) => page.locator('#proposal-body table', { hasText: 'Proposed pairs' });
  const path = (tail: string) => `/programs/${cohort}/matching/${runId}/${tail}`;

  beforeAll(async () => {
    cohort = await m.program({ name: `Review cohort ${m.tag}`, reportMinGroupSize: 3 });
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const enrol = async (k: keyof typeof id, role: 'mentor' | 'mentee', name: string, offered: string, wanted: string, department: string) => {
      const p = await m.enrol({
        programId: cohort,
        role,
        name: `${name}${m.tag}`,
        topicsOffered: [offered],
        topicsWanted: [wanted],
        department,
        availability: weekday,
      });
      id[k] = p.participantId;
      people.set(p.participantId, `${name}${m.tag}`);
    };
    await enrol('A', 'mentor', 'Ana Mentor', 'ai-tools', 'strategy', 'Data');
    await enrol('B', 'mentor', 'Ben Mentor', 'social-media', 'strategy', 'Marketing');
    await enrol('C', 'mentor', 'Cai Mentor', 'sustainability', 'strategy', 'Facilities');
    await enrol('X', 'mentee', 'Xena Senior', 'strategy', 'ai-tools', 'Operations');
    await enrol('Y', 'mentee', 'Yuri Senior', 'strategy', 'social-media', 'Sales');
    await enrol('V', 'mentee', 'Vera Senior', 'strategy', 'sustainability', 'Legal');
  });

  /** The page shows the API's proposal: the same pairs in the same order, each with its score and explanation. */
  async function showsRun(page: Page, run: ReviewRun): Promise<void> {
    const rows = await proposal(page).locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(run.pairs.length);
    run.pairs.forEach((p, i) => {
      const row = rows[i]!;
      expect(row).toContain(nameOf(p.mentorId));
      expect(row).toContain(nameOf(p.menteeId));
      expect(row).toContain(String(p.score));
      for (const reason of p.reasonsFor?.admin ?? p.reasons) expect(row).toContain(reason);
      for (const t of p.tradeOffs) expect(row).toContain(t);
    });
  }

  /** Opens the dashboard of the review cohort with the latest proposal shown. */
  async function openProposal(): Promise<{ page: Page; errors: string[] }> {
    const opened = await open(`/?programId=${cohort}`);
    await holdStill(opened.page);
    await proposal(opened.page).waitFor();
    return opened;
  }

  it('starts a run with the keyboard and shows its proposal with a change button for each pair; axe finds nothing', async () => {
    const started = await startRunFromConsole(cohort);
    const { page, errors } = started;
    runId = started.runId;
    await proposal(page).waitFor();
    const run = await readRun();
    expect(run.status).toBe('proposed');
    expect(run.pairs.map(key).sort()).toEqual(
      [key({ mentorId: id.A, menteeId: id.X }), key({ mentorId: id.B, menteeId: id.Y }), key({ mentorId: id.C, menteeId: id.V })].sort(),
    );
    await showsRun(page, run);
    for (const p of run.pairs) {
      expect(await page.getByRole('button', { name: `Reject the pair of ${key(p)}` }).count()).toBe(1);
      expect(await page.getByRole('button', { name: `Forbid the pair of ${key(p)}` }).count()).toBe(1);
    }
    for (const name of ['Approve the proposal', 'Swap partners…', 'Force a pair…']) expect(await page.getByRole('button', { name }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('swaps the partners of two pairs with the keyboard only: the proposal is solved again and the new pairs are explained', async () => {
    const { page, errors } = await openProposal();
    const before = await readRun();
    const ax = before.pairs.find((p) => p.mentorId === id.A)!;
    const by = before.pairs.find((p) => p.mentorId === id.B)!;
    const response = await submitTwoSelectForm(page, {
      action: 'swap',
      fields: ['first', 'second'],
      values: [ax.pairingId, by.pairingId],
      button: 'Swap their mentees',
      path: path('swap'),
      status: 'Partners swapped',
    });
    expect(response.request().postDataJSON()).toEqual({ pairIds: [ax.pairingId, by.pairingId] });

    const run = await readRun();
    expect(run.status).toBe('proposed');
    expect(run.changes?.at(-1)?.action).toBe('swap');
    const keys = run.pairs.map(key);
    expect(keys).toContain(key({ mentorId: id.A, menteeId: id.Y }));
    expect(keys).toContain(key({ mentorId: id.B, menteeId: id.X }));
    expect(keys).not.toContain(key(ax));
    expect(keys).not.toContain(key(by));
    await showsRun(page, run);
    // The swapped pair is explained again: Yuri had a better mentor than Ana.
    const ay = proposal(page).locator('tbody tr', { hasText: nameOf(id.A) });
    expect(await ay.innerText()).toContain(nameOf(id.Y));
    expect(await ay.innerText()).toMatch(new RegExp(`${nameOf(id.Y)}'s best possible score was \\d+ with another mentor`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('forces a pair with the keyboard only: it is kept and everyone else is solved again around it', async () => {
    const { page, errors } = await openProposal();
    const before = await readRun();
    const cx = { mentorId: id.C, menteeId: id.X };
    expect(before.pairs.map(key)).not.toContain(key(cx));
    const response = await submitTwoSelectForm(page, {
      action: 'force',
      fields: ['mentorId', 'menteeId'],
      values: [id.C, id.X],
      button: 'Keep this pair',
      path: path('force'),
      status: 'Pair forced',
    });
    expect(response.request().postDataJSON()).toEqual(cx);

    const run = await readRun();
    expect(run.changes?.at(-1)?.action).toBe('force');
    expect(run.pairs.map(key)).toContain(key(cx));
    // Xena left Ben for Cai: Ben is paired again (or waits), never with Xena.
    expect(run.pairs.map(key)).not.toContain(key({ mentorId: id.B, menteeId: id.X }));
    await showsRun(page, run);
    const row = proposal(page).locator('tbody tr', { hasText: nameOf(id.C) });
    expect(await row.innerText()).toContain(nameOf(id.X));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('forbids a pair with the keyboard only: the proposal is solved again without it', async () => {
    const { page, errors } = await openProposal();
    const ay = { mentorId: id.A, menteeId: id.Y };
    expect((await readRun()).pairs.map(key)).toContain(key(ay));
    await tabTo(page, page.getByRole('button', { name: `Forbid the pair of ${key(ay)}` }));
    const forbidden = answered(page, 'POST', path('forbid'));
    await page.keyboard.press('Enter');
    const response = await forbidden;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toEqual(ay);
    await page.locator('#status', { hasText: `${key(ay)} may not be paired` }).waitFor();
    expect(await focused(page)).toBe('proposal-heading');

    const run = await readRun();
    expect(run.changes?.at(-1)?.action).toBe('forbid');
    expect(run.pairs.map(key)).not.toContain(key(ay));
    // The forced pair stays.
    expect(run.pairs.map(key)).toContain(key({ mentorId: id.C, menteeId: id.X }));
    await showsRun(page, run);
    expect(await page.getByRole('button', { name: `Forbid the pair of ${key(ay)}` }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('rejects a pair with the keyboard only: both wait for a later run, and are waitlisted once the rest is approved', async () => {
    const { page, errors } = await openProposal();
    const cx = (await readRun()).pairs.find((p) => p.mentorId === id.C && p.menteeId === id.X)!;
    expect(cx).toBeDefined();
    await tabTo(page, page.getByRole('button', { name: `Reject the pair of ${key(cx)}` }));
    const rejected = answered(page, 'POST', path(`pairs/${cx.pairingId}/reject`));
    await page.keyboard.press('Enter');
    expect((await rejected).status()).toBe(200);
    await page.locator('#status', { hasText: `The pair of ${key(cx)} was rejected` }).waitFor();
    expect(await focused(page)).toBe('proposal-heading');

    const run = await readRun();
    expect(run.changes?.at(-1)?.action).toBe('reject');
    expect(run.pairs.map((p) => p.pairingId)).not.toContain(cx.pairingId);
    expect(run.unmatched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ participantId: id.C, code: 'rejected-in-review' }),
        expect.objectContaining({ participantId: id.X, code: 'rejected-in-review' }),
      ]),
    );
    await showsRun(page, run);
    const waiting = page.locator('#proposal-body table', { hasText: 'Not matched' });
    for (const who of [id.C, id.X]) {
      const row = waiting.locator('tbody tr', { hasText: nameOf(who) });
      expect(await row.innerText()).toContain(run.unmatched.find((u) => u.participantId === who)!.reason);
    }
    expect(await axeViolations(page)).toEqual([]);

    // Approve: the reviewed pairs start, the rejected two are waitlisted.
    const proposedPairs = run.pairs.map(key).sort();
    await tabTo(page, page.getByRole('button', { name: 'Approve the proposal' }));
    const approved = answered(page, 'POST', path('approve'));
    await page.keyboard.press('Enter');
    const response = await approved;
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ runId, status: 'approved' });
    await page.locator('#status', { hasText: 'Proposal approved' }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve the proposal' }).count()).toBe(0);
    await m.idle();
    expect((await readRun()).status).not.toBe('proposed');
    const pairings = await api<{ mentorId: string; menteeId: string }[]>(`/local/pairings?programId=${cohort}`);
    expect(pairings.map(key).sort()).toEqual(proposedPairs);
    const statuses = new Map(
      (await api<{ participantId: string; status: string }[]>(`/local/participants?programId=${cohort}`)).map((p) => [p.participantId, p.status]),
    );
    expect(statuses.get(id.C)).toBe('waitlisted');
    expect(statuses.get(id.X)).toBe('waitlisted');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('concerns in the console', () => {
  const c = lifecycleHarness();
  let pair: Pair;
  let concernId: string;
  const raiser = `Sam Senior${c.tag}`;
  const text = 'He cancels at the last minute and I do not dare to say it.';
  const note = 'Talked to both; they agreed a fixed slot on Mondays.';
  type Concern = { concernId: string; state: string; note?: string; text: string };
  const readConcern = () => api<Concern>(`/programs/${pair.programId}/concerns/${concernId}`);

  beforeAll(async () => {
    pair = await c.pair({ programId: await c.program({ name: `Concern cohort ${c.tag}`, reportMinGroupSize: 3 }) });
    // The mentee raises a concern through the private form linked from every email to them.
    const intro = await c.lastEmailTo(pair.mentee.email, /^Meet /);
    const link = /\/c\/[a-z2-7]{24}\.[A-Za-z0-9_-]{43}/.exec(intro.text);
    expect(link).not.toBeNull();
    const sent = await fetch(`${baseUrl}${link![0]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text }).toString(),
    });
    expect(sent.status).toBe(200);
    await c.idle();
    const { concerns } = await api<{ concerns: Concern[] }>(`/programs/${pair.programId}/concerns`);
    expect(concerns).toHaveLength(1);
    concernId = concerns[0]!.concernId;
  }, 600_000);

  it('acknowledges, then resolves with a note, with the keyboard only; the concerns API sees both; axe finds nothing', async () => {
    expect((await readConcern()).state).toBe('open');
    const { page, errors } = await open(`/?programId=${pair.programId}`);
    await holdStill(page);
    const row = page.locator('#concerns-body tbody tr', { hasText: text });
    await row.waitFor();
    expect(await row.innerText()).toContain(raiser);
    const state = row.locator('td').nth(2);
    expect(await state.innerText()).toBe('open');
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, page.getByRole('button', { name: `Acknowledge the concern ${raiser} raised` }));
    const acknowledged = answered(page, 'POST', `/concerns/${concernId}`);
    await page.keyboard.press('Enter');
    const ack = await acknowledged;
    expect(ack.status()).toBe(200);
    expect(ack.request().postDataJSON()).toEqual({ action: 'acknowledge' });
    await page.locator('#status', { hasText: `The concern ${raiser} raised is acknowledged.` }).waitFor();
    expect(await focused(page)).toBe('concerns-heading');
    expect(await readConcern()).toMatchObject({ state: 'acknowledged' });
    expect(await state.innerText()).toBe('acknowledged');
    expect(await page.getByRole('button', { name: `Acknowledge the concern ${raiser} raised` }).count()).toBe(0);

    // Resolve: the note is required; the form says so and gives the field the focus.
    await tabTo(page, page.getByRole('button', { name: `Resolve… the concern ${raiser} raised` }));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('action-resolve-note');
    await tabTo(page, page.getByRole('button', { name: 'Resolve the concern', exact: true }));
    await page.keyboard.press('Enter');
    await page.locator('#action-resolve-error', { hasText: 'Enter “What was done”.' }).waitFor();
    expect(await focused(page)).toBe('action-resolve-note');
    await page.keyboard.type(note);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, page.getByRole('button', { name: 'Resolve the concern', exact: true }));
    const resolved = answered(page, 'POST', `/concerns/${concernId}`);
    await page.keyboard.press('Enter');
    const res = await resolved;
    expect(res.status()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ action: 'resolve', note });
    await page.locator('#status', { hasText: `The concern ${raiser} raised is resolved.` }).waitFor();
    expect(await focused(page)).toBe('concerns-heading');
    expect(await readConcern()).toMatchObject({ state: 'resolved', note });
    expect(await state.innerText()).toBe('resolved');
    expect(await page.locator('#concerns-body button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says a concern an erasure closed was closed by the erasure, not resolved (QA ui8)', async () => {
    // The mentor raises one of their own, then their data is erased: the erasure resolves it.
    await raiseConcern(c, pair.mentor.email, 'I am not sure this pairing is right for me.');
    const { concerns } = await api<{ concerns: (Concern & { erased?: boolean; participantId: string })[] }>(`/programs/${pair.programId}/concerns`);
    const theirs = concerns.find((x) => x.participantId === pair.mentor.participantId)!;
    expect(theirs.state).toBe('open');
    expect((await fetch(`${baseUrl}/participants/${pair.mentor.participantId}/erase`, { method: 'POST' })).status).toBe(200);
    await c.idle();
    expect(await api(`/programs/${pair.programId}/concerns/${theirs.concernId}`)).toMatchObject({ state: 'resolved', erased: true });

    const { page, errors } = await open(`/?programId=${pair.programId}`);
    await holdStill(page);
    const rows = page.locator('#concerns-body tbody tr');
    await rows.nth(1).waitFor();
    const cells = await Promise.all((await rows.all()).map((r) => r.locator('td').allInnerTexts()));
    const byErased = cells.filter((r) => r[0] === 'An erased participant');
    expect(byErased).toHaveLength(1);
    expect(byErased[0]![2]).toBe('closed by an erasure');
    // Nothing is left to do about it.
    expect(byErased[0]![5]).toBe('');
    // The mentee's own case is theirs, not closed by the erasure (resolved by an admin, above).
    expect(cells.find((r) => r[3] === text)?.[2]).not.toBe('closed by an erasure');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the console says what the records hold', () => {
  const post = (path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const erase = async (participantId: string) => expect((await post(`/participants/${participantId}/erase`)).status).toBe(200);

  /** Opens the pairing whose Open button is named `pair` (“X and Y”) with the keyboard. */
  async function openNamed(page: Page, pair: string): Promise<void> {
    await tabTo(page, page.getByRole('button', { name: `Open the pairing of ${pair}`, exact: true }));
    await page.keyboard.press('Enter');
    await page.locator('#detail-heading', { hasText: pair }).waitFor();
    expect(await focused(page)).toBe('detail-heading');
  }

  it('offers no Pause while a pairing waits for both to accept, and the admin API refuses one with 409', async () => {
    const x = lifecycleHarness();
    const pair = await x.pair({ programId: await x.program({ name: `Waiting cohort ${x.tag}`, reportMinGroupSize: 3 }) });
    expect((await api(`/pairings/${pair.pairingId}`)).status).toBe('introduced');
    const { page, errors } = await open(`/?programId=${pair.programId}`);
    await holdStill(page);
    const name = `Mia Mentor${x.tag} and Sam Senior${x.tag}`;
    await openNamed(page, name);
    const actions = page.getByRole('group', { name: `Actions for ${name}` });
    await actions.waitFor();
    expect(await actions.getByRole('button').allInnerTexts()).toEqual(['End…', 'Rematch…']);

    // Asked anyway, the admin API says why, and nothing is recorded for the workflow to ignore.
    const refused = await post(`/pairings/${pair.pairingId}/pause`, {});
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; issues: unknown[] };
    expect(body.error).toMatch(/has not started yet \(introduced: both must accept first\)/);
    expect(body.issues).toEqual([{ field: 'pairingId', message: 'is introduced' }]);
    await x.idle();
    const { pairing, audit } = await x.pairing(pair.pairingId);
    expect(pairing.controls).toBeUndefined();
    expect(audit.map((a) => a.kind)).not.toContain('control-ignored');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says who answered a check-in and what: a NO and a plain YES are answers', async () => {
    const x = lifecycleHarness();
    const pair = await x.pair({ programId: await x.program({ name: `Check-in cohort ${x.tag}`, reportMinGroupSize: 3 }) });
    await x.reply(await x.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
    await x.reply(await x.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
    await x.reply(await x.nextEmail(pair.mentor.email, /^Check-in:/), 'NO');
    await x.reply(await x.received(pair.mentee.email, /^Check-in:/), 'YES');
    await x.until(async () => (await x.pairing(pair.pairingId)).checkIns.length > 0, 'PT1H');
    const [checkIn] = (await x.pairing(pair.pairingId)).checkIns;
    expect(checkIn).toMatchObject({ met: true, mentor: { intent: 'no' }, mentee: { intent: 'yes' } });
    expect(checkIn.mentee.rating).toBeUndefined();

    const { page, errors } = await open(`/?programId=${pair.programId}`);
    await holdStill(page);
    await openNamed(page, `Mia Mentor${x.tag} and Sam Senior${x.tag}`);
    const line = page.locator('#detail-timeline li', { hasText: 'Check-in: they met' });
    await line.waitFor();
    const text = await line.innerText();
    expect(text).toContain(`Check-in: they met; Mia Mentor${x.tag} said they did not meet, Sam Senior${x.tag} said they met.`);
    expect(text).not.toContain('did not answer');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names an erased participant as such: in the table, the Open button, the heading, the facts and the timeline', async () => {
    const x = lifecycleHarness();
    const pair = await x.pair({ programId: await x.program({ name: `Erasure cohort ${x.tag}`, reportMinGroupSize: 3 }) });
    await erase(pair.mentee.participantId);
    await x.idle();
    const people = await api<{ participantId: string; name: string }[]>(`/local/participants?programId=${pair.programId}`);
    expect(people.find((p) => p.participantId === pair.mentee.participantId)?.name).toBe('');

    const { page, errors } = await open(`/?programId=${pair.programId}`);
    await holdStill(page);
    const row = page.locator('#pairings-body tbody tr').first();
    await row.waitFor();
    expect((await row.locator('td').allInnerTexts()).slice(1, 3)).toEqual([`Mia Mentor${x.tag}`, 'An erased participant']);
    const name = `Mia Mentor${x.tag} and an erased participant`;
    await openNamed(page, name);
    expect(await page.locator('#detail-heading').innerText()).toBe(name);
    expect(await page.locator('#detail-facts').innerText()).toMatch(/Mentee\s+An erased participant/);
    const timeline = page.locator('#detail-timeline');
    await timeline.locator('li', { hasText: 'were introduced' }).waitFor();
    const story = await timeline.innerText();
    expect(story).toContain(`Mia Mentor${x.tag} (mentor) was paired with an erased participant (mentee).`);
    expect(story).toContain(`${name} were introduced`);
    expect(story).not.toMatch(/ and (were|\.)| with \(mentee\)/);
    // The introductions went out before the erasure: the mailbox keeps the erased person's address,
    // and subjects name the partner ("Meet Sam, …"). Neither is shown.
    const emails = await timeline.locator('li', { has: page.locator('.kind-email') }).allInnerTexts();
    expect(emails.length).toBeGreaterThanOrEqual(2);
    for (const line of emails)
      expect(line).toMatch(/An email \(subject withheld: it may name an erased participant\) to (an erased participant|Mia Mentor\S*)\.$/);
    expect(emails.some((l) => l.endsWith('to an erased participant.'))).toBe(true);
    expect(story).not.toContain(pair.mentee.email);
    expect(story).not.toMatch(/\bSam\b|@/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives a pairing a start date only once both accepted: introduced is not started', async () => {
    const x = lifecycleHarness();
    const pair = await x.pair({ programId: await x.program({ name: `Start cohort ${x.tag}`, reportMinGroupSize: 3 }) });
    const introduced = (await x.pairing(pair.pairingId)).pairing;
    expect(introduced).toMatchObject({ status: 'introduced' });
    expect(introduced.startedAt).toBeDefined();
    const startedCell = async () => {
      const { page, errors } = await open(`/?programId=${pair.programId}`);
      await holdStill(page);
      const row = page.locator('#pairings-body tbody tr').first();
      await row.waitFor();
      const headers = await page.locator('#pairings-body thead th').allInnerTexts();
      const cell = (await row.locator('th, td').allInnerTexts())[headers.indexOf('Started')]!;
      expect(errors).toEqual([]);
      await page.close();
      return cell;
    };
    expect(await startedCell()).toBe('—');

    await x.reply(await x.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
    await x.reply(await x.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
    await x.until(async () => (await x.pairing(pair.pairingId)).pairing.status === 'active', 'PT1H');
    const { acceptedAt } = (await x.pairing(pair.pairingId)).pairing;
    const started = await startedCell();
    expect(started).not.toBe('—');
    expect(started).toContain(String(acceptedAt).slice(0, 4));
  });

  it('says what became of a run: a pair that could not start, with its reason; a run with nobody to match is no approval', async () => {
    const m = lifecycleHarness();
    const cohort = await m.program({ name: `Outcome cohort ${m.tag}`, reportMinGroupSize: 3 });
    const slot = [{ day: 'tue' as const, start: '09:00', end: '11:00' }];
    const enrol = (role: 'mentor' | 'mentee', name: string, offered: string, wanted: string, department: string) =>
      m.enrol({ programId: cohort, role, name: `${name}${m.tag}`, topicsOffered: [offered], topicsWanted: [wanted], department, availability: slot });
    await enrol('mentor', 'Ana Mentor', 'ai-tools', 'strategy', 'Data');
    await enrol('mentor', 'Ben Mentor', 'social-media', 'strategy', 'Marketing');
    const xena = await enrol('mentee', 'Xena Senior', 'strategy', 'ai-tools', 'Operations');
    await enrol('mentee', 'Yuri Senior', 'strategy', 'social-media', 'Sales');

    const { page, errors, runId } = await startRunFromConsole(cohort);
    await page.locator('#proposal-body table', { hasText: 'Proposed pairs' }).waitFor();
    type Run = { status: string; pairs: { mentorId: string; menteeId: string; notStarted?: string }[] };
    expect((await api<Run>(`/programs/${cohort}/matching/${runId}`)).pairs).toHaveLength(2);
    // Xena leaves the program before the approval: her pair cannot start.
    await erase(xena.participantId);
    await m.idle();
    await page.locator('#refresh').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#proposal-body').innerText(), { timeout: 120_000 }).not.toContain(`Xena Senior${m.tag}`);
    await tabTo(page, page.getByRole('button', { name: 'Approve the proposal' }));
    const approved = answered(page, 'POST', `/programs/${cohort}/matching/${runId}/approve`);
    await page.keyboard.press('Enter');
    expect((await approved).status()).toBe(200);
    await page.locator('#status', { hasText: 'Proposal approved' }).waitFor();

    const run = await api<Run>(`/programs/${cohort}/matching/${runId}`);
    expect(run.status).toBe('completed');
    const failed = run.pairs.filter((p) => p.notStarted);
    expect(failed.map((p) => p.menteeId)).toEqual([xena.participantId]);
    expect(await page.locator('#status').innerText()).toContain('1 pair is introduced by email; 1 pair could not start');
    expect(await page.locator('#proposal-heading').innerText()).toBe('Latest run: Approved: 1 pair was introduced, 1 pair could not start');
    const rows = page.locator('#proposal-body table', { hasText: 'Proposed pairs' }).locator('tbody tr');
    const notStarted = await rows.filter({ hasNotText: `Yuri Senior${m.tag}` }).innerText();
    expect(notStarted).toContain(`Did not start: ${failed[0]!.notStarted}`);
    expect(notStarted).toContain('An erased participant');
    expect(await rows.filter({ hasText: `Yuri Senior${m.tag}` }).innerText()).toContain('Introduced');
    expect(await page.locator('#proposal-body').innerText()).not.toContain('Everyone was matched.');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();

    // A program nobody has joined yet: its run proposes nothing and nobody approved anything.
    const nobody = await m.program({ name: `Empty cohort ${m.tag}`, reportMinGroupSize: 3 });
    const empty = await startRunFromConsole(nobody);
    const heading = empty.page.locator('#proposal-heading', { hasText: 'No pair to propose' });
    await heading.waitFor();
    expect(await heading.innerText()).toBe('Latest run: No pair to propose: nobody was waiting to be matched');
    const said = await empty.page.locator('#proposal-body').innerText();
    expect(said).toContain('Nobody was waiting to be matched.');
    expect(said).not.toMatch(/Approved|Everyone was matched/);
    expect(empty.errors).toEqual([]);
    await empty.page.close();
  });

  it('shows skills per role and topic, withheld figures with the report’s own reason, months in words, and the clock in the program’s zone from the start', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Every text the clock shows, from the first.
    await page.addInitScript(() => {
      const texts: string[] = [];
      (window as unknown as { clockTexts: string[] }).clockTexts = texts;
      new MutationObserver(() => {
        // A time (the page's own "loading…" before it is not one).
        const text = document.getElementById('clock-now')?.textContent ?? '';
        if (/\d{4}/.test(text) && text !== texts.at(-1)) texts.push(text);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    // The report as the API answers it, with figures this cohort does not have yet (docs/admin-api.md, The report).
    const byDifference = { withheld: true, reason: 'fewer than 3 people could be worked out by difference' };
    const few = { withheld: true, reason: 'fewer than 3 people' };
    await page.route(
      (url) => url.pathname === `/programs/${programId}/report`,
      async (route) => {
        const response = await route.fetch();
        const report = (await response.json()) as Record<string, unknown>;
        await route.fulfill({
          response,
          json: {
            ...report,
            skills: [
              { role: 'mentee', topic: 'ai-tools', label: 'AI tools', people: 4, averageBaseline: 2, averageLatest: 3.5, averageChange: 1.5 },
              { role: 'mentor', topic: 'strategy', label: 'Strategy', people: 2, averageBaseline: few, averageLatest: few, averageChange: few },
            ],
            objectives: [
              {
                text: 'Mentees gain a point in AI tools',
                measure: 'skill-change',
                topic: 'ai-tools',
                target: 1,
                value: byDifference,
                met: null,
                status: 'withheld',
              },
              { text: 'Most pairs complete', measure: 'completion-rate', target: 0.8, value: few, met: null, status: 'withheld' },
            ],
            retention: { stayed: 30, left: 2, withdrawn: 1, suppressed: 1, rate: 0.882 },
            trend: [
              { month: '2027-01', checkInsHeld: 3, checkInsMissed: 0, answerRate: 0.75, retentionRate: 1, netPromoterScore: few },
              { month: '2027-02', checkInsHeld: 4, checkInsMissed: 1, answerRate: 0.8, retentionRate: 1, netPromoterScore: 20 },
            ],
          },
        });
      },
    );
    await page.goto(`${baseUrl}/?programId=${programId}`);
    await holdStill(page);

    const skills = page.locator('#breakdown-body table', { hasText: 'Skills' });
    await skills.waitFor();
    expect(await skills.locator('thead th').allInnerTexts()).toEqual(['Topic', 'Role', 'People', 'Baseline → latest (change)']);
    const rows = (await skills.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    expect(rows).toEqual([
      ['AI tools', 'Mentees', '4', '2.0 → 3.5 out of 5 (+1.5 points)'],
      ['Strategy', 'Mentors', '—', 'Withheld (fewer than 3 people)'],
    ]);
    expect(await skills.innerText()).not.toMatch(/undefined|Not measured yet/);

    const objectives = (await page.locator('#objectives-body tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    expect(objectives.map((r) => r[3])).toEqual(['Withheld (fewer than 3 people could be worked out by difference)', 'Withheld (fewer than 3 people)']);

    // Each way of going counted apart, as the report counts them (QA hr7: a withdrawal read as "left").
    expect(await page.locator('.kpi', { hasText: 'Retention' }).innerText()).toContain(
      '30 stayed; 1 withdrew, 2 left the organisation, 1 could not be reached by email',
    );

    // The month-by-month pairs measure is not titled like the key figure 'Retention', which counts people.
    expect(await page.locator('#trend-body figcaption').allInnerTexts()).toEqual([
      'Check-ins held',
      'Answer rate',
      'Pairs still running',
      'Net Promoter Score',
    ]);
    const nps = page.locator('#trend-body svg desc').nth(3);
    expect(await nps.textContent()).toMatch(/^2 months from Jan 2027 to Feb 2027\. .* 1 month has no figure or is withheld\.$/);

    const clock = await page.evaluate(() => (window as unknown as { clockTexts: string[] }).clockTexts);
    expect(clock.length).toBeGreaterThan(0);
    for (const text of clock) expect(text).toMatch(/GMT-[45]/);
    expect(errors).toEqual([]);
    await page.close();
  });

  // Last in the file: it moves the shared clock on by weeks.
  it('says a review and a check-in nobody answered as such: no answers, never "recorded" nor "did not meet" (QA ui8)', async () => {
    const x = lifecycleHarness();
    const lifecycle = { durationMonths: 2, checkInCadenceDays: 14, milestoneDays: [7], checkInAnswerWindowDays: 2 };
    const pair = await x.pair({ programId: await x.program({ name: `Quiet cohort ${x.tag}`, reportMinGroupSize: 3, lifecycle }) });
    await x.reply(await x.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
    await x.reply(await x.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
    // Nobody answers the Day 7 review nor the first check-in (day 14).
    await x.until(async () => (await x.pairing(pair.pairingId)).checkIns.length > 0, 'P1D', 40);
    const { audit, checkIns } = await x.pairing(pair.pairingId);
    expect(audit.find((a) => a.kind === 'review')?.detail).toMatchObject({ answered: 0 });
    expect(checkIns[0]).toMatchObject({ met: false, mentor: { answered: false }, mentee: { answered: false } });

    const { page, errors } = await open(`/?programId=${pair.programId}`);
    await holdStill(page);
    await openNamed(page, `Mia Mentor${x.tag} and Sam Senior${x.tag}`);
    const timeline = page.locator('#detail-timeline');
    await timeline.locator('li', { has: page.locator('.kind-check-in') }).waitFor();
    const lines = await timeline.locator('li').allInnerTexts();
    // The audit names the round only by its kind today; with its label it says "The Day 7 review".
    expect(lines.some((l) => /(A milestone review|The Day 7 review) closed with no answers\.$/.test(l))).toBe(true);
    expect(lines.some((l) => l.endsWith('Check-in: nobody answered the check-in.'))).toBe(true);
    expect(lines.some((l) => l.endsWith('Check-in 1 counted as missed.'))).toBe(true);
    const story = lines.join('\n');
    expect(story).not.toContain('was recorded');
    expect(story).not.toContain('did not meet');
    expect(errors).toEqual([]);
    await page.close();
  });
});
