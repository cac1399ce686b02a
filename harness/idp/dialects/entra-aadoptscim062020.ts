/**
 * Microsoft Entra ID with `?aadOptscim062020` on the tenant URL: the compliant PATCH the
 * compatibility page documents (lowercase ops, JSON booleans, bundled replaces, member removal
 * by a filter path). Everything the flag does not list is as in the default mode.
 * @see IDP-IDM-13
 */
import { ADSCIM_GROUP_SCHEMA, ENTRA } from './entra.js';
import type { DialectProfile } from './types.js';

export const ENTRA_AADOPTSCIM062020: DialectProfile = {
  ...ENTRA,
  id: 'entra-aadOptscim062020',
  idp: 'Microsoft Entra ID (aadOptscim062020)',
  differences: [
    'test connection: GET /Users?filter=userName eq "<random GUID>", expecting 200 and an empty list',
    'PATCH ops lowercase; booleans JSON (deactivation: replace active false)',
    'updates: a filter-path op per multi-valued value, plus one path-less replace bundling the other changed paths',
    'member removal: one op per member, path members[value eq "<id>"]',
    'groups created without members, then PATCH add members with "$ref": null',
    'manager: a bare id string at urn:…:enterprise:2.0:User:manager',
    'escrow retries at 6 h, 12 h, 24 h, then daily for 28 days; quarantine on invalid credentials or too many failures',
  ],
  assumed: [
    'entra-matching-attribute',
    'entra-add-for-new',
    'entra-reactivate',
    'entra-externalid',
    'entra-manager',
    'entra-rename',
    'entra-member-chunks',
    'entra-request-retry',
    'entra-escrow-inline',
    'entra-quarantine-count',
    'entra-flag-bundle',
  ],
  // compatibility, "With feature flag" samples.
  patch: { ops: { add: 'add', replace: 'replace', remove: 'remove' }, booleans: 'json' },
  update: { method: 'PATCH', paths: 'row', addForNew: true, bundleReplaces: true },
  groups: { ...ENTRA.groups, remove: 'filter-path' },
  // JSON Booleans with the flag; the group schema URN stays.
  nonStandard: [ADSCIM_GROUP_SCHEMA],
};
