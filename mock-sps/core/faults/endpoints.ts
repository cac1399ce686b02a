/**
 * Middleware the apps' faults share: a host the SP should answer on that answers 404, and
 * a /Groups that seems to work for an app that has no SCIM groups.
 */
import { SCIM_CONTENT_TYPE, ScimError, isJsonObject, listResponse } from '#harness/scim';
import { randomUUID } from 'node:crypto';
import type { CoreRequest, CoreResponse } from '../http.js';
import type { ScimMiddleware } from '../scim/fault-seams.js';
import { jsonOf, targetOf } from './requests.js';

/** Answers 404 on every SCIM path of a host `unserved` matches (PCO-02, SPK-03 regional hosts). */
export function unservedHost(unserved: (hostname: string) => boolean): ScimMiddleware {
  return (request, next, context) =>
    unserved(context.url.hostname)
      ? context.refuse(
          new ScimError(
            404,
            undefined,
            `Nothing is served at ${context.url.pathname} on ${context.url.host}`,
          ),
        )
      : next(request);
}

/** Answers /Groups as if the app kept groups: accepted, stored nowhere (PCO-04, SPK-04). */
export const acceptsGroupCalls: ScimMiddleware = (request, next, context) =>
  targetOf(context.path).collection === 'groups' ? acceptedGroupCall(request) : next(request);

/** The answer of a /Groups that seems to work but stores nothing. */
function acceptedGroupCall(request: CoreRequest): CoreResponse {
  const method = request.method.toUpperCase();
  const json = (status: number, body: unknown): CoreResponse => ({
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE },
    body: JSON.stringify(body),
  });
  if (method === 'DELETE') return { status: 204, headers: {} };
  if (method === 'GET') return json(200, listResponse([], { totalResults: 0, startIndex: 1 }));
  const sent = jsonOf(request.body ?? '{}');
  const group = { ...(isJsonObject(sent) ? sent : {}), id: randomUUID(), meta: { resourceType: 'Group' } };
  return json(method === 'POST' ? 201 : 200, group);
}
