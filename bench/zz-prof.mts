import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import { SignedXml } from 'xml-crypto';
import { sharedKeyPair } from '../harness/saml/keys.js';
import { buildResponse } from '../harness/saml/response.js';
import { validateResponse } from '../harness/saml/validate-response.js';
const key = await sharedKeyPair('bench-idp', { commonName: 'JumpCloud' });
const { xml } = await buildResponse({
  issuer: 'https://idp', destination: 'https://sp.example.com/acs', audience: 'https://sp.example.com', inResponseTo: 'R1',
  nameId: { value: 'alice@example.com' }, attributes: [{ name: 'email', values: ['alice@example.com'] }, { name: 'groups', values: ['a', 'b'] }], now: new Date(),
}, { key, signAssertion: true, signResponse: false });
const which = process.argv[2];
const policy = { idpEntityId: 'https://idp', trusted: [key.certificatePem], spEntityId: 'https://sp.example.com', acsUrl: 'https://sp.example.com/acs', now: () => new Date(), outstandingRequests: new Set(['R1']) };
const t0 = Date.now(); let n = 0;
while (Date.now() - t0 < 3000) {
  if (which === 'base') {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const sig = xpath.select1("//*[local-name(.)='Signature' and namespace-uri(.)='http://www.w3.org/2000/09/xmldsig#']", doc) as Node;
    const s = new SignedXml({ publicCert: key.certificatePem }); s.loadSignature(sig); if (!s.checkSignature(xml)) throw new Error('x');
  } else await validateResponse(xml, policy);
  n++;
}
console.log(which, n / 3);
