/**
 * The SAML-level garbage for an SP's ACS, each case made from a legitimately signed Response of its
 * own (an accepted one is spent): no, two or forged Assertions, missing or foreign signatures,
 * wrong Destination, Issuer, Audience, Recipient, times, InResponseTo and NameID, replays,
 * comment and CDATA tricks in signed text, and outer-document tricks around a valid message.
 * @see SAML 2.0 Profiles §4.1.4.3; SAML 2.0 Core §2.3.3, §3.2.2, §3.3.3, §5.4; Bindings §3.5.5.2
 */
import { buildAuthnRequest, buildLogoutRequest, signXml } from '#harness/saml';
import { field } from './saml-corpus-acs.js';
import type { ResponseOptions, SpKit } from './saml-corpus-env.js';
import { MARK, b64, post, tagged, times, type Case, type Expect } from './saml-corpus-support.js';

const ASSERTION = /<saml2:Assertion\b[\s\S]*<\/saml2:Assertion>/;
const SIGNATURE = /<ds:Signature\b[\s\S]*?<\/ds:Signature>/;
const END = '</saml2p:Response>';

const assertionOf = (xml: string): string => ASSERTION.exec(xml)?.[0] ?? '';
/** `markup` right after the Response's own Issuer (the first one in the document). */
const afterIssuer = (xml: string, markup: string): string =>
  xml.replace('</saml2:Issuer>', `</saml2:Issuer>${markup}`);
const beforeEnd = (xml: string, markup: string): string => {
  const at = xml.lastIndexOf(END);
  return `${xml.slice(0, at)}${markup}${xml.slice(at)}`;
};
const rootAttributes = (xml: string, attributes: string): string =>
  xml.replace('<saml2p:Response ', `<saml2p:Response ${attributes} `);

interface Spec {
  label: string;
  build: () => Promise<string>;
  expect?: Expect;
  onlyAs?: string;
}

/** SAML-level garbage, each case made from a legitimately signed Response of its own. */
export async function acsSamlCases(kit: SpKit, spent: string, canary: string): Promise<Case[]> {
  const { member, outsider } = kit;
  const hour = 3_600_000;
  const legit =
    (options: ResponseOptions = {}) =>
    () =>
      kit.legit(options);
  /** Changed before the assertion is encrypted (where the SP needs it encrypted). */
  const inner =
    (change: (xml: string) => string | Promise<string>, options: ResponseOptions = {}) =>
    async () =>
      kit.seal(await change(await kit.plain(options)));
  /** Changed after: the outer document, as it travels. */
  const outer =
    (change: (xml: string) => string, options: ResponseOptions = {}) =>
    async () =>
      change(await kit.legit(options));
  /** Built with `element` unsigned, changed at the source, then `element` signed by the IdP's key. */
  const resigned = (change: (xml: string) => string, element: 'Assertion' | 'Response') => async () => {
    const xml = change(
      await kit.plain({ signing: { signAssertion: element === 'Response', signResponse: false } }),
    );
    const id = new RegExp(`<saml2p?:${element} [^>]*\\bID="([^"]*)"`).exec(xml)?.[1] ?? '';
    return kit.seal(signXml(xml, id, kit.idpKey));
  };
  const forged = async (): Promise<string> =>
    assertionOf(await kit.plain({ email: outsider, signing: { signAssertion: false, signResponse: false } }));
  const unlessEither: Expect =
    kit.requireSigned === 'either' || kit.requireSigned === 'response' ? 'any' : 'refused';
  const nameIdOnly: Expect = kit.nameIdIdentity ? 'refused' : 'any';
  const dressed = `${member}.evil.test`;
  const specs: Spec[] = [
    { label: 'no Assertion', build: inner((xml) => xml.replace(ASSERTION, '')) },
    {
      label: 'two signed Assertions',
      build: inner(async (xml) => afterIssuer(xml, assertionOf(await kit.plain()))),
    },
    {
      label: 'a forged Assertion after the signed one',
      build: inner(async (xml) => beforeEnd(xml, await forged())),
    },
    {
      label: 'a forged Assertion before the signed one',
      build: inner(async (xml) => afterIssuer(xml, await forged())),
    },
    {
      label: 'the signed Assertion in Extensions, a forged one in its place',
      build: inner(async (xml) =>
        afterIssuer(
          xml.replace(ASSERTION, await forged()),
          `<saml2p:Extensions>${assertionOf(xml)}</saml2p:Extensions>`,
        ),
      ),
    },
    { label: 'unsigned', build: legit({ signing: { signAssertion: false, signResponse: false } }) },
    {
      label: 'only the Response signed',
      build: legit({ signing: { signAssertion: false, signResponse: true } }),
      expect: unlessEither,
    },
    { label: 'signed with an unknown key', build: legit({ signing: { key: kit.strangerKey } }) },
    {
      label: 'both signed with an unknown key',
      build: legit({ signing: { key: kit.strangerKey, signResponse: true } }),
    },
    { label: 'signed with RSA-SHA1', build: legit({ signing: { algorithm: 'rsa-sha1' } }) },
    { label: 'a wrong Destination', build: legit({ input: { destination: 'https://evil.test/acs' } }) },
    { label: 'a wrong Issuer', build: legit({ input: { issuer: 'https://evil.test/idp' } }) },
    { label: 'a wrong Audience', build: legit({ input: { audience: 'https://evil.test/sp' } }) },
    { label: 'a wrong Recipient', build: legit({ input: { recipient: 'https://evil.test/acs' } }) },
    { label: 'expired an hour ago', build: legit({ input: { now: new Date(Date.now() - hour) } }) },
    { label: 'issued an hour ahead', build: legit({ input: { now: new Date(Date.now() + hour) } }) },
    { label: 'valid for a year', build: legit({ input: { lifetimeSeconds: 31_536_000 } }), expect: 'any' },
    {
      label: 'InResponseTo an unknown request',
      build: legit({ input: { inResponseTo: '_corpus-unknown' } }),
    },
    { label: 'InResponseTo 10 KB', build: legit({ input: { inResponseTo: `_${'i'.repeat(10_000)}` } }) },
    { label: 'NameID empty', build: legit({ nameId: '' }), expect: nameIdOnly },
    { label: 'NameID whitespace', build: legit({ nameId: ' \n ' }), expect: nameIdOnly },
    {
      label: 'NameID 10 KB',
      build: legit({ nameId: `${'n'.repeat(10_000)}@example.com` }),
      expect: nameIdOnly,
    },
    {
      label: 'a control character in the Issuer',
      build: outer((xml) => xml.replace('</saml2:Issuer>', '\u0007</saml2:Issuer>')),
    },
    {
      label: 'a SessionIndex of 10 KB',
      build: legit({ input: { sessionIndex: `_${'s'.repeat(10_000)}` } }),
      expect: 'any',
    },
    {
      label: 'Status Requester',
      build: legit({ input: { statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Requester' } }),
    },
    { label: 'Status a made-up URI', build: legit({ input: { statusCode: 'urn:corpus:status:Fine' } }) },
    { label: 'Version 1.1', build: outer((xml) => xml.replace('Version="2.0"', 'Version="1.1"')) },
    {
      label: 'a signed Assertion of Version 1.1',
      build: resigned(
        (xml) => xml.replace(/(<saml2:Assertion [^>]*)Version="2\.0"/, '$1Version="1.1"'),
        'Assertion',
      ),
    },
    {
      label: 'a signed Response without a Destination',
      build: resigned((xml) => xml.replace(/ Destination="[^"]*"/, ''), 'Response'),
    },
    {
      label: 'the NameID changed after signing',
      build: inner((xml) => xml.replaceAll(member, outsider)),
      onlyAs: member,
    },
    {
      label: 'an attribute added after signing',
      build: inner((xml) =>
        xml
          .replace('</saml2:Subject>', `</saml2:Subject><!--${MARK}-->`)
          .replace('<saml2:Conditions', '<saml2:Conditions x="1"'),
      ),
    },
    {
      label: 'the SignatureValue zeroed',
      build: inner((xml) => xml.replace(/<ds:SignatureValue>[^<]*/, '<ds:SignatureValue>AAAA')),
    },
    {
      label: 'the digest of another Response',
      build: inner(async (xml) => {
        const other = /<ds:DigestValue>[^<]*/.exec(await kit.plain())?.[0] ?? '';
        return xml.replace(/<ds:DigestValue>[^<]*/, other);
      }),
    },
    {
      label: 'the signature moved to the Response',
      build: inner((xml) => afterIssuer(xml.replace(SIGNATURE, ''), SIGNATURE.exec(xml)?.[0] ?? '')),
    },
    {
      label: 'the Response ID equal to the Assertion ID',
      build: inner((xml) =>
        xml.replace(/ID="[^"]*"/, `ID="${/<saml2:Assertion[^>]* ID="([^"]*)"/.exec(xml)?.[1] ?? ''}"`),
      ),
      // Encrypted, the Assertion is a document of its own once decrypted: its ID is unique there
      // (XML IDs are unique per document), and the SP reads it signed, so accepting it is no wrapping.
      expect: kit.encrypts ? 'any' : 'refused',
    },
    { label: 'a Response already consumed (replay)', build: () => Promise.resolve(spent) },
    {
      label: 'a NameID truncated by a comment',
      build: inner((xml) => xml.replaceAll(dressed, `${member}<!---->.evil.test`), { email: dressed }),
      expect: kit.jit ? 'any' : 'refused',
      onlyAs: dressed,
    },
    {
      label: 'the signed NameID as CDATA',
      build: inner((xml) =>
        xml.replace(`>${member}</saml2:NameID>`, `><![CDATA[${member}]]></saml2:NameID>`),
      ),
      expect: 'any',
    },
    {
      label: 'a DOCTYPE before the message',
      build: outer((xml) => `<!DOCTYPE r [<!ENTITY e "${MARK}">]>${xml}`),
    },
    {
      label: 'an external entity in the Issuer',
      build: outer(
        (xml) =>
          `<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml.replace(/(<saml2:Issuer[^>]*>)[^<]*/, '$1&e;')}`,
      ),
    },
    {
      label: 'a processing instruction after the root',
      build: outer((xml) => `${xml}<?corpus pi?>`),
      expect: 'any',
    },
    { label: 'a comment after the root', build: outer((xml) => `${xml}<!-- corpus -->`), expect: 'any' },
    { label: 'text after the root', build: outer((xml) => `${xml}trailing`) },
    {
      label: 'a second root',
      build: outer((xml) => `${xml}<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol"/>`),
    },
    {
      label: 'XInclude in the Response',
      build: outer((xml) =>
        afterIssuer(xml, `<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${canary}/acs"/>`),
      ),
      expect: 'any',
    },
    {
      label: 'xsi:schemaLocation on the Response',
      build: outer((xml) =>
        rootAttributes(
          xml,
          `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:x ${canary}/s.xsd"`,
        ),
      ),
      expect: 'any',
    },
    {
      label: 'nesting 1,000 deep in Extensions',
      build: outer((xml) =>
        afterIssuer(
          xml,
          `<saml2p:Extensions>${'<x>'.repeat(1_000)}${'</x>'.repeat(1_000)}</saml2p:Extensions>`,
        ),
      ),
    },
    {
      label: '10,000 attributes on the Response',
      build: outer((xml) => rootAttributes(xml, times(10_000, (n) => `c${n}="x"`).join(' '))),
      expect: 'any',
    },
    {
      label: '200 KB of text in Extensions',
      build: outer((xml) =>
        afterIssuer(xml, `<saml2p:Extensions>${'t'.repeat(200_000)}</saml2p:Extensions>`),
      ),
      expect: 'any',
    },
    {
      label: 'xmlns="" on the Response',
      build: outer((xml) => rootAttributes(xml, 'xmlns=""')),
      expect: 'any',
    },
    {
      label: 'the saml2 prefix redefined on the Status',
      build: outer((xml) => xml.replace('<saml2p:Status>', '<saml2p:Status xmlns:saml2="urn:evil">')),
      expect: 'any',
    },
    { label: 'a UTF-8 BOM', build: outer((xml) => `\ufeff${xml}`), expect: 'any' },
    {
      label: 'declared UTF-16',
      build: outer((xml) => `<?xml version="1.0" encoding="UTF-16"?>${xml}`),
      expect: 'any',
    },
    { label: 'the Assertion alone', build: async () => assertionOf(await kit.plain()) },
    {
      label: 'an AuthnRequest',
      build: () =>
        Promise.resolve(
          buildAuthnRequest({ issuer: kit.spEntityId, destination: kit.acsUrl, now: new Date() }).xml,
        ),
    },
    {
      label: 'a LogoutRequest',
      build: () =>
        Promise.resolve(
          buildLogoutRequest({
            issuer: kit.idpEntityId,
            destination: kit.acsUrl,
            nameId: { value: member },
            now: new Date(),
          }).xml,
        ),
    },
  ];
  const cases: Case[] = [];
  for (const spec of specs)
    cases.push(
      post(spec.label, field(b64(await spec.build())), {
        expect: spec.expect ?? 'refused',
        onlyAs: spec.onlyAs ?? member,
      }),
    );
  return tagged('saml', cases);
}
