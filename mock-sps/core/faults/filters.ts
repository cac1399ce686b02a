/**
 * Faults of filter evaluation, one per rule the filter family checks: case rules, types,
 * presence, multi-valued attributes, extension and qualified names, precedence, and filters
 * that should have been refused. Each wraps the strict `matches` step or rewrites the filter
 * on its way in.
 * @see RFC 7644 §3.4.2.2, RFC 7643 §2.2
 */
import {
  isJsonObject,
  printFilter,
  type AttributeDefinition,
  type Filter,
  type JsonObject,
  type ResourceSchema,
} from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { ScimSteps } from '../scim/steps.js';
import { FILTER_SYNTAX_FAULTS, edited } from './filters-syntax.js';

/** An attribute no resource has: `pr` on it is false, `not` of that true. */
const NEVER: Filter = { op: 'pr', path: { attr: 'zzFaultNever' } };
const ALWAYS: Filter = { op: 'not', filter: NEVER };
/** A filter on a known attribute that no resource matches: every resource has an `id`. */
const NO_RESOURCE: Filter = { op: 'not', filter: { op: 'pr', path: { attr: 'id' } } };

/** `filter` with every node `change` answers for replaced by its answer (value filters kept whole unless `change` takes them). */
function rewrite(filter: Filter, change: (node: Filter) => Filter | undefined): Filter {
  const changed = change(filter);
  if (changed !== undefined) return changed;
  switch (filter.op) {
    case 'and':
    case 'or':
      return { op: filter.op, left: rewrite(filter.left, change), right: rewrite(filter.right, change) };
    case 'not':
      return { op: 'not', filter: rewrite(filter.filter, change) };
    default:
      return filter;
  }
}

/** How a fault evaluates filters after rewriting them. */
function rewritten(change: (node: Filter, schema: ResourceSchema) => Filter | undefined) {
  return {
    steps: (strict: ScimSteps): ScimSteps => ({
      ...strict,
      matches: (resource, filter, schema) =>
        strict.matches(
          resource,
          rewrite(filter, (node) => change(node, schema)),
          schema,
        ),
    }),
  };
}

/** How a fault evaluates filters against attribute definitions it changed. */
function redefined(change: (definition: AttributeDefinition) => AttributeDefinition) {
  return {
    steps: (strict: ScimSteps): ScimSteps => ({
      ...strict,
      matches: (resource, filter, schema) =>
        strict.matches(resource, filter, {
          ...schema,
          resolve: (path) => {
            const definition = schema.resolve(path);
            return definition && change(definition);
          },
        }),
    }),
  };
}

/** How a fault evaluates filters against a changed copy of each resource. */
function reshaped(change: (value: unknown) => unknown) {
  return {
    steps: (strict: ScimSteps): ScimSteps => ({
      ...strict,
      matches: (resource, filter, schema) => strict.matches(change(resource) as JsonObject, filter, schema),
    }),
  };
}

/** Every value of `value`, nested ones included, passed through `change`. */
function deepMap(value: unknown, change: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => deepMap(item, change));
  if (isJsonObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepMap(item, change)]));
  return change(value);
}

const isComparison = (node: Filter): node is Extract<Filter, { value: unknown }> => 'value' in node;
const ORDERING = new Set(['gt', 'ge', 'lt', 'le']);

/** The SP core's faults of filter evaluation, then those of filter syntax. */
export const FILTER_FAULTS = defineSpFaults([
  {
    id: 'case-sensitive-string-filters',
    area: 'scim',
    bug: 'compares every string exactly in filters, caseExact false or not (RFC 7644 §3.4.2.2, RFC 7643 §2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: [
      ...['ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'].map((op) => `scim-protocol/filter-string-${op}`),
      'scim-protocol/filter-emails-value-case',
      'scim-protocol/filter-family-name-case',
      'scim-protocol/filter-group-display-name-case',
      'scim-protocol/filter-enterprise-department',
    ],
    apply: redefined((definition) => ({ ...definition, caseExact: true })),
  },
  {
    id: 'case-insensitive-identifiers',
    area: 'scim',
    bug: 'finds id and externalId case-insensitively, though both are caseExact true (RFC 7643 §3.1)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-id-case-exact', 'scim-protocol/filter-external-id-case-exact'],
    apply: {
      // A scan instead of the exact index, then every comparison case-insensitive. The added
      // term names an attribute every resource has, so the strict check of names takes it.
      ...edited((text) =>
        /\b(id|externalId)\b/i.test(text) ? `(${text}) or ${printFilter(NO_RESOURCE)}` : text,
      ),
      ...redefined((definition) => ({ ...definition, caseExact: false })),
    },
  },
  {
    id: 'datetime-compared-as-text',
    area: 'scim',
    bug: 'compares DateTime values as text, so time zones order wrongly (RFC 7644 §3.4.2.2 "chronological")',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['gt', 'lt', 'ge', 'le'].map((op) => `scim-protocol/filter-datetime-${op}`),
    apply: redefined((definition) =>
      definition.type === 'dateTime' ? { ...definition, type: 'string', caseExact: true } : definition,
    ),
  },
  {
    id: 'pr-matches-empty-values',
    area: 'scim',
    bug: 'counts an attribute stored as "" or null as present (RFC 7644 §3.4.2.2 pr: "a non-empty value")',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-pr-empty-string', 'scim-protocol/filter-pr-null'],
    apply: reshaped((resource) => deepMap(resource, (leaf) => (leaf === '' || leaf === null ? ' ' : leaf))),
  },
  {
    id: 'pr-always-true',
    area: 'scim',
    bug: 'treats pr as true whatever the resource holds (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-pr-absent', 'scim-protocol/filter-pr-complex'],
    apply: rewritten((node) => (node.op === 'pr' ? ALWAYS : undefined)),
  },
  {
    id: 'boolean-filters-match-nothing',
    area: 'scim',
    bug: 'compares Booleans with the text "true"/"false", so active eq false matches nobody (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-boolean-eq', 'scim-protocol/filter-boolean-ne'],
    apply: rewritten((node) => (isComparison(node) && typeof node.value === 'boolean' ? NEVER : undefined)),
  },
  {
    id: 'boolean-ordering-accepted',
    area: 'scim',
    bug: 'answers active gt true with a list instead of 400 invalidFilter (RFC 7644 §3.4.2.2 SHALL)',
    cites: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    caughtBy: ['scim-protocol/filter-invalid-boolean-ordering'],
    apply: rewritten((node) =>
      isComparison(node) && ORDERING.has(node.op) && typeof node.value === 'boolean'
        ? { ...node, op: 'eq' }
        : undefined,
    ),
  },
  {
    id: 'unknown-attribute-terms-ignored',
    area: 'scim',
    bug: 'drops the terms of a filter that name attributes it does not have, widening the result (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-unknown-attribute'],
    apply: {
      steps: (strict: ScimSteps): ScimSteps => ({
        ...rewritten((node, schema) =>
          (isComparison(node) || node.op === 'pr') && schema.resolve(node.path) === undefined
            ? ALWAYS
            : undefined,
        ).steps(strict),
        // Names it does not know pass, to be dropped.
        knownFilter: () => undefined,
      }),
    },
  },
  {
    id: 'first-value-only',
    area: 'scim',
    bug: 'filters a multi-valued attribute by its first value only (RFC 7644 §3.4.2.2 "any of the values")',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: [
      'scim-protocol/filter-multi-valued-any',
      'scim-protocol/filter-group-members-value',
      'scim-protocol/filter-user-groups-value',
    ],
    apply: reshaped((resource) =>
      Object.fromEntries(
        Object.entries(resource as JsonObject).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.slice(0, 1) : value,
        ]),
      ),
    ),
  },
  {
    id: 'value-path-flattened',
    area: 'scim',
    bug: 'reads emails[type eq "work" and value eq "x"] as two conditions on any emails (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-value-path'],
    apply: rewritten((node) =>
      node.op === 'valuePath'
        ? rewrite(node.filter, (inner) =>
            isComparison(inner) || inner.op === 'pr'
              ? { ...inner, path: { ...node.path, subAttr: inner.path.attr } }
              : undefined,
          )
        : undefined,
    ),
  },
  {
    id: 'extension-terms-ignored',
    area: 'scim',
    bug: 'ignores filter terms on extension attributes such as the Enterprise employeeNumber (RFC 7644 §3.10)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: [
      'scim-protocol/filter-enterprise-employeenumber',
      'scim-protocol/filter-enterprise-department',
    ],
    apply: rewritten((node, schema) =>
      'path' in node &&
      node.path.uri !== undefined &&
      node.path.uri.toLowerCase() !== schema.coreSchema.toLowerCase()
        ? ALWAYS
        : undefined,
    ),
  },
  {
    id: 'schema-qualified-names-unmatched',
    area: 'scim',
    bug: 'matches nothing when a filter names an attribute with the core schema URN (RFC 7644 §3.10)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-schema-qualified-name'],
    apply: rewritten((node, schema) =>
      'path' in node && node.path.uri?.toLowerCase() === schema.coreSchema.toLowerCase() ? NEVER : undefined,
    ),
  },
  {
    id: 'attribute-names-case-sensitive',
    area: 'scim',
    bug: 'matches nothing when a filter writes an attribute name in another case (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-attribute-name-case'],
    apply: rewritten((node, schema) => {
      if (!isComparison(node) && node.op !== 'pr') return undefined;
      const { uri, attr } = node.path;
      const name = schema.resolve(uri === undefined ? { attr } : { uri, attr })?.name;
      return name !== undefined && name !== attr ? NEVER : undefined;
    }),
  },
  {
    id: 'logic-left-to-right',
    area: 'scim',
    bug: 'evaluates and/or left to right, so a or b and c reads as (a or b) and c (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-precedence'],
    apply: rewritten((node) =>
      node.op === 'or' && node.right.op === 'and'
        ? { op: 'and', left: { op: 'or', left: node.left, right: node.right.left }, right: node.right.right }
        : undefined,
    ),
  },
  {
    id: 'grouping-ignored',
    area: 'scim',
    bug: 'drops the parentheses of a filter, so (a or b) and c reads as a or (b and c) (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-grouping'],
    apply: rewritten((node) =>
      node.op === 'and' && node.left.op === 'or'
        ? { op: 'or', left: node.left.left, right: { op: 'and', left: node.left.right, right: node.right } }
        : undefined,
    ),
  },
  {
    id: 'not-ignored',
    area: 'scim',
    bug: 'ignores not, evaluating the filter inside it (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-not', 'scim-protocol/filter-operators'],
    apply: rewritten((node) => (node.op === 'not' ? node.filter : undefined)),
  },
  ...FILTER_SYNTAX_FAULTS,
]);
