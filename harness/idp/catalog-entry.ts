import type { AttributeMapping } from './mapping.js';
import type { OAuthClientSettings } from './oauth.js';
import type { SsoCatalogDefaults } from './sso-settings.js';

/**
 * An application in the IdP's catalogue: what the IdP knows of it without looking
 * at any SP (the reference IdP never imports an app's mock).
 */
export interface CatalogEntry {
  /** Catalogue id, e.g. `interact`. */
  id: string;
  displayName: string;
  /**
   * Whether the IdP offers identity management (SCIM provisioning) for the app; `activateIdm`
   * refuses when false. SSO-only entries, and entries whose SCIM mappings are not in yet, say false.
   */
  provisioning: boolean;
  /** Whether the app's SCIM side supports groups (group management can be enabled). */
  groups: boolean;
  /** Whether the test connection deletes its test user, or deactivates it (IDP-IDM-01). */
  deleteUsers: boolean;
  /** How the IdP is authorised at the SP's SCIM API: a pasted token, or an OAuth consent (SF-01). @default 'token' */
  scimAuth?: 'token' | 'oauth';
  /** The IdP's OAuth client at the SP; required when `scimAuth` is 'oauth' (SF-01). */
  oauth?: OAuthClientSettings;
  /** Whether manual import leaves out users inactive (suspended) in the SP (SPK-05). @default false */
  importSkipsInactive?: boolean;
  /**
   * Most group members one SCIM request carries: a group is created with at most this many, and
   * the rest, like removals, go in PATCHes of at most this many (IDP-IDM-14). Okta takes this
   * figure per integration (100 to 1000, default 100); null sends every member in one request.
   * @default MEMBERS_PER_REQUEST (100)
   */
  maxMembersPerRequest?: number | null;
  /** The app's attribute table, from its integration guide (empty while provisioning is not offered). */
  mappings: readonly AttributeMapping[];
  /** The SSO tab's defaults, from the integration guide (IDP-SSO-06). @default the generic SAML app's */
  sso?: SsoCatalogDefaults;
}
