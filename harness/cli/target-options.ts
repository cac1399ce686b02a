/**
 * The options of `run --sp-metadata` (target mode for a SAML SP), read and checked: how the
 * signed-in user is read, what the IdP signs, where logins start, and the ones given without it.
 */
import { SIGN_CHOICES, jsonPathSteps, type IdentityCheck, type SignedParts } from '#scenarios';
import { UsageError } from './usage.js';

/** The SAML target options given without --sp-metadata: the first one and what it does. */
export function targetOnly(values: Record<string, unknown>): [string, string] | undefined {
  const options: [string, string][] = [
    ['identity-json-path', 'reads the signed-in user'],
    ['identity-pattern', 'reads the signed-in user'],
    ['sign', 'chooses what the IdP signs'],
    ['new-keys', 'creates the IdP key pair'],
    ['sp-login-url', 'starts each login at the SP'],
    ['encrypt', 'encrypts the assertions'],
    ['next-idp-keys', "signs with the IdP's next key"],
    ['retired-idp-keys', "signs with the IdP's retired key"],
    ['deprovision-wait', 'waits for the SP to act on a deactivation'],
  ];
  return options.find(([option]) => values[option] !== undefined && values[option] !== false);
}

/** `--sp-login-url`: an absolute http(s) URL. */
export function spLoginUrl(value: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(value))
    throw new UsageError(
      `--sp-login-url must be the http(s) URL of the SP page that starts a SAML login, such as https://app.example.com/saml/login (found '${value}')`,
    );
  return value;
}

/** What `--sign` asks the IdP to sign (default: the assertion). */
export function signChoice(value: string | undefined): SignedParts {
  if (value === undefined) return SIGN_CHOICES.assertion;
  if (value === 'assertion' || value === 'response' || value === 'both') return SIGN_CHOICES[value];
  throw new UsageError(`--sign must be assertion, response or both (found '${value}')`);
}

/** How target mode reads the signed-in user: where (--identity-url or --identity-header) and how (a JSON path or a pattern). */
export function identityOptions(values: {
  'identity-url'?: string;
  'identity-header'?: string;
  'identity-json-path'?: string;
  'identity-pattern'?: string;
}): IdentityCheck {
  const jsonPath = values['identity-json-path'];
  const source = values['identity-pattern'];
  if (jsonPath !== undefined && source !== undefined)
    throw new UsageError(
      '--identity-json-path and --identity-pattern are two ways to read the user; pass one',
    );
  if (jsonPath !== undefined && values['identity-url'] === undefined)
    throw new UsageError('--identity-json-path reads the JSON answer of --identity-url; add --identity-url');
  if (jsonPath !== undefined) {
    try {
      jsonPathSteps(jsonPath);
    } catch (error) {
      throw new UsageError(`--identity-json-path: ${(error as Error).message}`);
    }
  }
  let pattern: RegExp | undefined;
  if (source !== undefined) {
    try {
      pattern = new RegExp(source);
    } catch (error) {
      throw new UsageError(`--identity-pattern is not a regular expression (${(error as Error).message})`);
    }
    // `pattern|` matches the empty string, and its match array holds one slot per capture group.
    if (new RegExp(`${source}|`).exec('')!.length < 2)
      throw new UsageError(
        `--identity-pattern needs a capture group around the user, e.g. 'Signed in as ([^<]+)' (found '${source}')`,
      );
  }
  const where =
    values['identity-url'] !== undefined
      ? { url: values['identity-url'], ...(jsonPath === undefined ? {} : { jsonPath }) }
      : { header: values['identity-header']! };
  return { ...where, ...(pattern === undefined ? {} : { pattern }) };
}

/** `--scim-url` and `--token`: an http(s) SCIM base URL and its bearer token. */
export function scimService(url: string, token: string | undefined): { url: string; token: string } {
  if (token === undefined || token === '')
    throw new UsageError('--scim-url needs --token <bearer token> for the SCIM service');
  if (!/^https?:\/\/[^\s/]+/.test(url))
    throw new UsageError(
      `--scim-url must be an http(s) URL such as https://scim.example.com/scim/v2 (found '${url}')`,
    );
  return { url, token };
}

/** `--deprovision-wait <seconds>`: 0 to 60, in milliseconds. */
export function deprovisionWait(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds > 60)
    throw new UsageError(
      `--deprovision-wait is how many seconds (0 to 60) the SP may take to act on a deactivation over SCIM (found '${value}')`,
    );
  return Math.round(seconds * 1000);
}
