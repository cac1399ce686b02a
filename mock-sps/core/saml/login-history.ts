/**
 * The SP's login history (SF-19): one record per attempt at the ACS, with the
 * refusal reason, the SP's name for it and, once the SAML checks passed, the NameID.
 */
import { clip, keepLatest } from '#harness/http';
import { SamlError } from '#harness/saml';
import { LoginRefused, type LoginRefusal } from './refusals.js';

/** One login attempt at the ACS, as the SP's login history shows it (SF-19). */
export interface LoginRecord {
  at: string;
  outcome: 'success' | 'refused';
  /** A Test login (OUT-03): nobody was signed in. */
  test?: boolean;
  reason?: LoginRefusal;
  /** The SP's own name for the reason (SF-19: Salesforce's). */
  reasonName?: string;
  message?: string;
  /** The verified NameID, once the Response passed the SAML checks. */
  nameId?: string;
  /** The SP user signed in (or created). */
  user?: string;
  userId?: string;
  created?: boolean;
  inResponseTo?: string;
  relayState?: string;
}

/** The reason, message and (once the SAML checks passed) NameID of a refused login. */
export function refusalOf(error: unknown): { reason: LoginRefusal; message: string; nameId?: string } {
  if (error instanceof LoginRefused) {
    return { reason: error.reason, message: error.message, ...optional({ nameId: error.nameId }) };
  }
  if (error instanceof SamlError) return { reason: error.reason, message: error.message };
  return { reason: 'malformed', message: `The ACS could not process the Response: ${String(error)}` };
}

/** The entries of `values` that are defined (optional fields stay absent, not undefined). */
export function optional<T extends Record<string, unknown>>(
  values: T,
): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}

/** How many login attempts the history keeps at least (at most twice that). */
export const LOGIN_HISTORY_LIMIT = 1000;

/** The longest identity, InResponseTo or RelayState a record keeps, in characters. */
const KEPT_NAME_CHARS = 256;

/**
 * Adds `record` to `history` within bounds: the latest LOGIN_HISTORY_LIMIT attempts, each text
 * cut, so refused posts carrying megabytes of Issuer or RelayState cost the SP a few kilobytes.
 */
export function remember(history: LoginRecord[], record: LoginRecord): void {
  const cut = (text: string | undefined, max = KEPT_NAME_CHARS) =>
    text === undefined ? undefined : clip(text, max);
  history.push({
    ...record,
    ...optional({
      message: cut(record.message, 1024),
      nameId: cut(record.nameId),
      user: cut(record.user),
      inResponseTo: cut(record.inResponseTo),
      relayState: cut(record.relayState),
    }),
  });
  keepLatest(history, LOGIN_HISTORY_LIMIT);
}
