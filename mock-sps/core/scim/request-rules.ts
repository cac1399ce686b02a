/**
 * What RFC 7643 asks of a resource beyond its schema's types, checked on what a client sends
 * (POST, PUT, and the result of a PATCH): a non-empty userName; and `primary` true on one value
 * at most of each multi-valued attribute of a POST or PUT body. Both answer 400 invalidValue.
 * And of a filter: that it names attributes the resource type has (400 invalidFilter).
 * @see RFC 7643 §4.1.1 ("Each User MUST include a non-empty userName value"), §2.4 ("The primary
 * attribute value 'true' MUST appear no more than once")
 */
import {
  isJsonObject,
  printAttrPath,
  scimErrors,
  type AttrPath,
  type AttributeDefinition,
  type Filter,
  type JsonObject,
  type ResourceSchema,
  type ValidationIssue,
} from '#harness/scim';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The userName issue of `resource` (canonical keys), if any: RFC 7643 §4.1.1. */
export function userNameIssues(resource: JsonObject, schema: ResourceSchema): ValidationIssue[] {
  if (schema.coreSchema !== USER_SCHEMA || typeof resource.userName !== 'string') return [];
  if (resource.userName.trim() !== '') return [];
  return [
    {
      path: 'userName',
      message:
        resource.userName === ''
          ? "'userName' is empty; RFC 7643 §4.1.1 requires a non-empty userName"
          : "'userName' is only whitespace; RFC 7643 §4.1.1 requires a non-empty userName",
    },
  ];
}

/**
 * Refuses a POST or PUT body (canonical keys) with more than one `primary: true` in a
 * multi-valued attribute. Not a PATCH: making a value primary there demotes the others (RFC 7644
 * §3.5.2), so only the server's own engine could leave two.
 */
export function refuseSeveralPrimaries(resource: JsonObject, schema: ResourceSchema): void {
  for (const [urn, name] of primaryAttributes(schema)) {
    const holder = urn === undefined ? resource : resource[urn];
    const values = isJsonObject(holder) ? holder[name] : undefined;
    if (!Array.isArray(values) || values.length < 2) continue;
    const primaries = values.filter((item) => isJsonObject(item) && item.primary === true).length;
    if (primaries > 1) {
      const path = urn === undefined ? name : `${urn}:${name}`;
      throw scimErrors.invalidValue(
        `'${path}' has ${primaries} values with "primary": true; RFC 7643 §2.4 allows one at most`,
      );
    }
  }
}

/** The multi-valued attributes of a schema with a `primary` sub-attribute: [extension URN, name]. */
const primaryCache = new WeakMap<ResourceSchema, [string | undefined, string][]>();
function primaryAttributes(schema: ResourceSchema): [string | undefined, string][] {
  let found = primaryCache.get(schema);
  if (!found) {
    const withPrimary = (urn: string | undefined, attributes: readonly AttributeDefinition[]) =>
      attributes
        .filter((a) => a.multiValued && a.subAttributes?.some((sub) => sub.name.toLowerCase() === 'primary'))
        .map((a): [string | undefined, string] => [urn, a.name]);
    found = [
      ...withPrimary(undefined, schema.core.attributes),
      ...schema.extensions.flatMap((extension) => withPrimary(extension.id, extension.attributes)),
    ];
    primaryCache.set(schema, found);
  }
  return found;
}

/**
 * Refuses a filter that names an attribute none of `schemas` defines: a typo such as `usrName eq
 * "x"` would otherwise match nothing, and a client reading "no such user" would create a duplicate.
 * A root search (several resource types) refuses only what no type knows.
 * @see RFC 7644 §3.4.2.2, §3.12 (invalidFilter: "the specified attribute and filter comparison
 * combination is not supported")
 */
export function refuseUnknownFilterAttributes(filter: Filter, schemas: readonly ResourceSchema[]): void {
  const unknown = new Set<string>();
  const visit = (node: Filter, parents: readonly AttributeDefinition[] | undefined): void => {
    switch (node.op) {
      case 'and':
      case 'or':
        visit(node.left, parents);
        visit(node.right, parents);
        return;
      case 'not':
        visit(node.filter, parents);
        return;
      case 'valuePath': {
        const found = resolvedIn(node.path, schemas);
        if (found.length === 0) unknown.add(printAttrPath(node.path));
        else visit(node.filter, found);
        return;
      }
      default:
        if (parents ? !knownInside(node.path, parents) : resolvedIn(node.path, schemas).length === 0)
          unknown.add(printAttrPath(node.path));
    }
  };
  visit(filter, undefined);
  if (unknown.size === 0) return;
  const types = schemas.map((schema) => schema.resourceType.name).join(' or ');
  throw scimErrors.invalidFilter(
    `The filter names ${[...unknown].map((name) => `'${name}'`).join(', ')}, which ${unknown.size === 1 ? 'is not an attribute' : 'are not attributes'} of ${types}; see /Schemas for the attributes it has`,
  );
}

function resolvedIn(path: AttrPath, schemas: readonly ResourceSchema[]): AttributeDefinition[] {
  return schemas.flatMap((schema) => schema.resolve(path) ?? []);
}

/** A path inside a value filter's brackets: a sub-attribute of the attribute, or `value` of a simple one. */
function knownInside(path: AttrPath, parents: readonly AttributeDefinition[]): boolean {
  // A qualified or dotted name inside brackets is refused by the filter check itself.
  if (path.uri !== undefined || path.subAttr !== undefined) return true;
  const name = path.attr.toLowerCase();
  return parents.some((parent) =>
    parent.type === 'complex'
      ? (parent.subAttributes ?? []).some((sub) => sub.name.toLowerCase() === name)
      : name === 'value',
  );
}
