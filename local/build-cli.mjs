#!/usr/bin/env node
// Builds the `crossgen` command into dist/cli/ with esbuild: run by `npm ci` / `npm install`
// (the `prepare` script) and again by local/crossgen.mjs when a source is newer than the build.
// One chunk per command, so that a command loads only what it uses.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'cli');
/** Lists the sources of the build, so that the bin can tell when the build is stale. */
export const INPUTS_FILE = path.join(OUT_DIR, 'inputs.json');

export async function buildCli() {
  const { build } = await import('esbuild');
  // Built beside, then swapped in: a crossgen started meanwhile never sees half a build.
  const fresh = `${OUT_DIR}.${process.pid}.tmp`;
  const old = `${OUT_DIR}.${process.pid}.old`;
  fs.rmSync(fresh, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['local/cli.ts'],
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages are bundled too (fewer files to resolve and read at start), except tsx, which
    // `local` and `demo` register to load our TypeScript sources as they are.
    external: ['tsx', 'tsx/*', 'esbuild'],
    // Bundled CommonJS packages call require(): give every chunk one.
    banner: { js: "import { createRequire as __crossgenRequire } from 'node:module'; const require = __crossgenRequire(import.meta.url);" },
    outExtension: { '.js': '.mjs' },
    metafile: true,
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  fs.writeFileSync(path.join(fresh, path.basename(INPUTS_FILE)), JSON.stringify({ inputs: [...inputs, 'local/build-cli.mjs', 'package-lock.json'] }));
  try {
    if (fs.existsSync(OUT_DIR)) fs.renameSync(OUT_DIR, old);
    fs.renameSync(fresh, OUT_DIR);
  } catch (e) {
    // Another crossgen built the same sources at the same moment and swapped its build in first.
    if (!fs.existsSync(path.join(OUT_DIR, 'cli.mjs'))) throw e;
    fs.rmSync(fresh, { recursive: true, force: true });
  }
  fs.rmSync(old, { recursive: true, force: true });
  return inputs;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const inputs = await buildCli();
  console.log(`crossgen CLI built into ${path.relative(ROOT, OUT_DIR)}/ from ${inputs.length} sources in ${Math.round(performance.now() - t0)} ms`);
}
