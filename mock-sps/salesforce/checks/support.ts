/** What the Salesforce SCIM checks share: reading what reached the org, and editing it as its admin does. */
import type { ScenarioContext } from '#harness/runner';
import { PATCH_OP_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import { attempt } from './orgs.js';
import { onboard, requestBody, spUserOf, type Provisioning } from '#scenarios';

export { requires } from './orgs.js';

export const list = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.filter(isJsonObject) : [];
export const show = (value: unknown): string => JSON.stringify(value) ?? 'nothing';

/** The attribute paths of every PATCH the IdP sent to /Users since exchange `mark`. */
export function patchedPaths(ctx: ScenarioContext, mark: number): string[] {
  return ctx.exchanges
    .slice(mark)
    .filter((e) => e.request.method === 'PATCH' && /\/Users\/[^/]+$/.test(new URL(e.request.url).pathname))
    .flatMap((e) => list(requestBody(e).Operations))
    .map((op) => String(op.path ?? ''));
}

/** The user the IdP provisioned, or a failed check naming why it is missing. */
export async function provisioned(
  ctx: ScenarioContext,
  setup: Provisioning,
  person = ctx.people.next(),
): Promise<{ userId: string; spId: string; resource: JsonObject }> {
  const { value, error } = await attempt(() => onboard(ctx, setup, person));
  const sp = value && spUserOf(ctx, setup, value.userId);
  ctx.expect(sp, `${person.email} was not provisioned: ${error?.message ?? 'no SP user'}`);
  return { userId: value!.userId, spId: sp.id, resource: sp.resource };
}

/** Changes a user's attributes as the Salesforce admin does outside the IdP (Setup, or its own API). */
export async function adminEdit(ctx: ScenarioContext, spId: string, values: JsonObject): Promise<void> {
  const operations = Object.entries(values).map(([path, value]) => ({ op: 'replace', path, value }));
  const response = await ctx.scim.patch(`/Users/${spId}`, {
    schemas: [PATCH_OP_SCHEMA],
    Operations: operations,
  });
  ctx.expect(
    response.status === 200,
    `The admin's change of ${Object.keys(values).join(', ')} answered ${response.status}`,
  );
}

/** The SP user now. */
export const current = (setup: Provisioning, spId: string): JsonObject =>
  setup.sp.state().users.find((user) => user.id === spId)?.resource ?? {};

export const entitlementOf = (resource: JsonObject): unknown => list(resource.entitlements)[0]?.value;
