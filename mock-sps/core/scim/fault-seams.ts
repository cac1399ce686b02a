/**
 * The seams a SCIM fault wraps (docs/decisions/0012-faults-wrap.md): middleware around the
 * SP's SCIM requests, the service's named steps, the app's named rules and hooks, and the
 * profile's data; and how the faults an SP is given compose on them.
 */
import type { JsonObject } from '#harness/scim';
import type { CoreRequest, CoreResponse } from '../http.js';
import type { ScimQuirks, SpProfile } from '../profile.js';
import type { ScimSteps } from './steps.js';

/** What a SCIM middleware knows of the request it wraps, and how it answers on its own. */
export interface ScimRequestContext {
  /** The request's URL, resolved against the SP's origin. */
  readonly url: URL;
  /** The path below the SCIM base path, starting with `/` (e.g. `/Users/id-1`). */
  readonly path: string;
  /** `error` answered (and logged) as the strict service answers it: a SCIM Error response (a non-ScimError is a 500). */
  refuse(error: unknown): CoreResponse;
  /** A stored User or Group as the SP shows it, for a fault that looks before it acts. */
  read(type: 'User' | 'Group', id: string): JsonObject | undefined;
  /** The ids of the groups that list `memberId` directly. */
  groupsOf(memberId: string): string[];
  /** A request of the fault's own below the base path (the SP acting on itself: not logged), with this request's headers and a SCIM JSON body. */
  internal(method: string, path: string, body?: unknown): CoreRequest;
  /**
   * What a fault keeps on this SP between requests (a soft delete's flags), under a key of its
   * own: `initial()` the first time the key is asked for, the same value after.
   */
  state<T>(key: string, initial: () => T): T;
}

/** The rest of the chain, the strict service at its end; a middleware may call it several times. */
export type ScimNext = (request: CoreRequest) => CoreResponse;

/** Request/response middleware around the SP's SCIM requests. */
export type ScimMiddleware = (
  request: CoreRequest,
  next: ScimNext,
  context: ScimRequestContext,
) => CoreResponse;

/** How a fault wraps the SP's SCIM side; `Rules` is the rules record of the fault's app. */
export interface ScimFaultApply<Rules extends object = object> {
  /** Middleware around every request below the SCIM base path, outside the transient failures. */
  around?: ScimMiddleware;
  /** Replaces named steps of the SCIM service. */
  steps?: (strict: ScimSteps) => ScimSteps;
  /** Replaces named rules of the fault's app (checked against that app's rules type). */
  rules?(strict: Rules): Rules;
  /** Decorates the app's hooks. */
  hooks?: (strict: ScimQuirks) => ScimQuirks;
  /** Changed profile data. */
  profile?: (profile: SpProfile) => SpProfile;
}

/** The SCIM seams of several faults, composed: the first fault's wrapper outermost. */
export interface ScimSeams {
  profile(strict: SpProfile): SpProfile;
  steps(strict: ScimSteps): ScimSteps;
  rules(strict: object): object;
  hooks(strict: ScimQuirks): ScimQuirks;
  /** The middleware, outermost first. */
  around: readonly ScimMiddleware[];
}

/** Composes the SCIM seams of `faults` in their order (catalogue order), so wrappers nest the same way every time. */
export function composeScimSeams(faults: readonly { readonly apply: ScimFaultApply }[]): ScimSeams {
  // Applied innermost first, so the first fault's wrapper ends up outermost.
  const inward = faults.map((fault) => fault.apply).reverse();
  return {
    profile: (strict) => inward.reduce((profile, apply) => apply.profile?.(profile) ?? profile, strict),
    steps: (strict) => inward.reduce((steps, apply) => apply.steps?.(steps) ?? steps, strict),
    rules: (strict) => inward.reduce((rules, apply) => (apply.rules ? apply.rules(rules) : rules), strict),
    hooks: (strict) => inward.reduce((hooks, apply) => apply.hooks?.(hooks) ?? hooks, strict),
    around: faults.flatMap((fault) => (fault.apply.around ? [fault.apply.around] : [])),
  };
}
