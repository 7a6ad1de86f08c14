#!/usr/bin/env node
// The `crossgen` command. Our code is TypeScript, run through tsx so that the local cloud
// executes the very sources the CDK app points its functions at.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./cli.ts');
const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
