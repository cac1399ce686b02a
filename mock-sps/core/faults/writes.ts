/**
 * Faults of creating and replacing: checks skipped (uniqueness, required attributes,
 * versions) and a PUT that changes nothing.
 * @see RFC 7644 §3.3, §3.5.1, §3.14
 */
import { defineSpFaults } from '../fault.js';
import { itemOf } from './requests.js';

/** The SP core's faults of creates and replaces. */
export const WRITE_FAULTS = defineSpFaults([
  {
    id: 'no-uniqueness-check',
    area: 'scim',
    bug: 'creates a second user with a userName already taken (RFC 7644 §3.3: 409 uniqueness)',
    cites: ['SCIM-UNIQUENESS'],
    caughtBy: [
      'scim-protocol/create-duplicate-409',
      'scim-protocol/uniqueness-put-rename-409',
      'scim-protocol/uniqueness-patch-rename-409',
    ],
    apply: { steps: (strict) => ({ ...strict, conflict: () => undefined }) },
  },
  {
    id: 'no-required-check',
    area: 'scim',
    bug: 'creates a user without the required userName (RFC 7643 §4.1)',
    cites: ['SCIM-BAD-INPUT'],
    caughtBy: ['scim-protocol/create-invalid-400', 'scim-protocol/required-missing-put-400'],
    apply: {
      steps: (strict) => ({
        ...strict,
        validate(body, schema) {
          const checked = strict.validate(body, schema);
          return { ...checked, issues: checked.issues.filter((issue) => !/required/i.test(issue.message)) };
        },
      }),
    },
  },
  {
    id: 'ignore-if-match',
    area: 'scim',
    bug: 'ignores If-Match and applies a change to a stale version (RFC 7644 §3.14)',
    cites: ['SCIM-ETAG'],
    caughtBy: ['scim-protocol/etag-if-match'],
    apply: {
      around(request, next) {
        const { 'if-match': _ifMatch, ...headers } = request.headers;
        return next({ ...request, headers });
      },
    },
  },
  {
    id: 'put-not-applied',
    area: 'scim',
    bug: 'answers 200 to PUT but keeps the stored resource (RFC 7644 §3.5.1)',
    cites: ['SCIM-PUT'],
    caughtBy: ['scim-protocol/put-replace'],
    apply: {
      around(request, next, context) {
        if (request.method.toUpperCase() !== 'PUT' || itemOf(context) === undefined) return next(request);
        // The stored resource, as a read answers it, in place of the replacement.
        const { body: _body, ...read } = request;
        return next({ ...read, method: 'GET' });
      },
    },
  },
]);
