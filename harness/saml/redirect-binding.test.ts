import { sign } from 'node:crypto';
import { deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedKeyPair, type KeyPair } from './keys.js';
import {
  decodeRedirect,
  encodeRedirect,
  verifyRedirectSignature,
  type DecodedRedirect,
} from './redirect-binding.js';
import { SIGNATURE_URI } from './sign.js';
import { NS, SamlError } from './xml.js';

let sp: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  [sp, stranger] = await Promise.all([
    sharedKeyPair('redirect-test-sp'),
    sharedKeyPair('redirect-test-stranger'),
  ]);
});

const REQUEST =
  `<saml2p:AuthnRequest xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" ID="R1" Version="2.0" ` +
  'IssueInstant="2024-01-01T00:00:00Z" Destination="https://idp.example.com/saml2/app">' +
  '<saml2:Issuer>https://sp.example.com</saml2:Issuer></saml2p:AuthnRequest>';

function refusal(run: () => unknown): SamlError {
  try {
    run();
  } catch (error) {
    if (error instanceof SamlError) return error;
    throw error;
  }
  throw new Error('expected a SamlError, but nothing was thrown');
}

function parameter(query: string, name: string): string {
  const part = query.split('&').find((candidate) => candidate.startsWith(`${name}=`));
  if (part === undefined) throw new Error(`no ${name} in ${query}`);
  return part.slice(name.length + 1);
}

function verifyQuery(
  query: string,
  trusted = [sp.certificatePem],
  options?: { allowSha1?: boolean },
): DecodedRedirect {
  const decoded = decodeRedirect(query);
  verifyRedirectSignature(decoded, trusted, options);
  return decoded;
}

describe('encodeRedirect and decodeRedirect', () => {
  it('round-trips a request as raw DEFLATE, base64 and URL encoding', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, {
      relayState: 'https://sp.example.com/home?a=1&b=2',
    });
    const message = decodeURIComponent(parameter(query, 'SAMLRequest'));
    expect(inflateRawSync(Buffer.from(message, 'base64')).toString('utf8')).toBe(REQUEST);
    expect(decodeRedirect(`?${query}`)).toEqual({
      kind: 'SAMLRequest',
      xml: REQUEST,
      relayState: 'https://sp.example.com/home?a=1&b=2',
    });
  });

  it('carries a SAMLResponse as well', () => {
    expect(decodeRedirect(encodeRedirect('SAMLResponse', REQUEST)).kind).toBe('SAMLResponse');
  });

  it('refuses a DEFLATE bomb as too large', () => {
    const bomb = deflateRawSync(Buffer.from(`<a>${'x'.repeat(20 * 1024 * 1024)}</a>`));
    expect(bomb.length).toBeLessThan(100_000);
    const query = `SAMLRequest=${encodeURIComponent(bomb.toString('base64'))}`;
    expect(refusal(() => decodeRedirect(query)).reason).toBe('too-large');
  });

  it('checks the inflated message with parseXml', () => {
    const doctype = encodeRedirect('SAMLRequest', `<!DOCTYPE x>${REQUEST}`);
    expect(refusal(() => decodeRedirect(doctype)).reason).toBe('doctype');
  });

  it('refuses zlib-wrapped data, missing or doubled messages and repeated parameters', () => {
    const zlib = `SAMLRequest=${encodeURIComponent(deflateSync(Buffer.from(REQUEST)).toString('base64'))}`;
    expect(refusal(() => decodeRedirect(zlib)).reason).toBe('malformed');
    expect(refusal(() => decodeRedirect('RelayState=x')).reason).toBe('malformed');
    const query = encodeRedirect('SAMLRequest', REQUEST);
    expect(refusal(() => decodeRedirect(`${query}&${query}`)).reason).toBe('malformed');
    const both = `${query}&${encodeRedirect('SAMLResponse', REQUEST)}`;
    expect(refusal(() => decodeRedirect(both)).reason).toBe('malformed');
    expect(refusal(() => decodeRedirect(`${query}&Signature=AAAA`)).reason).toBe('malformed');
  });
});

describe('verifyRedirectSignature', () => {
  it('verifies a signed query over SAMLRequest, RelayState and SigAlg', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, { relayState: 'state 1', sign: { key: sp } });
    const decoded = verifyQuery(query);
    expect(decoded.sigAlg).toBe(SIGNATURE_URI['rsa-sha256']);
    expect(decoded.signedOctets).toBe(query.slice(0, query.indexOf('&Signature=')));
  });

  it('verifies a signed query without RelayState', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, { sign: { key: sp } });
    expect(verifyQuery(query).signedOctets).not.toContain('RelayState');
  });

  it('fails when RelayState is altered', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, { relayState: 'state-1', sign: { key: sp } });
    const altered = query.replace('RelayState=state-1', 'RelayState=state-2');
    expect(refusal(() => verifyQuery(altered)).reason).toBe('signature-invalid');
  });

  it('verifies over the raw octets as sent, never re-encoded', () => {
    // Lower-case percent escapes: a verifier that re-encoded the decoded values would sign different octets.
    const message = encodeURIComponent(deflateRawSync(Buffer.from(REQUEST)).toString('base64')).replace(
      /%[0-9A-F]{2}/g,
      (escape) => escape.toLowerCase(),
    );
    const relayState = 'a%2fb%20c';
    const sigAlg = encodeURIComponent(SIGNATURE_URI['rsa-sha256']).toLowerCase();
    const signed = `SAMLRequest=${message}&RelayState=${relayState}&SigAlg=${sigAlg}`;
    const signature = sign('sha256', Buffer.from(signed), sp.privateKey).toString('base64');
    // Parameters in another order: the signed string is rebuilt in the order the binding fixes.
    const query = `SigAlg=${sigAlg}&Signature=${encodeURIComponent(signature)}&RelayState=${relayState}&SAMLRequest=${message}`;
    const decoded = verifyQuery(query);
    expect(decoded.signedOctets).toBe(signed);
    expect(decoded.relayState).toBe('a/b c');
  });

  it('refuses an unsigned query as signature-missing', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, { relayState: 'x' });
    expect(refusal(() => verifyQuery(query)).reason).toBe('signature-missing');
  });

  it('refuses a query signed by a key that is not pinned', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, { sign: { key: stranger } });
    expect(refusal(() => verifyQuery(query)).reason).toBe('signature-invalid');
    expect(verifyQuery(query, [sp.certificatePem, stranger.certificatePem]).kind).toBe('SAMLRequest');
  });

  it('refuses RSA-SHA1 unless allowed', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, { sign: { key: sp, algorithm: 'rsa-sha1' } });
    expect(refusal(() => verifyQuery(query)).reason).toBe('weak-algorithm');
    expect(verifyQuery(query, [sp.certificatePem], { allowSha1: true }).sigAlg).toBe(
      SIGNATURE_URI['rsa-sha1'],
    );
  });

  it('refuses a SigAlg swapped for another algorithm', () => {
    const query = encodeRedirect('SAMLRequest', REQUEST, { sign: { key: sp } }).replace(
      encodeURIComponent(SIGNATURE_URI['rsa-sha256']),
      encodeURIComponent(SIGNATURE_URI['rsa-sha1']),
    );
    expect(refusal(() => verifyQuery(query, [sp.certificatePem], { allowSha1: true })).reason).toBe(
      'signature-invalid',
    );
  });
});
