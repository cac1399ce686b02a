/**
 * Filter checks on String attributes: every operator on userName, then the caseExact rule at each
 * place it applies (a multi-valued sub-attribute, a complex one, a Group's displayName, id and
 * externalId). The expectation follows the caseExact the server's own schema declares.
 * @see RFC 7644 §3.4.2.2, RFC 7643 §2.2 (caseExact), §3.1, §4.1.1
 */
import { defineScenario, type Scenario, type ScenarioContext } from '#harness/runner';
import { createGroup } from '../support.js';
import {
  FILTER_CHECK,
  byCase,
  caseRule,
  expectSelects,
  findAttribute,
  quote,
  schemaAttribute,
  subjectUser,
  userPair,
  type Pair,
  type Subject,
} from './filter-support.js';

const upper = (text: string): string => text.toUpperCase();

interface OperatorCase {
  op: string;
  meaning: string;
  /** The filter, and what it selects by userName's caseExact. */
  run(pair: Pair, caseExact: boolean): { filter: string; match: Subject[]; miss: Subject[] };
}

/**
 * Each bound is written in upper case, so a server that compares a caseExact-false attribute
 * exactly (and orders 'F' before 'f') shows it in every operator.
 */
const OPERATORS: OperatorCase[] = [
  {
    op: 'ne',
    meaning: 'not equal',
    run: ({ alpha, beta, scope }, exact) => ({
      filter: scope(`userName ne ${quote(upper(alpha.label))}`),
      match: exact ? [alpha, beta] : [beta],
      miss: exact ? [] : [alpha],
    }),
  },
  {
    op: 'co',
    meaning: 'contains',
    // The middle of alpha's userName: past the `flt-` its prefix starts with, up to `-alpha`.
    run: ({ prefix, alpha, beta }, exact) => ({
      filter: `userName co ${quote(upper(`${prefix.slice(4)}-alpha`))}`,
      match: exact ? [] : [alpha],
      miss: exact ? [alpha, beta] : [beta],
    }),
  },
  {
    op: 'sw',
    meaning: 'starts with',
    run: ({ prefix, alpha, beta }, exact) => ({
      filter: `userName sw ${quote(upper(`${prefix}-al`))}`,
      match: exact ? [] : [alpha],
      miss: exact ? [alpha, beta] : [beta],
    }),
  },
  {
    op: 'ew',
    meaning: 'ends with',
    run: ({ alpha, beta, scope }, exact) => ({
      filter: scope('userName ew "@EXAMPLE.ORG"'),
      match: exact ? [] : [beta],
      miss: exact ? [alpha, beta] : [alpha],
    }),
  },
  {
    op: 'gt',
    meaning: 'greater than (lexicographically)',
    run: ({ alpha, beta, scope }, exact) => ({
      filter: scope(`userName gt ${quote(upper(alpha.label))}`),
      match: exact ? [alpha, beta] : [beta],
      miss: exact ? [] : [alpha],
    }),
  },
  {
    op: 'ge',
    meaning: 'greater than or equal',
    run: ({ alpha, beta, scope }, exact) => ({
      filter: scope(`userName ge ${quote(upper(beta.label))}`),
      match: exact ? [alpha, beta] : [beta],
      miss: exact ? [] : [alpha],
    }),
  },
  {
    op: 'lt',
    meaning: 'less than',
    run: ({ alpha, beta, scope }, exact) => ({
      filter: scope(`userName lt ${quote(upper(beta.label))}`),
      match: exact ? [] : [alpha],
      miss: exact ? [alpha, beta] : [beta],
    }),
  },
  {
    op: 'le',
    meaning: 'less than or equal',
    run: ({ alpha, beta, scope }, exact) => ({
      filter: scope(`userName le ${quote(upper(alpha.label))}`),
      match: exact ? [] : [alpha],
      miss: exact ? [alpha, beta] : [beta],
    }),
  },
];

const operatorChecks = OPERATORS.map(({ op, meaning, run }) =>
  defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/filter-string-${op}`,
    title: `filter userName ${op} (${meaning}) selects by the attribute's caseExact`,
    impact: {
      severity: 'warning',
      consequence: `IdPs look users up with eq; a client that searches with ${op} (an admin tool, a reconciliation job) gets the wrong users`,
    },
    async run(ctx: ScenarioContext) {
      const { definition } = await schemaAttribute(ctx, 'User', 'userName');
      const pair = await userPair(ctx);
      await expectSelects(ctx, {
        ...run(pair, definition.caseExact),
        rule: `${caseRule('userName', definition.caseExact)}, and '${op}' means ${meaning} (RFC 7644 §3.4.2.2)`,
      });
    },
  }),
);

/** A check that the attribute at `path` compares by its caseExact, on a value written in another case. */
function caseCheck(options: {
  id: string;
  title: string;
  path: string;
  type?: 'User' | 'Group';
  consequence: string;
  impact?: Scenario['impact'];
  /** Creates the subject; returns it and the value stored at `path`. */
  seed(ctx: ScenarioContext): Promise<{ subject: Subject; value: string }>;
}): Scenario {
  const { type = 'User' } = options;
  return defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/${options.id}`,
    title: options.title,
    clause: 'RFC 7644 §3.4.2.2; RFC 7643 §2.2',
    ...(options.impact ? { impact: options.impact } : {}),
    ...(type === 'Group' ? { requires: { ...FILTER_CHECK.requires, groups: true } } : {}),
    async run(ctx: ScenarioContext) {
      const { definition } = await schemaAttribute(ctx, type, options.path);
      const { subject, value } = await options.seed(ctx);
      const other = value === upper(value) ? value.toLowerCase() : upper(value);
      await expectSelects(ctx, {
        endpoint: type === 'Group' ? '/Groups' : '/Users',
        filter: `${options.path} eq ${quote(other)}`,
        ...byCase(definition.caseExact, subject),
        rule: `${caseRule(options.path, definition.caseExact)}; ${options.consequence}`,
      });
    },
  });
}

const caseChecks = [
  caseCheck({
    id: 'filter-emails-value-case',
    title: 'filter emails.value eq matches by caseExact (a multi-valued sub-attribute)',
    path: 'emails.value',
    consequence: 'an IdP that matches users by email would miss this one and create a duplicate',
    seed: async (ctx) => {
      const subject = await subjectUser(ctx);
      return { subject, value: subject.label };
    },
  }),
  caseCheck({
    id: 'filter-family-name-case',
    title: 'filter name.familyName eq matches by caseExact (a complex sub-attribute)',
    path: 'name.familyName',
    consequence: 'a search by family name misses users written in another case',
    impact: {
      severity: 'warning',
      consequence: 'IdPs do not look users up by name; searches by name miss users',
    },
    seed: async (ctx) => {
      const familyName = `Zed-${ctx.unique('fam').toLowerCase()}`;
      return {
        subject: await subjectUser(ctx, { name: { givenName: 'Ann', familyName } }),
        value: familyName,
      };
    },
  }),
  caseCheck({
    id: 'filter-group-display-name-case',
    title: 'filter displayName eq on Groups matches by caseExact',
    path: 'displayName',
    type: 'Group',
    consequence:
      'an IdP that looks groups up by displayName before pushing them would create a duplicate group',
    seed: async (ctx) => {
      const { id, body } = await createGroup(ctx);
      const label = String(body.displayName);
      return { subject: { id, label, body }, value: label };
    },
  }),
];

/** RFC 7643 §3.1: id and externalId are caseExact true (unless the server's schema lists them otherwise). */
async function caseExactOf(ctx: ScenarioContext, path: 'id' | 'externalId'): Promise<boolean> {
  return (await findAttribute(ctx, 'User', path))?.definition.caseExact ?? true;
}

const exactChecks = (['id', 'externalId'] as const).map((path) =>
  defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/filter-${path === 'id' ? 'id' : 'external-id'}-case-exact`,
    title: `filter ${path} eq matches exactly, and not a value in another case (caseExact true)`,
    clause: 'RFC 7644 §3.4.2.2; RFC 7643 §3.1',
    impact: {
      severity: path === 'id' ? 'note' : 'warning',
      consequence: `two ${path} values that differ only in case are read as one resource`,
    },
    async run(ctx: ScenarioContext) {
      const external = `Ext-${ctx.unique('ext')}`;
      const subject = await subjectUser(ctx, path === 'externalId' ? { externalId: external } : {});
      const value = path === 'id' ? subject.id : external;
      if (path === 'externalId' && subject.body.externalId !== external)
        ctx.notApplicable('the server does not keep the externalId it was sent');
      if (upper(value) === value)
        ctx.notApplicable(`the ${path} '${value}' has no letters to change the case of`);
      const exact = await caseExactOf(ctx, path);
      const rule = caseRule(path, exact);
      await expectSelects(ctx, { filter: `${path} eq ${quote(value)}`, match: [subject], miss: [], rule });
      await expectSelects(ctx, {
        filter: `${path} eq ${quote(upper(value))}`,
        ...byCase(exact, subject),
        rule,
      });
    },
  }),
);

/** Filter checks on String attributes. */
export const filterStringScenarios = [...operatorChecks, ...caseChecks, ...exactChecks];
