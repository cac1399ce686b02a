/**
 * The optional system tools some tests cross-check against (Debian's xmlsec1,
 * chromium, ruby-saml and python3): found, or missing with a loud notice and a skip — or, under
 * `SSO_HARNESS_REQUIRE_PEERS=1` (what `.ci/run` sets), a failure.
 *
 * `SSO_HARNESS_WITHOUT=xmlsec1,chromium` makes the named tools count as missing,
 * so a machine that has them can still prove the suite passes on one that does not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Environment variable that turns a missing peer (package or tool) from a skip into a failure. */
export const REQUIRE_PEERS_ENV = 'SSO_HARNESS_REQUIRE_PEERS';

/** Environment variable naming tools to treat as not installed (comma-separated). */
export const WITHOUT_TOOLS_ENV = 'SSO_HARNESS_WITHOUT';

/** The tools, where Debian installs them; `probe` runs the tool to prove what it needs loads. */
const TOOLS: Record<string, { path: string; install: string; probe?: string[] }> = {
  xmlsec1: { path: '/usr/bin/xmlsec1', install: 'apt-get install xmlsec1' },
  chromium: { path: '/usr/bin/chromium', install: 'apt-get install chromium' },
  'ruby-saml': {
    path: '/usr/bin/ruby',
    install: 'apt-get install ruby-saml ruby-webrick',
    probe: ['-e', 'require "onelogin/ruby-saml"; require "webrick"'],
  },
  // The standard library the Python connector example uses (python3-minimal lacks some of it).
  python3: {
    path: '/usr/bin/python3',
    install: 'apt-get install python3',
    probe: ['-c', 'import email.utils, http.server, json, urllib.request'],
  },
};

export type SystemTool = 'xmlsec1' | 'chromium' | 'ruby-saml' | 'python3';

/** Whether missing peers must fail rather than skip. */
export function peersRequired(): boolean {
  return process.env[REQUIRE_PEERS_ENV] === '1';
}

/** Whether `name` is hidden by SSO_HARNESS_WITHOUT. */
function hidden(name: SystemTool): boolean {
  return (process.env[WITHOUT_TOOLS_ENV] ?? '')
    .split(',')
    .map((item) => item.trim())
    .includes(name);
}

/**
 * The tool's path, or undefined after a loud notice naming what is skipped and how to
 * install it; throws instead when peers are required and the tool is really absent.
 * @param what the tests that need it, for the notice (e.g. "xmlsec1 cross-check")
 */
export function systemTool(name: SystemTool, what: string): string | undefined {
  const tool = TOOLS[name]!;
  const present =
    existsSync(tool.path) && (tool.probe === undefined || spawnSync(tool.path, tool.probe).status === 0);
  if (!hidden(name) && present) return tool.path;
  const why = hidden(name) ? `${WITHOUT_TOOLS_ENV} names ${name}` : `${name} not found (${tool.path})`;
  if (peersRequired() && !hidden(name))
    throw new Error(`${what} needs ${tool.path} (${REQUIRE_PEERS_ENV}=1): ${tool.install}`);
  console.warn(
    [
      '',
      '!'.repeat(78),
      `!! ${what} skipped: ${why}.`,
      `!! Install with: ${tool.install}`,
      `!! Set ${REQUIRE_PEERS_ENV}=1 to make a missing tool a failure instead of a skip.`,
      '!'.repeat(78),
    ].join('\n'),
  );
  return undefined;
}
