import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const domain = (name: string): string => fileURLToPath(new URL(`./${name}/index.ts`, import.meta.url));

/** Tests beside the code that need a peer someone else wrote (xmlsec1, node-saml) or take long. */
const PEER_UNIT_TESTS = ['harness/saml/sign.test.ts', 'harness/idp/web/node-saml.test.ts'];
const SLOW_UNIT_TESTS = [
  'harness/saml/canonical.test.ts',
  'harness/vitest/register.test.ts',
  'harness/idp/large-group.test.ts',
];

/**
 * Four tiers; `npm test` runs them all, `npm run test:<tier>` one of them.
 * - unit: the tests beside the code, without peers; one module graph per worker (no isolation),
 *   so the tier runs in seconds. A test there must not leave global state behind.
 * - integration: the CLI, the package entries and the apps through every suite.
 * - peers: third-party servers, SPs and tools (SCIMMY, better-auth, node-saml, xmlsec1) and Chromium.
 * - slow: every fault switch through the suites, the signature tamper sweep, and a group of 25,000.
 */
export default defineConfig({
  resolve: {
    // Tests run the TypeScript sources; package.json "imports" points at dist/ for the built CLI.
    alias: [
      {
        find: /^#harness\/([a-z-]+)$/,
        replacement: fileURLToPath(new URL('./harness/$1/index.ts', import.meta.url)),
      },
      { find: /^#mock-sps$/, replacement: domain('mock-sps') },
      { find: /^#scenarios$/, replacement: domain('scenarios') },
      { find: /^#reports$/, replacement: domain('reports') },
      { find: /^#registry$/, replacement: fileURLToPath(new URL('./mock-sps/registry.ts', import.meta.url)) },
    ],
  },
  test: {
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The CLI's runs in the tests keep their key pairs here, not in the developer's ~/.cache.
    env: { SSO_HARNESS_KEY_CACHE: join(tmpdir(), 'sso-harness-test-key-cache') },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{harness,mock-sps,scenarios,reports}/**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', ...PEER_UNIT_TESTS, ...SLOW_UNIT_TESTS],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/{cli,package,apps,lint,examples}/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'peers', include: ['test/{peers,browser}/**/*.test.ts', ...PEER_UNIT_TESTS] },
      },
      {
        extends: true,
        test: { name: 'slow', include: ['test/{faults,hardening}/**/*.test.ts', ...SLOW_UNIT_TESTS] },
      },
    ],
  },
});
