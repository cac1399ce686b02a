import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildAuthnRequest,
  parseAuthnRequest,
  signAuthnRequest,
  type AuthnRequestInput,
} from './authn-request.js';
import { sharedKeyPair, type KeyPair } from './keys.js';
import { BINDING } from './metadata.js';
import { NAMEID_FORMAT } from './response.js';
import { decodePost, encodePost } from './post-binding.js';
import { verifyElementSignature } from './verify.js';
import { parseXml } from './xml.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');

let spKey: KeyPair;
let attackerKey: KeyPair;
beforeAll(async () => {
  [spKey, attackerKey] = await Promise.all([
    sharedKeyPair('saml-test-sp'),
    sharedKeyPair('saml-test-attacker'),
  ]);
});

function input(overrides: Partial<AuthnRequestInput> = {}): AuthnRequestInput {
  return {
    issuer: 'https://sp.example',
    destination: 'https://idp.example/saml2/app',
    acsUrl: 'https://sp.example/saml/acs',
    nameIdFormat: NAMEID_FORMAT.emailAddress,
    now: NOW,
    ...overrides,
  };
}

function verify(xml: string, trusted: KeyPair): Element {
  const doc = parseXml(xml);
  return verifyElementSignature(doc, doc.documentElement!, { trusted: [trusted.certificatePem] }).element;
}

describe('AuthnRequest', () => {
  it('builds a request the IdP parses back to the same fields', () => {
    const { xml, id } = buildAuthnRequest(input());
    expect(id).toMatch(/^[A-Z][A-Z0-9]{39}$/);
    expect(xml).toMatch(/^<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2\.0:protocol" /);
    expect(xml).toContain('<saml:Issuer>https://sp.example</saml:Issuer>');
    expect(xml).toContain(`<samlp:NameIDPolicy Format="${NAMEID_FORMAT.emailAddress}" AllowCreate="true"/>`);
    expect(parseAuthnRequest(xml)).toEqual({
      id,
      issuer: 'https://sp.example',
      destination: 'https://idp.example/saml2/app',
      acsUrl: 'https://sp.example/saml/acs',
      acsIndex: undefined,
      protocolBinding: BINDING.post,
      nameIdFormat: NAMEID_FORMAT.emailAddress,
      issueInstant: '2025-03-01T12:00:00.000Z',
      signed: false,
    });
  });

  it('asks for an ACS by index, without URL or binding', () => {
    const { xml } = buildAuthnRequest(
      input({ acsUrl: undefined, acsIndex: 2, nameIdFormat: undefined, id: 'REQ1' }),
    );
    expect(xml).toContain('AssertionConsumerServiceIndex="2"');
    expect(xml).not.toContain('ProtocolBinding');
    expect(parseAuthnRequest(xml)).toMatchObject({
      id: 'REQ1',
      acsIndex: 2,
      acsUrl: undefined,
      nameIdFormat: undefined,
    });
  });

  it('writes ForceAuthn and a chosen binding', () => {
    const { xml } = buildAuthnRequest(input({ forceAuthn: true, protocolBinding: BINDING.redirect }));
    expect(xml).toContain('ForceAuthn="true"');
    expect(parseAuthnRequest(xml).protocolBinding).toBe(BINDING.redirect);
  });

  it('treats an index together with a URL as a misuse of the API', () => {
    expect(() => buildAuthnRequest(input({ acsIndex: 1 }))).toThrow(TypeError);
  });

  it('escapes what it writes', () => {
    const { xml } = buildAuthnRequest(input({ issuer: 'https://sp.example/?a=1&b="2"' }));
    expect(xml).toContain('https://sp.example/?a=1&amp;b=&quot;2&quot;');
    expect(parseAuthnRequest(xml).issuer).toBe('https://sp.example/?a=1&b="2"');
  });

  it('carries a signature over the POST binding that verifies with the SP certificate', () => {
    const { xml, id } = buildAuthnRequest(input());
    const received = decodePost(encodePost(signAuthnRequest(xml, id, spKey)));
    const parsed = parseAuthnRequest(received);
    expect(parsed).toMatchObject({ id, signed: true, acsUrl: 'https://sp.example/saml/acs' });
    expect(verify(received, spKey).getAttribute('ID')).toBe(id);
  });

  it('fails verification once a signed request is altered, or with another certificate', () => {
    const { xml, id } = buildAuthnRequest(input());
    const signed = signAuthnRequest(xml, id, spKey);
    const tampered = signed.replace('https://sp.example/saml/acs', 'https://evil.example/acs');
    expect(parseAuthnRequest(tampered)).toMatchObject({ signed: true, acsUrl: 'https://evil.example/acs' });
    expect(() => verify(tampered, spKey)).toThrow(expect.objectContaining({ code: 'SAML_REFUSED' }));
    expect(() => verify(signed, attackerKey)).toThrow(expect.objectContaining({ code: 'SAML_REFUSED' }));
  });

  it('refuses a root that is not a samlp:AuthnRequest', () => {
    const { xml } = buildAuthnRequest(input());
    const wrongNamespace = xml.replace(
      `xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"`,
      'xmlns:samlp="urn:evil"',
    );
    expect(() => parseAuthnRequest(wrongNamespace)).toThrow(
      expect.objectContaining({ reason: 'wrong-root' }),
    );
    expect(() =>
      parseAuthnRequest('<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'),
    ).toThrow(expect.objectContaining({ reason: 'wrong-root' }));
  });

  it.each([
    ['no Issuer', (xml: string) => xml.replace(/<saml:Issuer>.*<\/saml:Issuer>/, '')],
    ['no ID', (xml: string) => xml.replace(/ ID="[^"]*"/, '')],
    ['another Version', (xml: string) => xml.replace('Version="2.0"', 'Version="1.1"')],
    [
      'an index that is not a number',
      (xml: string) => xml.replace('ForceAuthn=', 'AssertionConsumerServiceIndex="x" a='),
    ],
  ])('refuses a request with %s as malformed', (_, edit) => {
    const { xml } = buildAuthnRequest(input({ forceAuthn: false }));
    expect(() => parseAuthnRequest(edit(xml))).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });

  it('refuses a DOCTYPE before reading anything', () => {
    const { xml } = buildAuthnRequest(input());
    expect(() => parseAuthnRequest(`<!DOCTYPE x [<!ENTITY e "e">]>${xml}`)).toThrow(
      expect.objectContaining({ reason: 'doctype' }),
    );
  });
});
