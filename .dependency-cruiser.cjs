/**
 * Which way imports run (ARCHITECTURE.md, docs/decisions/0013-layers-and-app-folders.md).
 * `npm run lint` runs this on the production code; tests and benchmarks may import anything.
 *
 *   composition root  index.ts, harness/cli, mock-sps/registry.ts, mock-sps/apps.ts
 *   apps              mock-sps/<app>/
 *   suites            scenarios/
 *   engine            harness/idp, mock-sps/core (+ adapters, mock-sps/index.ts and msw.ts), harness/runner, reports,
 *                     harness/load
 *   base              harness/{scim,saml,http,evidence,requirements,faults,people}
 */
const BASE = '^harness/(scim|saml|http|evidence|requirements|faults|people)/';
const IDP = '^harness/idp/';
const RUNNER = '^harness/runner/';
const LOAD = '^harness/load/';
const REPORTS = '^reports/';
const SP_CORE = '^mock-sps/(core/|adapters/|index\\.ts$|msw\\.ts$)';
const SCENARIOS = '^scenarios/';
const APPS = '^mock-sps/(?!core/|adapters/)[^/]+/';
const COMPOSITION = '^(index\\.ts|harness/cli/|mock-sps/registry\\.ts|mock-sps/apps\\.ts)';
/** Test code and benchmarks: free to compose anything. */
const TESTS = '(\\.test\\.ts$|(^|/)test-[^/]*\\.ts$|^test/|^bench/)';

/** A layer may import only these. */
const only = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: TESTS },
  to: { path: '^(harness|mock-sps|scenarios|reports)/|^index\\.ts$', pathNot: allowed.join('|') },
});

/** Code outside a domain imports it only through its index.ts (`#harness/scim`, `#mock-sps`, `#scenarios`…). */
const barrel = (name, from, to, barrels) => ({
  name,
  comment: 'Outside a domain, import it only through its barrel (index.ts).',
  severity: 'error',
  from: { path: from, pathNot: TESTS },
  to: { path: to, pathNot: `${barrels}|^harness/saml/vulnerable\\.ts$` },
});

module.exports = {
  forbidden: [
    only(
      'base-knows-nothing-above',
      BASE,
      [BASE],
      'Protocol libraries and vocabulary know nothing of the IdP, the SPs, the runner, reports or apps.',
    ),
    only(
      'reports-on-base',
      REPORTS,
      [BASE, REPORTS],
      'The run model and its writers build on the protocols only.',
    ),
    only(
      'idp-on-base',
      IDP,
      [BASE, IDP],
      'The reference IdP builds on the protocols; it never imports an SP, the runner or an app.',
    ),
    only(
      'load-on-base',
      LOAD,
      [BASE, LOAD],
      'The load mode drives a SCIM server with the protocols alone; it never imports the IdP, an SP or the runner.',
    ),
    only(
      'sp-core-on-base',
      SP_CORE,
      [BASE, SP_CORE],
      'The SP core builds on the protocols; it never imports the IdP, the runner or an app.',
    ),
    only(
      'runner-on-base',
      RUNNER,
      [BASE, REPORTS, RUNNER],
      'The runner knows scenarios and targets, not the IdP, the SPs or the apps.',
    ),
    only(
      'suites-on-engine',
      SCENARIOS,
      [BASE, REPORTS, IDP, RUNNER, SP_CORE, SCENARIOS],
      'The suites never import an app: apps are handed in at the composition root.',
    ),
    only(
      'apps-on-suites',
      APPS,
      [BASE, REPORTS, IDP, RUNNER, SP_CORE, SCENARIOS, APPS],
      'An app builds on the engine and the suites, never on the composition root.',
    ),
    {
      name: 'app-imports-no-other-app',
      comment: 'Everything about an app is in its folder; another app is not its business.',
      severity: 'error',
      from: { path: '^mock-sps/(?!core/|adapters/)([^/]+)/', pathNot: TESTS },
      to: { path: APPS, pathNot: '^mock-sps/$1/' },
    },
    barrel(
      'through-the-barrel-between-harness-domains',
      '^harness/([^/]+)/',
      '^harness/',
      '^harness/$1/|^harness/[^/]+/index\\.ts$',
    ),
    barrel('through-the-harness-barrels', '^(?!harness/)', '^harness/[^/]+/', 'index\\.ts$'),
    barrel(
      'through-the-sp-core-barrel',
      '^(?!mock-sps/(core|adapters)/|mock-sps/(index|msw)\\.ts$)',
      '^mock-sps/(core|adapters)/',
      '^$',
    ),
    barrel('through-the-scenarios-barrel', '^(?!scenarios/)', '^scenarios/', '^scenarios/index\\.ts$'),
    barrel('through-the-reports-barrel', '^(?!reports/)', '^reports/', '^reports/index\\.ts$'),
    barrel('through-an-apps-index', '^(?!mock-sps/(?!core/|adapters/)[^/]+/)', APPS, '/index\\.ts$'),
    {
      name: 'vulnerable-only-in-fault-records',
      comment:
        'The deliberately vulnerable SAML variants are for fault records only; no strict path imports them.',
      severity: 'error',
      from: { pathNot: '(^|/)faults?(/|\\.ts$)|^harness/saml/vulnerable|' + TESTS },
      to: { path: '^harness/saml/vulnerable\\.ts$' },
    },
    {
      name: 'composition-root-is-a-root',
      comment: 'Only the entries, the CLI, tests and benchmarks import the registry.',
      severity: 'error',
      from: { pathNot: COMPOSITION + '|' + TESTS },
      to: { path: '^mock-sps/(registry|apps)\\.ts$|^harness/cli/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle of run-time imports hides which way a dependency runs (type-only cycles are erased).',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.tools.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
