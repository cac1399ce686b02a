import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import { SignedXml } from 'xml-crypto';
import { sharedKeyPair } from '../harness/saml/keys.js';
import { buildResponse } from '../harness/saml/response.js';
import { validateResponse } from '../harness/saml/validate-response.js';

const key = await sharedKeyPair('bench-idp', { commonName: 'JumpCloud', organizationalUnit: 'JumpCloudSAMLIdP' });
const now = new Date();
const { xml } = await buildResponse({
  issuer: 'https://sso.jumpcloud.com/saml2/bench', destination: 'https://sp.example.com/acs', audience: 'https://sp.example.com',
  inResponseTo: 'ONELOGIN_req1',
  nameId: { value: 'alice@example.com', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' },
  attributes: [{ name: 'email', values: ['alice@example.com'] }, { name: 'firstName', values: ['Alice'] }, { name: 'lastName', values: ['Example'] }, { name: 'groups', values: ['engineering', 'admins'] }],
  now,
}, { key, signAssertion: true, signResponse: false });
console.log(xml.length);
function baseline() {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const sig = xpath.select1("//*[local-name(.)='Signature' and namespace-uri(.)='http://www.w3.org/2000/09/xmldsig#']", doc) as Node;
  const s = new SignedXml({ publicCert: key.certificatePem });
  s.loadSignature(sig);
  if (!s.checkSignature(xml)) throw new Error('bad');
}
const policy = { idpEntityId: 'https://sso.jumpcloud.com/saml2/bench', trusted: [key.certificatePem], spEntityId: 'https://sp.example.com', acsUrl: 'https://sp.example.com/acs', now: () => new Date(), outstandingRequests: new Set(['ONELOGIN_req1']) };
async function run(name: string, fn: () => unknown) {
  let end = Date.now() + 1000; while (Date.now() < end) await fn();
  let n = 0; const start = process.hrtime.bigint(); end = Date.now() + 2000;
  while (Date.now() < end) { await fn(); n++; }
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(name, Math.round(n / s));
}
await run('baseline', baseline);
await run('validateResponse', () => validateResponse(xml, policy));
