/**
 * Deprovisioning seen from SSO: a user deactivated over SCIM loses the SP session they hold and
 * cannot sign in again, even on an assertion the IdP signed. The IdP stops asserting a suspended
 * user anyway; the second check asks whether the SP's own account state holds when an assertion
 * arrives all the same (one issued just before, a second IdP, an IdP-initiated tile left open).
 * On a mock SP the reference IdP provisions the user and suspends them; in target mode
 * (`--sp-metadata` with `--scim-url`) the check creates a user on the SP's SCIM service, signs
 * them in, sets `active` false, and deletes the user afterwards. Both are SHOULDs graded
 * warning: SCIM leaves the meaning of `active` to the SP (RFC 7643 §4.1.1).
 * @see SAML-SESSION-DEPROVISIONED; docs/decisions/0021-single-logout-and-deprovisioning.md
 */
import type { Browser } from '#harness/http';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { encodePost } from '#harness/saml';
import { isJsonObject } from '#harness/scim';
import { ExternalSamlSp } from '../external-saml-sp.js';
import { lastLogin, launchTile, spSessionOf, ssoEnvironment } from '../sso/environment.js';

/** A user signed in at the SP and then deactivated over SCIM, and how to ask the SP about them. */
interface Deprovisioned {
  label: string;
  user: string;
  /** The browser the user signed in with before the deactivation. */
  browser: Browser;
  /** Who the SP names signed in in `browser` now. */
  signedIn(browser: Browser): Promise<string | undefined>;
  /** Signs the user in again in a fresh browser on an assertion the IdP signed; who the SP names then. */
  loginAgain(): Promise<string | undefined>;
  /**
   * How long the SP may take to act on the deactivation (ms): an SP may apply it through a queue,
   * so a session seen just after the SCIM answer is asked again until this has passed.
   */
  settleMs: number;
}

/** Asks `probe` until it names nobody or `settleMs` has passed; the last answer. */
async function settled(
  probe: () => Promise<string | undefined>,
  settleMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + settleMs;
  let answer = await probe();
  while (answer !== undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    answer = await probe();
  }
  return answer;
}

/** What a failure says about the time the SP was given. */
const after = (settleMs: number): string => (settleMs > 0 ? ` (still ${settleMs / 1000} s later)` : '');

const same = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

/** The member provisioned over SCIM by the reference IdP, signed in through it, then suspended there. */
async function mockDeprovisioned(ctx: ScenarioContext): Promise<Deprovisioned> {
  if (!ctx.target.capabilities.provisioning)
    ctx.notApplicable(`the reference IdP does not provision ${ctx.target.sp}`);
  const env = await ssoEnvironment(ctx, { provisioning: true });
  const browser = env.browser();
  await launchTile(browser, env, env.member);
  const before = await spSessionOf(browser, env.sp.origin);
  if (!same(before?.user, env.member.email))
    ctx.fail(
      `${env.member.email}, provisioned over SCIM, could not sign in at ${env.sp.id} before the deactivation (${lastLogin(env.sp)?.reason ?? 'no login recorded'})`,
    );
  // Signed while the user is active: what an in-flight Response or a second IdP would carry.
  const issued = await env.app.sso.issue(env.idp.directory.users.get(env.member.id)!, {
    acs: env.app.sso.acs()!,
    now: new Date(),
    key: await env.idp.keys(),
  });
  await env.idp.setSuspended(env.member.id, true);
  const spUser = env.sp.samlUsers().find((user) => same(user.userName, before!.user));
  if (spUser?.active !== false)
    ctx.fail(`Suspending ${env.member.email} at the IdP did not deactivate them in ${env.sp.id} over SCIM`);
  return {
    label: env.sp.id,
    user: env.member.email,
    browser,
    settleMs: 0,
    signedIn: async (current) => (await spSessionOf(current, env.sp.origin))?.user,
    async loginAgain() {
      const fresh = env.browser();
      await fresh.post(issued.acsUrl, { SAMLResponse: encodePost(issued.xml) });
      return lastLogin(env.sp)?.outcome === 'success'
        ? (await spSessionOf(fresh, env.sp.origin))?.user
        : undefined;
    },
  };
}

/** A user created on the SP's SCIM service (`--scim-url`), signed in, then set `active` false over SCIM. */
async function externalDeprovisioned(ctx: ScenarioContext, sp: ExternalSamlSp): Promise<Deprovisioned> {
  if (ctx.instance.scimBaseUrl === undefined)
    ctx.notApplicable(
      "needs the SP's SCIM service to deactivate a user: add --scim-url and --token beside --sp-metadata",
    );
  if (!('url' in sp.identity))
    ctx.notApplicable(
      '--identity-header is read from ACS answers only: pass --identity-url to judge a session',
    );
  const domain = sp.victim.includes('@') ? sp.victim.slice(sp.victim.lastIndexOf('@') + 1) : 'example.com';
  const user = `${ctx.unique('deprovisioned').toLowerCase()}@${domain}`;
  const created = await ctx.scim.post('/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: user,
    name: { givenName: 'Deprovisioned', familyName: 'User' },
    emails: [{ value: user, type: 'work', primary: true }],
    active: true,
  });
  const id = isJsonObject(created.body) && typeof created.body.id === 'string' ? created.body.id : undefined;
  if (created.status < 200 || created.status >= 300 || id === undefined)
    ctx.notApplicable(
      `the SP's SCIM service did not create a user to deprovision (POST /Users answered ${created.status}); the check needs one`,
    );
  ctx.defer(async () => {
    await ctx.scim.delete(`/Users/${encodeURIComponent(id)}`);
  });
  const browser = sp.browser(ctx.instance.fetch, ctx.record);
  const { signedIn } = await sp.login(browser, user);
  if (!same(signedIn, user))
    ctx.notApplicable(
      `a user created over SCIM as ${user} did not sign in on a legitimate assertion (the SP named ${signedIn ?? 'nobody'}): the SP must link the NameID to the SCIM userName or email for this check`,
    );
  const path = `/Users/${encodeURIComponent(id)}`;
  let deactivated = await ctx.scim.patch(path, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'active', value: false }],
  });
  if (deactivated.status >= 300) {
    // An SP without PATCH takes the whole resource back with active false (RFC 7644 §3.5.1).
    const current = await ctx.scim.get(path);
    if (isJsonObject(current.body))
      deactivated = await ctx.scim.put(path, { ...current.body, active: false });
  }
  if (deactivated.status >= 300)
    ctx.notApplicable(
      `the SP's SCIM service did not set active false on ${user} (PATCH and PUT answered ${deactivated.status})`,
    );
  return {
    label: sp.metadata.entityId,
    user,
    browser,
    settleMs: sp.deprovisionWaitMs,
    signedIn: (current) => sp.signedInNow(current),
    loginAgain: async () => (await sp.login(sp.browser(ctx.instance.fetch, ctx.record), user)).signedIn,
  };
}

function deprovisioned(ctx: ScenarioContext): Promise<Deprovisioned> {
  const external = ctx.instance.inspect instanceof ExternalSamlSp ? ctx.instance.inspect : undefined;
  return external ? externalDeprovisioned(ctx, external) : mockDeprovisioned(ctx);
}

const common = {
  requirements: ['SAML-SESSION-DEPROVISIONED'],
  level: 'SHOULD',
  clause: 'RFC 7643 §4.1.1',
  requires: { saml: true },
} as const;

export const deprovisioningScenarios = [
  defineScenario({
    ...common,
    id: 'saml-security/deprovisioned-session-ends',
    title: 'ends the session of a user deactivated over SCIM',
    async run(ctx: ScenarioContext) {
      const target = await deprovisioned(ctx);
      const still = await settled(() => target.signedIn(target.browser), target.settleMs);
      ctx.expect(
        still === undefined,
        `${target.label} keeps the session of ${target.user} after SCIM set active false${after(target.settleMs)}: an offboarded user keeps working in the app until the session expires`,
      );
    },
  }),
  defineScenario({
    ...common,
    id: 'saml-security/deprovisioned-login-refused',
    title: 'refuses a login of a user deactivated over SCIM, even on an assertion the IdP signed',
    async run(ctx: ScenarioContext) {
      const target = await deprovisioned(ctx);
      const again = await settled(() => target.loginAgain(), target.settleMs);
      ctx.expect(
        again === undefined,
        `${target.label} signed in ${again}, deactivated over SCIM, on an assertion the IdP signed${after(target.settleMs)}: the account opens whenever such an assertion reaches the SP (one issued just before the deactivation, a second IdP)`,
      );
    },
  }),
];
