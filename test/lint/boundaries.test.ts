/**
 * `npm run lint` fails on a back-edge: each rule of .dependency-cruiser.cjs is shown to catch
 * the import it forbids, by writing the offending module into the tree for one run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** Offending modules, each with the rule that must catch it. */
const OFFENDERS: readonly { path: string; source: string; rule: string }[] = [
  {
    path: 'harness/scim/zz-lint-back-edge.ts',
    source: "import { ReferenceIdp } from '#harness/idp';\nexport const idp = ReferenceIdp;\n",
    rule: 'base-knows-nothing-above',
  },
  {
    path: 'harness/idp/zz-lint-back-edge.ts',
    source: "import { MockSp } from '#mock-sps';\nexport const sp = MockSp;\n",
    rule: 'idp-on-base',
  },
  {
    path: 'scenarios/zz-lint-back-edge.ts',
    source: "import { salesforce } from '../mock-sps/salesforce/index.js';\nexport const app = salesforce;\n",
    rule: 'suites-on-engine',
  },
  {
    path: 'mock-sps/interact/zz-lint-back-edge.ts',
    source: "import { salesforce } from '../salesforce/index.js';\nexport const app = salesforce;\n",
    rule: 'app-imports-no-other-app',
  },
  {
    path: 'mock-sps/profitco/zz-lint-back-edge.ts',
    source:
      "import { ResourceEndpoint } from '../core/scim/resource-endpoint.js';\nexport const endpoint = ResourceEndpoint;\n",
    rule: 'through-the-sp-core-barrel',
  },
  {
    path: 'mock-sps/core/zz-lint-back-edge.ts',
    source:
      "import { classicVerify } from '../../harness/saml/vulnerable.js';\nexport const verify = classicVerify;\n",
    rule: 'vulnerable-only-in-fault-records',
  },
];

afterAll(() => {
  for (const offender of OFFENDERS) rmSync(join(ROOT, offender.path), { force: true });
});

it('fails the lint on every kind of back-edge, naming the rule', () => {
  for (const offender of OFFENDERS) writeFileSync(join(ROOT, offender.path), offender.source);
  const run = spawnSync(
    DEPCRUISE,
    ['--config', '.dependency-cruiser.cjs', ...OFFENDERS.map((offender) => offender.path)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(run.status).not.toBe(0);
  for (const offender of OFFENDERS)
    expect(run.stdout, offender.rule).toMatch(new RegExp(`error ${offender.rule}: ${offender.path}`));
}, 60_000);

it('passes the tree as it is', () => {
  const run = spawnSync(DEPCRUISE, ['--config', '.dependency-cruiser.cjs', 'index.ts', 'mock-sps/msw.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.stdout).toContain('no dependency violations found');
  expect(run.status).toBe(0);
  // The whole tree: some 570 modules, 25-30 s on a busy 2-core machine.
}, 90_000);
