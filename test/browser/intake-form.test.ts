import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { listParticipants } from '../../functions/adapters/participants';
import { putProgram } from '../../functions/adapters/programs';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../functions/domain/program';
import { handler } from '../../functions/intake-api';
import { startIntakeCloud, type IntakeCloud } from '../integration/intake/dynamo-local';
import { httpEvent, lambdaContext } from '../integration/intake/lambda-events';

let cloud: IntakeCloud;
let server: Server;
let baseUrl: string;
let browser: Browser;

/** The intake handler behind a plain HTTP server, as API Gateway would call it. */
function serveIntake(): Promise<Server> {
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const event = httpEvent(req.method ?? 'GET', req.url ?? '/', { body: body.length ? body.toString('utf8') : undefined, contentType: req.headers['content-type'] });
      void (handler(event, lambdaContext()) as Promise<APIGatewayProxyStructuredResultV2>).then((result) => {
        res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body);
      });
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

beforeAll(async () => {
  cloud = await startIntakeCloud();
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
  server = await serveIntake();
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await cloud?.stop();
});

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until the element has focus: proves it is reachable by keyboard. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedId(page)) === id) return;
  }
  throw new Error(`#${id} cannot be reached with the Tab key`);
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (nonce-only scripts) stays on.
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the intake form', () => {
  it('says so, and shows no form, when the program in the address does not exist', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/intake?programId=nope`);
    await page.locator('#notice').waitFor({ state: 'visible' });
    expect(await page.textContent('#notice-text')).toBe('There is no program "nope". Check the link, or ask the program admin for the right one.');
    expect(await page.isHidden('#intake')).toBe(true);
    await page.close();
  });

  it('is filled, corrected and submitted with the keyboard alone, and axe finds no violations', async () => {
    const page = await browser.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    // CSP refusals arrive as console errors; the browser's own favicon request (404) is not ours.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && scriptErrors.push(m.text()));
    const loaded = await page.goto(`${baseUrl}/intake?programId=pilot`);
    expect(loaded?.status()).toBe(200);
    // The page is public; the program's name and topics arrive from the protected route.
    await page.locator('#topicsWanted-ai-tools').waitFor();
    expect(await page.textContent('h1')).toBe('Enrol a participant in Reverse mentoring pilot');
    expect(await axeViolations(page)).toEqual([]);

    await typeInto(page, 'name', 'Ada Lovelace');
    await typeInto(page, 'email', 'ada@');
    await tabTo(page, 'role-mentor');
    await page.keyboard.press('Space');
    await typeInto(page, 'department', 'Finance');
    await typeInto(page, 'location', 'London');
    await typeInto(page, 'timeZone', 'Europe/London');
    await tabTo(page, 'topicsOffered-ai-tools');
    await page.keyboard.press('Space');
    await tabTo(page, 'availability-0-day');
    await page.keyboard.type('Monday');
    await typeInto(page, 'availability-0-start', '11:00');
    await typeInto(page, 'availability-0-end', '09:00');
    await typeInto(page, 'languages', 'en; fr');
    await typeInto(page, 'goals', 'Help a leader get fluent with AI tools');
    await tabTo(page, 'consent-dataProcessing');
    await page.keyboard.press('Space');
    await tabTo(page, 'consent-shareProgressWithManager-yes');
    await page.keyboard.press('ArrowDown'); // moves to and selects "No"
    await tabTo(page, 'submit');
    await page.keyboard.press('Enter');

    await page.locator('#summary').waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('summary');
    const links = await page.locator('#summary a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
    expect(links).toEqual([
      { href: '#email', text: 'Work email: must be a valid email address' },
      { href: '#topicsWanted-digital-fluency', text: 'Topics wanted: must list at least one topic' },
      { href: '#availability-0-end', text: 'Window 1: until (HH:MM): must end after it starts' },
    ]);
    const email = page.locator('#email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('email-error');
    expect(await page.locator('#email-error').textContent()).toBe('must be a valid email address');
    expect(await axeViolations(page)).toEqual([]);

    // From the summary, each link takes the keyboard to its field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('email');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('ada@example.com');
    await tabTo(page, 'topicsWanted-strategy');
    await page.keyboard.press('Space');
    await typeInto(page, 'availability-0-end', '12:00');
    await tabTo(page, 'submit');
    await page.keyboard.press('Enter');

    const confirmation = page.locator('#confirmation');
    await confirmation.waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('confirmation');
    expect(await confirmation.textContent()).toMatch(/^Enrolled\. Participant id pt_[a-z2-7]{20}\. A confirmation email is on its way/);
    expect(await page.locator('#summary').isHidden()).toBe(true);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);

    const [stored] = await listParticipants('pilot');
    expect(stored).toMatchObject({
      email: 'ada@example.com',
      role: 'mentor',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
      availability: [{ day: 'mon', start: '11:00', end: '12:00' }],
      languages: ['en', 'fr'],
      consent: { dataProcessing: true, shareProgressWithManager: false },
    });
    await page.close();
  });
});
