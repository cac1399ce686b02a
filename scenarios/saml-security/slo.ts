/**
 * Single Logout at the SP, IdP-initiated: a LogoutRequest signed by the IdP's key ends the
 * principal's session there; one that is unsigned, or signed by another key, ends nothing.
 * Judged the way logins are: by who the SP's identity source names afterwards (in target mode),
 * or the mock SP's own session page.
 * @see SAML 2.0 Profiles §4.4 (Single Logout), §4.4.4.1; Core §3.7.3.2 (session participant rules)
 */
import type { Browser, BrowserPage } from '#harness/http';
import type { CoreRequirementId } from '#harness/requirements';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { BINDING, sharedKeyPair, type KeyPair, type SpMetadata } from '#harness/saml';
import { ExternalSamlSp, sendLogoutRequest, type LogoutToSend } from '../external-saml-sp.js';
import { launchTile, spSessionOf, ssoEnvironment } from '../sso/environment.js';
import { STRANGER_KEY } from '../targets.js';

type Binding = 'redirect' | 'post';

/** The SP under test as the Single Logout checks drive it: a vendor's SP in target mode or a mock SP. */
interface SloTarget {
  /** The binding the SP's metadata declares for its SingleLogoutService. */
  declared: Binding;
  victim: string;
  idpKey: KeyPair;
  browser(): Browser;
  /** A fresh legitimate login of the victim: who is signed in, and the session's NameID and SessionIndex. */
  login(
    browser: Browser,
  ): Promise<{ signedIn: string | undefined; nameIdFormat?: string; sessionIndex?: string }>;
  logout(browser: Browser, request: LogoutToSend): Promise<BrowserPage>;
  /** Who the SP names signed in now in `browser`, after `page`. */
  signedIn(browser: Browser, page: BrowserPage): Promise<string | undefined>;
}

const declaredOf = (metadata: SpMetadata): Binding | undefined => {
  const endpoint = metadata.singleLogout?.[0];
  return endpoint === undefined ? undefined : endpoint.binding === BINDING.redirect ? 'redirect' : 'post';
};

/** The SP with Single Logout in its metadata and a way to read who is signed in after a logout. */
async function sloTarget(ctx: ScenarioContext): Promise<SloTarget> {
  const sp = ctx.instance.inspect instanceof ExternalSamlSp ? ctx.instance.inspect : undefined;
  if (!sp) return mockSloTarget(ctx);
  const declared = declaredOf(sp.metadata);
  if (!declared) ctx.notApplicable(`${sp.metadata.entityId}'s metadata names no SingleLogoutService`);
  if (!('url' in sp.identity))
    ctx.notApplicable(
      '--identity-header is read from ACS answers only: pass --identity-url to judge a logout',
    );
  return {
    declared,
    victim: sp.victim,
    idpKey: sp.idpKey,
    browser: () => sp.browser(ctx.instance.fetch, ctx.record),
    login: (browser) => sp.login(browser, sp.victim),
    logout: (browser, request) => sp.logout(browser, request),
    signedIn: (browser, page) => sp.signedIn(browser, page),
  };
}

/** A mock SP that takes Single Logout, its member signed in through the reference IdP's console. */
async function mockSloTarget(ctx: ScenarioContext): Promise<SloTarget> {
  const env = await ssoEnvironment(ctx);
  const sloUrl = env.sp.saml?.sloUrl;
  if (!sloUrl)
    ctx.notApplicable(`${env.sp.id} takes no Single Logout (its integration guide documents none)`);
  const idpKey = await env.idp.keys();
  return {
    declared: declaredOf(env.spMetadata) ?? 'redirect',
    victim: env.member.email,
    idpKey,
    browser: env.browser,
    async login(browser) {
      await launchTile(browser, env, env.member);
      const session = await spSessionOf(browser, env.sp.origin);
      return { signedIn: session?.user, ...session?.logout };
    },
    logout: (browser, request) =>
      sendLogoutRequest(browser, sloUrl, env.app.sso.settings.idpEntityId, request),
    signedIn: async (browser) => (await spSessionOf(browser, env.sp.origin))?.user,
  };
}

/** A fresh legitimate login of the victim in a new browser: the browser and the session to end. */
async function signedInVictim(
  ctx: ScenarioContext,
  target: SloTarget,
): Promise<{
  browser: Browser;
  session: Partial<Pick<LogoutToSend, 'nameId' | 'nameIdFormat' | 'sessionIndex'>>;
}> {
  const browser = target.browser();
  const { signedIn, ...session } = await target.login(browser);
  if (signedIn?.toLowerCase() !== target.victim.toLowerCase())
    ctx.fail(
      `A legitimate login as ${target.victim} signed ${signedIn ?? 'nobody'} in, so no logout can be judged`,
    );
  return { browser, session };
}

const BINDING_NAME: Record<Binding, string> = { redirect: 'HTTP-Redirect (GET)', post: 'HTTP-POST' };

/**
 * Sends a LogoutRequest signed with `signWith` (or unsigned) by the declared binding and the other
 * one at the same URL (an attacker uses whichever the endpoint takes); the bindings by which it
 * ended the victim's session.
 */
async function loggedOutBy(
  ctx: ScenarioContext,
  target: SloTarget,
  signWith: KeyPair | undefined,
): Promise<Binding[]> {
  const other: Binding = target.declared === 'redirect' ? 'post' : 'redirect';
  const ended: Binding[] = [];
  for (const binding of [target.declared, other]) {
    const { browser, session } = await signedInVictim(ctx, target);
    const page = await target.logout(browser, {
      nameId: target.victim,
      ...session,
      binding,
      ...(signWith ? { signWith } : {}),
    });
    if ((await target.signedIn(browser, page)) === undefined) ended.push(binding);
  }
  return ended;
}

const SIGNED: CoreRequirementId = 'SAML-SLO-SIGNED';
const NUISANCE = {
  severity: 'warning',
  consequence:
    "anyone can end a user's session at the SP (a page the user visits can send the LogoutRequest): a nuisance that loses unsaved work, not a way in",
} as const;

/** A check that a LogoutRequest the IdP did not sign (`signWith`) ends no session. */
function refusedLogout(check: {
  id: string;
  title: string;
  /** The request, as the failure names it. */
  what: string;
  signWith: () => Promise<KeyPair | undefined>;
}) {
  return defineScenario({
    id: check.id,
    title: check.title,
    requirements: [SIGNED],
    level: 'MUST',
    clause: 'SAML 2.0 Profiles §4.4.4.1',
    impact: NUISANCE,
    requires: { saml: true },
    async run(ctx: ScenarioContext) {
      const target = await sloTarget(ctx);
      const ended = await loggedOutBy(ctx, target, await check.signWith());
      ctx.expect(
        ended.length === 0,
        `${check.what} ended the user's session by ${ended.map((binding) => BINDING_NAME[binding]).join(' and ')} (Profiles §4.4.4.1: the requester MUST authenticate itself, by a signature on these bindings)`,
      );
    },
  });
}

export const sloScenarios = [
  defineScenario({
    id: 'saml-security/slo-ends-session',
    title: "ends the user's session on a LogoutRequest signed by the IdP",
    requirements: ['SAML-SLO'],
    level: 'MUST',
    clause: 'SAML 2.0 Core §3.7.3.2; SAML 2.0 Profiles §4.4',
    requires: { saml: true },
    async run(ctx: ScenarioContext) {
      const target = await sloTarget(ctx);
      const { browser, session } = await signedInVictim(ctx, target);
      const page = await target.logout(browser, {
        nameId: target.victim,
        ...session,
        binding: target.declared,
        signWith: target.idpKey,
      });
      const after = await target.signedIn(browser, page);
      ctx.expect(
        after === undefined,
        `After a LogoutRequest signed by the IdP (${BINDING_NAME[target.declared]}, as its metadata declares), the SP still names ${after} signed in: a user who signs out at the IdP stays signed in here (Core §3.7.3.2)`,
      );
      ctx.note = `The session ended on the IdP's LogoutRequest (${BINDING_NAME[target.declared]})`;
    },
  }),
  refusedLogout({
    id: 'saml-security/slo-unsigned-refused',
    title: 'keeps the session on an unsigned LogoutRequest',
    what: 'An unsigned LogoutRequest',
    signWith: async () => undefined,
  }),
  refusedLogout({
    id: 'saml-security/slo-forged-refused',
    title: 'keeps the session on a LogoutRequest signed by a key it does not trust',
    what: 'A LogoutRequest signed by a key the SP never trusted',
    signWith: () => sharedKeyPair(STRANGER_KEY, { commonName: 'Stranger IdP' }),
  }),
];
