/**
 * Bundles the built command line (dist/harness/cli/cli.js) and a run's thread entry
 * (run-thread.js) into dist/harness/cli/run-bundle/: the harness's own modules in a few files,
 * its dependencies left to node_modules. bin.ts starts a whole run from here (why: bin.ts).
 * Run after tsc, by `npm run build`.
 *
 * The bundle keeps what each module reads from its own location working: a file next to a module
 * (the run's thread entry, next to cli.js in both layouts), the package.json found by walking up,
 * and `createRequire(import.meta.url)`, which resolves packages from node_modules above either.
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/harness/cli/', import.meta.url));
const outdir = `${cli}run-bundle`;

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${cli}cli.js`, `${cli}run-thread.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies load from node_modules, as they do without the bundle.
  packages: 'external',
  logLevel: 'warning',
});
