/**
 * Faults that break what the reference IdP's manual import and retries rely on (paging,
 * Retry-After): each is caught by an import or retry check.
 */
import { defineSpFaults } from '../fault.js';
import { droppingHeader, isListing, withJsonBody } from './requests.js';

/** The SP core's faults of paging and rate limiting. */
export const IMPORT_FAULTS = defineSpFaults([
  {
    id: 'wrong-total-results',
    area: 'scim',
    bug: 'reports totalResults as the number of resources on the page instead of every match, hiding later pages (RFC 7644 §3.4.2.4)',
    cites: ['SCIM-LIST-PAGINATION', 'IDP-IDM-08'],
    caughtBy: ['import/lists-all-pages', 'import/background-over-100'],
    apply: {
      around(request, next, context) {
        const response = next(request);
        if (!isListing(request, context) || response.status !== 200) return response;
        // The page's size passes for the total, so a client stops after it.
        return withJsonBody(response, (body) =>
          Array.isArray(body.Resources) ? { ...body, totalResults: body.Resources.length } : body,
        );
      },
    },
  },
  {
    id: 'rate-limit-without-retry-after',
    area: 'scim',
    bug: 'answers 429 without the Retry-After its rate limiter knows, so no client can honour it (RFC 6585 §4)',
    cites: ['IDP-IDM-12'],
    caughtBy: ['provisioning/retry-429-retry-after'],
    apply: droppingHeader(429, 'retry-after'),
  },
]);
