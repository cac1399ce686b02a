/**
 * Targets: mock SPs (a fresh instance per scenario, in-process or over HTTP) and
 * external SCIM services, with the capabilities the runner gates on.
 */
import {
  ScimClient,
  catalog,
  isJsonObject,
  type Capabilities,
  type MockInstance,
  type Target,
  type IdpFault,
  dispatchFetch,
  serveHandler,
  type FetchLike,
  type OriginHandler,
  ReferenceIdp,
  sharedKeyPair,
} from '#harness';
import {
  MockSp,
  inProcessFetch,
  mockSps,
  scimFaultsFor,
  startMockSp,
  type SamlFault,
  type ScimFault,
  type SpId,
} from '#mock-sps';

/** The key a forged message is signed with (saml-security's stranger). */
export const STRANGER_KEY = 'stranger';

/** Where the reference IdP answers in an in-process run. */
export const IN_PROCESS_IDP_ORIGIN = 'https://sso.jumpcloud.test';

export interface MockTargetOptions {
  /** SAML fault switches. @default none */
  samlFaults?: readonly SamlFault[];
  /** SP fault switches. @default none */
  faults?: readonly ScimFault[];
  /** IdP fault switches, for the suites that drive the reference IdP. @default none */
  idpFaults?: readonly IdpFault[];
  /** @default 'in-process' */
  transport?: 'in-process' | 'http';
}

/** A target that opens a fresh mock SP for every scenario. */
export function mockTarget(id: SpId, options: MockTargetOptions = {}): Target {
  const profile = mockSps[id];
  const scim = 'scim' in profile ? profile.scim : undefined;
  const transport = options.transport ?? 'in-process';
  const capabilities: Capabilities = {
    scim: scim !== undefined,
    saml: 'saml' in profile && profile.saml !== undefined,
    groups: scim?.groups ?? false,
    deleteUsers: scim?.deleteUsers ?? true,
    inspection: true,
    provisioning: catalog[id]?.provisioning === true,
    advertised: {
      filter: true,
      patch: true,
      sort: scim?.features.sort ?? false,
      etag: scim?.features.etag ?? false,
      changePassword: scim?.features.changePassword ?? false,
    },
  };
  const sample = new MockSp(profile);
  return {
    sp: id,
    kind: 'mock',
    transport,
    capabilities,
    ...(sample.scimBaseUrl === undefined
      ? {}
      : {
          scimBaseUrl:
            transport === 'in-process' ? sample.scimBaseUrl : `http://127.0.0.1${scim?.basePath ?? ''}`,
        }),
    async prepare() {
      if (!capabilities.saml) return;
      const spKeys = new MockSp(profile).saml;
      const saml = 'saml' in profile ? profile.saml : undefined;
      await Promise.all([
        new ReferenceIdp().keys(),
        sharedKeyPair(STRANGER_KEY, { commonName: 'Stranger IdP' }),
        saml?.signAuthnRequests || saml?.encryptAssertions ? spKeys?.keys() : undefined,
      ]);
    },
    async open(): Promise<MockInstance> {
      const faults = scimFaultsFor(profile, options.faults ?? []);
      const idpFaults = options.idpFaults ?? [];
      const samlFaults = options.samlFaults ?? [];
      if (transport === 'http') {
        const closers: (() => Promise<void>)[] = [];
        const http: FetchLike = (input, init) => fetch(input, init);
        const running = await startMockSp(profile, { faults, samlFaults, fetch: http });
        closers.push(running.close);
        return {
          scimBaseUrl: running.scimBaseUrl,
          token: running.sp.token,
          fetch: http,
          inspect: running.sp,
          idpFaults,
          async attach(create) {
            let handler: OriginHandler | undefined;
            const served = await serveHandler((origin) => (handler = create(origin)));
            closers.push(served.close);
            return handler!;
          },
          close: async () => {
            for (const close of closers.reverse()) await close();
          },
        };
      }
      // One in-process network: the SP, and whatever a scenario attaches (the IdP).
      const network: OriginHandler[] = [];
      const inProcess = dispatchFetch(network);
      const sp = new MockSp(profile, { faults, samlFaults, fetch: inProcess });
      network.push(sp.originHandler);
      return {
        scimBaseUrl: sp.scimBaseUrl,
        token: sp.token,
        // SCIM requests take the synchronous path; SAML ones the network.
        fetch: sp.saml ? inProcess : inProcessFetch([sp]),
        inspect: sp,
        idpFaults,
        async attach(create) {
          const handler = create(IN_PROCESS_IDP_ORIGIN);
          network.push(handler);
          return handler;
        },
        close: async () => undefined,
      };
    },
  };
}

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
async function preflight(client: ScimClient): Promise<void> {
  let status: number | undefined;
  let failure = '';
  // Twice: a pooled keep-alive socket to a port that was since reused fails once, then works.
  for (let attempt = 0; attempt < 2 && status === undefined; attempt++) {
    try {
      status = (await client.get('/Users', { query: { count: 1 } })).status;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  if (status === undefined) {
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
}

/** A target for an SCIM service someone else runs; capabilities come from its discovery endpoints. */
export async function externalScimTarget(baseUrl: string, token: string): Promise<Target> {
  const client = new ScimClient({ baseUrl, token });
  await preflight(client);
  const config = await client.get('/ServiceProviderConfig').catch(() => undefined);
  const types = await client.get('/ResourceTypes').catch(() => undefined);
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
        fetch: (input, init) => fetch(input, init),
        inspect: undefined,
        close: async () => undefined,
      };
    },
  };
}
