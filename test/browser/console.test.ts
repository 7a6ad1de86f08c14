import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { intakeInput } from '../fixtures/intake/participants';

const { baseUrl } = inject('cloud');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function axeViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol, so the page's nonce-only CSP stays in force.
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const simulatedNow = async (): Promise<number> => Date.parse(((await (await fetch(`${baseUrl}/local/clock`)).json()) as { now: string }).now);

describe('the local console', () => {
  it('shows an enrolled participant and their email, advances the clock, and axe finds no violations', async () => {
    const email = `console.${process.pid}@example.com`;
    const enrolled = await fetch(`${baseUrl}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(intakeInput({ name: 'Grace Hopper', email })),
    });
    expect(enrolled.status).toBe(201);

    const page = await browser.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) scriptErrors.push(m.text());
    });
    const response = await page.goto(`${baseUrl}/?programId=pilot`); // other files add programs that sort first
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('crossgen local console');
    // The page redraws every 5 s, which would close an opened email under the test's hands: from
    // here on it changes only when the test acts, and each wait below is for the answer to an act.
    await page.locator('#auto-refresh').uncheck();

    const participantRow = page.locator('#participants-body tr', { hasText: email });
    await participantRow.waitFor();
    expect(await participantRow.innerText()).toMatch(/Grace Hopper\s+mentor\s+Finance/);
    const mail = page.locator('#mailbox-body details', { hasText: email });
    await mail.waitFor();
    expect(await mail.locator('summary').innerText()).toContain('You are enrolled in Reverse mentoring pilot');

    // The mailbox opens with the keyboard and shows the plain-text body.
    await mail.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await mail.locator('pre').innerText()).toContain('Hello Grace');

    const before = await simulatedNow();
    const shown = await page.locator('#clock-now').getAttribute('datetime');
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/local/clock');
    await page.getByRole('button', { name: 'Advance 1 day' }).click();
    expect((await answered).status()).toBe(200);
    // The page then redraws and reports the move; the message stays until the next click.
    await page.locator('#status', { hasText: 'The simulated clock moved to' }).waitFor({ state: 'attached' });
    const after = await simulatedNow();
    expect(after - before).toBeGreaterThanOrEqual(86_400_000);
    const shownAfter = await page.locator('#clock-now').getAttribute('datetime');
    expect(Date.parse(shownAfter!) - Date.parse(shown!)).toBeGreaterThanOrEqual(86_400_000);

    expect(await axeViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
    await page.close();
  });
});
