/**
 * `run --connector`: a connector module under test, loaded by the built CLI (so the module and
 * the harness share one build), judged by the lifecycle suites; a module that breaks the contract
 * is a usage error before anything runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';

const BIN = resolve('dist/harness/cli/bin.js');
const ENTRY = pathToFileURL(resolve('dist/index.js')).href;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-connector-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a connector module into the temp folder: the reference connector with `overrides`. */
async function connectorModule(file: string, name: string, overrides = ''): Promise<string> {
  await writeFile(
    join(dir, file),
    `import { referenceConnector } from '${ENTRY}';\nexport default { ...referenceConnector, name: '${name}', ${overrides} };\n`,
  );
  return file;
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, 'run', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const failed = async (): Promise<string[]> => {
  const report = JSON.parse(await readFile(join(dir, 'r', 'report.json'), 'utf8')) as RunReport;
  return [...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.scenario))].sort();
};

describe('run --connector', () => {
  it('runs the lifecycle suites through the connector module; a connector that sends active as a string fails the deactivation checks', async () => {
    const good = await connectorModule('good.mjs', 'my-connector');
    const ok = run('--connector', good, '--sp', 'sparkpost', '--out', 'r', '--reporter', 'json');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(await failed()).toEqual([]);

    const strings = await connectorModule(
      'strings.mjs',
      'string-booleans',
      `async deprovisionUser(ctx, _user, spId) {
        const r = await ctx.scim.patch('/Users/' + spId, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: 'false' }],
        });
        if (r.status >= 300) throw new Error('deprovision answered ' + r.status);
      },`,
    );
    const broken = run(
      '--connector',
      strings,
      '--sp',
      'sparkpost',
      '--suite',
      'deactivation',
      '--out',
      'r',
      '--reporter',
      'json',
    );
    expect(broken.status).toBe(1);
    expect(await failed()).toEqual(expect.arrayContaining(['deactivation/suspend']));
  });

  it('refuses a module that is missing, does not load, or breaks the contract, and the options it cannot go with', async () => {
    await writeFile(join(dir, 'none.mjs'), 'export const x = 1;\n');
    await writeFile(join(dir, 'half.mjs'), "export default { name: 'half', provisionUser() {} };\n");
    await writeFile(join(dir, 'syntax.mjs'), 'export default {\n');
    await writeFile(join(dir, 'c.ts'), 'export default {};\n');
    const cases: [string[], RegExp][] = [
      [['--connector', 'missing.mjs'], /--connector: no module at .*missing\.mjs/],
      [['--connector', 'none.mjs'], /must export a connector .*: it exports neither/],
      [
        ['--connector', 'half.mjs'],
        /testConnection, deprovisionUser, deleteUser, syncGroup, deleteGroup are not a function/,
      ],
      [['--connector', 'syntax.mjs'], /syntax\.mjs failed to load: /],
      [['--connector', 'c.ts'], /compile it to \.js, or run with a TypeScript loader/],
      [['--connector', 'none.mjs', '--scim-url', 'http://127.0.0.1:1/scim'], /drop --scim-url/],
      [['--connector', 'none.mjs', '--dialect', 'okta'], /--dialect replays the built-in ones: pick one/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
