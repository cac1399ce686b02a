import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { evidenceView, exchangeBlocks, insightsTimeline, type EvidenceBlock } from './html-evidence.js';
import { DECODED_LIMIT, decodeSamlValue } from './html-saml.js';
import type { HttpExchange } from './model.js';

const RESPONSE =
  '<samlp:Response ID="_r"><saml:Assertion ID="_a"><saml:NameID>ada</saml:NameID></saml:Assertion></samlp:Response>';
const RESPONSE_PRETTY = [
  '<samlp:Response ID="_r">',
  '  <saml:Assertion ID="_a">',
  '    <saml:NameID>ada</saml:NameID>',
  '  </saml:Assertion>',
  '</samlp:Response>',
].join('\n');
const REQUEST = '<samlp:AuthnRequest ID="_q"><saml:Issuer>sp</saml:Issuer></samlp:AuthnRequest>';

const post = (xml: string) => Buffer.from(xml).toString('base64');
const deflated = (xml: string) => deflateRawSync(Buffer.from(xml)).toString('base64');

function exchange(
  request: Partial<HttpExchange['request']>,
  response?: HttpExchange['response'],
): HttpExchange {
  return {
    request: { method: 'GET', url: 'https://sp.example.com/', headers: {}, ...request },
    ...(response ? { response } : {}),
    durationMs: 3,
  };
}

const samlBlocks = (blocks: EvidenceBlock[]) =>
  blocks.filter((block): block is Extract<EvidenceBlock, { kind: 'saml' }> => block.kind === 'saml');

describe('SAML messages in exchanges', () => {
  test('decodes a POSTed SAMLResponse, indents it and keeps the base64 as it travelled', () => {
    const value = post(RESPONSE);
    const blocks = exchangeBlocks(
      exchange({
        method: 'POST',
        url: 'https://sp.example.com/acs',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ SAMLResponse: value, RelayState: '/home' }).toString(),
      }),
    );
    expect(samlBlocks(blocks)).toEqual([
      {
        kind: 'saml',
        label: 'SAMLResponse (HTTP-POST, request body), decoded',
        xml: RESPONSE_PRETTY,
        raw: value,
      },
    ]);
    const form = blocks.find((block) => block.kind === 'code' && block.label === 'Request body (form)');
    expect(form).toMatchObject({
      text: expect.stringMatching(
        /^SAMLResponse=.{48}… \(\d+ characters, decoded below\)&RelayState=%2Fhome$/,
      ),
    });
  });

  test('inflates Redirect-binding messages in a request URL and in a Location header', () => {
    const value = deflated(REQUEST);
    const url = `https://idp.example.com/sso?SAMLRequest=${encodeURIComponent(value)}&RelayState=x`;
    const blocks = exchangeBlocks(
      exchange({ url: 'https://sp.example.com/login' }, { status: 302, headers: { location: url } }),
    );
    expect(samlBlocks(blocks)).toEqual([
      {
        kind: 'saml',
        label: 'SAMLRequest (HTTP-Redirect, Location header), decoded',
        xml: '<samlp:AuthnRequest ID="_q">\n  <saml:Issuer>sp</saml:Issuer>\n</samlp:AuthnRequest>',
        raw: value,
      },
    ]);
    expect(samlBlocks(exchangeBlocks(exchange({ url })))[0]!.label).toBe(
      'SAMLRequest (HTTP-Redirect, request URL), decoded',
    );
  });

  test("finds the SAMLResponse in an IdP's auto-submit form", () => {
    const page = `<!doctype html><html><body><form method="post" action="https://sp.example.com/acs">
      <input type="hidden" name="SAMLResponse" value="${post(RESPONSE).replace(/\+/g, '&#43;')}"></form></body></html>`;
    const blocks = exchangeBlocks(
      exchange({}, { status: 200, headers: { 'content-type': 'text/html' }, body: page }),
    );
    expect(samlBlocks(blocks).map((block) => [block.label, block.xml])).toEqual([
      ['SAMLResponse (HTTP-POST, response form), decoded', RESPONSE_PRETTY],
    ]);
  });

  test('decodes a message encoded as the other binding encodes, and says so', () => {
    expect(decodeSamlValue(deflated(REQUEST), 'HTTP-POST')).toEqual({
      xml: REQUEST,
      note: 'DEFLATE-compressed, which the POST binding does not do',
    });
    expect(decodeSamlValue(post(REQUEST), 'HTTP-Redirect')).toEqual({
      xml: REQUEST,
      note: 'not DEFLATE-compressed, as the Redirect binding requires',
    });
  });

  test('does not inflate past the limit, nor decode what is not a SAML message', () => {
    const bomb = deflateRawSync(Buffer.alloc(DECODED_LIMIT + 1, 0x3c)).toString('base64');
    expect(decodeSamlValue(bomb, 'HTTP-Redirect')).toEqual({ error: 'does not inflate to XML' });
    expect(decodeSamlValue('not base64!', 'HTTP-POST')).toEqual({ error: 'not base64' });
    expect(decodeSamlValue(post('plain text'), 'HTTP-POST')).toEqual({ error: 'does not decode to XML' });
  });

  test('shows a message the harness recorded decoded as XML', () => {
    const blocks = exchangeBlocks(exchange({ method: 'POST', body: `SAMLResponse (decoded):\n${RESPONSE}` }));
    expect(samlBlocks(blocks)).toEqual([
      { kind: 'saml', label: 'Request body: SAMLResponse (decoded)', xml: RESPONSE_PRETTY, raw: RESPONSE },
    ]);
    expect(blocks.at(-1)).toEqual({ kind: 'line', text: '→ no response recorded' });
  });
});

describe('evidence items', () => {
  test('lays out XML and JSON bodies and keeps them as recorded behind a toggle', () => {
    const json = '{"id":"u1","password":"hunter2"}';
    const blocks = exchangeBlocks(
      exchange({}, { status: 200, headers: { 'content-type': 'application/scim+json' }, body: json }),
    );
    expect(blocks.at(-1)).toEqual({
      kind: 'code',
      label: 'Response body',
      text: '{\n  "id": "u1",\n  "password": "***"\n}',
      raw: '{"id":"u1","password":"***"}',
    });
  });

  test('masks what a recording let through: session cookies and login passwords', () => {
    const text = JSON.stringify(
      exchangeBlocks(
        exchange(
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: '***' },
            body: 'csrf=abc&email=a%40b.test&password=pw1',
          },
          { status: 302, headers: { 'set-cookie': 'idp_session=SESSION; Path=/' } },
        ),
      ),
    );
    for (const secret of ['abc', 'pw1', 'SESSION']) expect(text).not.toContain(secret);
  });

  test('shows the SAML message a check sent, indented, and the answer it got', () => {
    const view = evidenceView(
      {
        kind: 'saml',
        label: 'XSW3',
        xml: RESPONSE,
        answer: exchange({ method: 'POST' }, { status: 403, headers: {} }),
      },
      0,
    );
    expect(view.title).toBe('Evidence 1 (saml): XSW3');
    expect(view.blocks[0]).toEqual({
      kind: 'saml',
      label: 'SAML message sent',
      xml: RESPONSE_PRETTY,
      raw: RESPONSE,
    });
    expect(view.blocks).toContainEqual({ kind: 'line', text: '→ 403' });
  });

  test('turns Directory Insights events into a timeline, oldest first', () => {
    const events = [
      {
        event_type: 'user_update_provision',
        timestamp: '2025-01-02T03:04:05.250Z',
        application: 'interact',
        outcome: 'failure',
        resource: { type: 'user', id: 'u1', name: 'ada@example.com' },
        detail: 'PATCH answered 500',
      },
      {
        event_type: 'user_create_provision',
        timestamp: '2025-01-02T03:04:05.000Z',
        application: 'interact',
        outcome: 'success',
        detail: 'created',
      },
    ];
    expect(evidenceView({ kind: 'data', label: 'Insights', data: events }, 1).blocks).toEqual([
      {
        kind: 'timeline',
        label: 'Directory Insights events',
        events: [
          {
            timestamp: '2025-01-02T03:04:05.000Z',
            offsetMs: 0,
            type: 'user_create_provision',
            outcome: 'success',
            detail: 'created',
          },
          {
            timestamp: '2025-01-02T03:04:05.250Z',
            offsetMs: 250,
            type: 'user_update_provision',
            outcome: 'failure',
            resource: 'user ada@example.com',
            detail: 'PATCH answered 500',
          },
        ],
      },
    ]);
    expect(insightsTimeline([{ event_type: 'x' }])).toBeUndefined();
    expect(evidenceView({ kind: 'data', data: { a: 1 } }, 0).blocks).toEqual([
      { kind: 'code', label: 'Data', text: '{\n  "a": 1\n}' },
    ]);
  });
});

describe('what an attack changed', () => {
  const valid =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1">' +
    '<saml:Assertion ID="_a1"><saml:Subject><saml:NameID>victim@example.com</saml:NameID></saml:Subject></saml:Assertion>' +
    '</samlp:Response>';
  // XSW-like: a forged assertion for the attacker inserted before the signed one.
  const attack = valid.replace(
    '<saml:Assertion ID="_a1">',
    '<saml:Assertion ID="_evil"><saml:Subject><saml:NameID>attacker@example.com</saml:NameID></saml:Subject></saml:Assertion><saml:Assertion ID="_a1">',
  );

  test('marks the lines of the attack message that are not in the valid message it was made from', () => {
    const [block] = evidenceView({ kind: 'saml', label: 'XSW', xml: attack, original: valid }, 0).blocks;
    expect(block!.kind).toBe('saml');
    const message = block as Extract<EvidenceBlock, { kind: 'saml' }>;
    const lines = message.xml.split('\n');
    expect(message.changed!.map((n) => lines[n]!.trim())).toEqual([
      '<saml:Assertion ID="_evil">',
      '<saml:Subject>',
      '<saml:NameID>attacker@example.com</saml:NameID>',
      '</saml:Subject>',
      '</saml:Assertion>',
    ]);
    expect(message.label).toMatch(/marked: what the attack changed/);
  });

  test('marks nothing when no valid message is known', () => {
    const [block] = evidenceView({ kind: 'saml', label: 'XSW', xml: attack }, 0).blocks;
    expect(block).not.toHaveProperty('changed');
  });
});
