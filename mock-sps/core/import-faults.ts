/**
 * SP fault switches that break what the reference IdP's manual import and retries rely
 * on (paging, Retry-After): each is caught by an import or retry check.
 */
export const IMPORT_SP_FAULTS = {} as const;
