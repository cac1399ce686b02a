/**
 * SP fault switches that break what the reference IdP's manual import and retries rely
 * on (paging, Retry-After): each is caught by an import or retry check.
 */
export const IMPORT_SP_FAULTS = {
  'wrong-total-results':
    'reports totalResults as the number of resources on the page instead of every match, hiding later pages (RFC 7644 §3.4.2.4)',
  'rate-limit-without-retry-after':
    'answers 429 without the Retry-After its rate limiter knows, so no client can honour it (RFC 6585 §4, IDP-IDM-12)',
} as const;
