#!/usr/bin/env node
// The `crossgen` command: runs local/cli.ts as JavaScript built at install time into dist/cli/
// (local/build-cli.mjs). A build older than any of its sources is rebuilt first (~0.1 s), so an
// edited checkout never runs stale code.
import * as fs from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = new URL('../', import.meta.url);
const built = new URL('dist/cli/cli.mjs', root);

function isFresh() {
  try {
    const since = fs.statSync(built).mtimeMs;
    const { inputs } = JSON.parse(fs.readFileSync(new URL('dist/cli/inputs.json', root), 'utf8'));
    return inputs.every((f) => fs.statSync(new URL(f, root)).mtimeMs <= since);
  } catch {
    return false; // not built, or a source is gone
  }
}

if (!isFresh()) await (await import('./build-cli.mjs')).buildCli();
const { main } = await import(built.href);
const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
