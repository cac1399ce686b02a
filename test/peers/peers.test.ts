import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPeer, REQUIRE_PEERS_ENV, type PeerServer } from './index.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

interface ListResponse {
  schemas: string[];
  totalResults: number;
  Resources?: { id: string; userName: string }[];
}

/** Each peer, with the npm packages it needs (for the install hint) and its loader. */
const peers = [
  {
    name: 'scimmy',
    packages: 'scimmy scimmy-routers',
    load: async () => (await import('./scimmy.js')).startScimmy,
  },
  {
    name: 'better-auth-scim',
    packages: 'better-auth @better-auth/scim',
    load: async () => (await import('./better-auth.js')).startBetterAuthScim,
  },
];

function headers(peer: PeerServer): Record<string, string> {
  return { authorization: `Bearer ${peer.token}`, 'content-type': 'application/scim+json' };
}

/** POSTs a minimal RFC 7643 §4.1 User. */
function createUser(peer: PeerServer, userName: string): Promise<Response> {
  return fetch(`${peer.baseUrl}/Users`, {
    method: 'POST',
    headers: headers(peer),
    body: JSON.stringify({
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: userName, type: 'work', primary: true }],
    }),
  });
}

for (const { name, packages, load } of peers) {
  const start = await loadPeer(packages, load);

  describe.skipIf(start === undefined)(`${name} peer`, () => {
    let peer: PeerServer;

    beforeAll(async () => {
      peer = await start!();
    });
    afterAll(async () => {
      await peer?.close();
    });

    it('serves ServiceProviderConfig', async () => {
      const response = await fetch(`${peer.baseUrl}/ServiceProviderConfig`, { headers: headers(peer) });
      expect(response.status).toBe(200);
      expect(peer.name).toBe(name);
      expect(peer.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*scim\/v2$/);
    });

    it('creates a user and answers 201 with an id', async () => {
      const response = await createUser(peer, 'ada.created@example.com');
      expect(response.status).toBe(201);
      const body = (await response.json()) as { id?: unknown; userName?: unknown };
      expect(body.id).toEqual(expect.any(String));
      expect(body.userName).toBe('ada.created@example.com');
    });

    it('finds a created user with a userName eq filter', async () => {
      const userName = 'ada.filtered@example.com';
      const created = (await (await createUser(peer, userName)).json()) as { id: string };
      const filter = encodeURIComponent(`userName eq "${userName}"`);
      const response = await fetch(`${peer.baseUrl}/Users?filter=${filter}`, { headers: headers(peer) });
      expect(response.status).toBe(200);
      const list = (await response.json()) as ListResponse;
      expect(list.schemas).toEqual([LIST_RESPONSE_SCHEMA]);
      expect(list.totalResults).toBe(1);
      expect(list.Resources?.map((user) => user.id)).toEqual([created.id]);
    });

    it('rejects a request without the bearer token with 401', async () => {
      const response = await fetch(`${peer.baseUrl}/Users`);
      expect(response.status).toBe(401);
    });

    it('rejects a request with a wrong bearer token with 401', async () => {
      const response = await fetch(`${peer.baseUrl}/Users`, {
        headers: { authorization: 'Bearer not-the-token' },
      });
      expect(response.status).toBe(401);
    });
  });
}

describe('loadPeer', () => {
  const missingPackage = (): Promise<never> => {
    // A variable specifier keeps TypeScript from resolving it at compile time.
    const specifier = 'sso-harness-no-such-peer-package';
    return import(specifier) as Promise<never>;
  };

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('returns the loaded module', async () => {
    await expect(loadPeer('x', () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('skips with a warning naming the install command when a package is missing', async () => {
    vi.stubEnv(REQUIRE_PEERS_ENV, '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(loadPeer('sso-harness-no-such-peer-package', missingPackage)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      'npm install --save-dev sso-harness-no-such-peer-package',
    );
  });

  it(`fails when a package is missing and ${REQUIRE_PEERS_ENV}=1`, async () => {
    vi.stubEnv(REQUIRE_PEERS_ENV, '1');
    await expect(loadPeer('sso-harness-no-such-peer-package', missingPackage)).rejects.toThrow(
      /Cannot find package/,
    );
  });

  it('rethrows errors other than a missing package', async () => {
    vi.stubEnv(REQUIRE_PEERS_ENV, '');
    await expect(loadPeer('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
