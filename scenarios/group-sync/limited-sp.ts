/**
 * A second mock SP of the scenario's app whose request bodies are limited to a few kilobytes
 * (advertised as bulk.maxPayloadSize, larger ones answered 413), so a group of a few thousand
 * members stands in for one of tens of thousands against the usual 1 MiB. It runs over the
 * target's transport, with the target's SP faults, and the reference IdP (the connector under
 * test, the IdP faults) is activated against it.
 * @see IDP-IDM-14; RFC 7644 §3.12; RFC 7643 §5
 */
import {
  isBridgeConnector,
  oauthClientFor,
  oauthConsent,
  ReferenceIdp,
  type Application,
  type CatalogEntry,
  type IdmActivation,
} from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import type { FetchLike } from '#harness/scim';
import { MockSp, inProcessFetch, startMockSp } from '#mock-sps';
import { adminSignIn } from '../credentials.js';
import { insightsEvidence, mockOf } from '../support.js';
import { appOf, clockOf, connectorOf, idpFaultsOf, type MockTarget } from '../targets.js';

/** The reference IdP, with the target's app activated against an SP of `bodyLimit` bytes. */
export interface LimitedSetup {
  idp: ReferenceIdp;
  app: Application;
  sp: MockSp;
}

/** The target's app in a mock SP that takes request bodies of at most `bodyLimit` bytes. */
export async function limitedSp(ctx: ScenarioContext, bodyLimit: number): Promise<LimitedSetup> {
  const dialect = ctx.target.dialect;
  if (dialect !== undefined && dialect !== 'jumpcloud')
    ctx.notApplicable(
      `judges the reference (JumpCloud) connector's own requests; in the ${dialect} dialect the suite's read-back checks judge the SP`,
    );
  const home = mockOf(ctx);
  const entry = appOf(ctx).idp;
  if (!entry?.provisioning) ctx.notApplicable(`the reference IdP does not provision ${home.id}`);
  const overHttp = (ctx.target as Partial<MockTarget>).transport === 'http';
  const { connector } = connectorOf(ctx);
  if (!overHttp && isBridgeConnector(connector))
    ctx.notApplicable(
      'provisions a second mock SP inside the harness, which a connector in another process (--connector-url) reaches over HTTP only: run with --transport http',
    );
  const clock = clockOf(ctx);
  const options = { faults: home.faults, bodyLimit, now: () => new Date(clock.now()) };
  // A host of its own, so its exchanges are not taken for the target SP's (which its tap records).
  const origin = `https://bodylimit-${new URL(home.origin).host}`;
  let sp: MockSp;
  let fetch: FetchLike;
  if (overHttp) {
    const running = await startMockSp(home.profile, options);
    ctx.defer(running.close);
    sp = running.sp;
    fetch = (input, init) => globalThis.fetch(input, init);
  } else {
    sp = new MockSp(home.profile, { ...options, origin });
    fetch = inProcessFetch([sp]);
  }
  const idp = new ReferenceIdp({
    fetch,
    record: ctx.record,
    faults: idpFaultsOf(ctx),
    ...(connector === undefined ? {} : { connector }),
    sleep: clock.sleep,
    now: () => new Date(clock.now()),
  });
  const app = idp.createApplication(entry);
  ctx.attach(() => insightsEvidence(idp));
  await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, ...(await credentials(ctx, sp, entry, fetch)) });
  return { idp, app, sp };
}

/** The SP's token, or an OAuth consent the SP's admin gives over `fetch` (as credentials.ts does for the target's SP). */
async function credentials(
  ctx: ScenarioContext,
  sp: MockSp,
  entry: CatalogEntry,
  fetch: FetchLike,
): Promise<Pick<IdmActivation, 'token' | 'tokenSource'>> {
  if (entry.scimAuth !== 'oauth') return { token: sp.token };
  const admin = adminSignIn(sp);
  if (!admin) ctx.notApplicable(`${sp.profile.name}'s mock offers no admin sign-in for the OAuth consent`);
  const tokenSource = await oauthConsent({
    settings: oauthClientFor(entry),
    baseUrl: sp.scimBaseUrl!,
    admin,
    fetch,
    record: ctx.record,
    faults: idpFaultsOf(ctx),
  });
  return { tokenSource };
}
