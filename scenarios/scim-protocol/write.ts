import { defineScenario } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import type { ScenarioContext } from '#harness/runner';
import { createGroup, createUser, expectScimError, expectStatus, removeLater } from '../support.js';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: JsonObject[]): JsonObject => ({ schemas: [PATCH], Operations });

function memberValues(body: unknown): string[] {
  const members = isJsonObject(body) && Array.isArray(body.members) ? body.members : [];
  return members.flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' ? [m.value] : []));
}

export const writeScenarios = [
  defineScenario({
    id: 'scim-protocol/put-replace',
    title: 'PUT replaces the user and returns it',
    requirements: ['SCIM-PUT'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      // Attributes every shipped app stores (Profit.co keeps no displayName, PCO-05).
      const response = await ctx.scim.put(`/Users/${id}`, {
        ...sent,
        name: { ...(sent.name as JsonObject), familyName: 'Replaced' },
        title: 'Replaced',
      });
      expectStatus(ctx, response, 200, 'RFC 7644 §3.5.1');
      const read = await ctx.scim.get(`/Users/${id}`);
      const body = read.body as JsonObject;
      const familyName = isJsonObject(body.name) ? body.name.familyName : undefined;
      ctx.expect(
        familyName === 'Replaced' && body.title === 'Replaced',
        `After PUT, GET shows name.familyName '${String(familyName)}' and title '${String(body.title)}'; both should read 'Replaced' (RFC 7644 §3.5.1)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-replace',
    title: 'PATCH replace with a path changes one attribute',
    requirements: ['SCIM-PATCH', 'IDP-IDM-13'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patch({ op: 'replace', path: 'name.givenName', value: 'Patched' }),
      );
      expectStatus(ctx, response, [200, 204], 'RFC 7644 §3.5.2');
      const body = (await ctx.scim.get(`/Users/${id}`)).body as JsonObject;
      ctx.expect(
        isJsonObject(body.name) && body.name.givenName === 'Patched',
        'PATCH replace name.givenName was not applied (RFC 7644 §3.5.2.3)',
      );
      const family = (sent.name as JsonObject).familyName;
      ctx.expect(
        body.name.familyName === family,
        `PATCH replace name.givenName lost name.familyName ('${String(family)}' became '${String(body.name.familyName)}'); other sub-attributes stay unchanged (RFC 7644 §3.5.2.3)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-op-case-insensitive',
    title: 'PATCH accepts op names in any case ("Replace")',
    requirements: ['SCIM-PATCH'],
    level: 'SHOULD',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patch({ op: 'Replace', path: 'title', value: 'Case' }),
      );
      expectStatus(
        ctx,
        response,
        [200, 204],
        'op values are case-insensitive in practice (Entra sends "Replace"); SCIM-PATCH',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-pathless',
    title: 'PATCH replace without a path applies a value map with dotted and URN keys',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patch({
          op: 'replace',
          value: {
            title: 'Mapped',
            'name.familyName': 'Dotted',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'R&D',
          },
        }),
      );
      expectStatus(ctx, response, [200, 204], 'RFC 7644 §3.5.2.3');
      const body = (await ctx.scim.get(`/Users/${id}`)).body as JsonObject;
      const ext = body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'];
      ctx.expect(body.title === 'Mapped', 'path-less replace did not set title');
      ctx.expect(
        isJsonObject(body.name) && body.name.familyName === 'Dotted',
        'path-less replace did not set name.familyName from a dotted key',
      );
      ctx.expect(
        isJsonObject(ext) && ext.department === 'R&D',
        'path-less replace did not set the enterprise department from a URN key',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-atomic',
    title: 'a PATCH whose second operation fails changes nothing',
    requirements: ['SCIM-PATCH', 'SCIM-BAD-INPUT'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx, { title: 'Before' });
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patch(
          { op: 'replace', path: 'title', value: 'After' },
          { op: 'replace', path: 'emails[type eq "nosuchtype"].value', value: 'x@example.com' },
        ),
      );
      expectStatus(ctx, response, 400, 'RFC 7644 §3.5.2.3: no match for a value filter is noTarget');
      const body = (await ctx.scim.get(`/Users/${id}`)).body as JsonObject;
      ctx.expect(
        body.title === 'Before',
        `title is '${String(body.title)}' after a failed PATCH: operations MUST be applied all or none (RFC 7644 §3.5.2)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-deactivate-readable',
    title: 'a user patched to active=false is still readable with active false',
    requirements: ['SCIM-PATCH', 'IDP-IDM-05'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patch({ op: 'replace', path: 'active', value: false }),
      );
      expectStatus(ctx, response, [200, 204], 'RFC 7644 §3.5.2.3');
      const read = await ctx.scim.get(`/Users/${id}`);
      expectStatus(
        ctx,
        read,
        200,
        'a deactivated user still exists (IDP-IDM-05 deactivates, it does not delete)',
      );
      ctx.expect(
        (read.body as JsonObject).active === false,
        'GET after PATCH active=false does not show active false',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-remove-member-filter',
    title: 'PATCH remove members[value eq "…"] removes exactly that member',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      const a = await createUser(ctx);
      const b = await createUser(ctx);
      const group = await createGroup(ctx, [a.id, b.id]);
      const response = await ctx.scim.patch(
        `/Groups/${group.id}`,
        patch({ op: 'remove', path: `members[value eq "${a.id}"]` }),
      );
      expectStatus(ctx, response, [200, 204], 'RFC 7644 §3.5.2.2');
      const members = memberValues((await ctx.scim.get(`/Groups/${group.id}`)).body);
      ctx.expect(
        !members.includes(a.id) && members.includes(b.id),
        `members after the filtered remove: [${members.join(', ')}]; expected only ${b.id} (RFC 7644 §3.5.2.2)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-member-add-idempotent',
    title: 'adding a member who is already in the group leaves one membership',
    requirements: ['SCIM-PATCH', 'IDP-IDM-13'],
    level: 'DOC',
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      const a = await createUser(ctx);
      const group = await createGroup(ctx, [a.id]);
      const add = patch({ op: 'add', path: 'members', value: [{ value: a.id }] });
      expectStatus(ctx, await ctx.scim.patch(`/Groups/${group.id}`, add), [200, 204], 'RFC 7644 §3.5.2.1');
      const members = memberValues((await ctx.scim.get(`/Groups/${group.id}`)).body);
      ctx.expect(
        members.filter((m) => m === a.id).length === 1,
        `after re-adding a member the group lists it ${members.filter((m) => m === a.id).length} times; the IdP re-sends member adds on every sync (IDP-IDM-13)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/group-lifecycle',
    title: 'a group is created with a member, renamed by PATCH, and deleted',
    requirements: ['SCIM-CREATE', 'SCIM-PATCH', 'SCIM-DELETE'],
    level: 'MUST',
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      const member = await createUser(ctx);
      const displayName = ctx.unique('Team');
      const created = await ctx.scim.post('/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName,
        members: [{ value: member.id }],
      });
      const id = removeLater(ctx, created, '/Groups');
      expectStatus(ctx, created, 201, 'RFC 7644 §3.3');
      ctx.expect(id !== undefined, 'The created group has no id (RFC 7643 §3.1)');
      ctx.expect(
        memberValues(created.body).includes(member.id),
        'The created group does not list the member it was created with',
      );
      const renamed = `${displayName}-renamed`;
      const patched = await ctx.scim.patch(
        `/Groups/${id}`,
        patch({ op: 'replace', path: 'displayName', value: renamed }),
      );
      expectStatus(ctx, patched, [200, 204], 'RFC 7644 §3.5.2.3');
      const read = await ctx.scim.get(`/Groups/${id}`);
      ctx.expect(
        isJsonObject(read.body) &&
          read.body.displayName === renamed &&
          memberValues(read.body).includes(member.id),
        'After PATCH replace displayName the group is not renamed, or lost its member (RFC 7644 §3.5.2.3)',
      );
      expectStatus(ctx, await ctx.scim.delete(`/Groups/${id}`), 204, 'RFC 7644 §3.6');
      expectScimError(
        ctx,
        await ctx.scim.get(`/Groups/${id}`),
        404,
        undefined,
        'RFC 7644 §3.6: a deleted group answers 404',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/delete-204',
    title: 'DELETE answers 204 and the user is gone',
    requirements: ['SCIM-DELETE'],
    level: 'MUST',
    requires: { deleteUsers: true },
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.delete(`/Users/${id}`);
      expectStatus(
        ctx,
        response,
        204,
        'RFC 7644 §3.6: "the service provider … SHALL return … 204 (No Content)"',
      );
      const read = await ctx.scim.get(`/Users/${id}`);
      expectScimError(ctx, read, 404, undefined, 'RFC 7644 §3.6: a deleted resource answers 404');
    },
  }),
  defineScenario({
    id: 'scim-protocol/etag-if-match',
    title: 'a PUT with a stale If-Match answers 412 and changes nothing',
    requirements: ['SCIM-ETAG'],
    level: 'MUST',
    requires: { advertised: 'etag' },
    async run(ctx: ScenarioContext) {
      const { id, sent, body } = await createUser(ctx, { title: 'v1' });
      const etag = isJsonObject(body.meta) ? String(body.meta.version) : '';
      ctx.expect(
        etag !== '' && etag !== 'undefined',
        'The created user has no meta.version to use as an ETag (RFC 7644 §3.14)',
      );
      expectStatus(
        ctx,
        await ctx.scim.put(`/Users/${id}`, { ...sent, title: 'v2' }, { headers: { 'if-match': etag } }),
        200,
        'RFC 7644 §3.14: a current If-Match is applied',
      );
      const stale = await ctx.scim.put(
        `/Users/${id}`,
        { ...sent, title: 'v3' },
        { headers: { 'if-match': etag } },
      );
      expectScimError(
        ctx,
        stale,
        412,
        undefined,
        'RFC 7644 §3.14: a stale If-Match answers 412 Precondition Failed',
      );
      const now = (await ctx.scim.get(`/Users/${id}`)).body as JsonObject;
      ctx.expect(
        now.title === 'v2',
        `title is '${String(now.title)}' after a refused stale PUT; expected v2`,
      );
    },
  }),
];
