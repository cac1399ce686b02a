import { beforeAll, describe, expect, it } from 'vitest';
import { sharedKeyPair, type KeyPair } from './keys.js';
import { buildLogoutRequest, buildLogoutResponse, parseLogoutMessage, receiveSloMessage } from './logout.js';
import { encodePost } from './post-binding.js';
import { encodeRedirect } from './redirect-binding.js';
import { NAMEID_FORMAT, STATUS_SUCCESS } from './response.js';
import { signXml } from './sign.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const IDP = 'https://idp.example/saml2/app';
const SLO = 'https://sp.example/saml/slo';

let idpKey: KeyPair;
let strangerKey: KeyPair;
beforeAll(async () => {
  [idpKey, strangerKey] = await Promise.all([
    sharedKeyPair('saml-test-idp'),
    sharedKeyPair('saml-test-attacker'),
  ]);
});

const request = () =>
  buildLogoutRequest({
    issuer: IDP,
    destination: SLO,
    nameId: { value: 'ada@example.com' },
    sessionIndex: '_s1',
    now: NOW,
    id: '_req1',
  });

describe('Single Logout messages', () => {
  it('parses a LogoutRequest: its principal, sessions and issuer', () => {
    expect(parseLogoutMessage(request().xml)).toEqual({
      kind: 'LogoutRequest',
      id: '_req1',
      issuer: IDP,
      destination: SLO,
      nameId: { value: 'ada@example.com', format: NAMEID_FORMAT.unspecified },
      sessionIndexes: ['_s1'],
    });
  });

  it('parses a LogoutResponse: its status and the request it answers', () => {
    const { xml } = buildLogoutResponse({
      issuer: SLO,
      destination: IDP,
      inResponseTo: '_req1',
      now: NOW,
      id: '_r',
    });
    expect(parseLogoutMessage(xml)).toEqual({
      kind: 'LogoutResponse',
      id: '_r',
      issuer: SLO,
      destination: IDP,
      inResponseTo: '_req1',
      status: STATUS_SUCCESS,
    });
  });

  it('refuses other roots and a request without a NameID', () => {
    expect(() => parseLogoutMessage('<a/>')).toThrow(/LogoutRequest or samlp:LogoutResponse/);
    const noName = request().xml.replace(/<saml:NameID[^>]*>[^<]*<\/saml:NameID>/, '');
    expect(() => parseLogoutMessage(noName)).toThrow(/exactly one saml:NameID/);
  });

  it('reads a signed Redirect request and a signed POST request, verified with the pinned certificate', () => {
    const { xml, id } = request();
    const rawQuery = encodeRedirect('SAMLRequest', xml, { relayState: 'r', sign: { key: idpKey } });
    const redirect = receiveSloMessage({ method: 'GET', rawQuery }, [idpKey.certificatePem]);
    expect(redirect).toMatchObject({ binding: 'redirect', relayState: 'r', message: { id: '_req1' } });
    const form = new URLSearchParams({ SAMLRequest: encodePost(signXml(xml, id, idpKey)) });
    const post = receiveSloMessage({ method: 'POST', rawQuery: '', form }, [idpKey.certificatePem]);
    expect(post).toMatchObject({ binding: 'post', message: { kind: 'LogoutRequest' } });
  });

  it('refuses an unsigned message and one signed by a key it does not trust, on both bindings', () => {
    const { xml, id } = request();
    const trusted = [idpKey.certificatePem];
    expect(() =>
      receiveSloMessage({ method: 'GET', rawQuery: encodeRedirect('SAMLRequest', xml) }, trusted),
    ).toThrow(/not signed/);
    const forged = encodeRedirect('SAMLRequest', xml, { sign: { key: strangerKey } });
    expect(() => receiveSloMessage({ method: 'GET', rawQuery: forged }, trusted)).toThrow(/does not verify/);
    const unsigned = new URLSearchParams({ SAMLRequest: encodePost(xml) });
    expect(() => receiveSloMessage({ method: 'POST', rawQuery: '', form: unsigned }, trusted)).toThrow(
      /not signed/,
    );
    const stranger = new URLSearchParams({ SAMLRequest: encodePost(signXml(xml, id, strangerKey)) });
    expect(() => receiveSloMessage({ method: 'POST', rawQuery: '', form: stranger }, trusted)).toThrow();
    expect(() => receiveSloMessage({ method: 'PUT', rawQuery: '' }, trusted)).toThrow(/HTTP-Redirect/);
  });
});
