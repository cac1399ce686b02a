/**
 * The typed quirk profile each mock SP declares: what its SCIM service supports
 * and how it deviates from a plain RFC 7644 server. Shared code reads these
 * flags; it never asks which app it is (STYLE.md "Quirks are data").
 */
import type { JsonObject } from '#harness/scim';
import type { SpFault } from './fault.js';
import type { CoreRequest, CoreResponse } from './http.js';
import type { LoginRefusal } from './saml/refusals.js';
import type { StoredResource } from './store.js';

/** An attribute the SP stores under another name (INT-04: addresses.locality → addresses.formatted). */
export interface StoredAsRule {
  /** Multi-valued complex attribute whose elements are rewritten, e.g. `addresses`. */
  attribute: string;
  /** Sub-attribute the IdP sends. */
  from: string;
  /** Sub-attribute the SP keeps it in. */
  to: string;
  /** Requirement ID that documents the rule. */
  requirement: string;
}

export interface ScimProfile {
  /** Host of the SCIM base URL the SP answers on in-process. */
  host: string;
  /** Path of the SCIM base URL, without a trailing slash. */
  basePath: string;
  /** Whether /Groups exists. */
  groups: boolean;
  /** Whether DELETE /Users/{id} is supported (IDP-IDM-01 deactivates the test user otherwise). */
  deleteUsers: boolean;
  /** What /ServiceProviderConfig advertises. @see RFC 7643 §5 */
  features: {
    filterMaxResults: number;
    sort: boolean;
    etag: boolean;
    changePassword: boolean;
  };
  /**
   * The largest request body the SP takes, in bytes, as /ServiceProviderConfig advertises it
   * (bulk.maxPayloadSize, RFC 7643 §5); a larger one is answered 413 with a SCIM Error (RFC 7644
   * §3.12). The app's documented limit; MockSpOptions.bodyLimit overrides it for one SP.
   * @default DEFAULT_BODY_LIMIT (1 MiB)
   */
  maxPayloadSize?: number;
  /** Whether the SP can log request bodies (an admin option, INT-01). */
  requestBodyLogging: boolean;
  /** Attributes the SP keeps under another name. */
  storedAs: readonly StoredAsRule[];
  /**
   * Attributes the SP manages itself: kept in the SP's own record, unchanged by
   * SCIM updates that do not name them (INT-05).
   */
  localAttributes: readonly string[];
  /** Attributes the SP never stores (silently dropped); e.g. password is write-only. */
  ignoredAttributes: readonly string[];
  /**
   * Hosts by region (PCO-02, SPK-03), e.g. `{ us: 'api.sparkpost.com', eu: 'api.eu.sparkpost.com' }`;
   * `{tenant}` in a host is replaced by the tenant option. `host` is the default region's.
   */
  regions?: Readonly<Record<string, string>>;
  /** The app's named rules and the hooks built on them, for what data cannot express (OAuth, departments…). */
  quirks?: AppQuirks;
}

/**
 * An app's quirks: its checks and defaults as a record of named rules, and the hooks that
 * call them. An app fault replaces a rule (docs/decisions/0012-faults-wrap.md).
 */
export interface AppQuirks<Rules extends object = object> {
  /** The strict rules, by name. */
  readonly rules: Rules;
  /** The hooks of one SP, calling `rules` (the strict ones, or as faults replaced them). */
  build(env: QuirkEnv, rules: Rules): ScimQuirks;
}

/** What an app's quirk hooks get from the SP that hosts them. */
export interface QuirkEnv {
  now: () => Date;
  /** The SP's origin, e.g. `https://acme.my.salesforce.com`. */
  origin: string;
  /** The SCIM base URL. */
  scimBaseUrl: string;
  /** The bearer token the SP issued, and whether the integration is active (read and rotated by the hooks). */
  token: { token: string; active: boolean };
  /** The SCIM service's credential check, for an app route on the SCIM base path; throws a 401 ScimError. */
  authenticate(authorization: string | undefined): void;
}

/**
 * The few behaviours of one app that the profile's data cannot express. Hooks throw a
 * ScimError (from `#harness`) to refuse a request with a SCIM error; they never see a
 * request that failed schema validation.
 */
export interface ScimQuirks {
  /** The SP admin's controls beyond the core inspection API (departments, plans, picklists…), for scenarios. */
  admin?: object;
  /** Replaces the bearer-token check (OAuth access tokens, composite keys); throws a 401 ScimError. */
  authenticate?(authorization: string | undefined): void;
  /** Sees every request to the SP's origin first (OAuth endpoints…); undefined passes it on. */
  route?(request: CoreRequest, url: URL): CoreResponse | undefined;
  /** A user about to be created, split into its SCIM part and the SP's own fields; may change both or throw. */
  createUser?(user: { resource: JsonObject; local: JsonObject }): void;
  /** A user about to be replaced or patched: the stored one and the next one; may change `next` or throw. */
  updateUser?(previous: StoredResource, next: { resource: JsonObject; local: JsonObject }): void;
  /** Shapes a newly generated token the way the app issues it (Profit.co: `<API Key>:<SCIM Key>`). */
  issueToken?(random: string): string;
  /** The user as SCIM shows it (e.g. `active` from the SP's own suspension flag). */
  representUser?(resource: JsonObject, local: JsonObject): JsonObject;
}

export interface SpProfile {
  /** Registry id, e.g. `interact`. */
  id: string;
  /** Display name, e.g. `Interact Software`. */
  name: string;
  /** Requirement-ID prefix of the app's own requirement rows, e.g. `INT`. */
  requirementPrefix: string;
  /** Absent for an SP with no SCIM surface (Outreach, OUT-06). */
  scim?: ScimProfile;
  /** Absent for an SP with no SAML surface. */
  saml?: SamlProfile;
  /** The app's own fault records (each with `app` set to `id`); MockSp resolves fault ids against them too. */
  faults?: readonly SpFault[];
}

/** How an SP admin tells the SP about the IdP (INT-02 metadata URL, SPK-01 upload, OUT-02 / PCO-01 by hand). */
export type IdpConfigMethod = 'metadata-url' | 'metadata-upload' | 'manual';

/** A field of the SP's "add identity provider" form (OUT-02, PCO-01, SPK-01). */
export type ManualIdpField = 'name' | 'entityId' | 'ssoUrl' | 'certificate' | 'sloUrl';

/** The field of an SP user that the SAML subject names (SF-15: Username, Federation ID or User ID). */
export type SamlUserKey = 'userName' | 'email' | 'federationId' | 'id';

/** Where the SP reads the subject (SF-15: in the NameID or in a named attribute). */
export type SubjectSource = { from: 'nameId' } | { from: 'attribute'; name: string };

/** An SP user field that JIT provisioning can fill. */
export type JitField = 'userName' | 'email' | 'firstName' | 'lastName' | 'federationId' | 'profileId';

/** Just-in-time provisioning: the first SSO of an unknown user creates it (OUT-05, SF-18). */
export interface JitRule {
  /** Prefix of every JIT attribute name, e.g. `User.` (SF-18); '' for none. */
  attributePrefix: string;
  /** The attribute (without the prefix) each user field is taken from. */
  fields: Readonly<Partial<Record<JitField, string>>>;
  /** Attributes (without the prefix) a creation needs; any missing refuses the login, creating nothing. */
  required: readonly string[];
  /** Attributes (without the prefix) that, when present, must equal the subject (SF-18 FederationIdentifier). */
  mustMatchSubject: readonly string[];
  /** Requirement ID that documents the rule. */
  requirement: string;
}

/**
 * The SAML side of an SP. Templates may use `{origin}` (the SP's origin) and
 * `{accountId}` (the value of `accountId`).
 */
export interface SamlProfile {
  /** Host the SP answers on in-process when it has no SCIM host. */
  host: string;
  /** An account identifier the SP derives its SAML URLs from (OUT-01: the Outreach ID). */
  accountId?: { label: string; value: string; requirement: string };
  /** SP Entity ID template (OUT-01, SF-14, PCO-01). */
  entityId: string;
  /** ACS path (and query) template on the SP's origin; the ACS takes the HTTP-POST binding (SF-14: the org's login URL). */
  acsPath: string;
  /** SP-initiated login and the binding its AuthnRequest travels over (SF-14: HTTP-POST); absent when the SP has none. */
  spInitiated?: { binding: 'redirect' | 'post' };
  /** Whether an unsolicited (IdP-initiated) Response is accepted (OUT-06, IDP-SSO-04). */
  idpInitiated: boolean;
  /** Whether AuthnRequests are signed with the SP's request-signing certificate (SF-14). */
  signAuthnRequests: boolean;
  /** Whether the SP publishes an assertion-decryption certificate and decrypts (SF-14). */
  encryptAssertions: boolean;
  /** Whether a plain (unencrypted) assertion is refused. */
  requireEncryptedAssertion: boolean;
  /** Which element must carry a valid signature (PCO-01: the assertion). */
  requireSigned: 'assertion' | 'response' | 'either' | 'both';
  /** Tolerance on the validity window, in seconds. @default 60 */
  clockSkewSeconds?: number;
  /** The NameID the SP expects (PCO-01: the email, format emailAddress); any NameID when absent. */
  nameId?: { format: string };
  /** Who the subject is and how the SP finds the user (SF-15). */
  identity: {
    source: SubjectSource;
    matches: SamlUserKey;
    /** SF-15 "Make Federation ID case-insensitive"; emails and usernames compare case-insensitively. */
    caseInsensitive: boolean;
  };
  /** Whether SSO users must already exist (INT-03) or are created on first login (OUT-05, SF-18). */
  users: 'must-exist' | 'jit';
  /** The JIT rule; required when `users` is 'jit'. */
  jit?: JitRule;
  /** How the IdP is configured (INT-02, SPK-01, OUT-02, PCO-01) and which hand-entered fields are required / optional. */
  idpConfig: {
    methods: readonly IdpConfigMethod[];
    manual: { required: readonly ManualIdpField[]; optional: readonly ManualIdpField[] };
  };
  /** SSO starts disabled and real logins are refused until `enableSso()` (OUT-04). */
  ssoEnabledFlag: boolean;
  /** A Test login that shows the email from the assertion without signing in (OUT-03). */
  testLogin: boolean;
  /** The IdP certificate first configured is a placeholder: every assertion is refused until it is replaced (SF-16). */
  placeholderCertificate: boolean;
  /** The SP's sign-in page (INT-02 button and auto-login, SF-17 login form). */
  signIn: {
    /** A login button named after the configured IdP (INT-02). */
    loginButton: boolean;
    /** The admin can make the IdP the default provider with auto-login (INT-02). */
    autoLogin: boolean;
    /** Whether the username/password form is offered (SF-17: disabled, users sign in only through the IdP). */
    loginForm: boolean;
  };
  /** The IdP's default SSO path the SP's setup expects (SF-14: `<idp-base>/saml2/salesforce`). */
  defaultIdpSsoPath?: string;
  /** The SP's own names for refusal reasons, shown and logged (SF-19). */
  refusalNames?: Readonly<Partial<Record<LoginRefusal, string>>>;
  /**
   * Front-channel Single Logout at `/saml/slo`, SP- and IdP-initiated (SAML-SLO); the SP sends its
   * own LogoutRequests and LogoutResponses by HTTP-Redirect, signed. Absent: no Single Logout.
   */
  singleLogout?: boolean;
}
