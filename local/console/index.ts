import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The local cloud's console at `/`: one static page whose small script reads the local API
 * (`/local/*`) in the browser. No framework and no build step, so it is served from source.
 */

const DIR = path.dirname(fileURLToPath(import.meta.url));

export interface ConsolePage {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

let assets: { html: string; css: string; js: string } | undefined;
function load(): { html: string; css: string; js: string } {
  assets ??= {
    html: fs.readFileSync(path.join(DIR, 'console.html'), 'utf8'),
    css: fs.readFileSync(path.join(DIR, 'console.css'), 'utf8'),
    js: fs.readFileSync(path.join(DIR, 'console.js'), 'utf8'),
  };
  return assets;
}

/** The page, with its style and script inlined under a fresh CSP nonce (nothing else may run). */
export function renderConsole(): ConsolePage {
  const { html, css, js } = load();
  const nonce = randomBytes(16).toString('base64');
  // Function replacers: `$&` and friends in the script must not be read as replacement patterns.
  const body = html.replace('{{style}}', () => `<style nonce="${nonce}">${css}</style>`).replace('{{script}}', () => `<script nonce="${nonce}">${js}</script>`);
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    body,
  };
}
