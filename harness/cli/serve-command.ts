/**
 * `sso-harness serve`: the reference IdP and the mock SPs over real HTTP until Ctrl-C, for manual
 * work (a real IdP's SCIM client pointed at a mock SP, a real SP pointed at the IdP, a person
 * signing in), with a dashboard at `/`. SCIM tokens are shown on the dashboard only, never here.
 * @see docs/decisions/0027-serve.md
 */
import type { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseSpMetadata, readKeyPairFile, type KeyPair, type SpMetadata } from '#harness/saml';
import {
  DEFAULT_SERVE_PORT,
  EXTERNAL_SP_SLUG,
  SERVE_LAYOUTS,
  ServeError,
  startServe,
  type RunningServe,
  type ServeLayout,
} from '#harness/serve';
import { DEFAULT_SEED } from '#harness/people';
import { INSPECTION_PATH } from '#mock-sps';
import { referenceIdpMetadata } from '#scenarios';
import { APPS, isSpId } from '#registry';
import { DEFAULT_IDP_KEY_FILE, resolvePath } from './idp-metadata.js';
import type { CliIo } from './main.js';

/** `serve`'s options. */
export const SERVE_USAGE = `serve options:
  --port <n>          the port (default ${DEFAULT_SERVE_PORT}; 0 picks a free one and prints it)
  --host <addr>       the interface to listen on (default 127.0.0.1; 0.0.0.0 for every one,
                      then give --public-url the address other machines reach)
  --layout <layout>   prefix (default): the dashboard at /, the IdP at /idp and each SP at
                      /sp/<id>, all on one port (one tunnel exposes everything);
                      ports: the dashboard on --port, the IdP on the next port, then each SP
                      on its own, in this order: ${APPS.map((app) => app.id).join(', ')}
  --sp <ids>          mock SPs to serve, comma-separated (default: all)
  --public-url <url>  the origin clients reach behind a tunnel or reverse proxy
                      (https://abc.example.dev): metadata, ACS and SCIM URLs use it; the
                      dashboard still answers only on this machine
  --seed <n>          seed of the demo directory users (default ${DEFAULT_SEED})
  --idp-keys <file>   the IdP's key pair, as idp-metadata writes it (default
                      ${DEFAULT_IDP_KEY_FILE}; created when missing), so an SP configured once
                      keeps trusting the IdP across restarts
  --sp-metadata <url|file>  your own SAML SP: the IdP gets an application for it at
                      <idp>/saml2/${EXTERNAL_SP_SLUG}, as 'idp-metadata --idp-base-url <idp>' describes
                      it; the demo users may sign in to it
The dashboard shows each SP's SCIM base URL and token, its SAML URLs, users, groups and login
history, the live requests, and switches faults and chaos; the demo users' password is printed
at start. Ctrl-C stops every server (exit 0).`;

/** What the command waits on besides the process (tests hand in their own). */
export interface ServeCommandHooks {
  /** Where SIGINT and SIGTERM come from. @default process */
  signals?: EventEmitter;
  /** Called once everything listens. */
  onReady?: (running: RunningServe) => void;
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  layout: { type: 'string' },
  sp: { type: 'string' },
  'public-url': { type: 'string' },
  seed: { type: 'string' },
  'idp-keys': { type: 'string' },
  'sp-metadata': { type: 'string' },
} as const;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** A bad command line; the message names the option and the fix. */
class ServeUsageError extends Error {}

function integer(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim()))
    throw new ServeUsageError(`--${option} must be a whole number (found '${value}')`);
  return Number(value);
}

function chosenApps(value: string | undefined) {
  if (value === undefined) return APPS;
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const unknown = ids.filter((id) => !isSpId(id));
  if (unknown.length > 0 || ids.length === 0)
    throw new ServeUsageError(
      `--sp names ${unknown.length > 0 ? `unknown SP(s) ${unknown.join(', ')}` : 'no SP'}; choose from ${APPS.map((app) => app.id).join(', ')}`,
    );
  return APPS.filter((app) => ids.includes(app.id));
}

/** The IdP's key pair from the key file, created there first when missing (as idp-metadata does). */
async function idpKeys(file: string): Promise<KeyPair> {
  try {
    await referenceIdpMetadata({ idpKeyFile: file });
    const key = await readKeyPairFile(file);
    if (key) return key;
  } catch (error) {
    throw new ServeUsageError(`${error instanceof Error ? error.message : String(error)} (--idp-keys)`);
  }
  throw new ServeUsageError(`no key pair at ${file} (--idp-keys); delete the path or name another file`);
}

async function spMetadata(source: string, cwd: string): Promise<SpMetadata> {
  let xml: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source).catch((error: unknown) => {
      throw new ServeUsageError(
        `cannot fetch the SP metadata at ${source} (${error instanceof Error ? error.message : String(error)}); check --sp-metadata`,
      );
    });
    if (!response.ok)
      throw new ServeUsageError(
        `the SP metadata URL ${source} answered ${response.status}; check --sp-metadata`,
      );
    xml = await response.text();
  } else {
    xml = await readFile(resolvePath(cwd, source), 'utf8').catch(() => {
      throw new ServeUsageError(`cannot read the SP metadata file '${source}'; check --sp-metadata`);
    });
  }
  try {
    const metadata = parseSpMetadata(xml);
    if (metadata.acs.length === 0) throw new Error('it names no AssertionConsumerService');
    return metadata;
  } catch (error) {
    throw new ServeUsageError(
      `the SP metadata from ${source} is not usable: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Consecutive ports from `port` for the dashboard, the IdP and every registered app, whichever are served. */
function consecutivePorts(port: number): Record<string, number> | undefined {
  if (port === 0) return undefined;
  const names = ['dashboard', 'idp', ...APPS.map((app) => app.id)];
  return Object.fromEntries(names.map((name, index) => [name, port + index]));
}

/** What the servers publish, for the person who started them: URLs and the demo sign-in, never a token. */
function banner(running: RunningServe, keyFile: string): string {
  const lines = [
    `sso-harness serve: listening on ${running.listening.join(', ')}`,
    `  dashboard  ${running.dashboardUrl}  (SCIM tokens, faults, chaos, live requests)`,
    `  IdP        ${running.idp.baseUrl}  login ${running.idp.loginUrl}`,
    `             signing key pair ${keyFile}`,
  ];
  for (const sp of running.sps) {
    lines.push(`  ${sp.id.padEnd(10)} ${sp.base}`);
    if (sp.scimBaseUrl) lines.push(`             SCIM base URL ${sp.scimBaseUrl} (token on the dashboard)`);
    if (sp.metadataUrl) lines.push(`             SAML metadata ${sp.metadataUrl}`);
    lines.push(`             inspection API ${sp.base}${INSPECTION_PATH}/state (token on the dashboard)`);
    const idpMetadata = running.idp.metadataUrls[sp.id];
    if (idpMetadata) lines.push(`             IdP metadata  ${idpMetadata}`);
  }
  const own = running.idp.metadataUrls[EXTERNAL_SP_SLUG];
  if (own) lines.push(`  your SP    IdP metadata ${own}`);
  lines.push(
    `Demo users (password ${running.password}): ${running.users.map((user) => user.email).join(', ')}`,
    `Sign in at ${running.idp.loginUrl}, or start at an SP's login URL. Ctrl-C stops.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Serves until SIGINT or SIGTERM; resolves to the exit code (0, or 2 when the servers cannot start). */
export async function serveCommand(
  args: readonly string[],
  io: CliIo,
  hooks: ServeCommandHooks = {},
): Promise<number> {
  const signals = hooks.signals ?? process;
  let running: RunningServe;
  let keyFile: string;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    });
    const layout = (values.layout ?? 'prefix') as ServeLayout;
    if (!SERVE_LAYOUTS.includes(layout))
      throw new ServeUsageError(`--layout '${values.layout}' is unknown; use ${SERVE_LAYOUTS.join(' or ')}`);
    const port = integer(values.port, 'port', DEFAULT_SERVE_PORT);
    keyFile = values['idp-keys'] ?? DEFAULT_IDP_KEY_FILE;
    const ports = layout === 'ports' ? consecutivePorts(port) : undefined;
    running = await startServe({
      apps: chosenApps(values.sp),
      idpKeys: await idpKeys(resolvePath(io.cwd, keyFile)),
      port,
      layout,
      seed: integer(values.seed, 'seed', DEFAULT_SEED),
      ...(ports === undefined ? {} : { ports }),
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
      ...(values['sp-metadata'] === undefined
        ? {}
        : { externalSp: await spMetadata(values['sp-metadata'], io.cwd) }),
    });
  } catch (error) {
    const parse = error instanceof Error && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (error instanceof ServeError || error instanceof ServeUsageError || parse) {
      io.stderr.write(
        `sso-harness: ${(error as Error).message}${parse ? "; see 'sso-harness help serve'" : ''}\n`,
      );
      return 2;
    }
    throw error;
  }
  io.stdout.write(banner(running, keyFile));
  hooks.onReady?.(running);
  const signal = await new Promise<string>((resolve) => {
    const stop = (name: string) => () => {
      for (const each of SIGNALS) signals.removeListener(each, handlers[each]);
      resolve(name);
    };
    const handlers = { SIGINT: stop('SIGINT'), SIGTERM: stop('SIGTERM') };
    for (const each of SIGNALS) signals.on(each, handlers[each]);
  });
  io.stdout.write(`\n${signal}: closing the servers\n`);
  await running.close();
  return 0;
}
