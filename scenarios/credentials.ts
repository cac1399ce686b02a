/**
 * How a scenario's reference IdP is authorised at the mock SP's SCIM API: the token
 * the SP issued, or (for an app whose catalogue entry says `scimAuth: 'oauth'`) an
 * OAuth consent the admin gives (SF-01).
 */
import { oauthClientFor, oauthConsent, type CatalogEntry, type IdmActivation } from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import type { MockSp } from '#mock-sps';
import { idpFaultsOf } from './targets.js';

/** The app admin's sign-in, as the SP admin knows it (the mock's `admin.signIn`). */
export function adminSignIn(sp: MockSp): { username: string; password: string } | undefined {
  const signIn: unknown = (sp.admin as { signIn?: unknown } | undefined)?.signIn;
  if (!isJsonObject(signIn)) return undefined;
  const { username, password } = signIn;
  return typeof username === 'string' && typeof password === 'string' ? { username, password } : undefined;
}

/**
 * The credential part of an activation for `sp`: the SP's token, or a grant from an OAuth
 * consent run over the target's network, the admin signing in and clicking Allow (SF-01).
 */
export async function credentialsFor(
  ctx: ScenarioContext,
  sp: MockSp,
  entry: CatalogEntry,
): Promise<Pick<IdmActivation, 'token' | 'tokenSource'>> {
  if (entry.scimAuth !== 'oauth') return { token: ctx.instance.token };
  const admin = adminSignIn(sp);
  if (!admin) ctx.notApplicable(`${sp.profile.name}'s mock offers no admin sign-in for the OAuth consent`);
  const tokenSource = await oauthConsent({
    settings: oauthClientFor(entry),
    baseUrl: ctx.instance.scimBaseUrl!,
    admin,
    fetch: ctx.instance.fetch,
    record: ctx.record,
    faults: idpFaultsOf(ctx),
  });
  return { tokenSource };
}
