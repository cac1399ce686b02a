/**
 * SP fault switches that break what the reference IdP's lifecycle relies on (group
 * takeover, rename, membership removal, group deletion, deactivation): each is caught
 * by a group-sync check. The SCIM service and its resource endpoints apply them beside
 * their core twins (`ignore-filter`, `ignore-member-remove-filter`, `put-not-applied`).
 */

export const LIFECYCLE_SP_FAULTS = {
  'display-name-filter-ignored':
    'ignores a filter on /Groups and lists every group, so a displayName lookup finds the wrong one (IDP-IDM-07)',
  'rename-not-applied': "answers 200 to a group rename but keeps the group's old displayName (IDP-IDM-07)",
  'member-value-remove-ignored':
    'ignores a members remove in the value-array form {"op":"remove","path":"members","value":[…]} (IDP-IDM-13)',
  'group-delete-deactivates-members':
    'deleting a group also sets active=false on the users that were its members (IDP-IDM-07)',
  'deactivation-drops-memberships':
    'removes a user from every group when it is deactivated, so groups do not stay as they were (IDP-IDM-07)',
} as const;
