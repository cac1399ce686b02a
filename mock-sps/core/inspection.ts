/**
 * The inspection API over HTTP (`/__sso-harness/...`): what a test reads of a mock SP it reaches
 * only by URL. It answers only a request that carries the SP's inspection token, and never
 * returns a secret: no attribute the schema marks `returned: never` (a password), no password in
 * a logged body, no session cookie value. In-process, `MockSp.state()` and the other methods
 * give the whole state to the test that holds the object.
 * @see decision 0036
 */
import { timingSafeEqual } from 'node:crypto';
import type { JsonObject, ResourceSchema } from '#harness/scim';
import { jsonResponse, type CoreRequest, type CoreResponse } from './http.js';
import type { InspectedResource, MockSpState } from './mock-sp-options.js';
import type { MockSp } from './mock-sp.js';
import type { SamlService } from './saml/saml-service.js';
import type { ScimService } from './scim/scim-service.js';
import { withoutPasswords } from './scim/secrets.js';

/** Whether `authorization` is `Bearer <token>` (constant-time on the token). */
function carriesToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const sent = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/** Answers one request to the inspection API; `path` is what follows INSPECTION_PATH. */
export function inspectionAnswer(sp: MockSp, request: CoreRequest, path: string): CoreResponse {
  if (!carriesToken(request.headers.authorization, sp.inspectionToken)) {
    return jsonResponse(
      401,
      {
        detail: `The ${sp.profile.name} mock's inspection API needs its inspection token: send "Authorization: Bearer <token>" with the token from MockSp.inspectionToken (or the one \`sso-harness serve\` prints at start)`,
      },
      'application/json',
      { 'www-authenticate': 'Bearer realm="sso-harness inspection"' },
    );
  }
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return jsonResponse(405, { detail: 'The inspection API is read-only over HTTP' }, 'application/json', {
      allow: 'GET, HEAD',
    });
  const answer = (body: unknown): CoreResponse => jsonResponse(200, body, 'application/json');
  if (path === '/state') return answer(withoutSecrets(sp));
  if (path === '/requests') return answer(sp.requests());
  if (path === '/refused') return answer(sp.refusedRequests());
  if (path === '/logins' && sp.saml) return answer(sp.loginHistory());
  const paths = ['/state', '/requests', '/refused', ...(sp.saml ? ['/logins'] : [])];
  return jsonResponse(
    404,
    { detail: `Unknown inspection path ${path}; use ${paths.join(', ')}` },
    'application/json',
  );
}

/** The state with every never-returned attribute and every session cookie value left out. */
function withoutSecrets(sp: MockSp): MockSpState {
  const state = sp.state();
  const clean = (schema: ResourceSchema | undefined) => (entry: InspectedResource) => ({
    ...entry,
    resource: withoutNeverReturned(entry.resource, schema),
    local: withoutPasswords(entry.local) as JsonObject,
  });
  return {
    users: state.users.map(clean(sp.scim?.users.schema)),
    groups: state.groups.map(clean(sp.scim?.groups?.schema)),
    ...(state.sessions ? { sessions: state.sessions.map(({ id: _cookie, ...session }) => session) } : {}),
  } as MockSpState;
}

/** `resource` without the attributes its schema marks `returned: never` (RFC 7643 §2.2), nor any password. */
function withoutNeverReturned(resource: JsonObject, schema: ResourceSchema | undefined): JsonObject {
  const never = new Set(
    (schema?.core.attributes ?? [])
      .filter((attribute) => attribute.returned === 'never')
      .map((attribute) => attribute.name.toLowerCase()),
  );
  const kept = Object.fromEntries(
    Object.entries(resource).filter(([name]) => !never.has(name.toLowerCase())),
  );
  return withoutPasswords(kept) as JsonObject;
}

/** Every user and group of an SP with its SP-local fields, and its SSO sessions: copies. */
export function stateOf(scim: ScimService | undefined, saml: SamlService | undefined): MockSpState {
  const dump = (endpoint: ScimService['users'] | undefined): InspectedResource[] =>
    endpoint
      ? [...endpoint.store.values()].map((entry) => ({
          id: entry.id,
          resource: structuredClone(endpoint.view(entry)),
          local: structuredClone(entry.local),
        }))
      : [];
  const state: MockSpState = { users: dump(scim?.users), groups: dump(scim?.groups) };
  if (saml) state.sessions = structuredClone([...saml.sessions.values()]);
  return state;
}
