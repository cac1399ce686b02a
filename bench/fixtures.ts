/**
 * What the bench orchestrator and its server children share: the server kinds,
 * the "ready" line a child prints, and the shape of a benchmark user.
 */

/** Servers `bench/server.ts` can start. */
export const SERVER_KINDS = ['mock', 'scimmy', 'hello'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export function isServerKind(value: string | undefined): value is ServerKind {
  return (SERVER_KINDS as readonly (string | undefined)[]).includes(value);
}

/** Users pre-loaded into each SCIM server before any load. */
export const SEEDED_USERS = 10_000;

/** The one JSON line a server child prints on stdout once it is listening and seeded. */
export interface ServerReady {
  kind: ServerKind;
  /** SCIM base URL (`http://127.0.0.1:PORT/…`), or the origin for `hello`. */
  baseUrl: string;
  /** Bearer token the server accepts; empty for `hello`. */
  token: string;
  /** userName of one pre-loaded user, for the filter workload; empty for `hello`. */
  sampleUserName: string;
  /** How many users were pre-loaded. */
  users: number;
  /** Time spent pre-loading them, in milliseconds. */
  seedMs: number;
}

/**
 * A SCIM core User as an IdP such as JumpCloud provisions one: userName, name,
 * one work email, externalId, active. `tag` keeps userNames of different
 * batches apart. @see RFC 7643 §4.1
 */
export function benchUser(tag: string, n: number) {
  const userName = `${tag}.${n}@bench.example.com`;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    externalId: `${tag}-${n}`,
    name: { givenName: 'Bench', familyName: `User ${n}`, formatted: `Bench User ${n}` },
    displayName: `Bench User ${n}`,
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
  };
}
