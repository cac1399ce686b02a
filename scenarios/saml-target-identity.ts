/**
 * Who target mode finds signed in at a vendor's SP: read from an identity URL's answer or a
 * header of the ACS answer, by a JSON path, a pattern's capture group, or the plain text.
 */
/**
 * How to tell who is signed in at the SP after a post to its ACS: a URL that answers with the
 * signed-in user, or a header of the ACS answer. The name is read from the answer by a JSON
 * path (`data.user.email`, `$.users[0].name`), by the first capture group of a pattern, or else
 * as the plain text or the JSON keys user, nameId, nameID or email.
 */
export type IdentityCheck = ({ url: string; jsonPath?: string } | { header: string }) & { pattern?: RegExp };

/** The steps of a JSON path: `$.a.b[0].c` or `a.b.0.c`. */
export function jsonPathSteps(path: string): string[] {
  const steps = path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((step): step is string => step !== undefined && step !== '');
  if (steps.length === 0)
    throw new TypeError(`the JSON path '${path}' names no key; write it as data.user.email or $.user.email`);
  return steps;
}

/** The name `identity` reads from an answer's text, or undefined (nobody). */
export function identityIn(identity: IdentityCheck, text: string): string | undefined {
  const trimmed = text.trim();
  if (identity.pattern) {
    const found = identity.pattern.exec(trimmed)?.[1]?.trim();
    return found ? found : undefined;
  }
  if ('jsonPath' in identity && identity.jsonPath !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    for (const step of jsonPathSteps(identity.jsonPath))
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }
  if ('header' in identity) return trimmed === '' ? undefined : trimmed;
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    const who = json.user ?? json.nameId ?? json.nameID ?? json.email;
    return typeof who === 'string' && who !== '' ? who : undefined;
  } catch {
    return trimmed === '' ? undefined : trimmed;
  }
}
