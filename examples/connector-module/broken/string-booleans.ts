/**
 * BUG: the user's `active` goes out as the string "true"/"false" instead of a JSON Boolean
 * (RFC 7643 §2.3.2): in the create (and any replace of active) and in the deactivation PATCH.
 * The test connection builds its own test user and is unaffected.
 */
import type { Connector, ConnectorContext } from 'sso-harness';
import { connector as good } from '../connector.js';
import { GROUP_APPS, SCIM_APPS, failing, rewritingBodies } from './support.js';

/**
 * What catches it: every SP here refuses the create (400, "active must be a boolean"), so every
 * check that provisions a user fails, and says why. One serialisation bug stops provisioning.
 */
export const expectedFailures = failing({
  'provisioning/create-on-membership': SCIM_APPS,
  // SparkPost already shows the seeded user active: nothing to replace, nothing refused.
  'provisioning/takeover-existing-user': ['interact', 'profitco', 'salesforce'],
  'provisioning/attribute-update': SCIM_APPS,
  'provisioning/create-read-back': SCIM_APPS,
  'provisioning/group-membership': GROUP_APPS,
  'provisioning/idm-token-change': SCIM_APPS,
  'provisioning/idm-deactivate-stops-provisioning': SCIM_APPS,
  'provisioning/app-delete-leaves-users': SCIM_APPS,
  'provisioning/exclude-optional-attributes': SCIM_APPS,
  'provisioning/retry-429-retry-after': SCIM_APPS,
  'provisioning/retry-5xx-backoff': SCIM_APPS,
  // The refused create is never stored, so the SP's timeout after storing it never comes.
  'provisioning/no-duplicate-after-timeout': SCIM_APPS,
  'provisioning/interact-request-body-log': ['interact'],
  'provisioning/interact-attribute-mapping': ['interact'],
  'provisioning/interact-locality-formatted': ['interact'],
  'provisioning/interact-unmanaged-attributes': ['interact'],
  'provisioning/interact-token-rotation': ['interact'],
  'provisioning/profitco-regional-base-url': ['profitco'],
  'provisioning/profitco-attributes': ['profitco'],
  'provisioning/profitco-departments': ['profitco'],
  'provisioning/profitco-lifecycle': ['profitco'],
  'provisioning/salesforce-username-rules': ['salesforce'],
  'provisioning/salesforce-one-address-phone': ['salesforce'],
  'provisioning/salesforce-picklists': ['salesforce'],
  'provisioning/salesforce-active': ['salesforce'],
  'provisioning/salesforce-enterprise-extension': ['salesforce'],
  'provisioning/salesforce-entitlement': ['salesforce'],
  'provisioning/salesforce-email-change': ['salesforce'],
  'provisioning/salesforce-create-only-fields': ['salesforce'],
  'provisioning/salesforce-no-federation-id': ['salesforce'],
  'provisioning/salesforce-app-delete-leaves-users': ['salesforce'],
  'provisioning/salesforce-jit-exclusive': ['salesforce'],
  'provisioning/salesforce-oauth-consent': ['salesforce'],
  'provisioning/salesforce-sandbox': ['salesforce'],
  'provisioning/sparkpost-regional-base-url': ['sparkpost'],
  'provisioning/sparkpost-attributes': ['sparkpost'],
  'provisioning/sparkpost-excluded-attributes': ['sparkpost'],
  'group-sync/takeover-by-display-name': GROUP_APPS,
  'group-sync/rename': GROUP_APPS,
  'group-sync/membership-follows-changes': GROUP_APPS,
  'group-sync/large-group-within-body-limit': GROUP_APPS,
  'group-sync/unbind-deactivates-members': GROUP_APPS,
  'group-sync/unbind-spares-members-of-other-groups': GROUP_APPS,
  'group-sync/delete-group': GROUP_APPS,
  'group-sync/disable-group-management': GROUP_APPS,
  'group-sync/interact-groups': ['interact'],
  'group-sync/salesforce-groups': ['salesforce'],
  'group-sync/profitco-no-groups': ['profitco'],
  'group-sync/sparkpost-no-groups': ['sparkpost'],
  'deactivation/suspend': SCIM_APPS,
  'deactivation/removed-from-all-groups': SCIM_APPS,
  'deactivation/unsuspend': SCIM_APPS,
  'deactivation/rebind': SCIM_APPS,
  'deactivation/delete-user': ['interact', 'sparkpost'],
  'deactivation/delete-user-without-delete': ['profitco', 'salesforce'],
});

type Op = { path?: string; value?: unknown };

const stringBooleans = (ctx: ConnectorContext): ConnectorContext =>
  rewritingBodies(ctx, (body) => {
    if (typeof body.active === 'boolean') body.active = String(body.active);
    for (const op of (body.Operations ?? []) as Op[])
      if (op.path === 'active' && typeof op.value === 'boolean') op.value = String(op.value);
  });

/** @public What `run --connector` loads. */
export const connector: Connector = {
  ...good,
  name: 'string-booleans',
  provisionUser: (ctx, user, link) => good.provisionUser(stringBooleans(ctx), user, link),
  deprovisionUser: (ctx, user, spId) => good.deprovisionUser(stringBooleans(ctx), user, spId),
};
