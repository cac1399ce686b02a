import { describe, expect, it } from 'vitest';
import { createKeyPair, sharedKeyPair } from '#harness/saml';
import { validateResponse } from '#harness/saml';
import { catalog } from '../../mock-sps/registry.js';
import type { DirectoryUser } from './directory.js';
import { IdpError, ReferenceIdp } from './reference-idp.js';

const NOW = new Date('2026-01-15T10:00:00.000Z');
const ACS = 'https://sp.test/acs';

function user(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: 'u000001',
    username: 'alice@example.com',
    email: 'alice@example.com',
    firstname: 'Alice',
    lastname: 'Liddell',
    suspended: false,
    passwordExpired: false,
    ...overrides,
  };
}

describe('ApplicationSso', () => {
  it('takes the slug from the name and refuses a slug another application uses', () => {
    const idp = new ReferenceIdp();
    expect(idp.createApplication(catalog.outreach!, 'Outreach EU').sso.slug).toBe('outreach-eu');
    expect(idp.createApplication(catalog.salesforce!).sso.slug).toBe('salesforce');
    expect(() => idp.createApplication(catalog.sparkpost!, 'other', { slug: 'Salesforce' })).toThrow(
      /slug 'Salesforce' is used by application 'salesforce'; slugs are unique across applications \(IDP-SSO-01\)/,
    );
    expect(() => idp.createApplication(catalog.sparkpost!, 'x', { slug: '../admin' })).toThrow(IdpError);
  });

  it('refuses to edit the slug, saying to delete and recreate the application', () => {
    const app = new ReferenceIdp().createApplication(catalog.outreach!);
    const message =
      /cannot be edited after the application is created \(IDP-SSO-01\); to use 'new', delete the application and recreate it/;
    expect(() => app.sso.update({ slug: 'new' })).toThrow(message);
    expect(() => {
      app.sso.slug = 'new';
    }).toThrow(IdpError);
    expect(app.sso.slug).toBe('outreach');
  });

  it('lets a JIT-required attribute be toggled off and re-sourced, but not renamed or removed', () => {
    const app = new ReferenceIdp().createApplication(catalog.outreach!);
    app.sso.editAttribute('first_name', { enabled: false });
    app.sso.editAttribute('email', { source: { constant: 'shared@example.com' } });
    expect(app.sso.assertionFor(user()).attributes).toEqual([
      { name: 'email', values: ['shared@example.com'] },
      { name: 'last_name', values: ['Liddell'] },
    ]);
    expect(() => app.sso.editAttribute('last_name', { name: 'surname' })).toThrow(
      /The JIT-required attribute 'last_name' of outreach can't be renamed or removed \(IDP-SSO-06\)/,
    );
    expect(() => app.sso.removeAttribute('email')).toThrow(/can't be renamed or removed/);
    expect(() =>
      app.sso.addAttribute({ name: 'title', source: { property: 'jobTitle' }, jitRequired: true }),
    ).toThrow(/only the catalogue's rows are/);
    app.sso.addAttribute({ name: 'title', source: { property: 'jobTitle' } });
    app.sso.removeAttribute('title');
    expect(app.sso.settings.attributes.map((row) => [row.name, row.enabled, row.jitRequired])).toEqual([
      ['email', true, true],
      ['first_name', false, true],
      ['last_name', true, true],
    ]);
  });

  it('changes nothing when an edit is refused', () => {
    const app = new ReferenceIdp().createApplication(catalog.profitco!);
    const before = app.sso.settings;
    expect(() => app.sso.update({ relayState: '/ok', signAssertion: false })).toThrow(/sign one or both/);
    expect(() => app.sso.update({ spCertificatePem: 'not a certificate' })).toThrow(
      /not a PEM X.509 certificate/,
    );
    expect(() => app.sso.update({ acsUrls: ['javascript:alert(1)'] })).toThrow(/must be an http\(s\) URL/);
    expect(() => app.sso.update({ relayState: 'x'.repeat(81) })).toThrow(/at most 80/);
    expect(app.sso.settings).toBe(before);
    expect(Object.isFrozen(app.sso.settings.attributes[0])).toBe(true);
  });

  it('starts Salesforce with its SF-18 attributes, and encrypts to the one uploaded SP certificate', async () => {
    const app = new ReferenceIdp().createApplication(catalog.salesforce!);
    expect(app.sso.settings).toMatchObject({
      idpEntityId: 'JumpCloud',
      spEntityId: 'https://saml.salesforce.com',
      signAssertion: true,
      signResponse: false,
      algorithm: 'rsa-sha256',
    });
    expect(app.sso.signedRequests).toBe(true);
    expect([...app.sso.jitRequired]).toEqual([
      'User.Username',
      'User.Email',
      'User.LastName',
      'User.FirstName',
      'User.ProfileId',
      'User.FederationIdentifier',
    ]);
    const { certificatePem } = await sharedKeyPair('sp-test', { commonName: 'sp.test' });
    app.sso.update({ spCertificatePem: certificatePem });
    expect(app.sso.settings.encryptionCertificatePem).toBe(certificatePem);
  });

  it('starts Profit.co with the PCO-01 NameID, algorithm, signed assertion and username attribute', () => {
    const app = new ReferenceIdp().createApplication(catalog.profitco!);
    expect(app.sso.settings).toMatchObject({
      spEntityId: 'urn:profit-prod:profit-prod-sso-auth',
      nameId: {
        source: { property: 'email' },
        format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      },
      algorithm: 'rsa-sha256',
      signAssertion: true,
    });
    expect(app.sso.assertionFor(user())).toEqual({
      nameId: {
        value: 'alice@example.com',
        format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      },
      attributes: [{ name: 'username', values: ['alice@example.com'] }],
    });
    expect(app.sso.jitRequired.size).toBe(0);
  });

  it('refuses identity management for an application the catalogue offers SSO only for', async () => {
    const idp = new ReferenceIdp();
    const app = idp.createApplication(catalog.outreach!);
    await expect(idp.activateIdm(app, { baseUrl: 'https://sp.invalid', token: 't' })).rejects.toThrow(
      /offers no identity management/,
    );
    expect(app.idm).toBeUndefined();
    expect(idp.insights.ofType('idm_integration_activate')[0]).toMatchObject({ outcome: 'failure' });
  });

  it('escapes attribute values with markup in the assertion and the SP reads them back intact', async () => {
    const idp = new ReferenceIdp();
    const app = idp.createApplication(catalog.outreach!, 'outreach', {
      sso: { spEntityId: 'https://outreach.test', acsUrls: [ACS] },
    });
    const hostile = `</saml2:AttributeValue><saml2:AttributeValue>admin</saml2:AttributeValue>&"'`;
    const key = await idp.keys();
    const issued = await app.sso.issue(user({ firstname: hostile }), { acs: app.sso.acs()!, now: NOW, key });
    expect(issued.xml).toContain('&lt;/saml2:AttributeValue&gt;&lt;saml2:AttributeValue&gt;admin');
    const login = await validateResponse(issued.xml, {
      idpEntityId: 'JumpCloud',
      trusted: [key.certificatePem],
      spEntityId: 'https://outreach.test',
      acsUrl: ACS,
      now: () => NOW,
      allowUnsolicited: true,
    });
    expect(login.attributes.first_name).toEqual([hostile]);
  });

  it('signs the response too when asked, and the IdP entity ID follows the IdP option', async () => {
    const keys = await createKeyPair({ commonName: 'Other IdP', organizationalUnit: 'JumpCloudSAMLIdP' });
    const idp = new ReferenceIdp({ keys, entityId: 'https://idp.example/jc' });
    const app = idp.createApplication(catalog.sparkpost!, 'sparkpost', {
      sso: { spEntityId: 'sparkpost-sp', acsUrls: [ACS], signResponse: true },
    });
    const issued = await app.sso.issue(user(), { acs: app.sso.acs()!, now: NOW, key: await idp.keys() });
    await expect(
      validateResponse(issued.xml, {
        idpEntityId: 'https://idp.example/jc',
        trusted: [keys.certificatePem],
        spEntityId: 'sparkpost-sp',
        acsUrl: ACS,
        now: () => NOW,
        allowUnsolicited: true,
        requireSigned: 'both',
      }),
    ).resolves.toMatchObject({ nameId: 'alice@example.com' });
  });

  it('refuses to issue without a NameID value', async () => {
    const idp = new ReferenceIdp();
    const app = idp.createApplication(catalog.sparkpost!, 'sparkpost', {
      sso: { spEntityId: 'sp', acsUrls: [ACS], nameId: { source: { property: 'employeeIdentifier' } } },
    });
    await expect(
      app.sso.issue(user(), { acs: app.sso.acs()!, now: NOW, key: await idp.keys() }),
    ).rejects.toThrow(/has no value for the NameID source/);
  });
});
