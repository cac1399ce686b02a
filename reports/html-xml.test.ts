import { expect, test } from 'vitest';
import { PRETTY_XML_LIMIT, prettyXml } from './html-xml.js';

test('indents nested elements and keeps an element without child elements on one line', () => {
  const xml =
    '<samlp:Response ID="_r"><saml:Issuer>idp</saml:Issuer><saml:Assertion ID="_a"><saml:Subject>' +
    '<saml:NameID>ada@example.com</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>';
  expect(prettyXml(xml)).toBe(
    [
      '<samlp:Response ID="_r">',
      '  <saml:Issuer>idp</saml:Issuer>',
      '  <saml:Assertion ID="_a">',
      '    <saml:Subject>',
      '      <saml:NameID>ada@example.com</saml:NameID>',
      '    </saml:Subject>',
      '  </saml:Assertion>',
      '</samlp:Response>',
    ].join('\n'),
  );
});

test('keeps what attacks send: a DOCTYPE, a comment inside a value, CDATA, two roots', () => {
  const xml =
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><r><n>admin@example.com<!---->.evil.example</n>' +
    '<!-- wrapped --><c><![CDATA[ <b> ]]></c><e a="1 > 0"/></r><r/>';
  expect(prettyXml(xml)).toBe(
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE r [<!ENTITY e "x">]>',
      '<r>',
      '  <n>admin@example.com<!---->.evil.example</n>',
      '  <!-- wrapped -->',
      '  <c><![CDATA[ <b> ]]></c>',
      '  <e a="1 > 0"/>',
      '</r>',
      '<r/>',
    ].join('\n'),
  );
});

test('puts the attributes of a long start tag on lines of their own', () => {
  const open =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" ' +
    'IssueInstant="2025-01-02T03:04:05Z" Destination="https://sp.example.com/acs">';
  expect(prettyXml(`${open}<x/></samlp:Response>`)).toBe(
    [
      '<samlp:Response',
      '    xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"',
      '    ID="_r1"',
      '    Version="2.0"',
      '    IssueInstant="2025-01-02T03:04:05Z"',
      '    Destination="https://sp.example.com/acs">',
      '  <x/>',
      '</samlp:Response>',
    ].join('\n'),
  );
});

test('drops only the whitespace between tags, so laying out again changes nothing', () => {
  const xml = '<a>\n  <b>one</b>\n\n  <c>\n <d/>  </c>  text between  </a>';
  const once = prettyXml(xml)!;
  expect(once).toBe('<a>\n  <b>one</b>\n  <c>\n    <d/>\n  </c>\n  text between\n</a>');
  expect(prettyXml(once)).toBe(once);
});

test('gives up on what it cannot follow, so the page shows it as it came', () => {
  expect(prettyXml('<a><b></a></b>')).toBeUndefined();
  expect(prettyXml('<a><b>')).toBeUndefined();
  expect(prettyXml('<a>1 < 2</a>')).toBeUndefined();
  expect(prettyXml('{"not":"xml"}')).toBeUndefined();
  expect(prettyXml('<!-- only a comment -->')).toBeUndefined();
  expect(prettyXml(`<a>${'x'.repeat(PRETTY_XML_LIMIT)}</a>`)).toBeUndefined();
});
