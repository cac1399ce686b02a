import type { LIFECYCLE_IDP_FAULTS } from '../../../harness/idp/fault-sets/lifecycle.js';

/** The checks that must catch each lifecycle fault of the IdP (group sync, token changes, IdM deactivation). */
export const LIFECYCLE_IDP_CATCHERS: Record<keyof typeof LIFECYCLE_IDP_FAULTS, readonly string[]> = {
  'duplicate-groups': [
    'group-sync/takeover-by-display-name',
    'group-sync/interact-groups',
    'group-sync/salesforce-groups',
  ],
  'member-removal-by-filter': ['group-sync/membership-follows-changes'],
  'skip-group-rename': ['group-sync/rename', 'group-sync/interact-groups', 'group-sync/salesforce-groups'],
  'delete-unbound-group': [
    'group-sync/unbind-deactivates-members',
    'group-sync/unbind-spares-members-of-other-groups',
  ],
  'keep-syncing-unbound-group': [
    'group-sync/unbind-deactivates-members',
    'group-sync/unbind-spares-members-of-other-groups',
  ],
  'unbound-members-stay-active': [
    'group-sync/unbind-deactivates-members',
    'group-sync/unbind-spares-members-of-other-groups',
    'group-sync/delete-group',
  ],
  'deactivate-shared-members': [
    'group-sync/unbind-spares-members-of-other-groups',
    'group-sync/delete-group',
  ],
  'skip-group-delete': ['group-sync/delete-group', 'group-sync/interact-groups'],
  'membership-after-disable': ['group-sync/disable-group-management'],
  'token-change-in-place': ['provisioning/idm-token-change'],
  'provision-after-deactivation': ['provisioning/idm-deactivate-stops-provisioning'],
  'deprovision-on-app-delete': [
    'provisioning/app-delete-leaves-users',
    'provisioning/salesforce-app-delete-leaves-users',
  ],
};
