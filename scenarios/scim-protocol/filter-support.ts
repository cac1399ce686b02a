/**
 * What the filter family shares: a pair of seeded users, a filter run judged on the check's own
 * resources only (an external target holds others), and the schema facts a check derives its
 * expectation from. docs/decisions/0015-filter-family.md says why a declined filter is not a failure.
 * @see RFC 7644 §3.4.2.2, §3.12 (invalidFilter)
 */
import type { ScenarioContext, ScenarioDefinition } from '#harness/runner';
import { isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { createUser, expectStatus, newUserBody, removeLater } from '../support.js';
import { probeSchemas, type ProbedAttribute } from './schema-probe.js';

/** The resources a ListResponse holds; fails unless the answer is a 200 ListResponse. */
export function resources(ctx: ScenarioContext, response: ScimResponse): JsonObject[] {
  expectStatus(ctx, response, 200, 'RFC 7644 §3.4.2');
  const body = response.body;
  ctx.expect(
    isJsonObject(body) && Array.isArray(body.Resources ?? []),
    `Expected a ListResponse (RFC 7644 §3.4.2), got ${response.text.slice(0, 200)}`,
  );
  return ((body.Resources as unknown[] | undefined) ?? []).filter(isJsonObject);
}

export const quote = JSON.stringify;

/** A resource the check created, with the name its messages call it by. */
export interface Subject {
  id: string;
  label: string;
  body: JsonObject;
}

/** What a filter must select among the check's own resources. */
export interface Selection {
  filter: string;
  /** @default '/Users' */
  endpoint?: '/Users' | '/Groups';
  /** Resources the filter must select. */
  match: readonly Subject[];
  /** Resources it must leave out. */
  miss: readonly Subject[];
  /** The rule (with its clause) and what breaks for the customer when it is broken. */
  rule: string;
  /**
   * Whether the server may decline the filter with 400 invalidFilter: RFC 7644 §3.12 gives that
   * answer to "the specified attribute and filter comparison combination is not supported". False
   * where the filter is plain grammar every filtering server parses (names, operators, and/or/not).
   * @default true
   */
  declinable?: boolean;
}

const isInvalidFilter = (response: ScimResponse): boolean =>
  response.status === 400 && isJsonObject(response.body) && response.body.scimType === 'invalidFilter';

const names = (subjects: readonly Subject[]): string => subjects.map((s) => `'${s.label}'`).join(', ');

/** Runs `filter` and fails unless it selects `match` and leaves out `miss`. @see RFC 7644 §3.4.2.2 */
export async function expectSelects(ctx: ScenarioContext, selection: Selection): Promise<void> {
  const { filter, endpoint = '/Users', match, miss, rule, declinable = true } = selection;
  const response = await ctx.scim.get(endpoint, { query: { filter } });
  if (declinable && isInvalidFilter(response)) {
    ctx.notApplicable(
      `the server declines '${filter}' with 400 invalidFilter, which RFC 7644 §3.12 allows for an attribute and comparison it does not support; a client that needs it cannot filter this way`,
    );
  }
  const request = `GET ${endpoint}?filter=${filter}`;
  if (response.status !== 200) {
    const refusal = declinable
      ? 'a filter the server cannot evaluate is declined with 400 invalidFilter (RFC 7644 §3.12)'
      : 'RFC 7644 §3.12 lets a server decline an attribute and comparison it does not support, not the grammar of Figure 1 (names, operators, and, or, not, parentheses) while /ServiceProviderConfig says filter is supported';
    ctx.fail(`${request} answered ${response.status} ${response.text.slice(0, 200)}: ${refusal}; ${rule}`);
  }
  const found = new Set(resources(ctx, response).map((resource) => resource.id));
  const missed = match.filter((subject) => !found.has(subject.id));
  const wrong = miss.filter((subject) => found.has(subject.id));
  ctx.expect(
    missed.length === 0 && wrong.length === 0,
    `${request} ${[
      missed.length > 0 ? `left out ${names(missed)}` : '',
      wrong.length > 0 ? `selected ${names(wrong)}` : '',
    ]
      .filter(Boolean)
      .join(' and ')}: ${rule}`,
  );
}

/** Creates a user as a {@link Subject}, labelled with its userName. */
export async function subjectUser(ctx: ScenarioContext, overrides: JsonObject = {}): Promise<Subject> {
  const { id, body, sent } = await createUser(ctx, overrides);
  return { id, label: String(sent.userName), body };
}

/** Creates a user the server may refuse (it need not store `what`): not applicable if it does. */
export async function optionalUser(
  ctx: ScenarioContext,
  overrides: JsonObject,
  what: string,
): Promise<Subject> {
  const sent = newUserBody(ctx, overrides);
  const response = await ctx.scim.post('/Users', sent);
  const id = removeLater(ctx, response, '/Users');
  if (id === undefined || response.status >= 300 || !isJsonObject(response.body))
    ctx.notApplicable(`the server does not create a user with ${what} (it answered ${response.status})`);
  return { id, label: String(sent.userName), body: response.body };
}

/** Not applicable unless the server kept what the check sent: `value` somewhere in the subject's `attribute`. */
export function requireKept(ctx: ScenarioContext, subject: Subject, attribute: string, value: unknown): void {
  const kept = JSON.stringify(subject.body[attribute] ?? null);
  if (!kept.includes(JSON.stringify(value)))
    ctx.notApplicable(
      `the server did not keep ${attribute} ${JSON.stringify(value)} as sent (it shows ${kept})`,
    );
}

/** Two users, alpha and beta, whose userNames share a unique prefix; `scope` confines a term to them. */
export interface Pair {
  prefix: string;
  alpha: Subject;
  beta: Subject;
  /** `(userName eq alpha or userName eq beta) and term` (a term without or): only `eq` besides the term, so results on a busy server stay ours. */
  scope(term: string): string;
}

/** Creates the {@link Pair}: `<prefix>-alpha@example.com` and `<prefix>-beta@example.org`. */
export async function userPair(
  ctx: ScenarioContext,
  alpha: JsonObject = {},
  beta: JsonObject = {},
  /** What beta has that a server may refuse to store (`an empty title`): a refusal makes the check not applicable. */
  betaMayBeRefused?: string,
): Promise<Pair> {
  const prefix = ctx.unique('flt').toLowerCase();
  const a = await subjectUser(ctx, { userName: `${prefix}-alpha@example.com`, ...alpha });
  const betaBody = { userName: `${prefix}-beta@example.org`, ...beta };
  const b = betaMayBeRefused
    ? await optionalUser(ctx, betaBody, betaMayBeRefused)
    : await subjectUser(ctx, betaBody);
  return {
    prefix,
    alpha: a,
    beta: b,
    scope: (term) => `(userName eq ${quote(a.label)} or userName eq ${quote(b.label)}) and ${term}`,
  };
}

/** The server's own definition of `path` on `type` (from its /Schemas, RFC 7643's where it serves none). */
export async function findAttribute(
  ctx: ScenarioContext,
  type: 'User' | 'Group',
  path: string,
): Promise<ProbedAttribute | undefined> {
  const resourceType = (await probeSchemas(ctx)).type(type);
  return resourceType?.attributes.find((item) => item.path.toLowerCase() === path.toLowerCase());
}

/** {@link findAttribute}, not applicable when the server's schema has no such attribute. */
export async function schemaAttribute(
  ctx: ScenarioContext,
  type: 'User' | 'Group',
  path: string,
): Promise<ProbedAttribute> {
  const found = await findAttribute(ctx, type, path);
  if (found === undefined) ctx.notApplicable(`the server's ${type} schema has no attribute '${path}'`);
  return found;
}

/**
 * Where a string comparison of `value` in another case lands, by the attribute's caseExact:
 * the subject in `match` when caseExact is false, in `miss` when true.
 * @see RFC 7644 §3.4.2.2 ("SHALL be determined by the attribute's caseExact characteristic")
 */
export function byCase(caseExact: boolean, subject: Subject): { match: Subject[]; miss: Subject[] } {
  return caseExact ? { match: [], miss: [subject] } : { match: [subject], miss: [] };
}

/** The casing rule for messages. */
export const caseRule = (path: string, caseExact: boolean): string =>
  `'${path}' is caseExact ${caseExact} in the server's schema, so RFC 7644 §3.4.2.2 (SHALL) compares it ${caseExact ? 'exactly' : 'ignoring case'}`;

/**
 * What every filter check declares unless it says otherwise (spread first into `defineScenario`,
 * so the check's module stays its `definedIn`): SCIM-LIST-FILTER at MUST, soft where filter is
 * not advertised.
 */
export const FILTER_CHECK = {
  requirements: ['SCIM-LIST-FILTER'],
  level: 'MUST',
  clause: 'RFC 7644 §3.4.2.2',
  requires: { advertised: 'filter' },
} as const satisfies Partial<ScenarioDefinition>;
