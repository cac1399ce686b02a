/**
 * How a scenario's reference IdP is authorised at the mock SP's SCIM API: the token
 * the SP issued, or (for an app whose catalogue entry says `scimAuth: 'oauth'`) an
 * OAuth consent the admin gives (SF-01).
 */
import type { CatalogEntry, IdmActivation, ScenarioContext } from '#harness';
import type { MockSp } from '#mock-sps';

/** The credential part of an activation for `sp`. */
export async function credentialsFor(
  ctx: ScenarioContext,
  _sp: MockSp,
  _entry: CatalogEntry,
): Promise<Pick<IdmActivation, 'token' | 'tokenSource'>> {
  return { token: ctx.instance.token };
}
