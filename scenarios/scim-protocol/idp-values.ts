/**
 * The values IdPs really send: Entra ID's `"active": "False"` string with op "Replace", with a
 * path and path-less, and `"True"` to reactivate. Applied (a GET shows the boolean) or refused
 * with 400; never answered 2xx and left unapplied.
 * @see RFC 7643 §2.3.2, §4.1.1; RFC 7644 §3.5.2
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import type { JsonObject } from '#harness/scim';
import { createUser } from '../support.js';
import { expectActive, patchOp } from './patch-support.js';

const cases: { id: string; title: string; active: boolean; op: JsonObject }[] = [
  {
    id: 'active-string-false',
    title: 'PATCH op "Replace" path active value "False" deactivates or is refused',
    active: false,
    op: { op: 'Replace', path: 'active', value: 'False' },
  },
  {
    id: 'active-string-false-pathless',
    title: 'PATCH op "Replace" value {"active": "False"} deactivates or is refused',
    active: false,
    op: { op: 'Replace', value: { active: 'False' } },
  },
  {
    id: 'active-false-capitalised-op',
    title: 'PATCH op "Replace" path active value false deactivates or is refused',
    active: false,
    op: { op: 'Replace', path: 'active', value: false },
  },
  {
    id: 'active-string-true',
    title: 'PATCH op "Replace" path active value "True" reactivates or is refused',
    active: true,
    op: { op: 'Replace', path: 'active', value: 'True' },
  },
];

export const idpValueScenarios = cases.map(({ id, title, active, op }) =>
  defineScenario({
    id: `scim-protocol/idp-${id}`,
    title,
    requirements: ['SCIM-IDP-VALUES', 'SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2, §3.12; RFC 7643 §2.3.2',
    async run(ctx: ScenarioContext) {
      const { id: userId } = await createUser(ctx, { active: !active });
      const response = await ctx.scim.patch(`/Users/${userId}`, patchOp(op));
      await expectActive(ctx, userId, response, active, `PATCH ${JSON.stringify(op)}`);
    },
  }),
);
