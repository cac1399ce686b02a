/**
 * The corpus for the reference IdP's SSO URL (`/saml2/<slug>`): AuthnRequest-shaped hostile
 * documents through both bindings, the bindings around a legitimate AuthnRequest, and SAML-level
 * garbage, each signed with the SP's key where the application verifies its requests, so that the
 * check under test is the one that refuses. Nothing here may get a Response issued to anyone but
 * the signed-in member, or to an ACS the application did not register.
 * @see SAML 2.0 Core §3.4.1 (AuthnRequest), §3.2.1; Bindings §3.4.4.1, §3.5.4; IDP-SSO-05
 */
import { signAuthnRequest, type AuthnRequestInput } from '#harness/saml';
import {
  postBindingCases,
  postDocCases,
  redirectBindingCases,
  redirectDocCases,
  redirectQuery,
} from './saml-corpus-bindings.js';
import type { IdpApp } from './saml-corpus-env.js';
import { OUTSIDER } from './saml-corpus-env.js';
import { b64, form, get, post, tagged, type Case, type Doc, type Expect } from './saml-corpus-support.js';

const ARTIFACT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

interface Spec {
  label: string;
  /** The request's XML: built from input, then changed as text. */
  input?: Partial<AuthnRequestInput>;
  change?: (xml: string) => string;
  expect?: Expect;
}

/** SAML-level AuthnRequest garbage: issuer, destination, ACS, binding, NameIDPolicy, ID, version. */
function specs(app: IdpApp): Spec[] {
  const root = (xml: string, attributes: string) =>
    xml.replace('<samlp:AuthnRequest ', `<samlp:AuthnRequest ${attributes} `);
  /** Sets the root's attribute `name` to `value` (markup), or removes it when undefined. */
  const attribute = (name: string, value: string | undefined) => (xml: string) =>
    xml.replace(new RegExp(` ${name}="[^"]*"`), value === undefined ? '' : ` ${name}="${value}"`);
  const acs = new URL(app.acsUrl);
  return [
    { label: 'an unknown Issuer', input: { issuer: 'https://evil.test/sp' } },
    { label: 'an empty Issuer', input: { issuer: '' } },
    { label: 'no Issuer', change: (xml) => xml.replace(/<saml:Issuer>[^<]*<\/saml:Issuer>/, '') },
    {
      label: 'two Issuers',
      change: (xml) =>
        xml.replace('</saml:Issuer>', '</saml:Issuer><saml:Issuer>https://evil.test/sp</saml:Issuer>'),
    },
    { label: 'a wrong Destination', input: { destination: 'https://evil.test/sso' } },
    {
      label: 'no Destination',
      change: attribute('Destination', undefined),
      // Bindings §3.4.5.2 asks a signed request to name its Destination, but the IdP accepts one
      // without it, as Entra, Okta and JumpCloud do: refusing would fail an SP's sign-on over it
      // (decision 0034). A wrong Destination is refused.
      expect: 'any',
    },
    { label: 'an ACS URL elsewhere', input: { acsUrl: 'https://evil.test/acs' } },
    {
      label: 'an ACS URL over https instead of http',
      input: { acsUrl: app.acsUrl.replace('http:', 'https:') },
    },
    {
      label: 'an ACS URL with an extra query',
      input: { acsUrl: `${app.acsUrl}${acs.search ? '&' : '?'}x=1` },
    },
    { label: 'an ACS URL in upper case', input: { acsUrl: app.acsUrl.toUpperCase() } },
    { label: 'an ACS URL with userinfo', input: { acsUrl: app.acsUrl.replace('//', '//evil.test@') } },
    { label: 'an ACS URL javascript:', input: { acsUrl: 'javascript:alert(1)' } },
    { label: 'an ACS URL of 10 KB', input: { acsUrl: `https://evil.test/${'a'.repeat(10_000)}` } },
    { label: 'an unknown ACS index', input: { acsUrl: undefined, protocolBinding: undefined, acsIndex: 99 } },
    {
      label: 'ACS index -1',
      change: (xml) =>
        root(xml.replace(/ AssertionConsumerServiceURL="[^"]*"/, ''), 'AssertionConsumerServiceIndex="-1"'),
    },
    {
      label: 'ACS index 70000',
      change: (xml) =>
        root(
          xml.replace(/ AssertionConsumerServiceURL="[^"]*"/, ''),
          'AssertionConsumerServiceIndex="70000"',
        ),
    },
    {
      label: 'ACS index abc',
      change: (xml) =>
        root(xml.replace(/ AssertionConsumerServiceURL="[^"]*"/, ''), 'AssertionConsumerServiceIndex="abc"'),
    },
    {
      label: 'both an ACS URL and an index',
      change: (xml) => root(xml, 'AssertionConsumerServiceIndex="0"'),
    },
    {
      label: 'the registered ACS index',
      input: { acsUrl: undefined, protocolBinding: undefined, acsIndex: 0 },
      expect: 'any',
    },
    {
      label: 'ProtocolBinding HTTP-Artifact (an unknown binding here)',
      input: { protocolBinding: ARTIFACT },
    },
    { label: 'ProtocolBinding HTTP-Redirect', input: { protocolBinding: REDIRECT } },
    {
      label: 'ProtocolBinding a made-up URI',
      input: { protocolBinding: 'urn:corpus:bindings:Carrier-Pigeon' },
    },
    { label: 'ProtocolBinding empty', change: attribute('ProtocolBinding', '') },
    { label: 'a NameIDPolicy format the app does not issue', input: { nameIdFormat: PERSISTENT } },
    {
      label: 'NameIDPolicy unspecified',
      input: { nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' },
      expect: 'any',
    },
    { label: 'an ID of 10 KB', input: { id: `_${'i'.repeat(10_000)}` }, expect: 'any' },
    {
      label: 'an ID with markup',
      change: attribute('ID', '_a&quot;&gt;&lt;script&gt;corpus()&lt;/script&gt;'),
      expect: 'any',
    },
    { label: 'an ID starting with a digit', input: { id: '1corpus' }, expect: 'any' },
    { label: 'an empty ID', change: attribute('ID', '') },
    { label: 'no ID', change: (xml) => xml.replace(/ ID="[^"]*"/, '') },
    { label: 'Version 1.0', change: (xml) => xml.replace('Version="2.0"', 'Version="1.0"') },
    { label: 'no Version', change: (xml) => xml.replace(' Version="2.0"', '') },
    { label: 'no IssueInstant', change: (xml) => xml.replace(/ IssueInstant="[^"]*"/, '') },
    {
      label: 'IssueInstant not a date',
      change: (xml) => xml.replace(/IssueInstant="[^"]*"/, 'IssueInstant="yesterday"'),
      expect: 'any',
    },
    {
      label: 'IssueInstant in 2099',
      change: (xml) => xml.replace(/IssueInstant="[^"]*"/, 'IssueInstant="2099-01-01T00:00:00Z"'),
      expect: 'any',
    },
    {
      label: 'ForceAuthn and IsPassive',
      input: { forceAuthn: true },
      change: (xml) => root(xml, 'IsPassive="true"'),
      expect: 'any',
    },
    {
      label: 'a Subject naming the outsider',
      change: (xml) =>
        xml.replace(
          '</saml:Issuer>',
          `</saml:Issuer><saml:Subject><saml:NameID>${OUTSIDER.email}</saml:NameID></saml:Subject>`,
        ),
      expect: 'any',
    },
    {
      label: 'Extensions with 1,000 children',
      change: (xml) =>
        xml.replace(
          '</saml:Issuer>',
          `</saml:Issuer><samlp:Extensions>${'<c:x xmlns:c="urn:c"/>'.repeat(1_000)}</samlp:Extensions>`,
        ),
      expect: 'any',
    },
    {
      label: 'Scoping with an IDPList',
      change: (xml) =>
        xml.replace(
          '</samlp:AuthnRequest>',
          '<samlp:Scoping ProxyCount="0"><samlp:IDPList><samlp:IDPEntry ProviderID="https://evil.test/idp"/></samlp:IDPList></samlp:Scoping></samlp:AuthnRequest>',
        ),
      expect: 'any',
    },
    {
      label: 'a LogoutRequest',
      change: (xml) => xml.replaceAll('samlp:AuthnRequest', 'samlp:LogoutRequest'),
    },
    { label: 'a Response', change: (xml) => xml.replaceAll('samlp:AuthnRequest', 'samlp:Response') },
    {
      label: 'an AuthnRequest in a misspelt namespace',
      change: (xml) => xml.replace('SAML:2.0:protocol', 'SAML:2.0:protocoI'),
    },
  ];
}

/** A spec's AuthnRequest XML and ID. */
function built(app: IdpApp, spec: Spec): { xml: string; id: string } {
  const { xml, id } = app.authnRequest(spec.input);
  return { xml: spec.change ? spec.change(xml) : xml, id };
}

/** Signed for the POST binding where the app verifies (an ID signXml cannot reference goes unsigned). */
function postSigned(app: IdpApp, xml: string, id: string): string {
  if (!app.signed) return xml;
  try {
    return signAuthnRequest(xml, id, app.spKey);
  } catch {
    return xml;
  }
}

/** Every case for the SSO URL through HTTP-Redirect (GET). */
export function idpRedirectCases(app: IdpApp, docs: readonly Doc[]): Case[] {
  const key = app.signed ? app.spKey : undefined;
  const legit = app.authnRequest().xml;
  return [
    ...redirectDocCases(docs, key),
    ...redirectBindingCases({
      xml: legit,
      kind: 'SAMLRequest',
      key,
      strangerKey: app.strangerKey,
      badSignature: app.signed ? 'refused' : 'any',
      longRelayState: 'refused',
    }),
    get(
      'SAMLResponse on the SSO URL',
      redirectQuery(legit, { kind: 'SAMLResponse', ...(key ? { key } : {}) }),
    ),
    get('an unknown pending request', 'pending=corpus-unknown'),
    get('a pending handle of 10 KB', `pending=${'p'.repeat(10_000)}`),
    get('a pending handle and a SAMLRequest', `pending=x&${redirectQuery(legit, key ? { key } : {})}`, {
      expect: 'any',
    }),
    ...tagged(
      'saml',
      specs(app).map((spec) =>
        get(spec.label, redirectQuery(built(app, spec).xml, key ? { key } : {}), {
          expect: spec.expect ?? 'refused',
        }),
      ),
    ),
  ];
}

/** Every case for the SSO URL through HTTP-POST, the enveloped signature where the app verifies. */
export function idpPostCases(app: IdpApp, docs: readonly Doc[]): Case[] {
  const { xml, id } = app.authnRequest();
  const signed = postSigned(app, xml, id);
  const badSignature: Expect = app.signed ? 'refused' : 'any';
  const field = (text: string) => form(['SAMLRequest', b64(text)]);
  const other = app.authnRequest({ acsUrl: 'https://evil.test/acs' });
  const signature = /<ds:Signature\b[\s\S]*?<\/ds:Signature>/.exec(postSigned(app, xml, id))?.[0] ?? '';
  const signing = [
    post('unsigned', field(xml), { expect: badSignature }),
    post('signed by an unknown key', field(signAuthnRequest(xml, id, app.strangerKey)), {
      expect: badSignature,
    }),
    post('signed with RSA-SHA1', field(signAuthnRequest(xml, id, app.spKey, 'rsa-sha1')), {
      expect: badSignature,
    }),
    post('signed twice', field(signed.replace('</saml:Issuer>', `</saml:Issuer>${signature}`)), {
      expect: badSignature,
    }),
    post(
      'signed, then the ACS URL changed',
      field(signed.replace(app.acsUrl.replaceAll('&', '&amp;'), 'https://evil.test/acs')),
    ),
    post(
      'signed, then wrapped in a forged request',
      field(
        other.xml.replace('</saml:Issuer>', `</saml:Issuer><samlp:Extensions>${signed}</samlp:Extensions>`),
      ),
    ),
    post(
      'a comment inside the signed Issuer',
      field(
        signed.replace(
          `>${app.spEntityId}<`,
          `>${app.spEntityId.slice(0, 8)}<!---->${app.spEntityId.slice(8)}<`,
        ),
      ),
      { expect: 'any' },
    ),
    post(
      'a Redirect signature posted as fields',
      form(['SAMLRequest', b64(xml)], ['SigAlg', 'x'], ['Signature', 'AAAA']),
      { expect: badSignature },
    ),
  ];
  return [
    ...postDocCases(docs, 'SAMLRequest'),
    ...postBindingCases({ xml: signed, name: 'SAMLRequest', longRelayState: 'refused' }),
    ...tagged('signature', signing),
    post('SAMLResponse on the SSO URL', form(['SAMLResponse', b64(signed)])),
    ...tagged(
      'saml',
      specs(app).map((spec) => {
        const request = built(app, spec);
        return post(spec.label, field(postSigned(app, request.xml, request.id)), {
          expect: spec.expect ?? 'refused',
        });
      }),
    ),
  ];
}

/** A legitimate Redirect AuthnRequest's query, the after-corpus probe. */
export function legitRedirect(app: IdpApp): string {
  return redirectQuery(app.authnRequest().xml, app.signed ? { key: app.spKey } : {});
}
