/**
 * Shared set-up for the mock SP's tests: an Interact mock with a fixed clock and ids
 * id-1, id-2, …, and a `send` that calls `sp.handle` and parses the JSON answer.
 * Not a test file itself, and not part of the build.
 */
import { expect } from 'vitest';
import {
  ERROR_SCHEMA,
  PATCH_OP_SCHEMA,
  validateMessage,
  type JsonObject,
  type ScimType,
} from '#harness/scim';
import { interactProfile } from '../../interact/profile.js';
import type { ScimFault } from '../../registry.js';
import { INSPECTION_PATH, MockSp } from '../mock-sp.js';

export const ORIGIN = 'https://acme.interactgo.com';
export const BASE = '/api/v2/scim/v2';
export const TOKEN = 'test-token';
/** The headers of an authorised SCIM request. */
export const SCIM_HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' };

/** The Authorization header for `token`. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A PatchOp request body holding `operations`. */
export const patchOp = (...operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations: operations });

export interface SpRequest {
  method: string;
  /** Below the SCIM base path, or on the inspection API. */
  path: string;
  /** Serialised as JSON unless a string. */
  body?: unknown;
  /** Added to, or overriding, the valid token and SCIM content type. */
  headers?: Record<string, string | undefined>;
}

/** Sends `request` with a valid token and SCIM content type unless it overrides them. */
export function sendTo(sp: MockSp, { method, path, body, headers = {} }: SpRequest) {
  const response = sp.handle({
    method,
    url: path.startsWith(INSPECTION_PATH) ? path : `${BASE}${path}`,
    headers: {
      ...SCIM_HEADERS,
      ...(path.startsWith(INSPECTION_PATH) ? { authorization: `Bearer ${sp.inspectionToken}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { ...response, json: (response.body ? JSON.parse(response.body) : undefined) as JsonObject };
}

const stateOf = (sp: MockSp) => JSON.stringify(sp.state());

/** Sends `request`, checks it is answered with a well-formed SCIM error, and that nothing changed. */
export function expectRefused(sp: MockSp, request: SpRequest, status: number, scimType?: ScimType) {
  const before = stateOf(sp);
  const res = sendTo(sp, request);

  expect(res.status, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/scim+json');
  expect(res.json.schemas).toEqual([ERROR_SCHEMA]);
  expect(res.json.status).toBe(String(status));
  expect(res.json.scimType).toBe(scimType);
  expect(res.json.detail).toEqual(expect.stringMatching(/\S/));
  expect(validateMessage('Error', res.json)).toEqual([]);
  expect(stateOf(sp)).toBe(before);
  return res;
}

export interface SetupOptions {
  faults?: ScimFault[];
  bodyLimit?: number;
}

/**
 * An Interact mock with a fixed clock (advanced a minute by `tick`), ids id-1, id-2, … and
 * token `TOKEN`, with a `send` that fills in the token and content type.
 */
export function setupSp({ faults, bodyLimit }: SetupOptions = {}) {
  let clock = Date.parse('2024-05-01T12:00:00.000Z');
  let seq = 0;
  const sp = new MockSp(interactProfile, {
    token: TOKEN,
    now: () => new Date(clock),
    newId: () => `id-${++seq}`,
    faults,
    bodyLimit,
  });
  const send = (method: string, path: string, body?: unknown, headers?: Record<string, string | undefined>) =>
    sendTo(sp, { method, path, body, headers });
  const tick = () => (clock += 60_000);
  /** The SP's state as JSON, to check that nothing changed. */
  const snapshot = () => stateOf(sp);
  /** The member ids of a group, as a GET shows them. */
  const members = (id: string) =>
    ((send('GET', `/Groups/${id}`).json.members ?? []) as JsonObject[]).map((member) => member.value);
  /** The group ids of a user, as a GET shows them. */
  const groupsOf = (id: string) =>
    ((send('GET', `/Users/${id}`).json.groups ?? []) as JsonObject[]).map((group) => group.value);
  return { sp, send, tick, snapshot, members, groupsOf };
}

/** Seeds users id-1 (alice, with `name` and `local` attributes), id-2 (bob) and group id-3 holding alice. */
export function seedTeam(
  sp: MockSp,
  name: JsonObject = { givenName: 'Alice' },
  local: JsonObject = {},
): void {
  sp.seedUser({ userName: 'alice@example.com', name }, local);
  sp.seedUser({ userName: 'bob@example.com' });
  sp.seedGroup({ displayName: 'Engineering', members: [{ value: 'id-1' }] });
}
