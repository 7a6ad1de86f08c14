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
      // The headers a browser sends that the intake judges: where the post comes from and what answer it wants.
      const headers: Record<string, string> = {};
      for (const name of ['host', 'origin', 'accept', 'sec-fetch-site']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
      const event = httpEvent(req.method ?? 'GET', req.url ?? '/', {
        body: body.length ? body.toString('utf8') : undefined,
        contentType: req.headers['content-type'],
        headers,
      });
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

/** Types a time into a time input as a person does (Debian's Chromium shows 12-hour fields: hours, minutes, AM/PM). */
async function typeTime(page: Page, id: string, hhmm: string): Promise<void> {
  await tabTo(page, id);
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  await page.keyboard.type(`${String(h % 12 === 0 ? 12 : h % 12).padStart(2, '0')}${String(m).padStart(2, '0')}${h < 12 ? 'AM' : 'PM'}`);
  expect(await page.inputValue(`#${id}`)).toBe(hhmm);
}

/** The participant's first answers, with three mistakes: an incomplete email, no topic wanted, a window ending before it starts. */
async function fillWithMistakes(page: Page): Promise<void> {
  await typeInto(page, 'name', 'Ada Lovelace');
  await typeInto(page, 'email', 'ada@');
  await tabTo(page, 'role-mentor');
  await page.keyboard.press('Space');
  await typeInto(page, 'department', 'Finance');
  await typeInto(page, 'location', 'London');
  await tabTo(page, 'topicsOffered-ai-tools');
  await page.keyboard.press('Space');
  await tabTo(page, 'availability-0-day');
  await page.keyboard.type('Monday');
  await typeTime(page, 'availability-0-start', '11:00');
  await typeTime(page, 'availability-0-end', '09:00');
  await tabTo(page, 'languages-en');
  await page.keyboard.press('Space');
  await tabTo(page, 'languages-fr');
  await page.keyboard.press('Space');
  await typeInto(page, 'goals', 'Help a leader get fluent with AI tools');
  await tabTo(page, 'consent-dataProcessing');
  await page.keyboard.press('Space');
  await tabTo(page, 'consent-shareProgressWithManager-yes');
  await page.keyboard.press('ArrowDown'); // moves to and selects "No"
}

const summaryLinks = (page: Page) => page.locator('#summary a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));

/** axe needs a script; a page shown without JavaScript is checked as the same markup, its script removed, in a page that runs scripts. */
async function axeViolationsWithoutScript(page: Page): Promise<string[]> {
  const markup = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  const checker = await browser.newPage();
  try {
    await checker.setContent(markup);
    return await axeViolations(checker);
  } finally {
    await checker.close();
  }
}

describe('the intake form', () => {
  it('is filled, corrected and submitted with the keyboard alone, and axe finds no violations', async () => {
    // A browser in Singapore: the form picks its time zone.
    const context = await browser.newContext({ timezoneId: 'Asia/Singapore' });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    // CSP refusals arrive as console errors; the browser's own favicon request (404) is not ours.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && scriptErrors.push(m.text()));
    const loaded = await page.goto(`${baseUrl}/intake?programId=pilot`);
    expect(loaded?.status()).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.inputValue('#timeZone')).toBe('Asia/Singapore');

    await fillWithMistakes(page);
    // A mentor offers mentor topics and wants mentee topics: the others are not shown.
    expect(await page.isVisible('#topicsOffered-ai-tools')).toBe(true);
    expect(await page.isVisible('#topicsOffered-strategy')).toBe(false);
    expect(await page.isVisible('#topicsWanted-strategy')).toBe(true);
    expect(await page.isVisible('#topicsWanted-ai-tools')).toBe(false);
    await tabTo(page, 'submit');
    await page.keyboard.press('Enter');

    await page.locator('#summary').waitFor({ state: 'visible' });
    // The first wrong field has the focus; the summary (role="alert") is announced and lists each problem in plain words.
    expect(await focusedId(page)).toBe('email');
    expect(await page.textContent('#summary-text')).toBe('The participant was not enrolled. Correct the 3 answers below and submit again.');
    expect(await summaryLinks(page)).toEqual([
      { href: '#email', text: 'Work email: Enter an email address like name@company.com.' },
      { href: '#topicsWanted-strategy', text: 'Topics wanted: Choose at least one topic the participant wants to learn about.' },
      { href: '#availability-0-end', text: 'Window 1: until: Choose an end time later than the start time.' },
    ]);
    expect(await page.textContent('#summary')).not.toMatch(/availability\.|topicsWanted|\(body\)|\bmust\b/);
    const email = page.locator('#email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('email-error');
    expect(await page.locator('#email-error').textContent()).toBe('Enter an email address like name@company.com.');
    expect(await axeViolations(page)).toEqual([]);

    // Each link of the summary takes the keyboard to its field.
    await page.focus('#summary a[href="#topicsWanted-strategy"]');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('topicsWanted-strategy');
    await tabTo(page, 'email');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('ada@example.com');
    await tabTo(page, 'topicsWanted-strategy');
    await page.keyboard.press('Space');
    await typeTime(page, 'availability-0-end', '12:00');
    await tabTo(page, 'submit');
    await page.keyboard.press('Enter');

    const confirmation = page.locator('#confirmation');
    await confirmation.waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('confirmation');
    expect(await page.textContent('#confirmation h2')).toBe('Ada Lovelace is enrolled');
    expect(await confirmation.textContent()).toMatch(
      /Ada Lovelace is enrolled in Reverse mentoring pilot as a mentor .*What happens next: .*Ada then gets an email introducing their partner/,
    );
    expect(await page.locator('#summary').isHidden()).toBe(true);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    expect(await page.inputValue('#timeZone')).toBe('Asia/Singapore');
    expect(await axeViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);

    const stored = (await listParticipants('pilot')).find((p) => p.email === 'ada@example.com');
    expect(stored).toMatchObject({
      role: 'mentor',
      timeZone: 'Asia/Singapore',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
      availability: [{ day: 'mon', start: '11:00', end: '12:00' }],
      languages: ['en', 'fr'],
      consent: { dataProcessing: true, shareProgressWithManager: false },
    });
    await context.close();
  });

  it('is submitted and corrected without JavaScript, and the server answers with pages axe finds no violations in', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/intake?programId=pilot`);
    await page.fill('#name', 'Grace Hopper');
    await page.fill('#email', 'grace@');
    await page.check('#role-mentee');
    await page.fill('#department', 'Operations');
    await page.fill('#location', 'New York');
    await page.check('#topicsOffered-strategy');
    await page.check('#topicsWanted-ai-tools');
    await page.selectOption('#availability-1-day', 'tue');
    await page.fill('#availability-1-start', '15:00');
    await page.fill('#availability-1-end', '14:00');
    await page.check('#languages-en');
    await page.fill('#languages-other', 'qq');
    await page.fill('#goals', 'Use AI tools with my team');
    await page.check('#consent-dataProcessing');
    await page.check('#consent-shareProgressWithManager-yes');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#submit')]);
    await page.waitForLoadState();
    expect(refused.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: Enrol a participant/);
    // The browser applies autofocus at its next rendering after the load, not at once: waited for,
    // so that a busy machine does not read the body's focus first (the assertion below still decides).
    await page.waitForFunction(() => document.activeElement?.id === 'email').catch(() => undefined);
    expect(await focusedId(page)).toBe('email');
    expect(await summaryLinks(page)).toEqual([
      { href: '#email', text: 'Work email: Enter an email address like name@company.com.' },
      { href: '#timeZone', text: 'Time zone: Choose the time zone the participant works in.' },
      { href: '#availability-1-end', text: 'Window 2: until: Choose an end time later than the start time.' },
      {
        href: '#languages-other',
        text: 'Other languages: \u201cqq\u201d is not a language code we know: write codes such as en, fr or pt-BR, separated by semicolons, or tick the language in the list.',
      },
    ]);
    // What was typed is still there.
    expect(await page.inputValue('#name')).toBe('Grace Hopper');
    expect(await page.isChecked('#topicsWanted-ai-tools')).toBe(true);
    expect(await page.inputValue('#availability-1-start')).toBe('15:00');
    expect(await page.getAttribute('#availability-1-end', 'aria-invalid')).toBe('true');
    expect(await axeViolationsWithoutScript(page)).toEqual([]);

    await page.fill('#email', 'grace@example.com');
    await page.selectOption('#timeZone', 'America/New_York');
    await page.fill('#availability-1-end', '16:00');
    await page.fill('#languages-other', '');
    const [accepted] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#submit')]);
    await page.waitForLoadState();
    expect(accepted.status()).toBe(201);
    expect(await page.textContent('h1')).toBe('Grace Hopper is enrolled');
    expect(await page.textContent('#confirmation')).toMatch(
      /as a mentee \(senior leader\)\. A confirmation email is on its way to grace@example\.com.*What happens next/,
    );
    expect(await page.getAttribute('#enrol-another', 'href')).toBe('/intake?programId=pilot');
    expect(await axeViolationsWithoutScript(page)).toEqual([]);

    const stored = (await listParticipants('pilot')).find((p) => p.email === 'grace@example.com');
    expect(stored).toMatchObject({
      role: 'mentee',
      timeZone: 'America/New_York',
      availability: [{ day: 'tue', start: '15:00', end: '16:00' }],
      languages: ['en'],
    });
    await context.close();
  });
  it('says what happened and what to do for a 429, a server error and a 409, in plain words, keeping what was typed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/intake?programId=pilot`);
    const fill = async (department: string) => {
      await page.fill('#name', 'Lin Conflict');
      await page.fill('#email', 'lin.conflict@example.com');
      await page.check('#role-mentor');
      await page.fill('#department', department);
      await page.fill('#location', 'Leeds');
      await page.selectOption('#timeZone', 'Europe/London');
      await page.check('#topicsWanted-strategy');
      await page.selectOption('#availability-0-day', 'wed');
      await page.fill('#availability-0-start', '10:00');
      await page.fill('#availability-0-end', '11:00');
      await page.check('#languages-en');
      await page.fill('#goals', 'Share what I know about AI tools');
      await page.check('#consent-dataProcessing');
      await page.check('#consent-shareProgressWithManager-no');
    };
    const submit = async () => {
      await page.click('#submit');
      await page.locator('#summary:not([hidden]), #confirmation:not([hidden])').first().waitFor();
    };
    await fill('Finance');
    // API Gateway's throttling answer, then a gateway error that is not even JSON.
    for (const [answer, sentence] of [
      [
        { status: 429, contentType: 'application/json', body: '{"message":"Too Many Requests"}' },
        'Too many forms are being sent right now, so this one was not taken and the participant was not enrolled. Wait a minute, then submit again: what you typed is still in the form.',
      ],
      [
        { status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' },
        /^Something went wrong on our side, so it is not known whether the participant was enrolled\./,
      ],
    ] as const) {
      await page.route('**/participants', (route) => route.fulfill(answer));
      await submit();
      expect(await page.textContent('#summary-text')).toMatch(sentence);
      expect(await focusedId(page)).toBe('summary');
      expect(await page.inputValue('#name')).toBe('Lin Conflict');
      expect(await page.isChecked('#topicsWanted-strategy')).toBe(true);
      await page.unroute('**/participants');
    }
    await submit();
    expect(await page.textContent('#confirmation h2')).toBe('Lin Conflict is enrolled');
    // The same address again with another department: a conflict, said at the email, without PATCH or field names.
    await fill('Sales');
    await submit();
    expect(await page.textContent('#summary-text')).toBe('The participant was not enrolled: the problem below says why and what to do.');
    expect(await focusedId(page)).toBe('email');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#email', 'aria-describedby')).toContain('email-error');
    expect(await page.textContent('#email-error')).toMatch(
      /^This email address is already enrolled in this program \(participant pt_[a-z2-7]{20}\) with other answers for Department\. Nothing was changed\. This form only enrols new people: to change it, ask the program admin\./,
    );
    expect(await page.textContent('#summary')).not.toMatch(/PATCH|ParticipantUpdated|department and|"pilot"/);
    expect(await page.inputValue('#department')).toBe('Sales');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows "enrolled, the email follows" when the person is stored but the confirmation email is not sent yet (202, or an older 503 that says stored)', async () => {
    const stored = {
      participantId: 'pt_abcdefghijklmnopqrst',
      stored: true,
      message: 'pt_abcdefghijklmnopqrst is enrolled, but the confirmation email could not be sent yet.',
    };
    const answers = [
      {
        status: 202,
        body: {
          ...stored,
          created: true,
          confirmationEmail: 'pending',
          confirmation: { heading: 'Lin Pending is enrolled', paragraphs: ['The confirmation email could not be sent yet.'] },
        },
        heading: 'Lin Pending is enrolled',
      },
      { status: 503, body: { ...stored, confirmation: 'pending' }, heading: 'The participant is enrolled' },
    ];
    for (const answer of answers) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route('**/participants', (route) =>
        route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) }),
      );
      await page.goto(`${baseUrl}/intake?programId=pilot`);
      await page.click('#submit');
      const confirmation = page.locator('#confirmation');
      await confirmation.waitFor({ state: 'visible' });
      expect(await confirmation.locator('h2').textContent()).toBe(answer.heading);
      expect(await confirmation.textContent()).toContain('could not be sent yet');
      expect(await page.isVisible('#summary')).toBe(false);
      await context.close();
    }
  });
});
