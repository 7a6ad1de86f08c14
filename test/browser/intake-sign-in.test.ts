import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { putProgram } from '../../functions/adapters/programs';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../functions/domain/program';
import { handler } from '../../functions/intake-api';
import { startIntakeCloud, type IntakeCloud } from '../integration/intake/dynamo-local';
import { httpEvent, lambdaContext } from '../integration/intake/lambda-events';

/**
 * The intake form's sign-in as deployed on AWS: the hosted sign-in page with the authorization
 * code grant and PKCE (S256). Cognito has no local emulator, so its two OAuth endpoints are
 * played by a small server that checks what Cognito's documentation requires of each request.
 */

const CLIENT_ID = 'intake-form-client';
const ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJjb2duaXRvOmdyb3VwcyI6WyJociJdfQ.signature';

let cloud: IntakeCloud;
let intake: Server;
let oauth: Server;
let intakeUrl: string;
let browser: Browser;
const seen = { authorizations: [] as string[], tokenRequests: 0, pkceVerified: 0, submittedAuthorization: [] as (string | undefined)[] };
let pending: { challenge: string; state: string; redirectUri: string } | undefined;

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
const listen = (srv: Server) =>
  new Promise<string>((resolve) => srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`)));
const base64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

beforeAll(async () => {
  cloud = await startIntakeCloud();
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));

  intake = createServer(async (req, res) => {
    const body = await read(req);
    if (req.method === 'POST') seen.submittedAuthorization.push(req.headers.authorization);
    const event = httpEvent(req.method ?? 'GET', req.url ?? '/', {
      body: body || undefined,
      contentType: req.headers['content-type'],
      headers: {
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      },
    });
    const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
    res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body);
  });
  intakeUrl = await listen(intake);

  // GET /oauth2/authorize and POST /oauth2/token, as the Cognito user pool endpoints reference describes them.
  oauth = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://oauth');
    if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
      const q = url.searchParams;
      seen.authorizations.push(url.search);
      const ok =
        q.get('response_type') === 'code' &&
        q.get('client_id') === CLIENT_ID &&
        q.get('code_challenge_method') === 'S256' &&
        /^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '') &&
        q.get('scope')?.split(' ').includes('openid') &&
        q.get('redirect_uri') === `${intakeUrl}/intake`;
      if (!ok) return void res.writeHead(400).end('invalid_request');
      pending = { challenge: q.get('code_challenge')!, state: q.get('state')!, redirectUri: q.get('redirect_uri')! };
      return void res.writeHead(302, { location: `${pending.redirectUri}?code=auth-code-1&state=${encodeURIComponent(pending.state)}` }).end();
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      seen.tokenRequests++;
      const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'content-type': 'application/json' };
      const form = new URLSearchParams(await read(req));
      const verifier = form.get('code_verifier') ?? '';
      const verified = pending && base64url(createHash('sha256').update(verifier).digest()) === pending.challenge;
      const ok =
        req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') &&
        form.get('grant_type') === 'authorization_code' &&
        form.get('client_id') === CLIENT_ID &&
        form.get('code') === 'auth-code-1' &&
        form.get('redirect_uri') === pending?.redirectUri &&
        verified;
      if (!ok) return void res.writeHead(400, cors).end(JSON.stringify({ error: 'invalid_grant' }));
      seen.pkceVerified++;
      return void res
        .writeHead(200, cors)
        .end(JSON.stringify({ id_token: ID_TOKEN, access_token: 'access', refresh_token: 'refresh', expires_in: 3600, token_type: 'Bearer' }));
    }
    res.writeHead(404).end();
  });
  const oauthUrl = await listen(oauth);
  Object.assign(process.env, {
    SIGN_IN_AUTHORIZE_URL: `${oauthUrl}/oauth2/authorize`,
    SIGN_IN_TOKEN_URL: `${oauthUrl}/oauth2/token`,
    SIGN_IN_CLIENT_ID: CLIENT_ID,
    SIGN_IN_REDIRECT_URI: `${intakeUrl}/intake`,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const k of ['SIGN_IN_AUTHORIZE_URL', 'SIGN_IN_TOKEN_URL', 'SIGN_IN_CLIENT_ID', 'SIGN_IN_REDIRECT_URI']) delete process.env[k];
  await browser?.close();
  await new Promise((r) => intake?.close(r));
  await new Promise((r) => oauth?.close(r));
  await cloud?.stop();
});

describe('the intake form on AWS', () => {
  it('asks HR to sign in, comes back with what was typed, and submits with the ID token', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));

    await page.goto(`${intakeUrl}/intake?programId=pilot`);
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signin');
    await page.evaluate(axe.source);
    const violations = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
    expect(violations.violations.map((v) => v.id)).toEqual([]);

    await page.fill('#name', 'Grace Hopper');
    await page.check('#role-mentee');
    // Keyboard: from the sign-in box (focused on arrival) to its button.
    await page.focus('#signin');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signin-button');
    // The page is already at /intake?programId=pilot before it leaves for the sign-in: waiting for
    // that address alone could return before the round trip (seen on a busy machine). Wait for the
    // code exchange itself, then for the address the page puts back.
    const exchanged = page.waitForResponse((r) => r.url().endsWith('/oauth2/token') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    await exchanged;
    await page.waitForURL(/\/intake\?programId=pilot$/);
    await page.locator('#signin').waitFor({ state: 'hidden' });

    expect(seen.authorizations).toHaveLength(1);
    expect(seen.pkceVerified).toBe(1);
    expect(await page.inputValue('#name')).toBe('Grace Hopper');
    expect(await page.isChecked('#role-mentee')).toBe(true);

    await page.fill('#email', 'grace@example.com');
    await page.fill('#department', 'Operations');
    await page.fill('#location', 'New York');
    await page.selectOption('#timeZone', 'America/New_York');
    await page.check('#topicsWanted-ai-tools');
    await page.selectOption('#availability-0-day', 'tue');
    await page.fill('#availability-0-start', '09:00');
    await page.fill('#availability-0-end', '11:00');
    await page.check('#languages-en');
    await page.fill('#goals', 'Use AI tools with my team');
    await page.check('#consent-dataProcessing');
    await page.check('#consent-shareProgressWithManager-no');
    await page.click('#submit');
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    expect(await page.textContent('#confirmation')).toMatch(/^Grace Hopper is enrolled/);
    expect(seen.submittedAuthorization).toEqual([`Bearer ${ID_TOKEN}`]);
    expect(errors).toEqual([]);
  });

  it('refuses a return it did not start (wrong state) without calling the token endpoint', async () => {
    const page = await (await browser.newContext()).newPage();
    const before = seen.tokenRequests;
    await page.goto(`${intakeUrl}/intake?code=stolen&state=forged.pilot`);
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(await page.textContent('#signin-text')).toMatch(/started in another tab or has expired/);
    expect(seen.tokenRequests).toBe(before);
    expect(new URL(page.url()).search).toBe('?programId=pilot');

    // Submitting without a token asks to sign in instead of posting.
    const posts = seen.submittedAuthorization.length;
    await page.click('#submit');
    expect(await page.textContent('#signin-text')).toMatch(/Sign in first/);
    expect(seen.submittedAuthorization.length).toBe(posts);
  });
});
