/**
 * PATCH in any case: op names as IdPs write them ("Add", "REPLACE", "Remove") and attribute
 * paths in any case ("Active", "name.GivenName", `EMAILS[TYPE eq "home"].VALUE`).
 * @see RFC 7644 §3.5.2; RFC 7643 §2.1 (attribute names are case insensitive)
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import { createUser } from '../support.js';
import {
  expectActive,
  patchOp,
  patched,
  valuesOf,
  anotherEmail,
  createUserWithHomeEmail,
} from './patch-support.js';

const OP_CASE =
  'op names are matched case-insensitively in practice (Entra ID sends "Add", "Replace", "Remove")';
const OP_IMPACT = {
  severity: 'warning',
  consequence:
    'Entra ID writes its op names capitalised: every update it sends is refused or lost, so its changes never arrive',
} as const;

export const patchCaseScenarios = [
  defineScenario({
    id: 'scim-protocol/patch-op-case-add',
    title: 'PATCH op "Add" is applied as add',
    requirements: ['SCIM-PATCH', 'SCIM-IDP-VALUES'],
    level: 'SHOULD',
    clause: 'RFC 7644 §3.5.2',
    impact: OP_IMPACT,
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const body = await patched(ctx, `/Users/${id}`, OP_CASE, { op: 'Add', path: 'title', value: 'Added' });
      ctx.expect(
        body.title === 'Added',
        `After PATCH op "Add" path title, GET shows title ${JSON.stringify(body.title)}; the add was answered as success but not applied (RFC 7644 §3.5.2.1), so Entra ID's adds are lost`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-op-case-remove',
    title: 'PATCH op "Remove" is applied as remove',
    requirements: ['SCIM-PATCH', 'SCIM-IDP-VALUES'],
    level: 'SHOULD',
    clause: 'RFC 7644 §3.5.2',
    impact: OP_IMPACT,
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx, { title: 'Doomed' });
      const body = await patched(ctx, `/Users/${id}`, OP_CASE, { op: 'Remove', path: 'title' });
      ctx.expect(
        body.title === undefined,
        `After PATCH op "Remove" path title, GET still shows title ${JSON.stringify(body.title)} (RFC 7644 §3.5.2.2); Entra ID's removals are lost`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-op-upper-case',
    title: 'PATCH op "REPLACE" in capitals is applied as replace',
    requirements: ['SCIM-PATCH'],
    level: 'SHOULD',
    clause: 'RFC 7644 §3.5.2',
    impact: {
      severity: 'note',
      consequence: 'a client that writes op names in capitals has its updates refused or lost',
    },
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const body = await patched(ctx, `/Users/${id}`, OP_CASE, {
        op: 'REPLACE',
        path: 'title',
        value: 'Shouted',
      });
      ctx.expect(
        body.title === 'Shouted',
        `After PATCH op "REPLACE" path title, GET shows title ${JSON.stringify(body.title)} (RFC 7644 §3.5.2.3)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-path-case-attribute',
    title: 'PATCH path "Active" names the attribute active',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7643 §2.1; RFC 7644 §3.5.2',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.patch(
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'Active', value: false }),
      );
      await expectActive(
        ctx,
        id,
        response,
        false,
        'PATCH replace path "Active" false',
        'attribute names are case insensitive (RFC 7643 §2.1); a deactivation written "Active" never takes effect',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-path-case-sub-attribute',
    title: 'PATCH path "name.GivenName" names name.givenName',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7643 §2.1; RFC 7644 §3.5.2',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7643 §2.1: attribute names are case insensitive', {
        op: 'replace',
        path: 'name.GivenName',
        value: 'Cased',
      });
      const given = isJsonObject(body.name) ? body.name.givenName : undefined;
      ctx.expect(
        given === 'Cased',
        `After PATCH replace path "name.GivenName", GET shows name.givenName ${JSON.stringify(given)}; attribute names are case insensitive (RFC 7643 §2.1), so a renamed user keeps the old name`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/patch-path-case-value-filter',
    title: 'PATCH path EMAILS[TYPE eq "home"].VALUE names the home email',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7643 §2.1; RFC 7644 §3.5.2',
    async run(ctx: ScenarioContext) {
      // The home email, not the primary work one: some SPs hold a primary email change for confirmation.
      const { id } = await createUserWithHomeEmail(ctx);
      const address = anotherEmail(ctx, 'cased');
      const body = await patched(ctx, `/Users/${id}`, 'RFC 7643 §2.1: attribute names are case insensitive', {
        op: 'replace',
        path: 'EMAILS[TYPE eq "home"].VALUE',
        value: address,
      });
      const home = valuesOf(body, 'emails').find((email) => email.type === 'home');
      ctx.expect(
        home?.value === address,
        `After PATCH replace path EMAILS[TYPE eq "home"].VALUE, GET shows the home email ${JSON.stringify(home?.value)}, not ${address}; attribute names are case insensitive (RFC 7643 §2.1)`,
      );
    },
  }),
];
