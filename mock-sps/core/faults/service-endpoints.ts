/**
 * Faults of the endpoints around the resources: .search, the Location of a create, /Me and
 * /Bulk.
 * @see RFC 7644 §3.3, §3.4.3, §3.7, §3.11
 */
import { SCIM_CONTENT_TYPE } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import { resourceOf, targetOf } from './requests.js';

/** The SP core's faults of .search, Location, /Me and /Bulk. */
export const SERVICE_ENDPOINT_FAULTS = defineSpFaults([
  {
    id: 'search-ignores-body',
    area: 'scim',
    bug: 'answers POST .search with every resource, ignoring the SearchRequest (RFC 7644 §3.4.3)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/search-post-users', 'scim-protocol/search-post-root'],
    apply: {
      around(request, next, context) {
        if (request.method.toUpperCase() !== 'POST' || !/\/\.search\/?$/.test(context.path))
          return next(request);
        const schemas = ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'];
        return next({ ...request, body: JSON.stringify({ schemas }) });
      },
    },
  },
  {
    id: 'location-without-base-path',
    area: 'scim',
    bug: 'gives a Location header without the SCIM base path, so it names no resource (RFC 7644 §3.3)',
    cites: ['SCIM-CREATE'],
    caughtBy: ['scim-protocol/location-fetch-user', 'scim-protocol/location-fetch-group'],
    apply: {
      around(request, next, context) {
        const response = next(request);
        const location = response.headers.location;
        if (!resourceOf(context) || location === undefined) return response;
        const url = new URL(location);
        url.pathname = url.pathname.split('/').slice(-2).join('/').replace(/^/, '/');
        return { ...response, headers: { ...response.headers, location: url.href } };
      },
    },
  },
  {
    id: 'me-500',
    area: 'scim',
    bug: 'answers /Me with 500 instead of 501 Not Implemented (RFC 7644 §3.11)',
    cites: ['SCIM-READ'],
    caughtBy: ['scim-protocol/me-alias'],
    apply: {
      around: (request, next, context) =>
        targetOf(context.path).collection === 'me'
          ? context.refuse(new Error('no user for this token'))
          : next(request),
    },
  },
  {
    id: 'bulk-unsupported-200',
    area: 'scim',
    bug: 'answers POST /Bulk with 200 and an empty BulkResponse while bulk.supported is false (RFC 7644 §3.7, §3.12)',
    cites: ['SCIM-DISCOVERY'],
    caughtBy: ['scim-protocol/bulk-unsupported'],
    apply: {
      around: (request, next, context) =>
        targetOf(context.path).collection === 'bulk' && request.method.toUpperCase() === 'POST'
          ? {
              status: 200,
              headers: { 'content-type': SCIM_CONTENT_TYPE },
              body: JSON.stringify({
                schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
                Operations: [],
              }),
            }
          : next(request),
    },
  },
]);
