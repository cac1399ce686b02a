import { beforeAll, describe, expect, it } from 'vitest';
import { decryptAssertion } from './encrypt.js';
import { sharedKeyPair, type KeyPair } from './keys.js';
import {
  Markup,
  NAMEID_FORMAT,
  STATUS_SUCCESS,
  buildResponse,
  newSamlId,
  writeElement,
  type ResponseInput,
  type SigningPolicy,
} from './response.js';
import { NS, childElements, onlyChild, parseXml } from './xml.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const HOSTILE = `<script>&"'`;

let idpKey: KeyPair;
let spKey: KeyPair;
beforeAll(async () => {
  [idpKey, spKey] = await Promise.all([sharedKeyPair('saml-test-idp'), sharedKeyPair('saml-test-sp')]);
});

function input(overrides: Partial<ResponseInput> = {}): ResponseInput {
  return {
    issuer: 'https://idp.example/saml2/app',
    destination: 'https://sp.example/saml/acs',
    audience: 'https://sp.example',
    inResponseTo: 'REQ-1',
    nameId: { value: 'ada@example.com' },
    attributes: [
      { name: 'email', values: ['ada@example.com'] },
      { name: 'note', values: [HOSTILE] },
    ],
    now: NOW,
    ...overrides,
  };
}

function signing(overrides: Partial<SigningPolicy> = {}): SigningPolicy {
  return { key: idpKey, signAssertion: true, signResponse: false, ...overrides };
}

/** The element at a path of saml2 / saml2p children below `from`. */
function at(from: Element, ...path: string[]): Element {
  return path.reduce(
    (element, step) =>
      onlyChild(element, step === 'Status' || step === 'StatusCode' ? NS.samlp : NS.saml, step, 'malformed'),
    from,
  );
}

/** Tag names of the element children (xmldom 0.8 has no firstElementChild). */
function names(element: Element): string[] {
  return Array.from(element.childNodes)
    .filter((node): node is Element => node.nodeType === 1)
    .map((child) => child.tagName);
}

describe('buildResponse', () => {
  it('uses the saml2p and saml2 prefixes with the assertion signed right after its Issuer', async () => {
    const { xml } = await buildResponse(input(), signing());
    const response = parseXml(xml).documentElement!;
    expect(response.tagName).toBe('saml2p:Response');
    expect(names(response)).toEqual(['saml2:Issuer', 'saml2p:Status', 'saml2:Assertion']);
    expect(names(at(response, 'Assertion'))).toEqual([
      'saml2:Issuer',
      'ds:Signature',
      'saml2:Subject',
      'saml2:Conditions',
      'saml2:AuthnStatement',
      'saml2:AttributeStatement',
    ]);
  });

  it('writes 40-character upper-case alphanumeric IDs that start with a letter', async () => {
    const ids = Array.from({ length: 500 }, () => newSamlId());
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9]{39}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const { xml, responseId, assertionId } = await buildResponse(input(), signing());
    const response = parseXml(xml).documentElement!;
    expect(response.getAttribute('ID')).toBe(responseId);
    expect(at(response, 'Assertion').getAttribute('ID')).toBe(assertionId);
    expect(responseId).not.toBe(assertionId);
  });

  it('stamps ISO instants with milliseconds and a window of five minutes either side', async () => {
    const { xml } = await buildResponse(input(), signing());
    const response = parseXml(xml).documentElement!;
    const assertion = at(response, 'Assertion');
    expect(response.getAttribute('IssueInstant')).toBe('2025-03-01T12:00:00.000Z');
    expect(assertion.getAttribute('IssueInstant')).toBe('2025-03-01T12:00:00.000Z');
    expect(at(assertion, 'Conditions').getAttribute('NotBefore')).toBe('2025-03-01T11:55:00.000Z');
    expect(at(assertion, 'Conditions').getAttribute('NotOnOrAfter')).toBe('2025-03-01T12:05:00.000Z');
    const data = at(assertion, 'Subject', 'SubjectConfirmation', 'SubjectConfirmationData');
    expect(data.getAttribute('NotOnOrAfter')).toBe('2025-03-01T12:05:00.000Z');
    expect(at(assertion, 'AuthnStatement').getAttribute('AuthnInstant')).toBe('2025-03-01T12:00:00.000Z');
  });

  it('honours a custom validity window', async () => {
    const { xml } = await buildResponse(input({ notBeforeSkewSeconds: 60, lifetimeSeconds: 120 }), signing());
    const conditions = at(parseXml(xml).documentElement!, 'Assertion', 'Conditions');
    expect(conditions.getAttribute('NotBefore')).toBe('2025-03-01T11:59:00.000Z');
    expect(conditions.getAttribute('NotOnOrAfter')).toBe('2025-03-01T12:02:00.000Z');
  });

  it('writes the JumpCloud shape: entity Issuers, bearer confirmation, audience, session and attributes', async () => {
    const { xml } = await buildResponse(
      input({
        sessionIndex: 'SESSION-1',
        newId: (
          (n) => () =>
            `ID${(n += 1)}`
        )(0),
      }),
      signing(),
    );
    const response = parseXml(xml).documentElement!;
    const assertion = at(response, 'Assertion');
    expect(at(response, 'Issuer').getAttribute('Format')).toBe(NAMEID_FORMAT.entity);
    expect(at(assertion, 'Issuer').getAttribute('Format')).toBe(NAMEID_FORMAT.entity);
    expect(at(assertion, 'Issuer').textContent).toBe('https://idp.example/saml2/app');
    expect(at(response, 'Status', 'StatusCode').getAttribute('Value')).toBe(STATUS_SUCCESS);
    expect(response.getAttribute('Destination')).toBe('https://sp.example/saml/acs');
    expect(response.getAttribute('Version')).toBe('2.0');
    expect(at(assertion, 'Subject', 'NameID').getAttribute('Format')).toBe(NAMEID_FORMAT.unspecified);
    expect(at(assertion, 'Subject', 'NameID').textContent).toBe('ada@example.com');
    const confirmation = at(assertion, 'Subject', 'SubjectConfirmation');
    expect(confirmation.getAttribute('Method')).toBe('urn:oasis:names:tc:SAML:2.0:cm:bearer');
    expect(at(confirmation, 'SubjectConfirmationData').getAttribute('Recipient')).toBe(
      'https://sp.example/saml/acs',
    );
    expect(at(assertion, 'Conditions', 'AudienceRestriction', 'Audience').textContent).toBe(
      'https://sp.example',
    );
    expect(at(assertion, 'AuthnStatement').getAttribute('SessionIndex')).toBe('SESSION-1');
    expect(at(assertion, 'AuthnStatement', 'AuthnContext', 'AuthnContextClassRef').textContent).toBe(
      'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
    );
    const email = childElements(at(assertion, 'AttributeStatement'), NS.saml, 'Attribute')[0]!;
    expect(email.getAttribute('Name')).toBe('email');
    expect(email.getAttribute('NameFormat')).toBe('urn:oasis:names:tc:SAML:2.0:attrname-format:basic');
    expect(at(email, 'AttributeValue').getAttributeNS(NS.xsi, 'type')).toBe('xs:string');
    expect(response.getAttribute('ID')).toBe('ID1');
    expect(assertion.getAttribute('ID')).toBe('ID2');
  });

  it('escapes attribute values, names and the NameID', async () => {
    const { xml } = await buildResponse(
      input({
        nameId: { value: `ada&bob@example.com` },
        attributes: [{ name: `x"><y a='`, values: [HOSTILE, 'line\r\nbreak'] }],
      }),
      signing({ signAssertion: false }),
    );
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;&amp;&quot;&apos;');
    const assertion = at(parseXml(xml).documentElement!, 'Assertion');
    expect(at(assertion, 'Subject', 'NameID').textContent).toBe('ada&bob@example.com');
    const attribute = at(assertion, 'AttributeStatement', 'Attribute');
    expect(attribute.getAttribute('Name')).toBe(`x"><y a='`);
    expect(childElements(attribute, NS.saml, 'AttributeValue').map((value) => value.textContent)).toEqual([
      HOSTILE,
      'line\r\nbreak',
    ]);
  });

  it('sets InResponseTo on the Response and the confirmation only when solicited', async () => {
    const solicited = parseXml((await buildResponse(input(), signing())).xml).documentElement!;
    expect(solicited.getAttribute('InResponseTo')).toBe('REQ-1');
    const data = at(solicited, 'Assertion', 'Subject', 'SubjectConfirmation', 'SubjectConfirmationData');
    expect(data.getAttribute('InResponseTo')).toBe('REQ-1');

    const unsolicited = await buildResponse(input({ inResponseTo: undefined }), signing());
    expect(unsolicited.xml).not.toContain('InResponseTo');
  });

  it('signs the Response right after its Issuer when the policy asks, and leaves the assertion unsigned', async () => {
    const { xml } = await buildResponse(input(), signing({ signAssertion: false, signResponse: true }));
    const response = parseXml(xml).documentElement!;
    expect(names(response)).toEqual(['saml2:Issuer', 'ds:Signature', 'saml2p:Status', 'saml2:Assertion']);
    expect(childElements(at(response, 'Assertion'), NS.ds, 'Signature')).toHaveLength(0);
  });

  it('signs both with RSA-SHA256 by default, or with the algorithm asked for', async () => {
    const both = await buildResponse(input(), signing({ signResponse: true }));
    expect(both.xml.match(/<ds:Signature /g)).toHaveLength(2);
    expect(both.xml).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const sha1 = await buildResponse(input(), signing({ algorithm: 'rsa-sha1' }));
    expect(sha1.xml).toContain('http://www.w3.org/2000/09/xmldsig#rsa-sha1');
  });

  it('writes the status code given, still with its assertion', async () => {
    const status = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
    const response = parseXml(
      (await buildResponse(input({ statusCode: status }), signing())).xml,
    ).documentElement!;
    expect(at(response, 'Status', 'StatusCode').getAttribute('Value')).toBe(status);
    expect(childElements(response, NS.saml, 'Assertion')).toHaveLength(1);
  });

  it('encrypts the signed assertion into saml2:EncryptedAssertion', async () => {
    const { xml, assertionId } = await buildResponse(input(), signing(), spKey.certificatePem);
    expect(xml).not.toContain('ada@example.com');
    const response = parseXml(xml).documentElement!;
    expect(childElements(response, NS.saml, 'Assertion')).toHaveLength(0);
    const encrypted = at(response, 'EncryptedAssertion');
    expect(encrypted.tagName).toBe('saml2:EncryptedAssertion');
    const assertion = parseXml(await decryptAssertion(encrypted, spKey)).documentElement!;
    expect(assertion.getAttribute('ID')).toBe(assertionId);
    expect(childElements(assertion, NS.ds, 'Signature')).toHaveLength(1);
  });
});

describe('writeElement', () => {
  it('escapes text and attributes but splices markup as it is', () => {
    const inner = writeElement('b', {}, '1 < 2');
    expect(
      writeElement('a', { x: `"tab\there"`, skipped: undefined, n: 3, flag: true }, inner, ' & ', false).xml,
    ).toBe('<a x="&quot;tab&#x9;here&quot;" n="3" flag="true"><b>1 &lt; 2</b> &amp; </a>');
    expect(writeElement('empty', {}).xml).toBe('<empty/>');
    expect(Markup.fragment('<?xml version="1.0"?>\n<c/>').xml).toBe('<c/>');
  });
});
