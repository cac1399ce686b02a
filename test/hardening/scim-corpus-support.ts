/**
 * The SCIM bad-input corpus's vocabulary: one request as data (`Case`), the placeholders filled in
 * when it is sent, and the payload builders (scim-corpus.test.ts sends it).
 */
import {
  ENTERPRISE_USER_SCHEMA as ENTERPRISE,
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  USER_SCHEMA,
} from '#harness/scim';

export const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
/** Every answer must arrive within ANSWER_MS; the client gives up at CLIENT_TIMEOUT_MS. */
export const ANSWER_MS = 1_000;
export const CLIENT_TIMEOUT_MS = 5_000;

// Placeholders for the seeded resources, the SCIM base path and the token, filled in when sent.
export const USER = '@@user@@';
export const GROUP = '@@group@@';
export const BASE = '@@base@@';
export const TOKEN = '@@token@@';

/** One request of the corpus. */
export interface Case {
  readonly label: string;
  readonly method: string;
  /** Below the SCIM base path unless `outside` (then from the origin); may hold the placeholders. */
  readonly path: string;
  readonly outside?: boolean;
  /** Sent as is; may hold the placeholders. */
  readonly body?: string;
  /** Over the valid token and SCIM content type; `null` leaves a header out; may hold TOKEN. */
  readonly headers?: Readonly<Record<string, string | null>>;
}

/** A case for `request`, "METHOD path" with the path below the SCIM base path. */
export function c(label: string, request: string, body?: string, headers?: Case['headers']): Case {
  const space = request.indexOf(' ');
  return { label, method: request.slice(0, space), path: request.slice(space + 1), body, headers };
}
export const outside = (label: string, request: string, body?: string): Case => ({
  ...c(label, request, body),
  outside: true,
});
export const tagged = (tag: string, cases: Case[]): Case[] =>
  cases.map((one) => ({ ...one, label: `${tag}: ${one.label}` }));

// Payload builders. The corpus is built once, at load, and sent to every SP.

let serial = 0;
/** A number not used before in the corpus, for unique names. */
export const nextSerial = (): number => ++serial;
/** A user body every SP accepts, with a fresh email-shaped userName, and `extra`. */
export function newUser(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const email = `corpus.${nextSerial()}@example.com`;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    userName: email,
    name: { givenName: 'Corpus', familyName: 'User' },
    emails: [{ value: email, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}
export const json = (value: unknown): string => JSON.stringify(value);
export const userJson = (extra: Record<string, unknown> = {}): string => json(newUser(extra));
/** JSON text of `value` with the string "@@raw@@" replaced by `raw`, which may be no valid JSON. */
export const RAW = '@@raw@@';
export const withRaw = (value: unknown, raw: string): string => json(value).replace(json(RAW), raw);
export const patchOf = (...operations: unknown[]): string =>
  json({ schemas: [PATCH_OP_SCHEMA], Operations: operations });
export const op = (name: string, path?: string, value?: unknown): string =>
  patchOf({ op: name, path, value });
export const searchOf = (fields: Record<string, unknown>): string =>
  json({ schemas: [SEARCH_SCHEMA], ...fields });
export const groupJson = (fields: Record<string, unknown>): string =>
  json({ schemas: [GROUP_SCHEMA], ...fields });
export const q = encodeURIComponent;
export const times = <T>(count: number, make: (n: number) => T): T[] =>
  Array.from({ length: count }, (_, n) => make(n));
export const thousands = (n: number): string => n.toLocaleString('en');
