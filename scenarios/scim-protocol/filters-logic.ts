/**
 * Filter checks of the language itself: the userName eq lookup every IdP makes, case-insensitive
 * attribute names and operators, schema-qualified names, and the precedence of and, or, not and
 * grouping. None of these is an "attribute and filter comparison combination" a server may
 * decline (RFC 7644 §3.12), so a 400 fails them.
 * @see RFC 7644 §3.4.2.2, §3.10
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { USER_SCHEMA } from '#harness/scim';
import { createUser } from '../support.js';
import { FILTER_CHECK, expectSelects, quote, resources, userPair, type Pair } from './filter-support.js';

/** The userName lookups IdPs make before a create: at MUST, whatever the target advertises. */
const lookups = [
  defineScenario({
    id: 'scim-protocol/filter-username-eq',
    title: 'filter userName eq finds exactly the user',
    requirements: ['SCIM-LIST-FILTER', 'IDP-IDM-13'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      await createUser(ctx);
      const found = resources(
        ctx,
        await ctx.scim.get('/Users', { query: { filter: `userName eq ${quote(sent.userName)}` } }),
      );
      ctx.expect(
        found.length === 1 && found[0]!.id === id,
        `filter userName eq ${quote(sent.userName)} returned ${found.length} resources; expected exactly the one created`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/filter-username-case-insensitive',
    title: 'filter userName eq matches regardless of case (caseExact false)',
    requirements: ['SCIM-LIST-FILTER', 'IDP-IDM-03'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const upper = String(sent.userName).toUpperCase();
      const found = resources(
        ctx,
        await ctx.scim.get('/Users', { query: { filter: `userName eq ${quote(upper)}` } }),
      );
      ctx.expect(
        found.some((r) => r.id === id),
        `filter userName eq ${quote(upper)} did not find '${String(sent.userName)}': userName is caseExact false (RFC 7643 §4.1.1), so the lookup before create (IDP-IDM-03) would miss it and create a duplicate`,
      );
    },
  }),
];

const operators = defineScenario({
  ...FILTER_CHECK,
  id: 'scim-protocol/filter-operators',
  title: 'filter operators sw, co, ew, pr, ne and and/or/not select the right users',
  async run(ctx: ScenarioContext) {
    const { prefix, alpha, beta } = await userPair(ctx, { title: 'Engineer' });
    const cases: [string, Pair['alpha'][]][] = [
      [`userName sw ${quote(prefix)}`, [alpha, beta]],
      [`userName co "-alpha@"`, [alpha]],
      [`userName ew "@example.org" and userName sw ${quote(prefix)}`, [beta]],
      [`userName sw ${quote(prefix)} and title pr`, [alpha]],
      [`userName sw ${quote(prefix)} and not (title pr)`, [beta]],
      [`(userName eq ${quote(alpha.label)}) or (userName eq ${quote(beta.label)})`, [alpha, beta]],
      [`userName sw ${quote(prefix)} and userName ne ${quote(alpha.label)}`, [beta]],
      [`emails[type eq "work" and value co "-beta@"]`, [beta]],
    ];
    for (const [filter, match] of cases) {
      const miss = [alpha, beta].filter((subject) => !match.includes(subject));
      await expectSelects(ctx, { filter, match, miss, rule: 'RFC 7644 §3.4.2.2' });
    }
  },
});

interface GrammarCase {
  id: string;
  title: string;
  clause?: string;
  note?: string;
  /** The filter, and which of alpha and beta it selects: userName eq alone besides the grammar under test. */
  run(pair: Pair): { filter: string; match: Pair['alpha'][]; miss: Pair['alpha'][]; rule: string };
}

const NAMES =
  'RFC 7644 §3.4.2.2: "Attribute names and attribute operators used in filters are case insensitive"';
const grammarCases: GrammarCase[] = [
  {
    id: 'attribute-name-case',
    title: 'filter USERNAME eq matches: attribute names are case-insensitive',
    note: 'IdPs write userName as the schema does; a hand-written or generated client may not',
    run: ({ alpha, beta }) => ({
      filter: `USERNAME eq ${quote(alpha.label)}`,
      match: [alpha],
      miss: [beta],
      rule: NAMES,
    }),
  },
  {
    id: 'operator-case',
    title: 'filter userName EQ matches: operators are case-insensitive',
    note: 'IdPs send eq in lower case; a client that writes EQ gets an error',
    run: ({ alpha, beta }) => ({
      filter: `userName EQ ${quote(alpha.label)}`,
      match: [alpha],
      miss: [beta],
      rule: NAMES,
    }),
  },
  {
    id: 'schema-qualified-name',
    title: 'filter with the core schema URN before userName matches',
    clause: 'RFC 7644 §3.4.2.2, §3.10',
    note: 'IdPs use short names; a client that qualifies names with the core schema URN gets nothing',
    run: ({ alpha, beta }) => ({
      filter: `${USER_SCHEMA}:userName eq ${quote(alpha.label)}`,
      match: [alpha],
      miss: [beta],
      rule: 'RFC 7644 §3.10: an attribute may be named with its schema URN, "urn:…:User:userName"',
    }),
  },
  {
    id: 'precedence',
    title: 'filter a or b and c reads as a or (b and c): and binds tighter than or',
    run: ({ alpha, beta, prefix }) => ({
      filter: `userName eq ${quote(alpha.label)} or userName eq ${quote(beta.label)} and userName eq ${quote(`${prefix}-nobody`)}`,
      match: [alpha],
      miss: [beta],
      rule: 'RFC 7644 §3.4.2.2: filters "MUST be evaluated" with "not" before "and" before "or"',
    }),
  },
  {
    id: 'grouping',
    title: 'filter (a or b) and (c or d) honours the parentheses',
    run: ({ alpha, beta, prefix }) => ({
      filter: `(userName eq ${quote(alpha.label)} or userName eq ${quote(beta.label)}) and (userName eq ${quote(beta.label)} or userName eq ${quote(`${prefix}-nobody`)})`,
      match: [beta],
      miss: [alpha],
      rule: 'RFC 7644 §3.4.2.2: grouping operators come first in the order of evaluation (MUST)',
    }),
  },
  {
    id: 'not',
    title: 'filter not (…) selects what the inner filter does not',
    run: ({ alpha, beta, scope }) => ({
      filter: scope(`not (userName eq ${quote(alpha.label)})`),
      match: [beta],
      miss: [alpha],
      rule: 'RFC 7644 §3.4.2.2: "not" is the logical inverse of the filter it holds',
    }),
  },
];

const grammar = grammarCases.map(({ id, title, clause, note, run }) =>
  defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/filter-${id}`,
    title,
    ...(clause ? { clause } : {}),
    impact: note
      ? { severity: 'note', consequence: note }
      : {
          severity: 'warning',
          consequence:
            'IdPs send single eq lookups; a client combining conditions gets an error or the wrong users',
        },
    async run(ctx: ScenarioContext) {
      await expectSelects(ctx, { ...run(await userPair(ctx)), declinable: false });
    },
  }),
);

/** Filter checks of the language: lookups, names, operators and logic. */
export const filterLogicScenarios = [...lookups, operators, ...grammar];
