import type { IdpFault } from '#harness';
import { SCIM_FAULT_RECORDS, type SamlFault, type ScimFault, type SpId } from '#mock-sps';
import { APPS_IDP_CATCHERS } from './catchers/apps.js';
import { IMPORT_IDP_CATCHERS } from './catchers/import.js';
import { LIFECYCLE_IDP_CATCHERS } from './catchers/lifecycle.js';
import { SALESFORCE_IDP_CATCHERS } from './catchers/salesforce.js';

/**
 * For every SP fault, the checks that must catch it: each record's `caughtBy`
 * (mock-sps/core/faults/, and each app's faults.ts).
 */
export const SP_FAULT_CATCHERS = Object.fromEntries(
  SCIM_FAULT_RECORDS.map((fault) => [fault.id, fault.caughtBy]),
) as Readonly<Record<ScimFault, readonly string[]>>;

export const IDP_FAULT_CATCHERS: Record<IdpFault, readonly string[]> = {
  'no-lookup': [
    'provisioning/create-on-membership',
    'provisioning/takeover-existing-user',
    'import/managed-only-when-bound',
  ],
  'put-updates': ['provisioning/attribute-update'],
  'string-active': ['deactivation/suspend'],
  'create-empty-groups': ['provisioning/no-empty-groups'],
  'skip-member-removal': ['provisioning/group-membership'],
  'deactivate-instead-of-delete': ['deactivation/delete-user'],
  'delete-where-unsupported': ['deactivation/delete-user-without-delete'],
  'drop-optional-attributes': [
    'provisioning/interact-attribute-mapping',
    'provisioning/interact-locality-formatted',
  ],
  'leave-test-user': ['provisioning/activation-test-connection'],
  'activate-without-test': ['provisioning/activation-refused'],
  'never-reactivate': ['deactivation/unsuspend', 'deactivation/rebind'],
  'skip-events': ['provisioning/create-on-membership', 'deactivation/suspend', 'deactivation/delete-user'],
  'sso-ignore-access-control': ['sso/unauthorized-denied'],
  'sso-ignore-deactivation': ['sso/deactivated'],
  'sso-unsolicited-in-response-to': ['sso/idp-initiated'],
  'sso-drop-in-response-to': ['sso/sp-initiated'],
  'sso-keep-deleted-app': ['sso/delete-application'],
  'sso-mutable-slug': ['sso/idp-urls'],
  'sso-long-validity': ['sso/assertion-shape'],
  'sso-skip-encryption': ['sso/salesforce-signed-post-encrypted'],
  'sso-drop-jit-attributes': ['sso/salesforce-jit-attributes', 'sso/outreach-jit'],
  ...LIFECYCLE_IDP_CATCHERS,
  ...IMPORT_IDP_CATCHERS,
  ...SALESFORCE_IDP_CATCHERS,
  ...APPS_IDP_CATCHERS,
};

/**
 * For every SAML fault switch that skips an ACS check, the saml-security checks
 * that must catch it, and the SP that shows it (Outreach reads its user from the
 * email attribute, so a missing NameID only matters there).
 */
export const SAML_FAULT_CATCHERS: Partial<Record<SamlFault, { sp: SpId; fails: readonly string[] }>> = {
  'skip-signature-check': {
    sp: 'sparkpost',
    fails: ['signature-stripped', 'stranger-key-keyinfo', 'comment-in-digest'],
  },
  'trust-keyinfo-certificate': { sp: 'sparkpost', fails: ['stranger-key-keyinfo'] },
  'first-assertion': { sp: 'sparkpost', fails: ['two-assertions'] },
  'first-text-node': { sp: 'interact', fails: ['comment-split-nameid'] },
  'xsw-vulnerable': {
    sp: 'interact',
    fails: [
      'xsw1',
      'xsw2',
      'xsw3',
      'xsw4',
      'xsw5',
      'xsw6',
      'two-assertions-before',
      'unsigned-assertion-in-signed-response',
    ],
  },
  'process-doctype': { sp: 'interact', fails: ['doctype-entities', 'doctype-external-entity'] },
  'no-replay-cache': { sp: 'sparkpost', fails: ['replay'] },
  'skip-audience-check': { sp: 'sparkpost', fails: ['wrong-audience'] },
  'skip-recipient-check': { sp: 'sparkpost', fails: ['wrong-recipient'] },
  'skip-destination-check': { sp: 'sparkpost', fails: ['wrong-destination'] },
  'skip-issuer-check': { sp: 'sparkpost', fails: ['wrong-issuer'] },
  'skip-time-check': { sp: 'sparkpost', fails: ['expired', 'not-yet-valid'] },
  'ignore-in-response-to': {
    sp: 'interact',
    fails: ['in-response-to-unsolicited', 'in-response-to-mismatch'],
  },
  'ignore-status': { sp: 'sparkpost', fails: ['status-not-success'] },
  'accept-sha1': { sp: 'sparkpost', fails: ['sha1-under-sha256'] },
  'no-subject-check': {
    sp: 'outreach',
    fails: ['missing-subject-confirmation', 'missing-subject', 'missing-nameid'],
  },
  'no-authn-statement-check': { sp: 'sparkpost', fails: ['missing-authn-statement'] },
};

/**
 * saml-security vectors no fault switch reproduces yet: each needs a deliberately old
 * verifier (duplicate-ID resolution, a second SignedInfo, the signed root last). The
 * strict SP refuses them and their self-checks prove them real (docs/decisions/0007).
 */
export const NOT_YET_REPRODUCED = ['xsw7', 'xsw8', 'two-signedinfo', 'two-roots', 'two-roots-signed-last'];
