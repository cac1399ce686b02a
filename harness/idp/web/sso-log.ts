/**
 * The IdP's SSO log: every login, every Response issued and every request refused
 * or denied, with the reason and the SAML message, for scenarios to inspect and cite.
 * @see IDP-SSO-03, IDP-SSO-04, IDP-SSO-05, IDP-SSO-08
 */
import { clip, clipOptional } from '#harness/http';
import type { SamlRefusal } from '#harness/saml';

/** The most of a received AuthnRequest or LogoutRequest an entry keeps, in characters. */
export const KEPT_REQUEST_CHARS = 16_384;

/** Why the IdP refused: a SAML refusal, or an IdP-side one. */
export type SsoRefusalReason =
  | SamlRefusal
  /** No application has this slug (deleted, or never created). */
  | 'unknown-application'
  /** "Deactivate SSO" (IDP-SSO-08). */
  | 'sso-disabled'
  /** The SP Entity ID or ACS URL is not configured yet. */
  | 'not-configured'
  /** The NameIDPolicy asks a format the app does not issue. */
  | 'name-id-policy-unsupported'
  /** The user has no value for the app's NameID source. */
  | 'name-id-missing'
  /** The user is not authorized for the app (IDP-SSO-03). */
  | 'access-denied'
  /** A POST form without this session's CSRF token. */
  | 'csrf';

/** One line of the SSO log. */
export interface SsoLogEntry {
  timestamp: string;
  flow: 'sp-initiated' | 'idp-initiated' | 'login' | 'logout';
  /** issued: a Response went to the ACS; refused: 400; denied: 403 access denied. */
  outcome: 'issued' | 'refused' | 'denied' | 'success' | 'failure';
  application?: string;
  slug?: string;
  /** The directory user's email. */
  user?: string;
  reason?: SsoRefusalReason;
  detail: string;
  /** AuthnRequest ID (SP-initiated). */
  requestId?: string;
  responseId?: string;
  assertionId?: string;
  /** The AuthnRequest as received (decoded). */
  requestXml?: string;
  /** The Response posted to the ACS. */
  responseXml?: string;
}

/** The SSO log, bounded to the latest `max` entries. */
export class SsoLog {
  readonly entries: SsoLogEntry[] = [];

  constructor(
    private readonly now: () => Date,
    /** Oldest entries are dropped beyond this. */
    private readonly max = 1000,
  ) {}

  /**
   * Adds an entry, with what the sender chose cut to size (the request as received, its ID, the
   * detail that may quote it): anonymous requests cost the log a bounded amount each. The
   * Response the IdP issued is its own and kept whole.
   */
  record(entry: Omit<SsoLogEntry, 'timestamp'>): SsoLogEntry {
    const full: SsoLogEntry = {
      timestamp: this.now().toISOString(),
      ...entry,
      detail: clip(entry.detail, 2048),
    };
    const requestXml = clipOptional(entry.requestXml, KEPT_REQUEST_CHARS);
    if (requestXml !== undefined) full.requestXml = requestXml;
    const requestId = clipOptional(entry.requestId, 256);
    if (requestId !== undefined) full.requestId = requestId;
    this.entries.push(full);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    return full;
  }

  /** Responses issued (both flows). */
  issued(): SsoLogEntry[] {
    return this.entries.filter((entry) => entry.outcome === 'issued');
  }

  /** Requests refused (400) or denied (403). */
  refusals(): SsoLogEntry[] {
    return this.entries.filter((entry) => entry.outcome === 'refused' || entry.outcome === 'denied');
  }
}
