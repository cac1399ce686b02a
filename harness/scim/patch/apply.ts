/**
 * The PATCH engine: applies add / remove / replace operations to a copy of a resource,
 * atomically — any failing operation throws and the caller's resource stays as it was.
 * @see RFC 7644 §3.5.2
 */
import { isDeepStrictEqual } from 'node:util';
import { containerOf, findKey, getAttribute, isJsonObject } from '../attribute-access.js';
import type { JsonObject } from '../attribute-access.js';
import { scimErrors } from '../errors.js';
import type { FilterContext } from '../filter/evaluate.js';
import type { AttributeDefinition } from '../schemas/types.js';
import { describeJson, operationLabel, toOperationName } from './patch-op.js';
import type { PatchOperation } from './patch-op.js';
import { removeFrom } from './remove.js';
import { writeTo } from './write.js';
import { fail, noMatch, targetOfPath, targetsOfValueMap } from './target.js';
import type { Step, Target } from './target.js';
import { deepEqual, deleteKey, isUnassigned, sameValue, writeKey, type ElementSet } from './values.js';

/** What the engine needs to know about the resource type: its core schema and attribute definitions. @see RFC 7644 §3.5.2 */
export type PatchContext = FilterContext;

/** The outcome of {@link applyPatch}. */
export interface PatchResult {
  /** The patched copy; the input resource is never modified. */
  resource: JsonObject;
  /** Whether the patched copy differs from the input (key order aside). */
  changed: boolean;
}

/**
 * Applies the operations to a deep copy; returns the new resource and whether anything changed.
 * Atomic: throws ScimError and leaves the input untouched when any operation fails.
 * @see RFC 7644 §3.5.2
 */
export function applyPatch(
  resource: JsonObject,
  operations: readonly PatchOperation[],
  ctx: PatchContext,
): PatchResult {
  if (!isJsonObject(resource)) {
    throw new TypeError(`applyPatch expects a resource object, got ${describeJson(resource)}`);
  }
  if (!Array.isArray(operations)) {
    throw new TypeError(`applyPatch expects an array of operations, got ${describeJson(operations)}`);
  }
  // Every change lands on this copy; it is only handed out once all operations succeeded.
  const draft = structuredClone(resource);
  const sets = new WeakMap<readonly unknown[], ElementSet>();
  operations.forEach((operation, i) => applyOperation(draft, operation, ctx, i + 1, sets));
  return { resource: draft, changed: !deepEqual(resource, draft) };
}

function applyOperation(
  draft: JsonObject,
  operation: PatchOperation,
  ctx: PatchContext,
  index: number,
  sets: WeakMap<readonly unknown[], ElementSet>,
): void {
  const op = toOperationName(operation.op);
  if (op === undefined) {
    throw scimErrors.invalidSyntax(
      `Operation ${index} has op ${describeJson(operation.op)}; use "add", "remove" or "replace" (RFC 7644 §3.5.2)`,
    );
  }
  const step: Step = { op, index, ctx, sets };
  if (operation.path === undefined) {
    if (op === 'remove') {
      throw scimErrors.noTarget(
        `Missing required attribute 'path' ${operationLabel(op, index)}; name what to remove (RFC 7644 §3.5.2.2)`,
      );
    }
    for (const [target, value] of targetsOfValueMap(operation.value, step)) {
      applyTarget(draft, target, value, step);
    }
    return;
  }
  applyTarget(draft, targetOfPath(operation.path, step), operation.value, step);
}

/**
 * Whether an add or replace only restates the value a readOnly attribute already holds (Okta's
 * group PATCH carries the group's own `id`): RFC 7644 §3.5.2 forbids modifying a readOnly
 * attribute, and restating it modifies nothing, so it is ignored rather than refused.
 */
function restatesReadOnly(draft: JsonObject, target: Target, value: unknown, step: Step): boolean {
  if (step.op === 'remove' || target.filter !== undefined || target.subDef !== undefined) return false;
  const container = containerOf(
    draft,
    { uri: target.uri, attr: target.def.name },
    step.ctx.coreSchema,
    false,
  );
  return container !== undefined && isDeepStrictEqual(getAttribute(container, target.def.name), value);
}

function applyTarget(draft: JsonObject, target: Target, value: unknown, step: Step): void {
  const { def } = target;
  const readOnly =
    def.mutability === 'readOnly'
      ? def
      : target.subDef?.mutability === 'readOnly'
        ? target.subDef
        : undefined;
  if (readOnly !== undefined) {
    if (restatesReadOnly(draft, target, value, step)) return;
    throw fail(
      step,
      'mutability',
      `Cannot modify readOnly attribute '${readOnly.name}' (path '${target.text}')`,
      'the service provider maintains it; leave it out of the PATCH request (RFC 7643 §2.2)',
    );
  }
  if (step.op !== 'remove' && value === undefined) {
    throw fail(step, 'invalidValue', "Missing required attribute 'value'", `send the value to ${step.op}`);
  }
  if (step.op === 'add' && value === null) {
    throw fail(
      step,
      'invalidValue',
      `Expected a value but found null at '${target.text}'`,
      'use remove to unassign',
    );
  }
  const hadContainer = target.uri === undefined || findKey(draft, target.uri) !== undefined;
  const container = containerOf(
    draft,
    { uri: target.uri, attr: def.name },
    step.ctx.coreSchema,
    step.op !== 'remove',
  );
  if (container === undefined) {
    if (step.op === 'remove' && !hadContainer && target.filter === undefined) return;
    if (step.op === 'remove' && !hadContainer) throw noMatch(target, step);
    throw fail(
      step,
      'invalidValue',
      `Non-object extension '${target.uri}' in the resource`,
      'replace the resource with PUT to repair it',
    );
  }
  const current = getAttribute(container, def.name);
  const wasUnassigned = isUnassigned(current);
  // A copy only where a rule compares the value itself: copying a group's members for every
  // operation made a PATCH of many operations quadratic.
  const before = def.mutability === 'immutable' && !wasUnassigned ? structuredClone(current) : undefined;
  if (step.op === 'remove') removeFrom(container, target, value, step);
  else writeTo(container, target, value, step);
  checkAttributeRules(def, wasUnassigned, before, getAttribute(container, def.name), step);
  // Only an extension this operation created or emptied is tidied; an empty one left by the client stays.
  if (!hadContainer || !wasUnassigned) syncExtension(draft, target.uri, hadContainer);
}

/** Immutable attributes may be set while unassigned only; required ones may not be unassigned. @see RFC 7643 §2.2, RFC 7644 §3.5.2.2 */
function checkAttributeRules(
  def: AttributeDefinition,
  wasUnassigned: boolean,
  before: unknown,
  after: unknown,
  step: Step,
): void {
  if (def.required && !wasUnassigned && isUnassigned(after)) {
    throw fail(
      step,
      'mutability',
      `Cannot remove required attribute '${def.name}'`,
      'replace it with a new value instead (RFC 7644 §3.5.2.2)',
    );
  }
  if (def.mutability === 'immutable' && !wasUnassigned && !sameValue(before, after, def)) {
    throw fail(
      step,
      'mutability',
      `Cannot change immutable attribute '${def.name}', which holds ${describeJson(before)},`,
      'immutable attributes can be set only while unassigned (RFC 7643 §2.2)',
    );
  }
}

/** Lists a newly filled extension in `schemas` and drops one the operation emptied. @see RFC 7643 §3 */
function syncExtension(draft: JsonObject, uri: string | undefined, hadContainer: boolean): void {
  if (uri === undefined) return;
  const key = findKey(draft, uri);
  const container = key === undefined ? undefined : draft[key];
  if (key === undefined || !isJsonObject(container)) return;
  const schemas = getAttribute(draft, 'schemas');
  const listed =
    Array.isArray(schemas) &&
    schemas.some((s) => typeof s === 'string' && s.toLowerCase() === uri.toLowerCase());
  if (Object.keys(container).length === 0) {
    deleteKey(draft, key);
    const others = listed
      ? schemas.filter((s) => typeof s !== 'string' || s.toLowerCase() !== uri.toLowerCase())
      : [];
    if (listed) writeKey(draft, SCHEMAS, others);
  } else if (!hadContainer && Array.isArray(schemas) && !listed) {
    writeKey(draft, SCHEMAS, [...schemas, uri]);
  }
}

const SCHEMAS: AttributeDefinition = {
  name: 'schemas',
  type: 'reference',
  multiValued: true,
  required: true,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'always',
  uniqueness: 'none',
};
