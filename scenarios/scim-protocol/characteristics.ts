/**
 * Writes against the characteristics /Schemas declares: readOnly values ignored by PUT and
 * refused by PATCH, immutable values never changed, required attributes never left missing,
 * unique userNames kept unique by renames.
 * @see RFC 7643 §2.2; RFC 7644 §3.5.1, §3.5.2, §3.12
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import { createGroup, createUser, expectScimError, expectStatus } from '../support.js';
import { patchOp, read, valueStrings } from './patch-support.js';
import { probeSchemas } from './schema-probe.js';

const PUT_READ_ONLY = 'RFC 7644 §3.5.1: readOnly "Any values provided … SHALL be ignored"';
const PATCH_MUTABILITY =
  'RFC 7644 §3.5.2: "a client MUST NOT modify an attribute that has mutability readOnly or immutable … An operation that is not compatible with an attribute\'s mutability … SHALL return" an error, 400 mutability (§3.12)';

/** Skips the check unless the server's `type` schema declares `path` with `mutability`. */
async function requireMutability(ctx: ScenarioContext, type: string, path: string, mutability: string) {
  const found = (await probeSchemas(ctx))
    .type(type)
    ?.attributes.find((attribute) => attribute.path.toLowerCase() === path.toLowerCase());
  if (found?.definition.mutability !== mutability)
    ctx.notApplicable(`the server's ${type} schema does not declare ${path} ${mutability}`);
}

/** A PUT carrying a readOnly value: ignored (200, unchanged) or refused (400); `changed` says what a 2xx altered. */
async function putIgnoring(
  ctx: ScenarioContext,
  extra: JsonObject,
  changed: (before: JsonObject, answer: JsonObject, after: JsonObject) => string | undefined,
) {
  const { id, sent, body: before } = await createUser(ctx);
  const response = await ctx.scim.put(`/Users/${id}`, { ...sent, ...extra, title: 'Replaced' });
  if (response.status === 400) return;
  expectStatus(ctx, response, 200, `${PUT_READ_ONLY}; a refusal (400) is tolerated`);
  const after = await ctx.scim.get(`/Users/${id}`);
  const answer = isJsonObject(response.body) ? response.body : {};
  const problem = changed(before, answer, isJsonObject(after.body) ? after.body : {});
  ctx.expect(problem === undefined, `A PUT carrying ${JSON.stringify(extra)} ${problem}; ${PUT_READ_ONLY}`);
}

export const characteristicScenarios = [
  defineScenario({
    id: 'scim-protocol/readonly-id-put-ignored',
    title: 'a PUT carrying another id keeps the resource at its id',
    requirements: ['SCIM-MUTABILITY', 'SCIM-PUT'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.1; RFC 7643 §3.1',
    async run(ctx: ScenarioContext) {
      const other = ctx.unique('other-id');
      await putIgnoring(ctx, { id: other }, (before, answer, after) =>
        answer.id === before.id && after.id === before.id
          ? undefined
          : `was answered with id ${JSON.stringify(answer.id)} and a GET at the old id shows ${JSON.stringify(after.id)}: the id moved, and every IdP link to the user breaks`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/readonly-meta-put-ignored',
    title: 'a PUT carrying meta keeps the server’s meta.created and resourceType',
    requirements: ['SCIM-MUTABILITY', 'SCIM-PUT'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.1; RFC 7643 §3.1',
    impact: {
      severity: 'warning',
      consequence: 'audit dates and the resource type become whatever a client sends',
    },
    async run(ctx: ScenarioContext) {
      const meta = { created: '2001-01-01T00:00:00Z', resourceType: 'Group' };
      await putIgnoring(ctx, { meta }, (before, answer, after) => {
        const [was, ...now] = [before.meta, answer.meta, after.meta].map((m) => (isJsonObject(m) ? m : {}));
        const moved = now.find((m) => m.created !== was!.created || m.resourceType !== was!.resourceType);
        return moved === undefined
          ? undefined
          : `showed meta.created ${JSON.stringify(moved.created)} and meta.resourceType ${JSON.stringify(moved.resourceType)} (were ${JSON.stringify(was!.created)}, ${JSON.stringify(was!.resourceType)})`;
      });
    },
  }),
  defineScenario({
    id: 'scim-protocol/readonly-id-patch-400',
    title: 'a PATCH replacing id answers 400 mutability',
    requirements: ['SCIM-MUTABILITY', 'SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2, §3.12',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'id', value: ctx.unique('other-id') }),
      );
      expectScimError(ctx, response, 400, 'mutability', PATCH_MUTABILITY);
      ctx.expect((await read(ctx, `/Users/${id}`)).id === id, 'A refused PATCH of id moved the user');
    },
  }),
  defineScenario({
    id: 'scim-protocol/readonly-meta-patch-400',
    title: 'a PATCH replacing meta.created answers 400 mutability',
    requirements: ['SCIM-MUTABILITY', 'SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2, §3.12',
    impact: { severity: 'warning', consequence: 'a client can rewrite audit dates, or believes it did' },
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }),
      );
      expectScimError(ctx, response, 400, 'mutability', PATCH_MUTABILITY);
    },
  }),
  defineScenario({
    id: 'scim-protocol/readonly-groups-patch-400',
    title: "a PATCH adding to a User's readOnly groups answers 400 mutability",
    requirements: ['SCIM-MUTABILITY', 'SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2, §3.12; RFC 7643 §4.1.2',
    impact: {
      severity: 'warning',
      consequence:
        'a client that adds a group through the user believes the membership changed when it did not',
    },
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      await requireMutability(ctx, 'User', 'groups', 'readOnly');
      const { id } = await createUser(ctx);
      const group = await createGroup(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patchOp({ op: 'add', path: 'groups', value: [{ value: group.id }] }),
      );
      expectScimError(
        ctx,
        response,
        400,
        'mutability',
        `${PATCH_MUTABILITY}; membership changes through the Group's members (RFC 7643 §4.1.2)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/immutable-member-value-400',
    title: 'a PATCH changing the immutable members.value of a member answers 400 mutability',
    requirements: ['SCIM-MUTABILITY', 'SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7643 §2.2 (immutable); RFC 7644 §3.5.2, §3.12',
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      await requireMutability(ctx, 'Group', 'members.value', 'immutable');
      const [a, b] = [await createUser(ctx), await createUser(ctx)];
      const group = await createGroup(ctx, [a.id]);
      const response = await ctx.scim.patch(
        `/Groups/${group.id}`,
        patchOp({ op: 'replace', path: `members[value eq "${a.id}"].value`, value: b.id }),
      );
      expectScimError(
        ctx,
        response,
        400,
        undefined,
        `RFC 7643 §2.2: an immutable attribute "SHALL NOT be updated"; ${PATCH_MUTABILITY}`,
      );
      const members = valueStrings(await read(ctx, `/Groups/${group.id}`), 'members');
      ctx.expect(
        members.join() === a.id,
        `A refused change of members.value left members [${members.join(', ')}]`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/required-missing-put-400',
    title: 'a PUT without the required userName answers 400 and changes nothing',
    requirements: ['SCIM-MUTABILITY', 'SCIM-BAD-INPUT'],
    level: 'MUST',
    clause: 'RFC 7643 §2.2 (required), §4.1; RFC 7644 §3.5.1, §3.12',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const { userName: _userName, ...withoutUserName } = sent;
      const response = await ctx.scim.put(`/Users/${id}`, { ...withoutUserName, title: 'Nameless' });
      expectStatus(ctx, response, 400, 'RFC 7643 §4.1: userName is REQUIRED; RFC 7644 §3.12 invalidValue');
      const body = await read(ctx, `/Users/${id}`);
      ctx.expect(
        body.userName === sent.userName && body.title !== 'Nameless',
        `After a refused PUT without userName, GET shows userName ${JSON.stringify(body.userName)} and title ${JSON.stringify(body.title)}`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/required-remove-patch-400',
    title: 'a PATCH removing the required userName answers 400 and changes nothing',
    requirements: ['SCIM-MUTABILITY', 'SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7643 §2.2 (required), §4.1; RFC 7644 §3.5.2, §3.12',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const response = await ctx.scim.patch(`/Users/${id}`, patchOp({ op: 'remove', path: 'userName' }));
      expectStatus(
        ctx,
        response,
        400,
        'RFC 7643 §4.1: userName is REQUIRED; RFC 7644 §3.5.2 "SHALL return" an error',
      );
      const body = await read(ctx, `/Users/${id}`);
      ctx.expect(
        body.userName === sent.userName,
        `After a refused remove of userName, GET shows userName ${JSON.stringify(body.userName)}`,
      );
    },
  }),
  ...(['put', 'patch'] as const).map((method) =>
    defineScenario({
      id: `scim-protocol/uniqueness-${method}-rename-409`,
      title: `a ${method.toUpperCase()} renaming a user to a taken userName answers 409 uniqueness`,
      requirements: ['SCIM-UNIQUENESS', method === 'put' ? 'SCIM-PUT' : 'SCIM-PATCH'],
      level: 'MUST',
      clause: 'RFC 7643 §4.1 (userName uniqueness server); RFC 7644 §3.12 (uniqueness)',
      async run(ctx: ScenarioContext) {
        const taken = await createUser(ctx);
        const { id, sent } = await createUser(ctx);
        const userName = taken.sent.userName;
        const response =
          method === 'put'
            ? await ctx.scim.put(`/Users/${id}`, { ...sent, userName })
            : await ctx.scim.patch(
                `/Users/${id}`,
                patchOp({ op: 'replace', path: 'userName', value: userName }),
              );
        expectScimError(
          ctx,
          response,
          409,
          'uniqueness',
          `RFC 7644 §3.12: a ${method.toUpperCase()} that would duplicate a unique userName answers 409 uniqueness; two users sharing one sign-in name cannot be told apart at login`,
        );
        const body = await read(ctx, `/Users/${id}`);
        ctx.expect(
          body.userName === sent.userName,
          `A refused rename left userName ${JSON.stringify(body.userName)}`,
        );
      },
    }),
  ),
];
