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

/** The mask a logged body shows in place of a password. */
export const MASKED = '[masked]';

/**
 * A request body as the SP's log keeps it: a JSON body's passwords masked (members named
 * `password`, and the value of a PATCH operation on the `password` path), anything else as sent.
 */
export function maskPasswords(body: string): string {
  if (!/password/i.test(body)) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON, yet it names a password: keep nothing of it rather than guess where the secret is.
    return `${MASKED} (a body that is not JSON and mentions a password)`;
  }
  return JSON.stringify(mask(parsed));
}

function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const onPassword = typeof object.path === 'string' && PASSWORD.test(object.path.split(':').pop()!);
  return Object.fromEntries(
    Object.entries(object).map(([name, member]) => [
      name,
      PASSWORD.test(name) || (onPassword && name.toLowerCase() === 'value') ? MASKED : mask(member),
    ]),
  );
}
