import { beforeAll, describe, expect, it } from 'vitest';
import { sharedKeyPair, type KeyPair } from './keys.js';
import {
  BINDING,
  buildIdpMetadata,
  buildSpMetadata,
  parseIdpMetadata,
  parseSpMetadata,
  type IdpMetadata,
  type SpMetadata,
} from './metadata.js';
import { NAMEID_FORMAT } from './response.js';
import { NS, childElements, parseXml } from './xml.js';

let idpKey: KeyPair;
let spKey: KeyPair;
let attackerKey: KeyPair;
beforeAll(async () => {
  [idpKey, spKey, attackerKey] = await Promise.all([
    sharedKeyPair('saml-test-idp'),
    sharedKeyPair('saml-test-sp'),
    sharedKeyPair('saml-test-attacker'),
  ]);
});

function idp(): IdpMetadata {
  return {
    entityId: 'https://idp.example/saml2/app',
    ssoUrls: {
      redirect: 'https://idp.example/saml2/app',
      post: 'https://idp.example/saml2/app?binding=post',
    },
    certificates: [idpKey.certificatePem],
    wantAuthnRequestsSigned: true,
  };
}

function sp(): SpMetadata {
  return {
    entityId: 'https://sp.example',
    acs: [
      { url: 'https://sp.example/saml/acs', binding: BINDING.post, index: 0, isDefault: true },
      { url: 'https://sp.example/saml/acs/redirect', binding: BINDING.redirect, index: 1 },
    ],
    signingCertificates: [spKey.certificatePem],
    encryptionCertificates: [attackerKey.certificatePem],
    authnRequestsSigned: true,
    wantAssertionsSigned: true,
    nameIdFormats: [NAMEID_FORMAT.emailAddress, NAMEID_FORMAT.unspecified],
  };
}

describe('metadata', () => {
  it('builds IdP metadata with a signing key, a NameID format and both SSO bindings', () => {
    const root = parseXml(buildIdpMetadata(idp())).documentElement!;
    expect(root.tagName).toBe('md:EntityDescriptor');
    expect(root.getAttribute('ID')).toMatch(/^[A-Z][A-Z0-9]{39}$/);
    const [descriptor] = childElements(root, NS.md, 'IDPSSODescriptor');
    expect(descriptor!.getAttribute('protocolSupportEnumeration')).toBe(NS.samlp);
    expect(descriptor!.getAttribute('WantAuthnRequestsSigned')).toBe('true');
    expect(childElements(descriptor!, NS.md, 'KeyDescriptor').map((key) => key.getAttribute('use'))).toEqual([
      'signing',
    ]);
    expect(descriptor!.getElementsByTagNameNS(NS.ds, 'X509Certificate').item(0)?.textContent).toBe(
      idpKey.certificateBase64,
    );
    expect(childElements(descriptor!, NS.md, 'NameIDFormat')).toHaveLength(1);
    expect(
      childElements(descriptor!, NS.md, 'SingleSignOnService').map((service) =>
        service.getAttribute('Binding'),
      ),
    ).toEqual([BINDING.redirect, BINDING.post]);
  });

  it('parses built IdP metadata back to the same fields', () => {
    expect(parseIdpMetadata(buildIdpMetadata(idp()))).toEqual(idp());
    const postOnly = {
      ...idp(),
      ssoUrls: { post: 'https://idp.example/sso' },
      wantAuthnRequestsSigned: false,
    };
    expect(parseIdpMetadata(buildIdpMetadata(postOnly))).toEqual(postOnly);
  });

  it('parses built SP metadata back to the same fields', () => {
    const xml = buildSpMetadata(sp());
    expect(xml).toContain('<md:AssertionConsumerService Binding');
    expect(parseSpMetadata(xml)).toEqual(sp());
  });

  it('counts a KeyDescriptor without use for signing and encryption', () => {
    const xml = buildSpMetadata({ ...sp(), encryptionCertificates: [] }).replace(' use="signing"', '');
    expect(parseSpMetadata(xml)).toMatchObject({
      signingCertificates: [spKey.certificatePem],
      encryptionCertificates: [spKey.certificatePem],
    });
  });

  it('verifies signed IdP metadata against the trusted certificate', () => {
    const xml = buildIdpMetadata(idp(), { key: idpKey });
    expect(xml).toContain('<ds:Signature');
    expect(parseIdpMetadata(xml, { trusted: [idpKey.certificatePem] })).toEqual(idp());
  });

  it('refuses signed IdP metadata that was altered, signed by another key, or not signed', () => {
    const trusted = { trusted: [idpKey.certificatePem] };
    const signed = buildIdpMetadata(idp(), { key: idpKey });
    const tampered = signed.replace('https://idp.example/saml2/app?binding=post', 'https://evil.example/sso');
    expect(() => parseIdpMetadata(tampered, trusted)).toThrow(
      expect.objectContaining({ code: 'SAML_REFUSED' }),
    );
    const other = buildIdpMetadata(idp(), { key: attackerKey });
    expect(() => parseIdpMetadata(other, trusted)).toThrow(expect.objectContaining({ code: 'SAML_REFUSED' }));
    expect(() => parseIdpMetadata(buildIdpMetadata(idp()), trusted)).toThrow(
      expect.objectContaining({ reason: 'signature-missing' }),
    );
  });

  it('ignores the signature when no certificate is trusted', () => {
    const tampered = buildIdpMetadata(idp(), { key: idpKey }).replace(
      'https://idp.example/saml2/app?binding=post',
      'x',
    );
    expect(parseIdpMetadata(tampered).ssoUrls.post).toBe('x');
  });

  it('refuses IdP metadata without a signing certificate or an SSO endpoint', () => {
    expect(() => parseIdpMetadata(buildIdpMetadata({ ...idp(), certificates: [] }))).toThrow(
      expect.objectContaining({ reason: 'malformed' }),
    );
    expect(() => parseIdpMetadata(buildIdpMetadata({ ...idp(), ssoUrls: {} }))).toThrow(
      expect.objectContaining({ reason: 'malformed' }),
    );
  });

  it('refuses a document that is not an EntityDescriptor', () => {
    expect(() => parseSpMetadata(`<md:EntitiesDescriptor xmlns:md="${NS.md}"/>`)).toThrow(
      expect.objectContaining({ reason: 'wrong-root' }),
    );
  });

  it('escapes what it writes', () => {
    const xml = buildSpMetadata({ ...sp(), entityId: 'https://sp.example/?a=1&b=<2>' });
    expect(xml).toContain('entityID="https://sp.example/?a=1&amp;b=&lt;2&gt;"');
    expect(parseSpMetadata(xml).entityId).toBe('https://sp.example/?a=1&b=<2>');
  });
});
