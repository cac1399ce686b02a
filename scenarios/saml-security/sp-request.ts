/**
 * The SP's own AuthnRequest, as the IdP receives it when a login starts at the SP: well formed
 * and issued by the entity its metadata names, signed when its metadata says so, asking for an
 * ACS its metadata lists, with a current algorithm and the binding's own encoding. A request an
 * IdP cannot accept is a login that never happens.
 * @see SAML 2.0 Profiles §4.1.4.1; Core §3.4.1; Bindings §3.4, §3.5; Metadata §2.4.4
 */
import { Browser } from '#harness/http';
import type { CoreRequirementId, Level } from '#harness/requirements';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import {
  BINDING,
  NS,
  SIGNATURE_URI,
  UNSPECIFIED_NAMEID_FORMATS,
  childElements,
  parseXml,
  verifyElementSignature,
  verifyRedirectSignature,
  type SpMetadata,
} from '#harness/saml';
import { ExternalSamlSp } from '../external-saml-sp.js';
import { catchAuthnRequest, type CaughtRequest } from '../sp-login.js';
import { ssoEnvironment } from '../sso/environment.js';

/** How far IssueInstant may lie from now: the clock skew SPs and IdPs allow. */
const SKEW_MS = 5 * 60_000;

const WELL_FORMED = 'saml-security/sp-request-well-formed';

interface RequestUnderTest {
  metadata: SpMetadata;
  /** The request, or why it could not be read. */
  caught: CaughtRequest | { error: string };
  label: string;
}

/** Starts a login at the SP under test and catches its AuthnRequest. */
async function requestUnderTest(ctx: ScenarioContext): Promise<RequestUnderTest> {
  const external = ctx.instance.inspect instanceof ExternalSamlSp ? ctx.instance.inspect : undefined;
  const attempt = async (start: () => Promise<CaughtRequest>) =>
    start().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  if (external) {
    if (external.spLoginUrl === undefined)
      ctx.notApplicable(
        'the run starts no login at the SP: pass --sp-login-url to check the AuthnRequest it sends',
      );
    const browser = external.browser(ctx.instance.fetch, ctx.record);
    return {
      metadata: external.metadata,
      caught: await attempt(async () => (await external.solicit(browser))!),
      label: external.metadata.entityId,
    };
  }
  const env = await ssoEnvironment(ctx);
  if (!env.sp.profile.saml?.spInitiated) ctx.notApplicable(`${env.sp.id} starts no logins of its own`);
  const idpOrigin = new URL(env.web.origin).origin;
  const browser = new Browser(ctx.instance.fetch, ctx.record, { stopAt: (url) => url.origin === idpOrigin });
  return {
    metadata: env.spMetadata,
    caught: await attempt(() => catchAuthnRequest(browser, `${env.sp.origin}/saml/login`, idpOrigin)),
    label: env.sp.id,
  };
}

/** The caught request, or the check is blocked by the well-formed check that judges its absence. */
function caughtOrBlocked(ctx: ScenarioContext, under: RequestUnderTest): CaughtRequest {
  if ('error' in under.caught) ctx.blockedBy(WELL_FORMED, under.caught.error);
  return under.caught;
}

/** The ds:Signature of a POST-binding request, or undefined. */
function envelopedSignature(caught: CaughtRequest): { doc: Document; root: Element; signature?: Element } {
  const doc = parseXml(caught.xml);
  const root = doc.documentElement!;
  return { doc, root, signature: childElements(root, NS.ds, 'Signature')[0] };
}

/** The signature algorithm URI the request was signed with, or undefined when it is unsigned. */
function signatureAlgorithm(caught: CaughtRequest): string | undefined {
  if (caught.binding === 'redirect') return caught.redirect?.sigAlg;
  const { signature } = envelopedSignature(caught);
  const signedInfo = signature && childElements(signature, NS.ds, 'SignedInfo')[0];
  const method = signedInfo && childElements(signedInfo, NS.ds, 'SignatureMethod')[0];
  return method?.getAttribute('Algorithm') ?? undefined;
}

/** One check of the request: the scenario starts a login at the SP and `judge` reads what it sent. */
function requestCheck(check: {
  id: string;
  title: string;
  requirement: CoreRequirementId;
  level: Level;
  clause: string;
  judge(ctx: ScenarioContext, under: RequestUnderTest): void;
}) {
  return defineScenario({
    id: check.id,
    title: check.title,
    requirements: [check.requirement],
    level: check.level,
    clause: check.clause,
    requires: { saml: true },
    run: async (ctx: ScenarioContext) => check.judge(ctx, await requestUnderTest(ctx)),
  });
}

export const spRequestScenarios = [
  requestCheck({
    id: WELL_FORMED,
    title: 'sends a well-formed AuthnRequest issued by the entity ID of its metadata',
    requirement: 'SAML-SP-REQUEST',
    level: 'MUST',
    clause: 'SAML 2.0 Profiles §4.1.4.1; SAML 2.0 Core §3.4.1',
    judge(ctx: ScenarioContext, under: RequestUnderTest) {
      if ('error' in under.caught)
        ctx.fail(
          `Starting a login at ${under.label} gave no AuthnRequest the IdP can read: ${under.caught.error}`,
        );
      const { request } = under.caught;
      ctx.expect(
        request.issuer === under.metadata.entityId,
        `The AuthnRequest's Issuer is '${request.issuer}' but the SP's metadata says its entity ID is '${under.metadata.entityId}' (Profiles §4.1.4.1: the Issuer MUST be the requesting SP): an IdP looks the SP up by that Issuer and refuses the login`,
      );
      const drift = Math.abs(new Date(request.issueInstant).getTime() - Date.now());
      ctx.expect(
        Number.isFinite(drift) && drift <= SKEW_MS,
        `The AuthnRequest's IssueInstant ${request.issueInstant} is not within ${SKEW_MS / 60_000} minutes of now: an IdP that checks freshness refuses it`,
      );
      ctx.note = `${under.caught.binding === 'redirect' ? 'HTTP-Redirect' : 'HTTP-POST'} AuthnRequest ${request.id} from ${request.issuer}`;
    },
  }),
  requestCheck({
    id: 'saml-security/sp-request-signed',
    title: 'signs its AuthnRequest, with a key its metadata names, when its metadata says it does',
    requirement: 'SAML-SP-REQUEST-SIGNED',
    level: 'MUST',
    clause: 'SAML 2.0 Metadata §2.4.4; SAML 2.0 Bindings §3.4.4.1, §3.4.5.2, §3.5.5.2',
    judge(ctx: ScenarioContext, under: RequestUnderTest) {
      if (!under.metadata.authnRequestsSigned)
        ctx.notApplicable(`${under.label}'s metadata does not say AuthnRequestsSigned="true"`);
      const caught = caughtOrBlocked(ctx, under);
      const trusted = under.metadata.signingCertificates;
      ctx.expect(
        trusted.length > 0,
        'The metadata says AuthnRequestsSigned="true" but names no signing certificate (KeyDescriptor use="signing"), so no IdP can verify a request',
      );
      try {
        if (caught.binding === 'redirect')
          verifyRedirectSignature(caught.redirect!, trusted, { allowSha1: true });
        else {
          const { doc, root } = envelopedSignature(caught);
          verifyElementSignature(doc, root, { trusted, allowSha1: true });
        }
      } catch (error) {
        ctx.fail(
          `The metadata says AuthnRequestsSigned="true" but the AuthnRequest does not carry a valid signature by a key it names: ${error instanceof Error ? error.message : String(error)}. An IdP that holds the SP to its metadata refuses the login`,
        );
      }
      ctx.expect(
        caught.request.destination === caught.sentTo,
        `The signed AuthnRequest's Destination is ${caught.request.destination === undefined ? 'missing' : `'${caught.request.destination}'`} but it was sent to ${caught.sentTo} (Bindings §3.4.5.2, §3.5.5.2: a signed message MUST carry the URL it is delivered to)`,
      );
    },
  }),
  requestCheck({
    id: 'saml-security/sp-request-acs',
    title: 'asks for an AssertionConsumerService its metadata lists, over a binding it takes',
    requirement: 'SAML-SP-REQUEST-ACS',
    level: 'MUST',
    clause: 'SAML 2.0 Profiles §4.1.4.1; SAML 2.0 Core §3.4.1',
    judge(ctx: ScenarioContext, under: RequestUnderTest) {
      const { request } = caughtOrBlocked(ctx, under);
      const listed = under.metadata.acs;
      ctx.expect(
        request.acsUrl === undefined || request.acsIndex === undefined,
        'The AuthnRequest names its ACS both by URL and by index, which Core §3.4.1 makes mutually exclusive: an IdP may refuse it',
      );
      const endpoint =
        request.acsUrl !== undefined
          ? listed.find((acs) => acs.url === request.acsUrl)
          : request.acsIndex !== undefined
            ? listed.find((acs) => acs.index === request.acsIndex)
            : (listed.find((acs) => acs.isDefault) ?? listed[0]);
      ctx.expect(
        endpoint !== undefined,
        `The AuthnRequest asks for the Response at ${request.acsUrl ?? `index ${request.acsIndex}`}, which the SP's metadata does not list (it lists ${listed.map((acs) => `${acs.index} ${acs.url}`).join(', ')}): an IdP sends a Response only where the metadata says the SP receives it (Profiles §4.1.4.1), so the login fails`,
      );
      const binding = request.protocolBinding ?? endpoint.binding;
      ctx.expect(
        binding === endpoint.binding,
        `The AuthnRequest asks for ${binding} but the ACS at ${endpoint.url} takes ${endpoint.binding}`,
      );
      ctx.note = `Response asked for at ${endpoint.url} (${endpoint.binding === BINDING.post ? 'HTTP-POST' : endpoint.binding})`;
    },
  }),
  requestCheck({
    id: 'saml-security/sp-request-algorithm',
    title: 'signs its AuthnRequest with RSA-SHA256 or stronger',
    requirement: 'SAML-SP-REQUEST-ALGORITHM',
    level: 'SHOULD',
    clause: 'XML Signature 1.1 §6.4.1; NIST SP 800-131A',
    judge(ctx: ScenarioContext, under: RequestUnderTest) {
      const caught = caughtOrBlocked(ctx, under);
      const algorithm = signatureAlgorithm(caught);
      if (algorithm === undefined) ctx.notApplicable(`${under.label} sends its AuthnRequest unsigned`);
      ctx.expect(
        algorithm !== SIGNATURE_URI['rsa-sha1'],
        'The AuthnRequest is signed with RSA-SHA1: SHA-1 is deprecated for signatures (chosen-prefix collisions are practical), and IdPs that enforce SHA-256 refuse it',
      );
      ctx.note = `Signed with ${algorithm}`;
    },
  }),
  requestCheck({
    id: 'saml-security/sp-request-nameid-policy',
    title: 'asks for a NameID format its metadata lists',
    requirement: 'SAML-SP-REQUEST-NAMEID-POLICY',
    level: 'SHOULD',
    clause: 'SAML 2.0 Metadata §2.4.1; SAML 2.0 Core §3.4.1.1',
    judge(ctx: ScenarioContext, under: RequestUnderTest) {
      const { request } = caughtOrBlocked(ctx, under);
      const format = request.nameIdFormat;
      if (format === undefined || UNSPECIFIED_NAMEID_FORMATS.has(format))
        ctx.notApplicable(`${under.label}'s AuthnRequest leaves the NameID format to the IdP`);
      const listed = under.metadata.nameIdFormats;
      if (listed.length === 0)
        ctx.notApplicable(`${under.label}'s metadata lists no NameIDFormat to hold the request to`);
      ctx.expect(
        listed.includes(format),
        `The AuthnRequest asks for NameID format ${format}, which the SP's metadata does not list (it lists ${listed.join(', ')}): an IdP configured from the metadata issues a listed format, or answers InvalidNameIDPolicy (Core §3.4.1.1), and the login fails`,
      );
      ctx.note = `NameID format ${format}`;
    },
  }),
  requestCheck({
    id: 'saml-security/sp-request-encoding',
    title: 'sends an HTTP-POST AuthnRequest as base64 XML, without DEFLATE',
    requirement: 'SAML-SP-REQUEST-ENCODING',
    level: 'SHOULD',
    clause: 'SAML 2.0 Bindings §3.5.4',
    judge(ctx: ScenarioContext, under: RequestUnderTest) {
      const caught = caughtOrBlocked(ctx, under);
      if (caught.binding !== 'post')
        ctx.notApplicable(`${under.label} sends its AuthnRequest by HTTP-Redirect, where DEFLATE belongs`);
      ctx.expect(
        caught.deflated !== true,
        'The HTTP-POST SAMLRequest is DEFLATE-compressed before base64; the POST binding encodes the XML with base64 only (Bindings §3.5.4), so an IdP that follows it cannot read the request (this harness read it anyway)',
      );
    },
  }),
];
