/**
 * Renames a resource's keys to the spelling its schemas use. SCIM attribute names
 * and schema URNs are case-insensitive while JSON keys are not, so a body is
 * brought to one spelling before JSON Schema validation or storage.
 * @see RFC 7643 §2.1
 */
import type { JsonObject } from '../attribute-access.js';
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import type { PathSegment } from './issues.js';
import type { ResourceSchema } from './registry.js';
import type { AttributeDefinition } from './types.js';

/** The names known at one level of a body, and the levels below them. */
export interface KeyNode {
  /** Lower-cased name → the schema's spelling. */
  names: Map<string, string>;
  /** Schema spelling → the node for its value (complex attributes, extension objects). */
  children: Map<string, KeyNode>;
}

/** A name given twice under different spellings (`userName` and `USERNAME`). */
export interface DuplicateKey {
  path: PathSegment[];
  keys: [string, string];
}

/** A KeyNode for a list of attributes; the first of two same-named attributes wins. */
export function attributeNode(attributes: readonly AttributeDefinition[], node?: KeyNode): KeyNode {
  const target = node ?? { names: new Map(), children: new Map() };
  for (const attribute of attributes) {
    const lower = attribute.name.toLowerCase();
    if (target.names.has(lower)) continue;
    target.names.set(lower, attribute.name);
    if (attribute.subAttributes) target.children.set(attribute.name, attributeNode(attribute.subAttributes));
  }
  return target;
}

/** The top-level KeyNode of a message whose names are fixed (ListResponse, Error). */
export function flatNode(names: readonly string[]): KeyNode {
  return { names: new Map(names.map((name) => [name.toLowerCase(), name])), children: new Map() };
}

const resourceNodes = new WeakMap<ResourceSchema, KeyNode>();

/** The KeyNode of a resource: `schemas`, core, common attributes and extension objects. */
export function resourceNode(schema: ResourceSchema): KeyNode {
  const cached = resourceNodes.get(schema);
  if (cached) return cached;
  const node = attributeNode(COMMON_ATTRIBUTES, attributeNode(schema.core.attributes, flatNode(['schemas'])));
  for (const extension of schema.extensions) {
    node.names.set(extension.id.toLowerCase(), extension.id);
    node.children.set(extension.id, attributeNode(extension.attributes));
  }
  resourceNodes.set(schema, node);
  return node;
}

function setOwn(target: JsonObject, key: string, value: unknown): void {
  // A plain assignment to "__proto__" would replace the prototype instead of adding a key.
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

// `path` is a stack shared by the whole walk, copied only when a duplicate is recorded.
function copyValue(
  value: unknown,
  node: KeyNode | undefined,
  path: PathSegment[],
  duplicates: DuplicateKey[],
): unknown {
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => {
      path.push(index);
      const copy = copyValue(item, node, path, duplicates);
      path.pop();
      return copy;
    });
  }
  if (value !== null && typeof value === 'object') {
    return copyObject(value as JsonObject, node, path, duplicates);
  }
  return value;
}

/**
 * Copies `source` with known keys renamed; of two spellings of one name, the exact
 * spelling wins, else the first. `path` is where `source` sits, used in `duplicates`.
 */
export function copyObject(
  source: JsonObject,
  node: KeyNode | undefined,
  path: PathSegment[],
  duplicates: DuplicateKey[],
): JsonObject {
  const out: JsonObject = {};
  const spelledAs = new Map<string, string>();
  for (const [key, value] of Object.entries(source)) {
    const name = node?.names.get(key.toLowerCase()) ?? key;
    const earlier = spelledAs.get(name);
    if (earlier !== undefined) {
      duplicates.push({ path: [...path, name], keys: [earlier, key] });
      if (key !== name) continue;
    }
    spelledAs.set(name, key);
    path.push(name);
    setOwn(out, name, copyValue(value, node?.children.get(name), path, duplicates));
    path.pop();
  }
  return out;
}

/**
 * A deep copy of `resource` with every attribute name, sub-attribute name and
 * extension URN spelled as the schemas spell them; unknown keys are kept as they are.
 * @see RFC 7643 §2.1
 */
export function canonicaliseKeys(resource: JsonObject, schema: ResourceSchema): JsonObject {
  return copyObject(resource, resourceNode(schema), [], []);
}
