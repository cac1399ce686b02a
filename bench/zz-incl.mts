import { SignedXml } from 'xml-crypto';
import { sharedKeyPair } from '../harness/saml/keys.js';
const key = await sharedKeyPair('x');
const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="R1"><saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="A1"><saml2:Issuer>i</saml2:Issuer><saml2:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">v</saml2:AttributeValue></saml2:Assertion></samlp:Response>`;
const s = new SignedXml({ privateKey: key.privateKey, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#', inclusiveNamespacesPrefixList: ['xs'] });
s.addReference({ xpath: "//*[@ID='A1']", transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256', inclusiveNamespacesPrefixList: ['xs', 'saml2'] });
s.computeSignature(xml, { prefix: 'ds', location: { reference: "//*[@ID='A1']/*[local-name(.)='Issuer']", action: 'after' } });
console.log(s.getSignedXml());
