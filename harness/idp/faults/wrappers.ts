/**
 * Small decorators the IdP's fault records share: a connector whose provisioning sees a
 * changed context or changed mapping rows, and the create a connector sends without
 * looking the user up first.
 */
import { isJsonObject } from '#harness/scim';
import { ConnectorError, type Connector, type ConnectorContext, type UserLink } from '../connector.js';
import type { DirectoryUser } from '../directory.js';
import { mapUser, type AttributeMapping } from '../mapping.js';

/** `strict` provisioning users with the context `change` makes of each call's. */
export function provisioningWith(
  strict: Connector,
  change: (ctx: ConnectorContext) => ConnectorContext,
): Connector {
  return { ...strict, provisionUser: (ctx, user, link) => strict.provisionUser(change(ctx), user, link) };
}

/** `strict` provisioning users with the mapping rows `change` makes of the app's. */
export function remapped(
  strict: Connector,
  change: (rows: readonly AttributeMapping[]) => readonly AttributeMapping[],
): Connector {
  return provisioningWith(strict, (ctx) => ({ ...ctx, mappings: change(ctx.mappings) }));
}

/** POSTs `user` as a new active SP user, with no lookup first; `failure` words the error of a refused create. */
export async function createBlindly(
  ctx: ConnectorContext,
  user: DirectoryUser,
  failure: (status: number) => string,
): Promise<Required<UserLink>> {
  const resource = {
    ...mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: true }),
    active: true,
  };
  const created = await ctx.scim.post('/Users', resource);
  const id = isJsonObject(created.body) ? created.body.id : undefined;
  if (created.status !== 201 || typeof id !== 'string') throw new ConnectorError(failure(created.status));
  return { spId: id, lastSent: resource };
}
