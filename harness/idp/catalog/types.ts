import type { AttributeMapping } from '../mapping.js';

/**
 * An application in the IdP's catalogue: what the IdP knows of it without looking
 * at any SP (the reference IdP never imports an app's mock).
 */
export interface CatalogEntry {
  /** Catalogue id, e.g. `interact`. */
  id: string;
  displayName: string;
  /** Whether the app's SCIM side supports groups (group management can be enabled). */
  groups: boolean;
  /** Whether the test connection deletes its test user, or deactivates it (IDP-IDM-01). */
  deleteUsers: boolean;
  /** The app's attribute table, from its integration guide. */
  mappings: readonly AttributeMapping[];
}
