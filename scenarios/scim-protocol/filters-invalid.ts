/**
 * Filters a server must refuse with 400 invalidFilter rather than answer with a list: broken
 * syntax, an operator RFC 7644 does not define, an ordering of a Boolean; and a filter on an
 * attribute the server does not have, which it may refuse or match against nothing.
 * @see RFC 7644 §3.4.2.2, §3.4.2.1, §3.12 (Table 9: invalidFilter)
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import { createUser, expectScimError } from '../support.js';
import { FILTER_CHECK, expectSelects, quote, subjectUser } from './filter-support.js';

const SYNTAX =
  'RFC 7644 §3.12: invalidFilter answers a filter whose "syntax was invalid (does not comply with Figure 1)"';

interface InvalidCase {
  id: string;
  title: string;
  /** The filter, built around the userName of a user that exists. */
  filter(userName: string): string;
  rule: string;
  impact?: { severity: 'warning' | 'note'; consequence: string };
}

const LENIENT =
  'a client whose filter has a typo gets a list instead of an error, and acts on the wrong users';

const invalidCases: InvalidCase[] = [
  {
    id: 'unterminated-string',
    title: 'filter with an unterminated string answers 400 invalidFilter',
    filter: (userName) => `userName eq ${quote(userName).slice(0, -1)}`,
    rule: SYNTAX,
    impact: { severity: 'warning', consequence: LENIENT },
  },
  {
    id: 'unknown-operator',
    title: 'filter with an operator RFC 7644 does not define (regex) answers 400 invalidFilter',
    filter: (userName) => `userName regex ${quote(userName)}`,
    rule: 'RFC 7644 §3.4.2.2: "Providers MUST decline to filter results if the specified filter operation is not recognized and return an HTTP 400 error with a scimType error of invalidFilter"',
  },
  {
    id: 'boolean-ordering',
    title: 'filter active gt true answers 400 invalidFilter (no ordering of Booleans)',
    filter: (userName) => `userName eq ${quote(userName)} and active gt true`,
    rule: 'RFC 7644 §3.4.2.2: gt, ge, lt and le on "Boolean and Binary attributes SHALL cause a failed response (HTTP status code 400) with scimType of invalidFilter"',
    impact: {
      severity: 'note',
      consequence: 'a client ordering Booleans gets a list it cannot interpret, not an error',
    },
  },
  {
    id: 'unbalanced-parentheses',
    title: 'filter with an unclosed parenthesis answers 400 invalidFilter',
    filter: (userName) => `(userName eq ${quote(userName)} or title pr`,
    rule: SYNTAX,
    impact: { severity: 'warning', consequence: LENIENT },
  },
  {
    id: 'dangling-logic',
    title: 'filter ending in and answers 400 invalidFilter',
    filter: (userName) => `userName eq ${quote(userName)} and`,
    rule: SYNTAX,
    impact: { severity: 'warning', consequence: LENIENT },
  },
];

const invalid = invalidCases.map(({ id, title, filter, rule, impact }) =>
  defineScenario({
    ...FILTER_CHECK,
    requirements: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    id: `scim-protocol/filter-invalid-${id}`,
    title,
    clause: 'RFC 7644 §3.4.2.2; §3.12',
    ...(impact ? { impact } : {}),
    async run(ctx: ScenarioContext) {
      const { sent } = await createUser(ctx);
      const text = filter(String(sent.userName));
      const response = await ctx.scim.get('/Users', { query: { filter: text } });
      expectScimError(ctx, response, 400, 'invalidFilter', `${rule}; the filter was '${text}'`);
    },
  }),
);

const unknownAttribute = defineScenario({
  ...FILTER_CHECK,
  id: 'scim-protocol/filter-unknown-attribute',
  title: 'filter on an attribute the server does not have matches nothing, or answers 400 invalidFilter',
  clause: 'RFC 7644 §3.4.2.2, §3.4.2.1; §3.12',
  async run(ctx: ScenarioContext) {
    const subject = await subjectUser(ctx);
    const filter = `userName eq ${quote(subject.label)} and zzHarnessUnknown eq "x"`;
    const response = await ctx.scim.get('/Users', { query: { filter } });
    // RFC 7644 does not say which: §3.4.2.1 has an undefined attribute evaluate as having no
    // value (false for eq and pr), and §3.12 lets a server refuse an attribute it does not support.
    if (response.status === 400 && isJsonObject(response.body) && response.body.scimType === 'invalidFilter')
      return;
    await expectSelects(ctx, {
      filter,
      match: [],
      miss: [subject],
      rule: 'RFC 7644 §3.4.2.2: "only those resources matching the filter expression SHALL be returned", and a user without the attribute does not match eq (§3.4.2.1); a server that drops the terms it does not know widens every lookup, and an IdP links the wrong account',
    });
  },
});

const legacy = defineScenario({
  id: 'scim-protocol/invalid-filter-400',
  title: 'an unparsable filter answers 400 invalidFilter, not a list',
  requirements: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
  level: 'MUST',
  async run(ctx: ScenarioContext) {
    await createUser(ctx);
    const response = await ctx.scim.get('/Users', { query: { filter: 'userName eq' } });
    expectScimError(
      ctx,
      response,
      400,
      'invalidFilter',
      'RFC 7644 §3.4.2.2: "the server MUST return … 400 … invalidFilter"',
    );
  },
});

/** Filter checks of what a server must refuse. */
export const filterInvalidScenarios = [legacy, ...invalid, unknownAttribute];
