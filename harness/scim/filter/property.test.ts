import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { JsonObject } from '../attribute-access.js';
import { ScimError } from '../errors.js';
import type { AttrPath } from '../schemas/types.js';
import type { CompareOperator, CompareValue, Filter } from './ast.js';
import { matchesFilter, type FilterContext } from './evaluate.js';
import { parseAttrPath, parseFilter, parsePatchPath } from './parse.js';
import { printAttrPath, printFilter } from './print.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const OPERATORS: CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le'];

const attrName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/),
  fc.constantFrom('$ref', 'not', 'and', 'or', 'pr'),
);
const schemaUri = fc.oneof(
  fc.constantFrom(CORE, ENTERPRISE),
  fc.stringMatching(/^urn:[a-z0-9]{1,6}(:[A-Za-z0-9.-]{1,6}){0,3}$/),
);
const anyPath: fc.Arbitrary<AttrPath> = fc.record(
  { uri: schemaUri, attr: attrName, subAttr: attrName },
  { requiredKeys: ['attr'], noNullPrototype: true },
);
const anyValue: fc.Arbitrary<CompareValue> = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

// Plain prototypes, so that trees compare with toStrictEqual against what the parser builds.
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
  fc.record(model, { noNullPrototype: true });

/** Filter trees over the given paths and values; value paths hold no value paths, as the ABNF requires. */
function filters(path: fc.Arbitrary<AttrPath>, value: fc.Arbitrary<CompareValue>): fc.Arbitrary<Filter> {
  const leaf: fc.Arbitrary<Filter> = fc.oneof(
    record({ op: fc.constantFrom(...OPERATORS), path, value }),
    record({ op: fc.constant('pr' as const), path }),
  );
  const tree = (inner: fc.Arbitrary<Filter> | undefined) =>
    fc.letrec<{ filter: Filter }>((tie) => ({
      filter: fc.oneof(
        { depthSize: 'small' },
        leaf,
        record({
          op: fc.constantFrom('and' as const, 'or' as const),
          left: tie('filter'),
          right: tie('filter'),
        }),
        record({ op: fc.constant('not' as const), filter: tie('filter') }),
        ...(inner === undefined
          ? []
          : [record({ op: fc.constant('valuePath' as const), path, filter: inner })]),
      ),
    })).filter;
  return tree(tree(undefined));
}

/** Prints `filter` with redundant parentheses, extra spaces and shouting operators, chosen by `seed`. */
function noisyPrint(filter: Filter, seed: number): string {
  let state = seed;
  const coin = (): boolean => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) & 0x10000) !== 0;
  const space = (): string => (coin() ? '  ' : ' ');
  const word = (text: string): string => (coin() ? text.toUpperCase() : text);
  const term = (f: Filter): string => {
    switch (f.op) {
      case 'and':
      case 'or':
        return `(${print(f.left)})${space()}${word(f.op)}${space()}(${print(f.right)})`;
      case 'not':
        return `${word('not')}${coin() ? '' : ' '}(${space()}${print(f.filter)}${space()})`;
      case 'valuePath':
        return `${printAttrPath(f.path)}[${space()}${print(f.filter)}${space()}]`;
      case 'pr':
        return `${printAttrPath(f.path)}${space()}${word('pr')}`;
      default: {
        const value = printFilter(f).slice(printAttrPath(f.path).length + f.op.length + 2);
        return `${printAttrPath(f.path)}${space()}${word(f.op)}${space()}${value}`;
      }
    }
  };
  const print = (f: Filter): string => (coin() ? `(${space()}${term(f)}${space()})` : term(f));
  return print(filter);
}

/** Runs `run`, turning a ScimError into the string 'error' and letting anything else fail the test. */
function outcome<T>(run: () => T): T | 'error' {
  try {
    return run();
  } catch (error) {
    if (error instanceof ScimError) return 'error';
    throw error;
  }
}

// Fragments that steer random input through every branch of the tokenizer and parser.
const filterSoup = fc
  .array(
    fc.constantFrom(
      ...[
        'userName',
        'emails',
        'name.givenName',
        `${CORE}:userName`,
        'urn:',
        ':',
        '.',
        '.value',
        '$ref',
        '1x',
      ],
      ...['eq', 'EQ', 'pr', 'co', 'gt', 'and', 'Or', 'not', 'not(', '(', ')', '[', ']', ' ', '  ', '\t'],
      ...['"x"', '"', '\\', '\\u00e9', '"\\u12"', '1', '-1.5e3', '1e999', 'true', 'True', 'null', 'x'],
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  filterSoup,
  filterSoup.map((text) => text.replace(/ /g, '')),
);

describe('filter properties', () => {
  test('parsing a printed filter gives back the same tree', () => {
    fc.assert(
      fc.property(filters(anyPath, anyValue), (filter) => {
        expect(parseFilter(printFilter(filter))).toStrictEqual(filter);
      }),
      { numRuns: 1000 },
    );
  });

  test('spacing, redundant parentheses and operator case leave the parsed tree unchanged', () => {
    fc.assert(
      fc.property(filters(anyPath, anyValue), fc.integer({ min: 0 }), (filter, seed) => {
        expect(parseFilter(noisyPrint(filter, seed))).toStrictEqual(filter);
      }),
      { numRuns: 1000 },
    );
  });

  test('parsers throw nothing but ScimError on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        outcome(() => parseFilter(text));
        outcome(() => parsePatchPath(text));
        outcome(() => parseAttrPath(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('a filter that parses prints to a fixed point', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const filter = outcome(() => parseFilter(text));
        if (filter === 'error') return;
        const canonical = printFilter(filter);
        expect(printFilter(parseFilter(canonical))).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  test('not, and and or evaluate as boolean negation, conjunction and disjunction', () => {
    const names = fc.constantFrom('a', 'b', 'value');
    const scalar = fc.oneof(
      fc.constantFrom('x', 'X', 'xy', ''),
      fc.integer({ min: -2, max: 2 }),
      fc.boolean(),
    );
    const element = fc.oneof(scalar, fc.dictionary(names, scalar));
    const resource: fc.Arbitrary<JsonObject> = fc.dictionary(
      names,
      fc.oneof(element, fc.array(element, { maxLength: 3 })),
    );
    const path = fc.record(
      { attr: names, subAttr: names },
      { requiredKeys: ['attr'], noNullPrototype: true },
    );
    const value = fc.oneof(scalar, fc.constant(null));
    const ctx: FilterContext = { coreSchema: CORE, resolve: () => undefined };
    const run = (r: JsonObject, f: Filter) => outcome(() => matchesFilter(r, f, ctx));
    fc.assert(
      fc.property(resource, filters(path, value), filters(path, value), (r, f, g) => {
        const [a, b] = [run(r, f), run(r, g)];
        const either = a === 'error' || b === 'error';
        expect(run(r, { op: 'not', filter: f })).toBe(a === 'error' ? 'error' : !a);
        expect(run(r, { op: 'and', left: f, right: g })).toBe(either ? 'error' : a && b);
        expect(run(r, { op: 'or', left: f, right: g })).toBe(either ? 'error' : a || b);
      }),
      { numRuns: 1000 },
    );
  });
});
