import { MASK, maskJsonSecrets, mentionsSecret } from '#harness/evidence';

/**
 * Passwords out of what a mock SP shows: its request log and its inspection API keep no
 * secret a client sent (decision 0036).
 */

/** A member or PATCH path that names a password. */
const PASSWORD = /^password$/i;

/** A JSON value with every member named `password` (any case, at any depth) left out. */
export function withoutPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([name, member]) =>
      PASSWORD.test(name) ? [] : [[name, withoutPasswords(member)]],
    ),
  );
}

/**
 * A request body as the SP's log keeps it: a JSON body with its credentials masked (members such
 * as `password`, and the value of a PATCH operation on one), anything else as sent, unless it
 * names a credential and is not JSON: then nothing of it is kept.
 */
export function maskPasswords(body: string): string {
  if (!mentionsSecret(body)) return body;
  try {
    return JSON.stringify(maskJsonSecrets(JSON.parse(body)));
  } catch {
    // Not JSON, yet it names a credential: keep nothing of it rather than guess where the secret is.
    return `${MASK} (a body that is not JSON and names a credential)`;
  }
}
