/**
 * A SCIM service someone else runs as a target: checked before the run (reachable, the token
 * taken, SCIM at all), its advertised features read, and every request under a Watchdog.
 */
import type { MockInstance, Target } from '#harness/runner';
import { ScimClient, isJsonObject, probeUsers, type ScimResponse } from '#harness/scim';
import { Watchdog } from './watchdog.js';

/** The external target cannot be used as configured; the message says what to fix. */
export class TargetError extends Error {
  readonly code = 'TARGET_UNREACHABLE';
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/**
 * One authenticated request before the run: an unreachable URL or a refused token
 * is a configuration problem to fix, not forty failed checks.
 */
export async function preflight(client: ScimClient): Promise<void> {
  const { answer, failure } = await probeUsers(client);
  const status = answer?.status;
  if (answer === undefined) {
    throw new TargetError(
      `cannot reach the SCIM service (${failure}); check --scim-url and that the server is up`,
    );
  }
  if (status === 401 || status === 403) {
    throw new TargetError(`GET ${client.url('/Users')} refused the token with ${status}; check --token`);
  }
  if (status === 404) {
    throw new TargetError(
      `GET ${client.url('/Users')} answered 404; --scim-url must be the SCIM base URL, the one /Users hangs off`,
    );
  }
  const notScim = answer.status < 300 ? notScimJson(answer) : undefined;
  if (notScim !== undefined)
    throw new TargetError(
      `GET ${client.url('/Users')} answered ${answer.status} with ${notScim}, not a SCIM list of users; --scim-url must be the SCIM base URL, the one /Users hangs off (e.g. https://host/scim/v2)`,
    );
}

/**
 * What a successful answer to GET /Users is, when it is clearly not SCIM (RFC 7644 §3.4.2: a
 * JSON ListResponse): a body that is not JSON at all, such as a sign-in page. A JSON body of
 * another shape is left to the checks to judge.
 */
function notScimJson(answer: ScimResponse): string | undefined {
  if (answer.body !== undefined && typeof answer.body === 'object') return undefined;
  const type = answer.headers['content-type']?.split(';', 1)[0]?.trim();
  if (answer.text.trim() === '') return 'an empty body';
  return type ? `a ${type} body` : 'a body that is not JSON';
}

/** The suites that drive the reference IdP, run once per IdP dialect. */
/** Where everything a check creates on an external server starts, unless --prefix says otherwise. */
export const DEFAULT_PREFIX = 'sso-harness-';

export interface ExternalScimOptions {
  /** What every userName and group name the checks create starts with. @default DEFAULT_PREFIX */
  prefix?: string;
  /** Leaves what the checks created in place (for debugging). @default false */
  keep?: boolean;
  /** How long one request may take. @default DEFAULT_REQUEST_TIMEOUT_MS */
  timeoutMs?: number;
  /** Told, with a one-line reason, when the server stops answering mid-run (see Watchdog). */
  onStalled?: (reason: string) => void;
}

/** A target for an SCIM service someone else runs; capabilities come from its discovery endpoints. */
export async function externalScimTarget(
  baseUrl: string,
  token: string,
  options: ExternalScimOptions = {},
): Promise<Target> {
  const base = baseUrl.replace(/\/+$/, '');
  const watchdog = new Watchdog({
    probeUrl: `${base}/Users?count=1`,
    probeHeaders: { accept: 'application/scim+json', authorization: `Bearer ${token}` },
    option: '--scim-url',
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onStalled === undefined ? {} : { onStalled: options.onStalled }),
  });
  const client = new ScimClient({ baseUrl, token, fetch: watchdog.fetch, timeoutMs: watchdog.timeoutMs });
  await preflight(client);
  const config = await client.get('/ServiceProviderConfig').catch(() => undefined);
  const types = await client.get('/ResourceTypes').catch(() => undefined);
  if (watchdog.stalled !== undefined) throw new TargetError(watchdog.stalled);
  const spc = isJsonObject(config?.body) ? config.body : {};
  const supported = (name: string): boolean => {
    const feature = spc[name];
    return isJsonObject(feature) && feature.supported === true;
  };
  const resources =
    isJsonObject(types?.body) && Array.isArray(types.body.Resources) ? types.body.Resources : [];
  const groups = resources.some(
    (item) => isJsonObject(item) && String(item.endpoint).toLowerCase().endsWith('/groups'),
  );
  return {
    sp: 'external',
    kind: 'external',
    transport: 'http',
    scimBaseUrl: client.baseUrl,
    prefix: options.prefix ?? DEFAULT_PREFIX,
    ...(options.keep === true ? { keep: true } : {}),
    capabilities: {
      scim: true,
      saml: false,
      // Without a /ResourceTypes answer, try /Groups rather than skip the checks that need it.
      groups: groups || resources.length === 0,
      inspection: false,
      provisioning: false,
      advertised: {
        filter: supported('filter'),
        patch: supported('patch'),
        sort: supported('sort'),
        etag: supported('etag'),
        changePassword: supported('changePassword'),
      },
    },
    async open(): Promise<MockInstance> {
      return {
        scimBaseUrl: client.baseUrl,
        token,
        fetch: watchdog.fetch,
        requestTimeoutMs: watchdog.timeoutMs,
        inspect: undefined,
        close: async () => undefined,
      };
    },
  };
}
