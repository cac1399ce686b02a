/**
 * The typed quirk profile each mock SP declares: what its SCIM service supports
 * and how it deviates from a plain RFC 7644 server. Shared code reads these
 * flags; it never asks which app it is (STYLE.md "Quirks are data").
 */

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
}

export interface SpProfile {
  /** Registry id, e.g. `interact`. */
  id: string;
  /** Display name, e.g. `Interact Software`. */
  name: string;
  /** Requirement-ID prefix of the app's own rows in SPEC.md, e.g. `INT`. */
  requirementPrefix: string;
  /** Absent for an SP with no SCIM surface (Outreach, OUT-06). */
  scim?: ScimProfile;
}
