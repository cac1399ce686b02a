/**
 * PATCH on values: path-less add and replace (the Enterprise extension as an object), adds that
 * append to multi-valued attributes, value filters that select one value, a remove without a
 * path, and `primary` kept unique.
 * @see RFC 7644 §3.5.2.1–§3.5.2.3; RFC 7643 §2.4
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import { createGroup, createUser, expectScimError } from '../support.js';
import {
  ENTERPRISE,
  anotherEmail,
  createUserWithHomeEmail,
  patchOp,
  patched,
  read,
  requireUserAttribute,
  valueStrings,
  valuesOf,
} from './patch-support.js';

export const patchValueScenarios = [
  defineScenario({
    id: 'scim-protocol/patch-pathless-extension-object',
    title: 'PATCH replace without a path sets the Enterprise extension given as an object',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.3',
    async run(ctx: ScenarioContext) {
      await requireUserAttribute(ctx, `${ENTERPRISE}:department`);
      const { id } = await createUser(ctx);
      const department = ctx.unique('Dept');
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7644 §3.5.2.3', {
        op: 'replace',
        value: { [ENTERPRISE]: { department } },
      });
      const extension = body[ENTERPRISE];
      const found = isJsonObject(extension) ? extension.department : undefined;
      ctx.expect(
        found === department,
        `A path-less replace whose value holds {"${ENTERPRISE}": {"department": …}} left the department ${JSON.stringify(found)} (RFC 7644 §3.5.2.3: the value's attributes are replaced); Entra ID and Okta send extension attributes this way`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-pathless-add',
    title: 'PATCH add without a path sets the attributes of its value',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.1',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7644 §3.5.2.1', {
        op: 'add',
        value: { title: 'Pathless' },
      });
      ctx.expect(
        body.title === 'Pathless',
        `A path-less add of {"title": "Pathless"} left title ${JSON.stringify(body.title)} (RFC 7644 §3.5.2.1: "the value MUST itself be a JSON containing a set of attributes to be added")`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-add-email-appends',
    title: 'PATCH add of a second email keeps the first',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.1',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const first = valueStrings(sent, 'emails')[0]!;
      const second = anotherEmail(ctx, 'second');
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7644 §3.5.2.1', {
        op: 'add',
        path: 'emails',
        value: [{ value: second, type: 'home' }],
      });
      const emails = valueStrings(body, 'emails').map((email) => email.toLowerCase());
      ctx.expect(
        emails.includes(first.toLowerCase()) && emails.includes(second),
        `After adding ${second} to emails, GET shows [${emails.join(', ')}]; an add to a multi-valued attribute appends (RFC 7644 §3.5.2.1), it does not replace the values already there`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-add-member-appends',
    title: 'PATCH add of a second member keeps the first',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.1',
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      const a = await createUser(ctx);
      const b = await createUser(ctx);
      const group = await createGroup(ctx, [a.id]);
      const body = await patched(ctx, `/Groups/${group.id}`, 'RFC 7644 §3.5.2.1', {
        op: 'add',
        path: 'members',
        value: [{ value: b.id }],
      });
      const members = valueStrings(body, 'members');
      ctx.expect(
        members.includes(a.id) && members.includes(b.id),
        `After adding member ${b.id} to a group holding ${a.id}, GET shows members [${members.join(', ')}]; an add appends (RFC 7644 §3.5.2.1), and a member dropped this way loses the group's access`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-add-existing-email',
    title: 'PATCH add of an email the user already has leaves one copy',
    requirements: ['SCIM-PATCH'],
    level: 'SHOULD',
    clause: 'RFC 7644 §3.5.2.1',
    async run(ctx: ScenarioContext) {
      const { id, emails } = await createUserWithHomeEmail(ctx);
      const home = emails[1]!;
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7644 §3.5.2.1', {
        op: 'add',
        path: 'emails',
        value: [home],
      });
      const copies = valuesOf(body, 'emails').filter((email) => email.value === home.value).length;
      ctx.expect(
        copies === 1,
        `After adding ${String(home.value)} again, GET lists it ${copies} times; "if the target location already contains the value specified, no changes SHOULD be made" (RFC 7644 §3.5.2.1)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-remove-value-filter',
    title: 'PATCH remove emails[type eq "home"] removes only the home email',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.2',
    async run(ctx: ScenarioContext) {
      const { id } = await createUserWithHomeEmail(ctx);
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7644 §3.5.2.2', {
        op: 'remove',
        path: 'emails[type eq "home"]',
      });
      const left = valuesOf(body, 'emails').map((email) => String(email.type));
      ctx.expect(
        left.length === 1 && left[0] === 'work',
        `After remove emails[type eq "home"], GET shows emails of types [${left.join(', ')}]; only the values matching the filter are removed (RFC 7644 §3.5.2.2)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-replace-value-filter',
    title: 'PATCH replace emails[type eq "home"].value changes only the home email',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.3',
    async run(ctx: ScenarioContext) {
      const { id, emails } = await createUserWithHomeEmail(ctx);
      const address = anotherEmail(ctx, 'moved');
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7644 §3.5.2.3', {
        op: 'replace',
        path: 'emails[type eq "home"].value',
        value: address,
      });
      const now = valuesOf(body, 'emails');
      const home = now.find((email) => email.type === 'home');
      const work = now.find((email) => email.type === 'work');
      ctx.expect(
        home?.value === address && work?.value === emails[0]!.value,
        `After replace emails[type eq "home"].value, GET shows home ${JSON.stringify(home?.value)} and work ${JSON.stringify(work?.value)}; expected home ${address} and work unchanged (RFC 7644 §3.5.2.3)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-remove-without-path',
    title: 'PATCH remove without a path answers 400 noTarget and changes nothing',
    requirements: ['SCIM-PATCH', 'SCIM-ERRORS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.2',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx, { title: 'Kept' });
      const response = await ctx.scim.patch(`/Users/${id}`, patchOp({ op: 'remove' }));
      expectScimError(
        ctx,
        response,
        400,
        'noTarget',
        'RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with HTTP status code 400 and a "scimType" error code of "noTarget""',
      );
      const body = await read(ctx, `/Users/${id}`);
      ctx.expect(
        body.title === 'Kept',
        `A refused remove without a path changed title to ${JSON.stringify(body.title)}`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-primary-unique',
    title: 'PATCH add of a primary email leaves one primary email',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2; RFC 7643 §2.4',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7644 §3.5.2', {
        op: 'add',
        path: 'emails',
        value: [{ value: anotherEmail(ctx, 'primary'), type: 'home', primary: true }],
      });
      const primaries = valuesOf(body, 'emails').filter((email) => email.primary === true);
      ctx.expect(
        primaries.length <= 1,
        `After adding a primary email, GET shows ${primaries.length} emails with primary true (${primaries.map((email) => String(email.value)).join(', ')}); setting primary on one value "SHALL cause the server to automatically set primary to false for any other values" (RFC 7644 §3.5.2; RFC 7643 §2.4: primary true appears no more than once), or an SP picks either address to mail`,
      );
    },
  }),
];
