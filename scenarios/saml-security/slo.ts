/**
 * Single Logout at the SP, IdP-initiated: a LogoutRequest signed by the IdP's key ends the
 * principal's session there; one that is unsigned, or signed by another key, ends nothing.
 * Judged the way logins are: by who the SP's identity source names afterwards.
 * @see SAML 2.0 Profiles §4.4 (Single Logout), §4.4.4.1; Core §3.7.3.2 (session participant rules)
 */
import type { Browser } from '#harness/http';
import type { CoreRequirementId } from '#harness/requirements';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { BINDING, sharedKeyPair, type KeyPair } from '#harness/saml';
import { ExternalSamlSp } from '../external-saml-sp.js';
import { STRANGER_KEY } from '../targets.js';

type Binding = 'redirect' | 'post';

interface SloTarget {
  sp: ExternalSamlSp;
  /** The binding the SP's metadata declares for its SingleLogoutService. */
  declared: Binding;
}

/** The SP with Single Logout in its metadata and an identity URL to read after a logout. */
function sloTarget(ctx: ScenarioContext): SloTarget {
  const sp = ctx.instance.inspect instanceof ExternalSamlSp ? ctx.instance.inspect : undefined;
  if (!sp) ctx.notApplicable('the mock SPs’ integration guides document no Single Logout');
  const endpoint = sp.metadata.singleLogout?.[0];
  if (!endpoint) ctx.notApplicable(`${sp.metadata.entityId}'s metadata names no SingleLogoutService`);
  if (!('url' in sp.identity))
    ctx.notApplicable(
      '--identity-header is read from ACS answers only: pass --identity-url to judge a logout',
    );
  return { sp, declared: endpoint.binding === BINDING.redirect ? 'redirect' : 'post' };
}

/** A fresh legitimate login of the victim in a new browser: the browser and its SessionIndex. */
async function signedInVictim(
  ctx: ScenarioContext,
  sp: ExternalSamlSp,
): Promise<{ browser: Browser; sessionIndex: string }> {
  const browser = sp.browser(ctx.instance.fetch, ctx.record);
  const { signedIn, sessionIndex } = await sp.login(browser, sp.victim);
  if (signedIn?.toLowerCase() !== sp.victim.toLowerCase())
    ctx.fail(
      `A legitimate login as ${sp.victim} signed ${signedIn ?? 'nobody'} in, so no logout can be judged`,
    );
  return { browser, sessionIndex };
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
    const { browser, sessionIndex } = await signedInVictim(ctx, target.sp);
    const page = await target.sp.logout(browser, {
      nameId: target.sp.victim,
      sessionIndex,
      binding,
      ...(signWith ? { signWith } : {}),
    });
    if ((await target.sp.signedIn(browser, page)) === undefined) ended.push(binding);
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
      const target = sloTarget(ctx);
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
      const target = sloTarget(ctx);
      const { browser, sessionIndex } = await signedInVictim(ctx, target.sp);
      const page = await target.sp.logout(browser, {
        nameId: target.sp.victim,
        sessionIndex,
        binding: target.declared,
        signWith: target.sp.idpKey,
      });
      const after = await target.sp.signedIn(browser, page);
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
