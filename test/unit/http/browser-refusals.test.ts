import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as answerPage } from '../../../functions/answer-page';
import { handler as intakeApi } from '../../../functions/intake-api';
import { httpEvent, lambdaContext } from '../../integration/intake/lambda-events';

// QA ui8 (Chromium): a refusal a browser meets showed raw JSON, even with Accept: text/html.

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FORM = 'application/x-www-form-urlencoded';
type Result = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };

describe('a request refused before any data is read, in a browser', () => {
  it('is a page when the intake form is posted from another site; the form script still gets JSON', async () => {
    const crossSite = { ...BROWSER, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
    const page = (await intakeApi(
      httpEvent('POST', '/participants', { body: 'email=csrf%40example.com', contentType: FORM, headers: crossSite }),
      lambdaContext(),
    )) as Result;
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'nonce-[^']+'; style-src 'nonce-/);
    expect(page.body).toMatch(/^<!doctype html><html lang="en">/);
    expect(page.body).toContain(
      '<h1>The form was not sent</h1><p>The intake form can only be sent from its own page: open the intake form and submit it there.</p>',
    );
    const script = (await intakeApi(
      httpEvent('POST', '/participants', { body: 'email=csrf%40example.com', contentType: FORM, headers: { ...crossSite, accept: 'application/json' } }),
      lambdaContext(),
    )) as Result;
    expect(script.statusCode).toBe(403);
    expect(JSON.parse(String(script.body)).error).toMatch(/can only be sent from its own page/);
  });

  it("is a page on the answer links' function for a path that is no link", async () => {
    const event = httpEvent('GET', '/r', { headers: BROWSER, claims: null });
    const page = (await answerPage(event, lambdaContext('AnswerPage'))) as Result;
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(page.body).toContain('<h1>There is nothing at this address</h1><p>There is no GET /r: answer links look like /r/&lt;token&gt;');
    const api = (await answerPage(httpEvent('GET', '/r', { headers: { accept: 'application/json' }, claims: null }), lambdaContext('AnswerPage'))) as Result;
    expect(api.statusCode).toBe(404);
    expect(JSON.parse(String(api.body)).error).toMatch(/^There is no GET \/r/);
  });
});
