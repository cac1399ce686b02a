/**
 * What `startServe` takes: a user-facing partial over a mandatory core (the apps, handed in by
 * the composition root), with every default resolved once here.
 * @see docs/decisions/0027-serve.md
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SEED } from '#harness/people';
import type { KeyPair, SpMetadata } from '#harness/saml';
import type { App } from '#scenarios';
import { ServeError } from './errors.js';

/**
 * Where everything listens: `prefix` puts the dashboard, the IdP (`/idp`) and every SP
 * (`/sp/<id>`) on one port, so one tunnel exposes them all; `ports` gives each its own port.
 */
export type ServeLayout = 'prefix' | 'ports';

/** The layouts, for messages and usage text. */
export const SERVE_LAYOUTS: readonly ServeLayout[] = ['prefix', 'ports'];

/** The port served on unless told otherwise. */
export const DEFAULT_SERVE_PORT = 8080;

/** What the IdP says its name is to an SP configured from `sso-harness idp-metadata`. */
export const EXTERNAL_SP_SLUG = 'sso-harness';

export interface ServeOptions {
  /** The apps whose mock SPs are served (the composition root hands them in). */
  apps: readonly App[];
  /**
   * The reference IdP's signing key pair: the one in the key file an SP was configured with, so it
   * keeps trusting the IdP across restarts. @default the process-wide shared 'idp' pair
   */
  idpKeys?: KeyPair;
  /** The interface listened on. @default '127.0.0.1' */
  host?: string;
  /** The port (the first port, with the `ports` layout); 0 picks a free one. @default 8080 */
  port?: number;
  /** @default 'prefix' */
  layout?: ServeLayout;
  /**
   * With the `ports` layout, the port of each server by name: `dashboard`, `idp` and the app ids.
   * @default consecutive from `port`, in that order (all 0 when `port` is 0)
   */
  ports?: Readonly<Record<string, number>>;
  /**
   * The origin browsers and clients reach the servers at, behind a tunnel or reverse proxy
   * (`https://abc.example.dev`): every published URL (metadata, ACS, SCIM base) starts with it.
   * With the `ports` layout its scheme and host are used, each server keeping its port.
   * @default `http://<host>:<port>`, 127.0.0.1 when the host is a wildcard address
   */
  publicUrl?: string;
  /** The seed of the directory's people. @default DEFAULT_SEED */
  seed?: number;
  /** How many directory users are seeded. @default 3 */
  people?: number;
  /** The seeded users' password. @default a random one, new each start */
  password?: string;
  /**
   * A SAML SP of your own, from its metadata: the IdP gets an application for it at
   * `/saml2/sso-harness`, as `sso-harness idp-metadata` describes it. @default none
   */
  externalSp?: SpMetadata;
  /** How many requests the request log keeps. @default 1000 */
  logLimit?: number;
}

/** The options with every default applied. */
export interface ResolvedServeOptions {
  apps: readonly App[];
  idpKeys: KeyPair | undefined;
  host: string;
  layout: ServeLayout;
  /** The port of each listener by name: `main` for the prefix layout; `dashboard`, `idp`, app ids for ports. */
  ports: Readonly<Record<string, number>>;
  publicUrl: URL | undefined;
  seed: number;
  people: number;
  password: string;
  externalSp: SpMetadata | undefined;
  logLimit: number;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** Whether `host` listens on every interface (so URLs must name another). */
export function isWildcard(host: string): boolean {
  return WILDCARDS.has(host);
}

function checkPort(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new ServeError('SERVE_OPTION', `${what} must be a port number from 0 to 65535 (found ${value})`);
  return value;
}

function checkPublicUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServeError(
      'SERVE_OPTION',
      `--public-url '${value}' is not a URL; give the origin clients reach, e.g. https://abc.example.dev`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ServeError('SERVE_OPTION', `--public-url must be http or https (found ${url.protocol})`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '')
    throw new ServeError(
      'SERVE_OPTION',
      `--public-url takes an origin only, such as ${url.origin} (found '${value}'): the servers are published below it at /idp and /sp/<id>`,
    );
  return url;
}

/** Checks the options and applies the defaults; a bad value is a ServeError naming it and the fix. */
export function resolveServeOptions(options: ServeOptions): ResolvedServeOptions {
  if (options.apps.length === 0)
    throw new ServeError('SERVE_OPTION', 'no mock SP to serve; name at least one app with --sp');
  const layout = options.layout ?? 'prefix';
  if (!SERVE_LAYOUTS.includes(layout))
    throw new ServeError(
      'SERVE_OPTION',
      `unknown layout '${String(layout)}'; use ${SERVE_LAYOUTS.join(' or ')}`,
    );
  const host = options.host ?? '127.0.0.1';
  if (host.trim() === '')
    throw new ServeError('SERVE_OPTION', '--host is empty; give an address such as 127.0.0.1');
  const port = checkPort(options.port ?? DEFAULT_SERVE_PORT, '--port');
  const names = ['dashboard', 'idp', ...options.apps.map((app) => app.id)];
  const ports: Record<string, number> = {};
  if (layout === 'prefix') ports.main = port;
  else
    names.forEach((name, index) => {
      const chosen = options.ports?.[name] ?? (port === 0 ? 0 : port + index);
      ports[name] = checkPort(chosen, `the port of ${name}`);
    });
  const taken = new Map<number, string>();
  for (const [name, chosen] of Object.entries(ports)) {
    const holder = taken.get(chosen);
    if (chosen !== 0 && holder !== undefined)
      throw new ServeError(
        'SERVE_OPTION',
        `${holder} and ${name} would both listen on port ${chosen}; give each server its own port`,
      );
    taken.set(chosen, name);
  }
  const people = options.people ?? 3;
  if (!Number.isInteger(people) || people < 1 || people > 100)
    throw new ServeError('SERVE_OPTION', `the directory holds 1 to 100 seeded users (found ${people})`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed))
    throw new ServeError('SERVE_OPTION', `--seed must be an integer (found ${seed})`);
  return {
    apps: options.apps,
    idpKeys: options.idpKeys,
    host,
    layout,
    ports,
    publicUrl: options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl),
    seed,
    people,
    password: options.password ?? `demo-${randomBytes(6).toString('base64url')}`,
    externalSp: options.externalSp,
    logLimit: options.logLimit ?? 1000,
  };
}
