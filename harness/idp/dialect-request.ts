/**
 * What every dialect request shares: the status check that names what failed (and keeps the
 * status for the quarantine rule), the id of a created resource, the first listed resource.
 * @see IDP-IDM-13
 */
import { ConnectorError } from './connector.js';
import { isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import type { DirectoryUser } from './directory.js';

/** A request answered with an unexpected status; `status` is what quarantine rules read. */
export class RequestFailed extends ConnectorError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function ok(response: ScimResponse, what: string, expected: readonly number[]): void {
  if (expected.includes(response.status)) return;
  const detail =
    isJsonObject(response.body) && typeof response.body.detail === 'string'
      ? `: ${response.body.detail}`
      : '';
  throw new RequestFailed(`${what} answered ${response.status}${detail}`, response.status);
}

export function idOf(response: ScimResponse, what: string): string {
  const id = isJsonObject(response.body) ? response.body.id : undefined;
  if (typeof id !== 'string' || id === '') throw new ConnectorError(`${what} answered without a resource id`);
  return id;
}

export const firstResource = (response: ScimResponse): JsonObject | undefined =>
  isJsonObject(response.body) && Array.isArray(response.body.Resources)
    ? response.body.Resources.find((item): item is JsonObject => isJsonObject(item))
    : undefined;

export type Subject = { type: 'user'; id: string; name: string };
export const subjectOf = (user: DirectoryUser): Subject => ({
  type: 'user',
  id: user.id,
  name: user.username,
});
export const success = (response: ScimResponse): 'success' | 'failure' =>
  response.status >= 200 && response.status < 300 ? 'success' : 'failure';
