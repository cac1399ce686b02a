/**
 * What anonymous traffic can cost the servers, with the numbers: requests refused before
 * authentication leave a counter and a short summary, not their bodies; refused SAML posts leave
 * a bounded record; anonymous login starts never sign a signed-in user out. Over real HTTP on
 * 127.0.0.1, against every mock SP with SAML and the reference IdP's web side (decision 0036).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSPECTION_PATH, SAML_PATHS } from '#mock-sps';
import { closeAgent, sendRaw } from './raw-http.js';
import { idpSignIn, MEMBER, startCorpusEnv, type CorpusEnv } from './saml-corpus-env.js';
import { b64, deflated, form, q, rssMb, settledHeapMb } from './saml-corpus-support.js';

/** What 10,000 refused requests may leave on the heap, in MB, after a full collection. */
const HEAP_GROWTH_LIMIT_MB = 40;
const REFUSED = 10_000;
const ANONYMOUS_LOGIN_STARTS = 20_000;
const TIMEOUT_MS = 10_000;

let env: CorpusEnv;

beforeAll(async () => {
  env = await startCorpusEnv();
}, 60_000);

afterAll(async () => {
  closeAgent();
  await env?.close();
});

/** Sends `count` requests made by `make`, `parallel` at a time; answers the statuses seen. */
async function burst(
  count: number,
  parallel: number,
  make: (n: number) => Promise<{ status: number }>,
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let n = next++; n < count; n = next++) {
        const { status } = await make(n);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return statuses;
}

const report = (what: string, before: number, after: number) =>
  console.info(
    `${what}: heap ${before.toFixed(1)} MB before, ${after.toFixed(1)} MB after (settled); RSS now ${rssMb().toFixed(0)} MB`,
  );

describe('anonymous traffic', () => {
  it(`leaves a counter, not a log entry, for each of ${REFUSED.toLocaleString('en')} SCIM requests refused before authentication`, async () => {
    const sp = env.sps.find((one) => one.app.id === 'salesforce')!;
    const scim = new URL(sp.running.scimBaseUrl!);
    const logged = sp.sp.requests().length;
    const body = JSON.stringify({ userName: 'x', title: 'y'.repeat(16_000), password: 'not-logged' });
    const before = settledHeapMb();
    const statuses = await burst(REFUSED, 16, (n) =>
      sendRaw(
        scim.origin,
        'POST',
        `${scim.pathname}/Users?attempt=${n}`,
        { authorization: `Bearer not-the-token-${n}`, 'content-type': 'application/scim+json' },
        body,
        TIMEOUT_MS,
      ),
    );
    const after = settledHeapMb();
    report(`${REFUSED} refused SCIM requests of 16 KB`, before, after);

    expect([...statuses]).toEqual([[401, REFUSED]]);
    expect(sp.sp.requests().length).toBe(logged);
    const refused = sp.sp.refusedRequests();
    expect(refused.count).toBeGreaterThanOrEqual(REFUSED);
    expect(refused.latest.length).toBe(100);
    expect(JSON.stringify(refused.latest)).not.toMatch(/not-the-token|not-logged|attempt=/);
    expect(after - before).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
  }, 120_000);

  it('keeps a bounded record of each refused SAML post, however large its Issuer and RelayState', async () => {
    const sp = env.sps.find((one) => one.app.id === 'salesforce')!;
    const issuer = `https://attacker.example/${'i'.repeat(300_000)}`;
    const xml =
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ' +
      `ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>${issuer}</saml:Issuer></samlp:Response>`;
    const body = form(['SAMLResponse', b64(xml)], ['RelayState', 'r'.repeat(100_000)]);
    const before = settledHeapMb();
    const statuses = await burst(2_000, 8, () =>
      sendRaw(
        sp.running.origin,
        'POST',
        sp.acsPath,
        { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        TIMEOUT_MS,
      ),
    );
    const after = settledHeapMb();
    report('2,000 refused SAML posts with a 300 KB Issuer', before, after);

    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
    const history = sp.sp.loginHistory();
    expect(history.length).toBeLessThanOrEqual(2_000);
    for (const record of history.slice(-10)) {
      expect(record.outcome).toBe('refused');
      expect(JSON.stringify(record).length).toBeLessThan(4_096);
    }
    expect(after - before).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
  }, 120_000);

  it('keeps a bounded SSO log entry for each refused AuthnRequest that inflates to a megabyte', async () => {
    const app = env.sps[0]!.idpApp;
    const bomb = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_${'a'.repeat(900_000)}"/>`;
    const query = `SAMLRequest=${q(deflated(bomb))}`;
    const sso = new URL(app.ssoUrl);
    const before = settledHeapMb();
    await burst(1_000, 8, () =>
      sendRaw(sso.origin, 'GET', `${sso.pathname}?${query}`, {}, undefined, TIMEOUT_MS),
    );
    const after = settledHeapMb();
    report('1,000 AuthnRequests inflating to 900 KB', before, after);

    for (const entry of env.web.web.log.entries.slice(-10)) {
      expect(JSON.stringify(entry).length).toBeLessThan(24_000);
    }
    expect(after - before).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
  }, 120_000);

  it(`never signs a signed-in user out, whatever ${ANONYMOUS_LOGIN_STARTS.toLocaleString('en')} anonymous login starts do`, async () => {
    const cookie = await idpSignIn(env.web, MEMBER);
    const consoleFor = (headers: Record<string, string>) =>
      sendRaw(env.web.origin, 'GET', '/console', headers, undefined, TIMEOUT_MS);
    expect((await consoleFor({ cookie })).status).toBe(200);

    const statuses = await burst(ANONYMOUS_LOGIN_STARTS, 16, () =>
      sendRaw(env.web.origin, 'GET', '/login?return=%2Fconsole', {}, undefined, TIMEOUT_MS),
    );
    expect([...statuses]).toEqual([[200, ANONYMOUS_LOGIN_STARTS]]);

    const after = await consoleFor({ cookie });
    expect(after.status, 'the member was signed out by anonymous traffic').toBe(200);
    expect(after.body).toContain(MEMBER.email);
    const held = env.web.web.sessions.size;
    expect(held.signedIn).toBeGreaterThanOrEqual(1);
    expect(held.anonymous).toBeLessThanOrEqual(10_000);
  }, 180_000);

  it('keeps at most 10,000 SP-initiated AuthnRequests waiting, however many logins are started', async () => {
    const sp = env.sps.find((one) => one.sp.profile.saml?.spInitiated)!;
    const starts = await burst(10_500, 8, () =>
      sp.sp.handleAsync({ method: 'GET', url: SAML_PATHS.login, headers: {} }),
    );
    expect([...starts.keys()].every((status) => status < 500)).toBe(true);
    expect(sp.sp.saml!.outstanding.size).toBeLessThanOrEqual(10_000);
    expect(sp.sp.saml!.outstanding.size).toBeGreaterThan(0);
  }, 120_000);

  it('answers the inspection API only with its token, over HTTP', async () => {
    const sp = env.sps[0]!;
    const read = (headers: Record<string, string>) =>
      sendRaw(sp.running.origin, 'GET', `${INSPECTION_PATH}/state`, headers, undefined, TIMEOUT_MS);
    expect((await read({})).status).toBe(401);
    expect((await read({ authorization: `Bearer ${sp.sp.token}` })).status).toBe(401);
    expect((await read({ authorization: `Bearer ${sp.sp.inspectionToken}` })).status).toBe(200);
  });
});
