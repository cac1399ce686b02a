/**
 * What a write answers: a PATCH's 200 with the entire resource (or 204), and for every write
 * (POST, PUT, PATCH on Users and Groups) a resource equal to a GET of it made right after.
 * @see RFC 7644 §3.3, §3.5.1, §3.5.2
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { GROUP_SCHEMA, isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { createGroup, createUser, expectStatus, newUserBody, removeLater } from '../support.js';
import { expectAnswerIsStored, patchOp } from './patch-support.js';

const PATCH_ANSWER =
  'RFC 7644 §3.5.2: "the server either MUST return a 200 OK response code and the entire resource within the response body … or MAY return HTTP status code 204 (No Content)"';

/** One write-answer check: `write` makes the write and names the resource it wrote. */
function answerCheck(
  id: string,
  title: string,
  clause: string,
  groups: boolean,
  write: (ctx: ScenarioContext) => Promise<{ response: ScimResponse; path: string; what: string }>,
) {
  return defineScenario({
    id: `scim-protocol/${id}`,
    title,
    requirements: ['SCIM-WRITE-RESPONSE'],
    level: 'MUST',
    clause,
    ...(groups ? { requires: { groups: true } } : {}),
    async run(ctx: ScenarioContext) {
      const { response, path, what } = await write(ctx);
      await expectAnswerIsStored(ctx, response, path, what);
    },
  });
}

function groupBody(ctx: ScenarioContext, members: string[]): JsonObject {
  return {
    schemas: [GROUP_SCHEMA],
    displayName: ctx.unique('Answer'),
    members: members.map((value) => ({ value })),
  };
}

export const patchResponseScenarios = [
  defineScenario({
    id: 'scim-protocol/patch-response-entire-resource',
    title: 'a PATCH answers 200 with the entire resource, or 204 without a body',
    requirements: ['SCIM-PATCH', 'SCIM-WRITE-RESPONSE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'title', value: 'Whole' }),
      );
      expectStatus(ctx, response, [200, 204], PATCH_ANSWER);
      if (response.status === 204) return;
      const body = isJsonObject(response.body) ? response.body : {};
      const missing = ['id', 'schemas', 'userName', 'title'].filter((key) => body[key] === undefined);
      ctx.expect(
        missing.length === 0 && body.id === id && body.userName === sent.userName,
        `The 200 answer to a PATCH lacks ${missing.join(', ') || 'the resource'} (or names another resource); ${PATCH_ANSWER}, so an IdP reading it records a partial user`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-attributes-200',
    title: 'a PATCH with the attributes parameter answers 200',
    requirements: ['SCIM-PATCH', 'SCIM-WRITE-RESPONSE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2',
    impact: {
      severity: 'note',
      consequence: 'no IdP asks for attributes on a PATCH; a client that does gets no resource back',
    },
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'title', value: 'Asked' }),
        { query: { attributes: 'userName' } },
      );
      expectStatus(
        ctx,
        response,
        200,
        'RFC 7644 §3.5.2: "The server MUST return a 200 OK if the "attributes" parameter is specified in the request"',
      );
    },
  }),
  answerCheck(
    'post-user-answer-stored',
    'the User a POST answers is the User a GET returns',
    'RFC 7644 §3.3',
    false,
    async (ctx) => {
      const response = await ctx.scim.post('/Users', newUserBody(ctx, { title: 'Posted' }));
      const id = removeLater(ctx, response, '/Users');
      if (id === undefined)
        ctx.blockedBy('scim-protocol/create-user-201', `the POST answered ${response.status} without an id`);
      return { response, path: `/Users/${id}`, what: 'POST /Users' };
    },
  ),
  answerCheck(
    'put-user-answer-stored',
    'the User a PUT answers is the User a GET returns',
    'RFC 7644 §3.5.1',
    false,
    async (ctx) => {
      const { id, sent } = await createUser(ctx);
      const response = await ctx.scim.put(`/Users/${id}`, { ...sent, title: 'Put' });
      return { response, path: `/Users/${id}`, what: `PUT /Users/${id}` };
    },
  ),
  answerCheck(
    'patch-user-answer-stored',
    'the User a PATCH answers is the User a GET returns',
    'RFC 7644 §3.5.2',
    false,
    async (ctx) => {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'title', value: 'Patched' }),
      );
      return { response, path: `/Users/${id}`, what: `PATCH /Users/${id}` };
    },
  ),
  answerCheck(
    'post-group-answer-stored',
    'the Group a POST answers is the Group a GET returns',
    'RFC 7644 §3.3',
    true,
    async (ctx) => {
      const member = await createUser(ctx);
      const response = await ctx.scim.post('/Groups', groupBody(ctx, [member.id]));
      const id = removeLater(ctx, response, '/Groups');
      if (id === undefined)
        ctx.blockedBy('scim-protocol/group-lifecycle', `the POST answered ${response.status} without an id`);
      return { response, path: `/Groups/${id}`, what: 'POST /Groups' };
    },
  ),
  answerCheck(
    'put-group-answer-stored',
    'the Group a PUT answers is the Group a GET returns',
    'RFC 7644 §3.5.1',
    true,
    async (ctx) => {
      const a = await createUser(ctx);
      const b = await createUser(ctx);
      const group = await createGroup(ctx, [a.id]);
      const response = await ctx.scim.put(`/Groups/${group.id}`, groupBody(ctx, [a.id, b.id]));
      return { response, path: `/Groups/${group.id}`, what: `PUT /Groups/${group.id}` };
    },
  ),
  answerCheck(
    'patch-group-answer-stored',
    'the Group a PATCH answers is the Group a GET returns',
    'RFC 7644 §3.5.2',
    true,
    async (ctx) => {
      const a = await createUser(ctx);
      const b = await createUser(ctx);
      const group = await createGroup(ctx, [a.id]);
      const response = await ctx.scim.patch(
        `/Groups/${group.id}`,
        patchOp({ op: 'add', path: 'members', value: [{ value: b.id }] }),
      );
      return { response, path: `/Groups/${group.id}`, what: `PATCH /Groups/${group.id}` };
    },
  ),
];
