import { IDP_FAULT_RECORDS, type IdpFault } from '#harness';
import type { SamlFault, ScimFault, SpId } from '#mock-sps';
import { PROFITCO_SP_CATCHERS, SPARKPOST_SP_CATCHERS } from './catchers/apps.js';
import { IMPORT_SP_CATCHERS } from './catchers/import.js';
import { LIFECYCLE_SP_CATCHERS } from './catchers/lifecycle.js';
import { SALESFORCE_SP_CATCHERS } from './catchers/salesforce.js';
import { caughtIn } from './saml-records.js';

/**
 * For every fault switch, the checks that must catch it. Typed as complete records,
 * so a new switch without a catching check does not compile.
 */
export const SP_FAULT_CATCHERS: Record<ScimFault, readonly string[]> = {
  'case-sensitive-username-filter': [
    'scim-protocol/filter-username-case-insensitive',
    'provisioning/takeover-existing-user',
  ],
  'zero-based-start-index': ['scim-protocol/pagination-start-index'],
  'numeric-error-status': ['scim-protocol/error-body-shape', 'scim-protocol/get-unknown-404'],
  'create-returns-200': ['scim-protocol/create-user-201', 'scim-protocol/group-lifecycle'],
  'missing-location': ['scim-protocol/create-user-location'],
  'ignore-member-remove-filter': ['scim-protocol/patch-remove-member-filter'],
  'non-atomic-patch': ['scim-protocol/patch-atomic'],
  'deactivated-user-404': [
    'deactivation/delete-user-without-delete',
    'scim-protocol/patch-deactivate-readable',
    'deactivation/suspend',
    'deactivation/removed-from-all-groups',
  ],
  'invalid-filter-returns-all': ['scim-protocol/invalid-filter-400'],
  'accept-any-token': [
    'scim-protocol/auth-missing-token-401',
    'scim-protocol/auth-wrong-token-401',
    'provisioning/interact-base-url',
    'provisioning/interact-inactive-integration',
    'provisioning/interact-token-rotation',
    'provisioning/idm-token-change',
  ],
  'no-uniqueness-check': ['scim-protocol/create-duplicate-409'],
  'ignore-if-match': ['scim-protocol/etag-if-match'],
  'member-add-duplicates': ['scim-protocol/patch-member-add-idempotent'],
  'case-sensitive-patch-op': ['scim-protocol/patch-op-case-insensitive'],
  'json-content-type': ['scim-protocol/media-type'],
  'ignore-attributes-param': ['scim-protocol/attributes-param'],
  'delete-returns-200': ['scim-protocol/delete-204', 'scim-protocol/group-lifecycle'],
  'no-discovery': [
    'scim-protocol/service-provider-config',
    'scim-protocol/resource-types',
    'scim-protocol/schemas',
  ],
  'reject-plain-json': ['scim-protocol/plain-json-accepted'],
  'missing-meta': ['scim-protocol/create-user-meta'],
  'no-required-check': ['scim-protocol/create-invalid-400'],
  'plain-error-bodies': ['scim-protocol/malformed-json-400', 'scim-protocol/error-body-shape'],
  'ignore-filter': ['scim-protocol/filter-username-eq'],
  'value-path-matches-all': ['scim-protocol/filter-operators'],
  'ignore-excluded-attributes': ['scim-protocol/excluded-attributes-param'],
  'ignore-sort': ['scim-protocol/sort'],
  'put-not-applied': ['scim-protocol/put-replace'],
  'pathless-patch-ignored': ['scim-protocol/patch-pathless'],
  'sub-attribute-replace-clears-parent': ['scim-protocol/patch-replace'],
  'get-returns-list': ['scim-protocol/get-user-by-id'],
  'no-request-body-log': ['provisioning/interact-request-body-log'],
  'drop-formatted-address': ['provisioning/interact-locality-formatted'],
  'reset-unmanaged-attributes': ['provisioning/interact-unmanaged-attributes'],
  ...LIFECYCLE_SP_CATCHERS,
  ...IMPORT_SP_CATCHERS,
  ...SALESFORCE_SP_CATCHERS,
  ...PROFITCO_SP_CATCHERS,
  ...SPARKPOST_SP_CATCHERS,
};

/** For every IdP fault, the checks that must catch it: read from its record. */
export const IDP_FAULT_CATCHERS = Object.fromEntries(
  IDP_FAULT_RECORDS.map((record): [IdpFault, readonly string[]] => [record.id, record.caughtBy]),
) as Record<IdpFault, readonly string[]>;

/**
 * For every SAML fault record the saml-security suite catches, its vectors (each fails on at
 * least one SP in `on`), derived from the records in mock-sps/core/saml/faults.ts.
 */
export const SAML_FAULT_CATCHERS: Partial<
  Record<SamlFault, { on: readonly SpId[]; fails: readonly string[] }>
> = Object.fromEntries(
  caughtIn('saml-security').map(({ fault, on, checks }) => [
    fault,
    { on, fails: checks.map((id) => id.slice('saml-security/'.length)) },
  ]),
);

/**
 * saml-security vectors no fault switch reproduces yet: each needs a deliberately old
 * verifier (duplicate-ID resolution, a second SignedInfo, the signed root last). The
 * strict SP refuses them and their self-checks prove them real (docs/decisions/0007).
 */
export const NOT_YET_REPRODUCED = ['xsw7', 'xsw8', 'two-signedinfo', 'two-roots', 'two-roots-signed-last'];
