import type { LIFECYCLE_SP_FAULTS } from '../../../mock-sps/core/lifecycle-faults.js';

/** The checks that must catch each lifecycle fault (group sync, token changes, IdM deactivation). */
export const LIFECYCLE_SP_CATCHERS: Record<keyof typeof LIFECYCLE_SP_FAULTS, readonly string[]> = {
  'display-name-filter-ignored': ['group-sync/takeover-by-display-name'],
  'rename-not-applied': ['group-sync/rename', 'group-sync/interact-groups', 'group-sync/salesforce-groups'],
  'member-value-remove-ignored': [
    'group-sync/membership-follows-changes',
    'group-sync/interact-groups',
    'group-sync/salesforce-groups',
  ],
  'group-delete-deactivates-members': ['group-sync/delete-group'],
  'deactivation-drops-memberships': [
    'group-sync/unbind-deactivates-members',
    'group-sync/unbind-spares-members-of-other-groups',
    'group-sync/disable-group-management',
  ],
};
