/**
 * Filter checks by attribute type: presence (absent, empty, null, complex), Boolean, DateTime
 * (chronological, across time zones), multi-valued attributes and value paths, Group members,
 * a User's groups, and the Enterprise extension's attributes.
 * @see RFC 7644 §3.4.2.2, RFC 7643 §2.3, §2.5, §3.1, §4.3
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import { createGroup } from '../support.js';
import {
  FILTER_CHECK,
  byCase,
  caseRule,
  expectSelects,
  quote,
  requireKept,
  schemaAttribute,
  subjectUser,
  userPair,
  type Pair,
  type Subject,
} from './filter-support.js';

const PRESENT =
  'RFC 7644 §3.4.2.2: pr matches "if the attribute has a non-empty value, or if it contains a non-empty node for complex attributes"';

const presenceCases = [
  { id: 'absent', beta: { title: undefined }, what: 'without a title', severity: 'warning' },
  { id: 'empty-string', beta: { title: '' }, what: 'an empty title ""', severity: 'note' },
  { id: 'null', beta: { title: null }, what: 'a title of null', severity: 'note' },
] as const;

const presenceChecks = presenceCases.map(({ id, beta, what, severity }) =>
  defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/filter-pr-${id}`,
    title: `filter title pr leaves out a user ${what}`,
    impact: { severity, consequence: 'a client asking who has a title gets users who have none' },
    async run(ctx: ScenarioContext) {
      await schemaAttribute(ctx, 'User', 'title');
      const refused = id === 'absent' ? undefined : what;
      const pair = await userPair(ctx, { title: 'Engineer' }, beta, refused);
      await expectSelects(ctx, {
        filter: pair.scope('title pr'),
        match: [pair.alpha],
        miss: [pair.beta],
        rule: PRESENT,
      });
    },
  }),
);

const complexPresence = defineScenario({
  ...FILTER_CHECK,
  id: 'scim-protocol/filter-pr-complex',
  title: 'filter addresses pr selects the user with an address (a multi-valued complex attribute)',
  impact: { severity: 'warning', consequence: 'a client asking who has an address gets the wrong users' },
  async run(ctx: ScenarioContext) {
    await schemaAttribute(ctx, 'User', 'addresses');
    const address = { type: 'work', locality: 'Leeds', country: 'GB' };
    const pair = await userPair(ctx, { addresses: [address] });
    if (!Array.isArray(pair.alpha.body.addresses)) ctx.notApplicable('the server does not keep addresses');
    await expectSelects(ctx, {
      filter: pair.scope('addresses pr'),
      match: [pair.alpha],
      miss: [pair.beta],
      rule: PRESENT,
    });
  },
});

const BOOLEAN = 'RFC 7644 §3.4.2.2: a Boolean compares with the JSON literals true and false';

const booleanChecks = [
  { op: 'eq', terms: ['active eq false', 'active eq true'] },
  { op: 'ne', terms: ['active ne true', 'active ne false'] },
].map(({ op, terms }) =>
  defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/filter-boolean-${op}`,
    title: `filter active ${op} true/false selects by the Boolean`,
    async run(ctx: ScenarioContext) {
      await schemaAttribute(ctx, 'User', 'active');
      const pair = await userPair(ctx, { active: true }, { active: false }, 'active false');
      requireKept(ctx, pair.beta, 'active', false);
      const consequence = 'a client listing inactive users (to clean them up) gets the wrong ones';
      const [inactive, active] = terms as [string, string];
      const rule = `${BOOLEAN}; ${consequence}`;
      await expectSelects(ctx, {
        filter: pair.scope(inactive),
        match: [pair.beta],
        miss: [pair.alpha],
        rule,
      });
      await expectSelects(ctx, { filter: pair.scope(active), match: [pair.alpha], miss: [pair.beta], rule });
    },
  }),
);

/** `ms` as an xsd:dateTime in the zone `offset` minutes east of UTC, to the second. @see RFC 7643 §2.3.5 */
function dateTimeAt(ms: number, offset: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Each bound that must match is written an hour off UTC, on the side where comparing the text
 * gives the opposite answer to comparing the instants.
 */
const dateTimeCases = [
  { op: 'gt', attr: 'lastModified', hit: -MINUTE, far: DAY, offset: 60 },
  { op: 'lt', attr: 'lastModified', hit: MINUTE, far: -DAY, offset: -60 },
  { op: 'ge', attr: 'created', hit: -MINUTE, far: DAY, offset: 60 },
  { op: 'le', attr: 'created', hit: MINUTE, far: -DAY, offset: -60 },
] as const;

const dateTimeChecks = dateTimeCases.map(({ op, attr, hit, far, offset }) =>
  defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/filter-datetime-${op}`,
    title: `filter meta.${attr} ${op} compares instants, whatever the time zone`,
    clause: 'RFC 7644 §3.4.2.2; RFC 7643 §2.3.5, §3.1',
    impact: {
      severity: 'warning',
      consequence:
        'a client syncing the changes since its last run (meta.lastModified gt …) misses or repeats users',
    },
    async run(ctx: ScenarioContext) {
      const subject = await subjectUser(ctx);
      const meta = subject.body.meta;
      const stamp = isJsonObject(meta) && typeof meta[attr] === 'string' ? Date.parse(meta[attr]) : NaN;
      if (Number.isNaN(stamp)) ctx.notApplicable(`the created user carries no readable meta.${attr}`);
      const rule = `RFC 7644 §3.4.2.2: "for DateTime types, it is a chronological comparison" (meta.${attr} is ${String(meta?.[attr as never])}); comparing the text instead gets time zones wrong`;
      const scope = (bound: number) =>
        `userName eq ${quote(subject.label)} and meta.${attr} ${op} ${quote(dateTimeAt(stamp + bound, offset))}`;
      await expectSelects(ctx, { filter: scope(hit), match: [subject], miss: [], rule });
      await expectSelects(ctx, { filter: scope(far), match: [], miss: [subject], rule });
    },
  }),
);

const ANY_VALUE =
  'RFC 7644 §3.4.2.2: on a multi-valued attribute "the filter matches if any of the values of the specified attribute match"';

const multiValuedAny = defineScenario({
  ...FILTER_CHECK,
  id: 'scim-protocol/filter-multi-valued-any',
  title: 'filter emails.value eq matches a user by its second email, not only the first',
  async run(ctx: ScenarioContext) {
    await schemaAttribute(ctx, 'User', 'emails.value');
    const home = `${ctx.unique('home').toLowerCase()}@example.net`;
    const alpha = await subjectUser(ctx, {
      emails: [
        { value: `${ctx.unique('work').toLowerCase()}@example.com`, type: 'work', primary: true },
        { value: home, type: 'home' },
      ],
    });
    requireKept(ctx, alpha, 'emails', home);
    const beta = await subjectUser(ctx);
    await expectSelects(ctx, {
      filter: `emails.value eq ${quote(home)}`,
      match: [alpha],
      miss: [beta],
      rule: `${ANY_VALUE}; an IdP matching users by a secondary email would create a duplicate`,
    });
  },
});

const valuePath = defineScenario({
  ...FILTER_CHECK,
  id: 'scim-protocol/filter-value-path',
  title: 'filter emails[type eq "work" and value eq …] holds both conditions to one email',
  async run(ctx: ScenarioContext) {
    await schemaAttribute(ctx, 'User', 'emails.type');
    const home = `${ctx.unique('home').toLowerCase()}@example.net`;
    const work = `${ctx.unique('work').toLowerCase()}@example.org`;
    const pair = await userPair(
      ctx,
      {},
      {
        emails: [
          { value: work, type: 'work', primary: true },
          { value: home, type: 'home' },
        ],
      },
    );
    const kept = (subject: Subject, value: string, type: string) =>
      Array.isArray(subject.body.emails) &&
      subject.body.emails.some(
        (email) => isJsonObject(email) && email.value === value && email.type === type,
      );
    if (!kept(pair.alpha, pair.alpha.label, 'work') || !kept(pair.beta, home, 'home'))
      ctx.notApplicable('the server did not keep the emails with the types they were sent with');
    const rule =
      'RFC 7644 §3.4.2.2: a value path "[…]" filters each value of the attribute on its own; Entra ID looks users up with emails[type eq "work"].value';
    const inWork = (value: string) => `emails[type eq "work" and value eq ${quote(value)}]`;
    await expectSelects(ctx, {
      filter: inWork(pair.alpha.label),
      match: [pair.alpha],
      miss: [pair.beta],
      rule,
    });
    await expectSelects(ctx, { filter: inWork(home), match: [], miss: [pair.beta], rule });
  },
});

const groupsRequire = { ...FILTER_CHECK.requires, groups: true } as const;

/** A pair of users, a group holding both and a group holding alpha alone. */
async function pairInGroups(ctx: ScenarioContext): Promise<{ pair: Pair; both: Subject; one: Subject }> {
  const pair = await userPair(ctx);
  const group = async (members: string[]): Promise<Subject> => {
    const { id, body } = await createGroup(ctx, members);
    return { id, body, label: String(body.displayName) };
  };
  return { pair, both: await group([pair.alpha.id, pair.beta.id]), one: await group([pair.alpha.id]) };
}

const membersValue = defineScenario({
  ...FILTER_CHECK,
  id: 'scim-protocol/filter-group-members-value',
  title: 'filter members.value eq on Groups finds the groups holding a user',
  requires: groupsRequire,
  async run(ctx: ScenarioContext) {
    await schemaAttribute(ctx, 'Group', 'members.value');
    const { pair, both, one } = await pairInGroups(ctx);
    await expectSelects(ctx, {
      endpoint: '/Groups',
      filter: `members.value eq ${quote(pair.beta.id)}`,
      match: [both],
      miss: [one],
      rule: `${ANY_VALUE}; a client reconciling a user's memberships gets the wrong groups`,
    });
  },
});

const userGroupsValue = defineScenario({
  ...FILTER_CHECK,
  id: 'scim-protocol/filter-user-groups-value',
  title: "filter groups.value eq on Users finds a group's members through their groups attribute",
  requires: groupsRequire,
  async run(ctx: ScenarioContext) {
    await schemaAttribute(ctx, 'User', 'groups.value');
    const { pair, both: shared } = await pairInGroups(ctx);
    const shown = (await ctx.scim.get(`/Users/${encodeURIComponent(pair.alpha.id)}`)).body;
    const groups =
      isJsonObject(shown) && Array.isArray(shown.groups) ? shown.groups.filter(isJsonObject) : [];
    const values = groups.map((item) => item.value).filter((value) => typeof value === 'string');
    if (values.length < 2)
      ctx.notApplicable('the server does not show both groups in the groups attribute of a member');
    // The value listed last, so a server that reads only the first value shows it.
    const last = values.at(-1)!;
    await expectSelects(ctx, {
      filter: pair.scope(`groups.value eq ${quote(last)}`),
      match: [pair.alpha],
      miss: last === shared.id ? [] : [pair.beta],
      rule: `${ANY_VALUE}, groups included (RFC 7643 §4.1.2)`,
    });
  },
});

const enterpriseChecks = (['employeeNumber', 'department'] as const).map((name) =>
  defineScenario({
    ...FILTER_CHECK,
    id: `scim-protocol/filter-enterprise-${name.toLowerCase()}`,
    title: `filter ${name} of the Enterprise User extension, fully qualified`,
    clause: 'RFC 7644 §3.4.2.2, §3.10; RFC 7643 §4.3',
    impact: {
      severity: 'warning',
      consequence: `IdPs look users up by userName or externalId; a client filtering by ${name} gets the wrong users`,
    },
    async run(ctx: ScenarioContext) {
      const path = `${ENTERPRISE_USER_SCHEMA}:${name}`;
      const { definition } = await schemaAttribute(ctx, 'User', path);
      const value = (tag: string) => `${tag}-${ctx.unique(name).toLowerCase()}`;
      const extension = (tag: string) => ({
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        [ENTERPRISE_USER_SCHEMA]: { [name]: value(tag) },
      });
      const pair = await userPair(ctx, extension('A'), extension('B'));
      const stored = (pair.alpha.body[ENTERPRISE_USER_SCHEMA] as JsonObject | undefined)?.[name];
      const sent = typeof stored === 'string' ? stored : ctx.notApplicable(`the server did not keep ${name}`);
      const asked = name === 'department' ? sent.toUpperCase() : sent;
      const rule = `${caseRule(path, definition.caseExact)}; extension attributes are filtered by their full path (RFC 7644 §3.10)`;
      const { match, miss } =
        name === 'department' ? byCase(definition.caseExact, pair.alpha) : { match: [pair.alpha], miss: [] };
      await expectSelects(ctx, {
        filter: `${path} eq ${quote(asked)}`,
        match,
        miss: [...miss, pair.beta],
        rule,
      });
    },
  }),
);

/** Filter checks by attribute type. */
export const filterTypeScenarios = [
  ...presenceChecks,
  complexPresence,
  ...booleanChecks,
  ...dateTimeChecks,
  multiValuedAny,
  valuePath,
  membersValue,
  userGroupsValue,
  ...enterpriseChecks,
];
