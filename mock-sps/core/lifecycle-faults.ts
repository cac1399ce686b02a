/**
 * SP fault switches that break what the reference IdP's lifecycle relies on (import
 * paging, …): each is caught by a group-sync or import check.
 */
export const LIFECYCLE_SP_FAULTS = {} as const;
