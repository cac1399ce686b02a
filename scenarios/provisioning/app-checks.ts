/**
 * What the app-specific provisioning checks share: reading the IdP's recorded creates, naming
 * attributes beyond an app's supported set, and provisioning one account per region.
 */
import { ReferenceIdp, isBridgeConnector } from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import { MockSp, inProcessFetch } from '#mock-sps';
import type { HttpExchange } from '#reports';
import { mockOf } from '../support.js';
import { appOf, connectorOf, idpFaultsOf } from '../targets.js';

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** An exchange's request body as a JSON object ({} when it is none). */
export function requestBody(exchange: HttpExchange): JsonObject {
  try {
    const parsed = JSON.parse(exchange.request.body ?? '{}') as unknown;
    return isJsonObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The JSON bodies of the IdP's `POST /Users` among `exchanges`. */
export function createdBodies(exchanges: readonly HttpExchange[]): JsonObject[] {
  return exchanges
    .filter((e) => e.request.method === 'POST' && new URL(e.request.url).pathname.endsWith('/Users'))
    .map(requestBody);
}

/** Attributes (`name.middleName`-style for sub-attributes) of `body` outside `allowed`. */
export function beyond(
  body: JsonObject,
  allowed: Readonly<Record<string, true | readonly string[]>>,
): string[] {
  return Object.entries(body).flatMap(([key, value]) => {
    const rule = allowed[key];
    if (rule === undefined) return [key];
    if (rule === true || !isJsonObject(value)) return [];
    return Object.keys(value)
      .filter((sub) => !rule.includes(sub))
      .map((sub) => `${key}.${sub}`);
  });
}

/**
 * One account of the scenario's app per region, reachable in-process with the target's SP
 * faults: each must answer on the base URL the guide gives, and the reference IdP activated
 * with a region's URL and token must provision into that account only (PCO-02, SPK-03).
 */
export async function checkRegionalAccounts(
  ctx: ScenarioContext,
  baseUrls: Readonly<Record<string, string>>,
  requirement: string,
  options: { tenant?: string } = {},
): Promise<void> {
  const home = mockOf(ctx);
  const entry = appOf(ctx).idp;
  if (!entry?.provisioning) ctx.notApplicable(`the reference IdP does not provision ${home.id}`);
  if (isBridgeConnector(connectorOf(ctx).connector))
    ctx.notApplicable(
      `routes ${Object.values(baseUrls)[0]} and the other regional hosts to mock SPs inside the harness, which a connector in another process (--connector-url) cannot reach`,
    );
  const accounts = Object.entries(baseUrls).map(([region, baseUrl]) => ({
    region,
    baseUrl,
    sp: new MockSp(home.profile, {
      region,
      faults: home.faults,
      ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
    }),
  }));
  const fetch = inProcessFetch(accounts.map((account) => account.sp));
  const newIdp = () =>
    new ReferenceIdp({ fetch, record: ctx.record, faults: idpFaultsOf(ctx), ...connectorOf(ctx) });
  // The first region listed (US): its token must open no other region.
  const [primary] = accounts;
  for (const { region, baseUrl, sp } of accounts) {
    ctx.expect(
      sp.scimBaseUrl === baseUrl,
      `The ${region} account's SCIM base URL is ${String(sp.scimBaseUrl)}; the guide gives ${baseUrl} (${requirement})`,
    );
    const idp = newIdp();
    const app = idp.createApplication(entry);
    const person = ctx.people.next();
    try {
      await idp.activateIdm(app, { baseUrl, token: sp.token });
      const groupId = idp.directory.createGroup('All Users').id;
      await idp.bindGroup(app, groupId);
      await idp.addToGroup(groupId, await idp.createUser(person));
    } catch (error) {
      ctx.fail(
        `Provisioning the ${region} account through ${baseUrl} failed (${requirement}): ${messageOf(error)}`,
      );
    }
    const holders = accounts
      .filter((account) =>
        account.sp
          .state()
          .users.some(
            (user) => String(user.resource.userName).toLowerCase() === person.username.toLowerCase(),
          ),
      )
      .map((account) => account.region);
    ctx.expect(
      holders.length === 1 && holders[0] === region,
      `${person.username}, provisioned through the ${region} base URL, is in the [${holders.join(', ')}] account(s); it must reach the ${region} account only (${requirement})`,
    );
    if (primary === undefined || primary.sp === sp) continue;
    // Another region's token does not open this region's account.
    const stranger = idp.createApplication(entry, `${entry.id}-${region}-foreign-token`);
    let refused = false;
    try {
      await idp.activateIdm(stranger, { baseUrl, token: primary.sp.token });
    } catch {
      refused = true;
    }
    ctx.expect(
      refused,
      `The ${primary.region} account's token activated the ${region} base URL ${baseUrl}; each region is its own account (${requirement})`,
    );
  }
}
