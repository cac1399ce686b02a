/**
 * Runs one attack vector against an SP and judges it by who got logged in
 * (docs/conformance.md "Verdicts"): rejected; accepted with the signed identity; accepted with
 * the attacker's identity. Every vector is built fresh and checks itself first.
 */
import { formsOf, Browser, type BrowserPage } from '#harness/http';
import type { DirectoryUser } from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import {
  NS,
  buildResponse,
  sharedKeyPair,
  decodePost,
  decodeRedirect,
  encodePost,
  parseAuthnRequest,
  sealAssertions,
  parseXml,
  type KeyPair,
  type ResponseInput,
  type SigningPolicy,
} from '#harness/saml';
import { ExternalSamlSp } from '../external-saml-sp.js';
import { pooledLegit } from './legit-pool.js';
import { GRADE_LEVEL, acceptanceOf } from './verdicts.js';
import { STRANGER_KEY } from '../targets.js';
import { ssoEnvironment, type SsoEnvironment } from '../sso/environment.js';
import type { HttpExchange } from '#reports';
import type { AttackVector, VectorContext } from './vectors/index.js';

/** The SP under attack, as the judge sees it: where to post, and who it signed in. */
export interface SpUnderAttack {
  acsUrl: string;
  /** Posts a SAMLResponse as a browser would and answers who is signed in afterwards, or undefined. */
  post(browser: Browser, xml: string): Promise<{ page: BrowserPage; signedIn: string | undefined }>;
  /** An AuthnRequest ID the SP has outstanding, when it starts logins. */
  outstandingRequest?(browser: Browser): Promise<string | undefined>;
  /**
   * Encrypts the assertions when the SP only takes encrypted ones; undefined when the message must
   * be encrypted but cannot be (it does not parse as one document).
   */
  seal(xml: string): Promise<string | undefined>;
  /** Makes sure both identities exist as SP accounts, so a refusal is never just "unknown user". */
  prepare(victim: string, attacker: string): Promise<void>;
}

let stranger: Promise<KeyPair> | undefined;

/** The vector context and the SP adapter for a mock SP signed in through the reference IdP. */
export interface AttackSetup {
  sp: SpUnderAttack;
  label: string;
  /** Every login starts at the SP: each vector answers an AuthnRequest of its own. */
  solicits?: boolean;
  /** The SP takes encrypted assertions only: every message is encrypted to it. */
  encrypts: boolean;
  /** The context of one vector; its legitimate messages are signed with `key` (default: the IdP's). */
  vectorContext: (now: Date, key?: KeyPair) => Promise<VectorContext & { assertionRequired: boolean }>;
}

/**
 * The vector context and SP adapter for a vendor's SP in target mode. An SP that starts its own
 * logins (--sp-login-url) gets a fresh AuthnRequest for every vector: each legitimate message
 * answers it and carries its RelayState back, so only what the vector changes is wrong.
 */
function externalSpUnderAttack(target: ExternalSamlSp): AttackSetup {
  const acsUrl = target.acsUrl;
  stranger ??= sharedKeyPair(STRANGER_KEY, { commonName: 'Stranger IdP' });
  let relayState: string | undefined;
  let solicited: string | undefined;
  return {
    label: target.metadata.entityId,
    solicits: target.spLoginUrl !== undefined,
    encrypts: target.encrypt,
    sp: {
      acsUrl,
      post: (browser, xml) => target.post(browser, xml, relayState),
      async outstandingRequest(browser) {
        const caught = await target.solicit(browser);
        relayState = caught?.relayState;
        solicited = caught?.request.id;
        return solicited;
      },
      seal: (xml) => target.seal(xml),
      prepare: async () => undefined,
    },
    vectorContext: async (now, key) => ({
      victim: target.victim,
      attacker: target.attacker,
      idpEntityId: target.idpEntityId,
      spEntityId: target.metadata.entityId,
      acsUrl,
      now,
      idpKey: target.idpKey,
      strangerKey: await stranger!,
      // The SP says in its metadata that it wants the assertion itself signed.
      assertionRequired: target.metadata.wantAssertionsSigned,
      ...(target.encrypt && target.metadata.encryptionCertificates[0]
        ? { encryptTo: target.metadata.encryptionCertificates[0] }
        : {}),
      ...(solicited === undefined ? {} : { inResponseTo: solicited }),
      legit: (nameId, overrides = {}) =>
        target.response(
          nameId,
          now,
          solicited === undefined ? overrides : { inResponseTo: solicited, ...overrides },
          target.sign,
          key,
        ),
    }),
  };
}

export async function mockSpUnderAttack(
  ctx: ScenarioContext,
): Promise<AttackSetup & { env: SsoEnvironment }> {
  const env = await ssoEnvironment(ctx);
  const { app, sp } = env;
  const settings = app.sso.settings;
  const acsUrl = sp.saml!.acsUrl;
  const idpKey = await env.idp.keys();
  stranger ??= sharedKeyPair(STRANGER_KEY, { commonName: 'Stranger IdP' });
  const strangerKey = await stranger;
  const profile = sp.profile.saml!;
  const spKeys = profile.encryptAssertions ? await sp.saml!.keys() : undefined;
  const adapter: SpUnderAttack = {
    acsUrl,
    async post(browser, xml) {
      const before = sp.loginHistory().length;
      const page = await browser.post(acsUrl, { SAMLResponse: encodePost(xml) });
      const login = sp
        .loginHistory()
        .slice(before)
        .find((entry) => !entry.test);
      return { page, signedIn: login?.outcome === 'success' ? (login.nameId ?? login.user) : undefined };
    },
    async outstandingRequest() {
      if (!profile.spInitiated) return undefined;
      // Not followed: the first answer carries the AuthnRequest (a Redirect URL, or a POST form).
      const response = await ctx.instance.fetch(`${sp.origin}/saml/login`, {
        method: 'GET',
        redirect: 'manual',
      });
      return requestIdFrom(response.headers.get('location'), await response.text(), sp.origin);
    },
    async seal(xml) {
      if (!spKeys || !profile.requireEncryptedAssertion) return xml;
      try {
        return await sealAssertions(xml, spKeys.certificatePem, idpKey);
      } catch {
        return undefined;
      }
    },
    async prepare(victim, attacker) {
      if (profile.users !== 'must-exist') return;
      for (const userName of [victim, attacker]) {
        if (!sp.samlUsers().some((user) => user.userName.toLowerCase() === userName.toLowerCase()))
          sp.seedSamlUser({ userName, email: userName });
      }
    },
  };
  // The Response IDs this instance was handed: none twice, whichever vector context asks.
  const handedOut = new Set<string>();
  const vectorContext = async (
    now: Date,
    key: KeyPair = idpKey,
  ): Promise<VectorContext & { assertionRequired: boolean }> => {
    // Signed once per input and shared with the vectors of other instances (legit-pool.ts).
    const signed = pooledLegit(
      key,
      handedOut,
      (input: { response: ResponseInput; signing: Omit<SigningPolicy, 'key'> }) =>
        buildResponse(
          { ...input.response, sessionIndex: `S${Date.now().toString(36)}` },
          { ...input.signing, key },
        ),
    );
    return {
      assertionRequired: profile.requireSigned === 'assertion' || profile.requireSigned === 'both',
      victim: env.member.email,
      attacker: `admin.${sp.id}@example.com`,
      idpEntityId: settings.idpEntityId,
      spEntityId: settings.spEntityId ?? '',
      acsUrl,
      now,
      idpKey,
      strangerKey,
      ...(spKeys && profile.requireEncryptedAssertion ? { encryptTo: spKeys.certificatePem } : {}),
      legit(nameId, overrides = {}) {
        const user = {
          id: 'vector',
          username: nameId,
          email: nameId,
          firstname: 'Test',
          lastname: 'User',
          suspended: false,
          passwordExpired: false,
        } as DirectoryUser;
        const content = app.sso.assertionFor(user);
        return signed({
          response: {
            issuer: settings.idpEntityId,
            destination: acsUrl,
            audience: settings.spEntityId ?? '',
            nameId: { value: nameId, format: content.nameId.format },
            attributes: content.attributes,
            now,
            ...overrides,
          },
          signing: {
            signAssertion: settings.signAssertion,
            signResponse: settings.signResponse,
            algorithm: settings.algorithm,
          },
        });
      },
    };
  };
  return {
    env,
    sp: adapter,
    vectorContext,
    label: sp.id,
    encrypts: spKeys !== undefined && profile.requireEncryptedAssertion,
  };
}

/** The AuthnRequest ID in the SP's first answer to a login: a Redirect-binding Location, or a POST form. */
function requestIdFrom(location: string | null, body: string, spOrigin: string): string | undefined {
  if (location) {
    const url = new URL(location, spOrigin);
    if (url.searchParams.has('SAMLRequest'))
      return parseAuthnRequest(decodeRedirect(url.search.slice(1)).xml).id;
  }
  const form = formsOf(body, spOrigin).find((candidate) => candidate.fields.SAMLRequest !== undefined);
  return form ? parseAuthnRequest(decodePost(form.fields.SAMLRequest!)).id : undefined;
}

/**
 * `sp.seal(xml)` for a message that may start with a DOCTYPE: the document after it is encrypted
 * and the DOCTYPE put back in front, so an SP that takes encrypted assertions only still meets the
 * DTD in the outer Response. A message whose body needs the DTD to parse (an entity reference)
 * cannot be encrypted: undefined.
 */
async function sealBehindProlog(sp: SpUnderAttack, xml: string): Promise<string | undefined> {
  const prolog = /^<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/.exec(xml)?.[0];
  if (prolog === undefined) return sp.seal(xml);
  const sealed = await sp.seal(xml.slice(prolog.length));
  return sealed === undefined ? undefined : prolog + sealed;
}

export type Verdict =
  | { outcome: 'rejected' }
  | { outcome: 'signed-identity'; who: string }
  | { outcome: 'attacker'; who: string };

/** Builds, self-checks, sends and judges one vector. */
export async function runVector(ctx: ScenarioContext, vector: AttackVector): Promise<void> {
  const external = ctx.instance.inspect instanceof ExternalSamlSp ? ctx.instance.inspect : undefined;
  const { sp, vectorContext, label, solicits, encrypts } = external
    ? externalSpUnderAttack(external)
    : await mockSpUnderAttack(ctx);
  const browser = external
    ? external.browser(ctx.instance.fetch, ctx.record)
    : new Browser(ctx.instance.fetch, ctx.record);
  if (solicits) await sp.outstandingRequest?.(browser);
  // Whole seconds, as SAML timestamps usually are: vectors started within one second share their
  // legitimate messages' input, and so the signed messages themselves (legit-pool.ts).
  const base = await vectorContext(new Date(Math.floor(Date.now() / 1000) * 1000));
  if (vector.requires?.inResponseTo) {
    const id = solicits ? base.inResponseTo : await sp.outstandingRequest?.(browser);
    if (id === undefined)
      ctx.notApplicable(`${label} starts no SP-initiated logins here, so it has no request ID to mismatch`);
    base.inResponseTo = id;
  }
  if (vector.requires?.signedAssertion && !base.assertionRequired) {
    ctx.notApplicable(
      `${label} takes a signed Response without a signed assertion (it does not require the assertion signed)`,
    );
  }
  if (vector.requires?.encryption && !encrypts) {
    ctx.notApplicable(
      `${label} is not set to take encrypted assertions only${external ? ' (pass --encrypt when it is)' : ''}`,
    );
  }
  const signedIdentity = vector.signedIdentity?.(base) ?? base.victim;
  await sp.prepare(signedIdentity, base.attacker);
  // The valid message the vector started from, so a report can mark what the attack changed.
  let original: string | undefined;
  const built = await vector.build({
    ...base,
    legit: async (nameId, overrides) => {
      const legit = await base.legit(nameId, overrides);
      original = legit.xml;
      return legit;
    },
  });
  try {
    await vector.check(base, built);
  } catch (error) {
    ctx.fail(
      `The ${vector.id} vector failed its own check before sending, so no verdict can be given: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let verdict: Verdict = { outcome: 'rejected' };
  for (const [index, xml] of built.sends.entries()) {
    const sealed = vector.plain ? xml : await sealBehindProlog(sp, xml);
    if (sealed === undefined)
      ctx.notApplicable(
        `${label} takes encrypted assertions only, and this message cannot be encrypted (it does not parse as one XML document): the SP would refuse it for that alone, which proves nothing about the attack`,
      );
    ctx.record({
      request: { method: 'POST', url: sp.acsUrl, headers: {}, body: `SAMLResponse (decoded):\n${sealed}` },
      durationMs: 0,
    });
    const { signedIn } = await sp.post(browser, sealed);
    const last = index === built.sends.length - 1;
    if (!last) {
      ctx.expect(
        signedIn !== undefined,
        `The ${vector.id} vector needs its first message accepted as a baseline, but the SP refused it; no verdict`,
      );
      browser.clearCookies();
      continue;
    }
    if (signedIn === undefined) verdict = { outcome: 'rejected' };
    else if (signedIn.toLowerCase() === base.attacker.toLowerCase())
      verdict = { outcome: 'attacker', who: signedIn };
    else verdict = { outcome: 'signed-identity', who: signedIn };
  }
  const evidence = [
    {
      kind: 'saml' as const,
      label: vector.title,
      xml: built.sends.at(-1)!,
      ...(original === undefined || original === built.sends.at(-1) ? {} : { original }),
      // The SP's answer to that post: the last exchange with its ACS.
      ...withAnswer(
        ctx.exchanges.filter((exchange) => exchange.request.url === sp.acsUrl && exchange.response).at(-1),
      ),
    },
    ...ctx.recentEvidence(4),
  ];
  if (verdict.outcome === 'rejected') {
    ctx.note = `Rejected: ${vector.title}`;
    return;
  }
  if (verdict.outcome === 'attacker')
    ctx.fail(
      `Bypass: ${vector.title} — the SP signed in the attacker's identity ${verdict.who}. ${built.description}`,
      evidence,
    );
  // The identity the IdP signed got in: graded by what accepting this message costs (verdicts.ts).
  const accepted = acceptanceOf(vector.id, { responseSigned: responseSigned(built.sends.at(-1)!) });
  if (accepted.grade === 'pass') {
    ctx.note = `Accepted, correctly: ${accepted.why}`;
    return;
  }
  ctx.failAt(
    GRADE_LEVEL[accepted.grade],
    `Accepted ${vector.title} — the SP signed in ${verdict.who}, the identity the IdP signed. ${accepted.why} ${built.description}`,
    evidence,
  );
}

/** Whether the Response element of `xml` carries its own ds:Signature (a message that does not parse: no). */
function responseSigned(xml: string): boolean {
  try {
    const root = parseXml(xml, { maxBytes: 4 * 1024 * 1024, maxDepth: 200 }).documentElement;
    for (let node = root?.firstChild; node; node = node.nextSibling) {
      const element = node as Element;
      if (
        node.nodeType === node.ELEMENT_NODE &&
        element.namespaceURI === NS.ds &&
        element.localName === 'Signature'
      )
        return true;
    }
  } catch {
    // A malformed message (two roots, a DOCTYPE) has no signed Response to speak of.
  }
  return false;
}

function withAnswer(exchange: HttpExchange | undefined): { answer?: HttpExchange } {
  return exchange ? { answer: exchange } : {};
}
