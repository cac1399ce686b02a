/**
 * Resolves what a PATCH operation points at: the attribute definition behind a `path`,
 * or behind each key of the value map an add / replace without `path` carries.
 * @see RFC 7644 §3.5.2
 */
import { isJsonObject } from '../attribute-access.js';
import { ScimError, scimErrors } from '../errors.js';
import type { Filter } from '../filter/ast.js';
import { matchesValue } from '../filter/evaluate.js';
import type { FilterContext } from '../filter/evaluate.js';
import { parseAttrPath } from '../filter/parse.js';
import type { AttrPath, AttributeDefinition } from '../schemas/types.js';
import { describeJson, operationLabel, parseOperationPath } from './patch-op.js';
import type { PatchOperationName } from './patch-op.js';
import type { ElementSet } from './values.js';

/** One operation being applied: what the helpers need to resolve paths and word errors. */
export interface Step {
  op: PatchOperationName;
  /** 1-based position in the request's `Operations`. */
  index: number;
  ctx: FilterContext;
  /**
   * The element sets of the multi-valued arrays this request's operations stored, by array: a PATCH
   * of 1,000 add operations of one member each builds the group's set once, not 1,000 times. Every
   * write stores a new array (storeValues), so an array's set never goes stale.
   */
  sets?: WeakMap<readonly unknown[], ElementSet>;
}

/** The attribute (and optionally sub-attribute and value filter) an operation targets. */
export interface Target {
  /** The schema URN of the attribute's container; undefined for the core schema. */
  uri: string | undefined;
  def: AttributeDefinition;
  subDef?: AttributeDefinition;
  /** The value filter in brackets; only on multi-valued attributes. */
  filter?: Filter;
  /** The path as the client wrote it, for messages. */
  text: string;
}

/** `for 'add' op of operation 2 in PatchOp request body`. */
export function where(step: Step): string {
  return operationLabel(step.op, step.index);
}

/** Builds a ScimError whose detail reads: what was wrong, where, then the fix. */
export function fail(
  step: Step,
  scimType: 'invalidPath' | 'invalidValue' | 'noTarget' | 'mutability',
  what: string,
  fix: string,
): ScimError {
  return scimErrors[scimType](`${what} ${where(step)}; ${fix}`);
}

/** The sub-attribute of a complex attribute named `name`, case-insensitively. @see RFC 7643 §2.1 */
export function subAttributeOf(def: AttributeDefinition, name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return def.subAttributes?.find((sub) => sub.name.toLowerCase() === lower);
}

/** Resolves an operation's `path`. @see RFC 7644 §3.5.2 (PATH ABNF) */
export function targetOfPath(path: string, step: Step): Target {
  const parsed = parseOperationPath(path, step.op, step.index);
  if (parsed.path.subAttr !== undefined && parsed.subAttr !== undefined) {
    throw fail(
      step,
      'invalidPath',
      `Two sub-attributes in path '${path}'`,
      'a sub-attribute goes either after the attribute or after its value filter, not both',
    );
  }
  const subAttr = parsed.path.subAttr ?? parsed.subAttr;
  return resolveTarget({ ...parsed.path, subAttr }, parsed.filter, path, step);
}

/**
 * Expands the value map of an add / replace without `path` into targets. Keys are attribute
 * names (`nickName`), dotted names (`name.givenName`), URN-qualified names
 * (`urn:…:enterprise:2.0:User:employeeNumber`) or a schema URN holding an object of those.
 * @see RFC 7644 §3.5.2.1, §3.5.2.3
 */
export function targetsOfValueMap(value: unknown, step: Step): [Target, unknown][] {
  if (!isJsonObject(value)) {
    throw fail(
      step,
      'invalidValue',
      `Without 'path', 'value' must be an object of attributes but found ${describeJson(value)}`,
      'send {"attributeName": value, ...} or add a path (RFC 7644 §3.5.2)',
    );
  }
  const targets: [Target, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    const attribute = tryAttribute(key, step);
    if (attribute !== undefined) {
      targets.push([resolveTarget(attribute, undefined, key, step), item]);
    } else if (key.toLowerCase().startsWith('urn:') && isJsonObject(item)) {
      // A schema URN key holds that schema's attributes, as extensions sit in a resource (RFC 7643 §3.3).
      for (const [name, subItem] of Object.entries(item)) {
        const inner = parseKey(name, step);
        if (inner.uri !== undefined) {
          throw fail(
            step,
            'invalidPath',
            `Qualified name '${name}' inside schema URN key '${key}'`,
            'inside a schema URN key, use plain attribute names',
          );
        }
        targets.push([resolveTarget({ ...inner, uri: key }, undefined, `${key}:${name}`, step), subItem]);
      }
    } else {
      throw unknownAttribute(key, step);
    }
  }
  return targets;
}

/** The parsed key when it names a known attribute; undefined when it does not (it may be a schema URN). */
function tryAttribute(key: string, step: Step): AttrPath | undefined {
  let path: AttrPath;
  try {
    path = parseAttrPath(key);
  } catch (error) {
    if (error instanceof ScimError && key.toLowerCase().startsWith('urn:')) return undefined;
    throw error instanceof ScimError ? keyError(key, error, step) : error;
  }
  return step.ctx.resolve({ uri: path.uri, attr: path.attr }) === undefined ? undefined : path;
}

function parseKey(key: string, step: Step): AttrPath {
  try {
    return parseAttrPath(key);
  } catch (error) {
    throw error instanceof ScimError ? keyError(key, error, step) : error;
  }
}

function keyError(key: string, error: ScimError, step: Step): ScimError {
  return fail(
    step,
    'invalidPath',
    `Invalid attribute name '${key}' in 'value'`,
    `use names such as "nickName", "name.givenName" or a schema URN: ${error.message}`,
  );
}

function unknownAttribute(text: string, step: Step): ScimError {
  return fail(
    step,
    'invalidPath',
    `Unknown attribute '${text}'`,
    "the resource's schemas do not define it; check the name against GET /Schemas (RFC 7644 §3.5.2)",
  );
}

function resolveTarget(path: AttrPath, filter: Filter | undefined, text: string, step: Step): Target {
  const def = step.ctx.resolve({ uri: path.uri, attr: path.attr });
  if (def === undefined) throw unknownAttribute(text, step);
  const uri =
    path.uri !== undefined && path.uri.toLowerCase() !== step.ctx.coreSchema.toLowerCase()
      ? path.uri
      : undefined;
  const target: Target = { uri, def, text };
  if (filter !== undefined) {
    if (!def.multiValued) {
      throw fail(
        step,
        'invalidPath',
        `Value filter on single-valued attribute '${def.name}' in path '${text}'`,
        `drop the [...] filter and address '${def.name}' directly`,
      );
    }
    checkFilter(filter, def, text, step);
    target.filter = filter;
  }
  if (path.subAttr !== undefined) {
    const subDef = def.type === 'complex' ? subAttributeOf(def, path.subAttr) : undefined;
    if (subDef === undefined) {
      const known = def.subAttributes?.map((sub) => sub.name).join(', ');
      throw fail(
        step,
        'invalidPath',
        `Unknown sub-attribute '${path.subAttr}' of '${def.name}' in path '${text}'`,
        known ? `use one of: ${known}` : `'${def.name}' is not complex; drop the sub-attribute`,
      );
    }
    target.subDef = subDef;
  }
  return target;
}

/** noTarget for a value filter that selects nothing. @see RFC 7644 §3.12 */
export function noMatch(target: Target, step: Step): ScimError {
  const fixes: Record<PatchOperationName, string> = {
    remove: 'nothing to remove; check the filter against the resource',
    replace: 'check the filter, or add the value to the attribute first (RFC 7644 §3.5.2.3)',
    // write.ts seeds a new value only from 'eq' comparisons joined by 'and'.
    add: `add creates a missing value only from 'eq' comparisons joined by 'and' (type eq "work"); add the whole value to '${target.def.name}' instead`,
  };
  const fix = fixes[step.op];
  return fail(step, 'noTarget', `No value of '${target.def.name}' matches '${target.text}'`, fix);
}

/** The attribute paths a filter compares. */
function pathsOf(filter: Filter): AttrPath[] {
  switch (filter.op) {
    case 'and':
    case 'or':
      return [...pathsOf(filter.left), ...pathsOf(filter.right)];
    case 'not':
      return pathsOf(filter.filter);
    default:
      return [filter.path];
  }
}

/**
 * A value filter may name only sub-attributes of the attribute it filters (`value` for a simple
 * multi-valued one), and compare them in ways the filter engine supports; else the path is invalid.
 * @see RFC 7644 §3.5.2 (valuePath), §3.12
 */
function checkFilter(filter: Filter, def: AttributeDefinition, text: string, step: Step): void {
  for (const path of pathsOf(filter)) {
    const known =
      path.uri === undefined &&
      path.subAttr === undefined &&
      (def.type === 'complex'
        ? subAttributeOf(def, path.attr) !== undefined
        : path.attr.toLowerCase() === 'value');
    if (!known) {
      const names =
        def.type === 'complex' ? (def.subAttributes ?? []).map((sub) => sub.name).join(', ') : 'value';
      throw fail(
        step,
        'invalidPath',
        `Unknown sub-attribute '${path.attr}' of '${def.name}' in the value filter of path '${text}'`,
        `filter on one of: ${names}`,
      );
    }
  }
  try {
    // The filter engine checks comparisons against the definitions before it reads any data.
    matchesValue({}, filter, def);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    throw fail(
      step,
      'invalidPath',
      `Unusable value filter in path '${text}'`,
      `fix the filter: ${error.message}`,
    );
  }
}
