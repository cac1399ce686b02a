import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, formsOf } from '#harness/http';
import { BINDING, parseIdpMetadata, parseSpMetadata } from '#harness/saml';
import { apps } from '#registry';
import { CSRF_HEADER, ServeError, startServe, type DashboardState, type RunningServe } from './index.js';

const SERVED = [apps.interact, apps.outreach, apps.profitco];

let running: RunningServe;
let origin: string;
let csrf: string;

async function state(): Promise<DashboardState> {
  return (await fetch(`${origin}/api/state`)).json() as Promise<DashboardState>;
}

async function spState(id: string) {
  return (await state()).sps.find((sp) => sp.id === id)!;
}

/** A dashboard POST as the page sends it. */
function act(id: string, action: string, body: unknown = {}, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/sp/${id}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrf, ...headers },
    body: JSON.stringify(body),
  });
}

/** A raw GET with headers fetch will not send as given (Host). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

async function scimToken(id: string): Promise<{ baseUrl: string; token: string }> {
  const scim = (await spState(id)).scim!;
  if (scim.credential.kind !== 'bearer') throw new Error('expected a bearer token');
  return { baseUrl: scim.baseUrl, token: scim.credential.token };
}

beforeAll(async () => {
  running = await startServe({ apps: SERVED, port: 0 });
  origin = new URL(running.dashboardUrl).origin;
  const page = await (await fetch(running.dashboardUrl)).text();
  csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)![1]!;
});
afterAll(async () => {
  await running?.close();
});

describe('sso-harness serve', () => {
  it('publishes every metadata URL where something listens', async () => {
    const idpMetadata = parseIdpMetadata(await (await fetch(running.idp.metadataUrls.interact!)).text());
    expect(idpMetadata.ssoUrls.post).toBe(`${origin}/idp/saml2/interact`);
    // The SSO URL answers (a refusal page for a request without a SAMLRequest), not 404.
    expect((await fetch(idpMetadata.ssoUrls.post!)).status).toBe(400);
    const spMetadata = parseSpMetadata(await (await fetch(`${origin}/sp/interact/saml/metadata`)).text());
    expect(spMetadata.acs.map((acs) => acs.url)).toEqual([`${origin}/sp/interact/saml/acs`]);
    expect((await fetch(spMetadata.acs[0]!.url)).status).toBe(405);
    expect(running.sps.find((sp) => sp.id === 'interact')?.scimBaseUrl).toBe(
      `${origin}/sp/interact/api/v2/scim/v2`,
    );
  });

  it('answers a plain SCIM request sent with the token the dashboard shows', async () => {
    const { baseUrl, token } = await scimToken('interact');
    const created = await fetch(`${baseUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'plain.fetch@example.com',
        emails: [{ value: 'plain.fetch@example.com', primary: true }],
      }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`^${baseUrl}/Users/`));
    expect((await spState('interact')).users.map((user) => user.userName)).toContain(
      'plain.fetch@example.com',
    );
    expect((await fetch(`${baseUrl}/Users`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
  });

  it('keeps an app quirk behind the path prefix (Profit.co answers DELETE with 405)', async () => {
    const { baseUrl, token } = await scimToken('profitco');
    const list = (await (
      await fetch(`${baseUrl}/Users`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      Resources: { id: string }[];
    };
    const answer = await fetch(`${baseUrl}/Users/${list.Resources[0]!.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(405);
  });

  it('refuses a dashboard POST without the CSRF token, with a wrong one, or from another origin', async () => {
    const bare = await fetch(`${origin}/api/sp/interact/reset`, { method: 'POST' });
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { error: string }).error).toContain(CSRF_HEADER);
    expect((await act('interact', 'reset', {}, { [CSRF_HEADER]: 'x'.repeat(csrf.length) })).status).toBe(403);
    expect((await act('interact', 'reset', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await fetch(`${origin}/api/sp/interact/reset`)).status).toBe(405);
  });

  it('answers the dashboard only to requests made straight to this machine', async () => {
    expect(await rawGet('/api/state', { host: 'rebound.example:80' })).toBe(403);
    expect(await rawGet('/api/state', { host: new URL(origin).host, 'x-forwarded-for': '203.0.113.9' })).toBe(
      403,
    );
    expect(await rawGet('/api/state', { host: new URL(origin).host })).toBe(200);
  });

  it('resets an SP: its users start again from the seeded ones, its token stays', async () => {
    const before = await scimToken('interact');
    await fetch(`${before.baseUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${before.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'gone@example.com',
      }),
    });
    const answer = await act('interact', 'reset');
    expect(answer.status).toBe(200);
    const view = await spState('interact');
    expect(view.users.map((user) => user.userName)).not.toContain('gone@example.com');
    expect(view.users.map((user) => user.userName).sort()).toEqual(
      running.users.map((user) => user.email).sort(),
    );
    expect((await scimToken('interact')).token).toBe(before.token);
  });

  it('switches a fault on and off, and the SP behaves accordingly over SCIM', async () => {
    const { baseUrl } = await scimToken('interact');
    const wrongToken = () =>
      fetch(`${baseUrl}/Users`, { headers: { authorization: 'Bearer not-the-token' } });
    expect((await wrongToken()).status).toBe(401);
    expect((await act('interact', 'fault', { id: 'accept-any-token', on: true })).status).toBe(200);
    expect((await spState('interact')).faultsOn).toEqual(['accept-any-token']);
    expect((await wrongToken()).status).toBe(200);
    expect((await act('interact', 'fault', { id: 'accept-any-token', on: false })).status).toBe(200);
    expect((await wrongToken()).status).toBe(401);
    const unknown = await act('interact', 'fault', { id: 'no-such-fault', on: true });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain("no fault 'no-such-fault'");
  });

  it("shows each SP's inspection API and token, which answers with it only and outlives a rebuild", async () => {
    const { inspection } = await spState('interact');
    const read = (token?: string) =>
      fetch(`${inspection.url}/state`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await read()).status).toBe(401);
    expect((await read(inspection.token)).status).toBe(200);
    expect((await act('interact', 'fault', { id: 'accept-any-token', on: true })).status).toBe(200);
    expect((await act('interact', 'fault', { id: 'accept-any-token', on: false })).status).toBe(200);
    expect((await spState('interact')).inspection.token).toBe(inspection.token);
    expect((await read(inspection.token)).status).toBe(200);
  });

  it('puts chaos in front of the SCIM endpoints and takes it away', async () => {
    const { baseUrl, token } = await scimToken('interact');
    const list = () => fetch(`${baseUrl}/Users`, { headers: { authorization: `Bearer ${token}` } });
    expect((await act('interact', 'chaos', { spec: '503=100%,retry-after=1s', armed: true })).status).toBe(
      200,
    );
    const refused = await list();
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '1']);
    const { log } = await state();
    expect(log.entries.at(-1)).toMatchObject({ site: 'interact', status: 503, chaos: '503' });
    expect((await act('interact', 'chaos', { armed: false })).status).toBe(200);
    expect((await list()).status).toBe(200);
    expect((await act('interact', 'chaos', { spec: '418=5%', armed: true })).status).toBe(400);
    expect((await act('outreach', 'chaos', { spec: 'default', armed: true })).status).toBe(400);
  });

  it('never shows a logged request’s Authorization header or cookies in the dashboard JSON', async () => {
    const { baseUrl } = await scimToken('interact');
    const secret = 'Sup3r-secret-bearer-value';
    await fetch(`${baseUrl}/Users`, {
      headers: { authorization: `Bearer ${secret}`, cookie: 'sid=cookie-value-42' },
    });
    const text = await (await fetch(`${origin}/api/state`)).text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('cookie-value-42');
    const entry = (JSON.parse(text) as DashboardState).log.entries.findLast(
      (logged) => logged.site === 'interact',
    )!;
    expect(entry.request.headers).toMatchObject({ authorization: 'Bearer ***', cookie: 'sid=***' });
  });

  it('signs a demo user in at an SP through the IdP and shows the login in its history', async () => {
    const browser = new Browser((input, init) => fetch(input, init));
    const [person] = running.users;
    let page = await browser.get(`${origin}/sp/outreach/saml/login`);
    page = await browser.submit(page); // the SP's auto-submitted AuthnRequest (HTTP-POST binding)
    expect(new URL(page.url).pathname).toBe('/idp/login');
    page = await browser.submit(page, { email: person!.email, password: running.password });
    page = await browser.submit(
      page,
      {},
      formsOf(page.body, page.url).findIndex((form) => 'SAMLResponse' in form.fields),
    );
    expect(page.url).toBe(`${origin}/sp/outreach/saml/result`);
    expect(page.body).toContain(person!.email);
    const [login] = (await spState('outreach')).logins;
    expect(login).toMatchObject({ outcome: 'success', nameId: person!.email });
    const { idp } = await state();
    expect(idp.events.some((event) => event.outcome === 'issued' && event.user === person!.email)).toBe(true);
  });

  it('answers a malformed request without failing', async () => {
    expect(
      (await fetch(`${origin}/api/sp/%E0%A4%A/reset`, { method: 'POST', headers: { [CSRF_HEADER]: csrf } }))
        .status,
    ).toBe(400);
    expect((await fetch(`${origin}/sp/interact/%E0%A4%A`)).status).toBeLessThan(500);
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(404);
    expect((await fetch(running.dashboardUrl)).status).toBe(200);
  });
});

describe('sso-harness serve, other setups', () => {
  it('serves each server on its own port with the ports layout', async () => {
    const served = await startServe({ apps: [apps.interact], port: 0, layout: 'ports' });
    try {
      const sp = served.sps[0]!;
      expect(new URL(sp.base).port).not.toBe(new URL(served.idp.baseUrl).port);
      expect(new URL(sp.base).pathname).toBe('/');
      const metadata = parseIdpMetadata(await (await fetch(served.idp.metadataUrls.interact!)).text());
      expect(metadata.ssoUrls.post).toBe(`${served.idp.baseUrl}/saml2/interact`);
      expect((await fetch(`${sp.scimBaseUrl}/Users`)).status).toBe(401);
      expect((await fetch(served.dashboardUrl)).status).toBe(200);
    } finally {
      await served.close();
    }
  });

  it('publishes its URLs under --public-url and still wires the SPs in this process', async () => {
    const served = await startServe({
      apps: [apps.interact],
      port: 0,
      publicUrl: 'https://sso.example.test',
    });
    try {
      expect(served.idp.baseUrl).toBe('https://sso.example.test/idp');
      expect(served.sps[0]!.scimBaseUrl).toBe('https://sso.example.test/sp/interact/api/v2/scim/v2');
      // Interact read the IdP's metadata URL (INT-02) on the public origin, answered here.
      const settings = served.sp('interact')!.idpSettings();
      expect(settings).toMatchObject({
        metadataUrl: 'https://sso.example.test/idp/saml2/interact/metadata',
        ssoUrls: { post: 'https://sso.example.test/idp/saml2/interact' },
      });
    } finally {
      await served.close();
    }
  });

  it('shows an OAuth access token for an SP whose SCIM API takes one (SF-01), and mints a new one', async () => {
    const served = await startServe({ apps: [apps.salesforce], port: 0 });
    try {
      const dashboard = new URL(served.dashboardUrl).origin;
      const page = await (await fetch(served.dashboardUrl)).text();
      const token = /<meta name="csrf-token" content="([^"]+)">/.exec(page)![1]!;
      const view = async () =>
        ((await (await fetch(`${dashboard}/api/state`)).json()) as DashboardState).sps[0]!.scim!;
      const first = await view();
      expect(first.credential).toMatchObject({ kind: 'oauth', token: expect.any(String) });
      const list = (bearer: string) =>
        fetch(`${first.baseUrl}/Users`, { headers: { authorization: `Bearer ${bearer}` } });
      expect((await list(first.credential.token!)).status).toBe(200);
      const renewed = await fetch(`${dashboard}/api/sp/salesforce/token`, {
        method: 'POST',
        headers: { [CSRF_HEADER]: token },
      });
      expect(renewed.status).toBe(200);
      const second = (await view()).credential.token!;
      expect(second).not.toBe(first.credential.token);
      expect((await list(second)).status).toBe(200);
    } finally {
      await served.close();
    }
  });

  it('gives your own SAML SP an application at /idp/saml2/sso-harness, as idp-metadata describes it', async () => {
    const served = await startServe({
      apps: [apps.outreach],
      port: 0,
      externalSp: {
        entityId: 'https://sp.example.test/metadata',
        acs: [{ url: 'https://sp.example.test/acs', binding: BINDING.post, index: 0 }],
        signingCertificates: [],
        encryptionCertificates: [],
        authnRequestsSigned: false,
        wantAssertionsSigned: true,
        nameIdFormats: [],
      },
    });
    try {
      const url = served.idp.metadataUrls['sso-harness']!;
      expect(url).toBe(`${served.idp.baseUrl}/saml2/sso-harness/metadata`);
      const metadata = parseIdpMetadata(await (await fetch(url)).text());
      expect(metadata).toMatchObject({
        entityId: 'https://sso-harness.test/idp',
        ssoUrls: { post: `${served.idp.baseUrl}/saml2/sso-harness` },
      });
    } finally {
      await served.close();
    }
  });

  it('refuses a port in use with a ServeError naming the port and the fix', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const failure = await startServe({ apps: [apps.interact], port }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServeError);
      expect(failure).toMatchObject({ code: 'SERVE_PORT_IN_USE' });
      expect((failure as Error).message).toBe(
        `port ${port} on 127.0.0.1 is in use; stop what listens there, or pick another with --port (0 picks a free one)`,
      );
    } finally {
      holder.close();
    }
  });
});
