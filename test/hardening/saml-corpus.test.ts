/**
 * A bad-input corpus sent over real HTTP (127.0.0.1, ephemeral ports) to every SAML endpoint: each
 * mock SP's ACS, its other SAML pages and its Single Logout endpoint, and the reference IdP's SSO
 * URL (both bindings, signed-request and unsigned-request applications, with and without a
 * signed-in session) and Single Logout endpoint. Every request is judged and the failures of an
 * endpoint reported together: the endpoint answers within a second, never with a 5xx, refuses
 * what it must with a 4xx, signs nobody in (nor out) on a refusal, issues no Response for one,
 * never shows file content or an expanded entity, never fetches anything, and still serves a
 * legitimate request afterwards; the process's RSS grows by less than 200 MB over the corpus.
 * @see SAML 2.0 Bindings §3.4, §3.5; Profiles §4.1.4.3, §4.4; Core §3.4.1, §3.7; XML 1.0 §2.8
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAML_PATHS } from '#mock-sps';
import { APPS } from '#registry';
import { acsBindingCases, acsDocCases } from './saml-corpus-acs.js';
import { acsSamlCases } from './saml-corpus-responses.js';
import {
  MEMBER,
  OUTSIDER,
  idpSignIn,
  startCorpusEnv,
  type CorpusEnv,
  type SpUnderTest,
} from './saml-corpus-env.js';
import { idpPostCases, idpRedirectCases, legitRedirect } from './saml-corpus-idp.js';
import {
  acsJudge,
  idpSloJudge,
  pageJudge,
  runCorpus,
  spSloJudge,
  ssoJudge,
  type CorpusResult,
  type Endpoint,
} from './saml-corpus-judges.js';
import { pageCases } from './saml-corpus-pages.js';
import { sloCases, victimLogout, type SloTarget } from './saml-corpus-slo.js';
import {
  RSS_LIMIT_MB,
  b64,
  peakRssMb,
  closeAgent,
  form,
  get,
  requestOf,
  rssMb,
  send,
  settledRssMb,
  setCookies,
  table,
  tagged,
  type Answer,
  type Case,
  type Doc,
  type Failure,
} from './saml-corpus-support.js';
import { hostileDocs, type RootKind } from './saml-corpus-xml.js';

const SAML_APPS = APPS.filter((app) => app.sp.saml !== undefined && app.idp !== undefined);
/** The IdP's SSO URL is sent the corpus for an app whose requests it verifies, and for one whose it does not. */
const IDP_APPS = ['salesforce', 'interact'] as const;

let env: CorpusEnv;
let docs: Record<RootKind, Doc[]>;
let rssBefore = 0;
let peakBefore = 0;
const figures: string[] = [];

beforeAll(async () => {
  env = await startCorpusEnv();
  const canary = env.canary.url;
  docs = {
    Response: hostileDocs('Response', canary),
    AuthnRequest: hostileDocs('AuthnRequest', canary),
    LogoutRequest: hostileDocs('LogoutRequest', canary),
  };
  rssBefore = settledRssMb();
  peakBefore = peakRssMb();
}, 120_000);

afterAll(async () => {
  closeAgent();
  await env?.close();
  if (figures.length > 0) console.info(`SAML corpus:\n  ${figures.join('\n  ')}`);
});

const spOf = (id: string): SpUnderTest => {
  const found = env.sps.find((one) => one.app.id === id);
  if (!found) throw new Error(`no SAML SP ${id} in the corpus environment`);
  return found;
};

/** Sends a probe after the corpus; a failure row unless `ok`. */
async function probe(
  origin: string,
  one: Case,
  path: string,
  ok: (answer: Answer) => boolean,
  cookie?: string,
) {
  const request = requestOf(one, path, cookie);
  const failed = (status: string, problem: string): Failure[] => [
    { label: `${one.label} (after the corpus)`, status, ms: '-', problem },
  ];
  try {
    const answer = await send(origin, one.method, request.path, request.headers, one.body);
    return ok(answer) ? [] : failed(String(answer.status), 'a legitimate request no longer works');
  } catch (error) {
    return failed('-', `no answer: ${String(error)}`);
  }
}

/** Sends `cases` to `endpoint`, when the corpus runs. */
const run =
  <S>(endpoint: Endpoint<S>, cases: readonly Case[]) =>
  (): Promise<CorpusResult> =>
    runCorpus(env.canary, endpoint, cases);

/** Runs each corpus, adds the probes' failures, and fails with one table for them all. */
async function corpus(
  name: string,
  runs: readonly (() => Promise<CorpusResult>)[],
  probes: () => Promise<Failure[]>,
): Promise<void> {
  const failures: Failure[] = [];
  let sent = 0;
  let ms = 0;
  let accepted = 0;
  const slowest: string[] = [];
  for (const next of runs) {
    const result = await next();
    failures.push(...result.failures);
    sent += result.sent;
    ms += result.ms;
    accepted += result.accepted;
    slowest.push(result.slowest);
  }
  failures.push(...(await probes()));
  figures.push(
    `${name}: ${sent} requests in ${(ms / 1000).toFixed(1)} s, slowest ${slowest.join(' / ')}, ` +
      `${accepted} not refused, ${failures.length} failed, RSS now ${rssMb().toFixed(0)} MB`,
  );
  expect(failures.length, table(name, sent, failures)).toBe(0);
}

const pathOf = (url: string): string => `${new URL(url).pathname}${new URL(url).search}`;
const status = (wanted: number) => (answer: Answer) => answer.status === wanted;

/** Signs the member in at the SP's ACS with `xml` (a legitimate Response); answers the session's id. */
async function login(target: SpUnderTest, xml: string): Promise<string> {
  const body = form(['SAMLResponse', b64(xml)]);
  const { path, headers } = requestOf({ label: 'login', method: 'POST', body }, target.acsPath);
  const answer = await send(target.running.origin, 'POST', path, headers, body);
  const name = `${target.sp.saml!.cookieName}=`;
  const cookie = setCookies(answer).find((value) => value.startsWith(name));
  if (answer.status !== 303 || cookie === undefined)
    throw new Error(
      `${target.app.id} refused a legitimate login (${answer.status}): ${answer.body.slice(0, 300)}`,
    );
  return cookie.split(';')[0]!.slice(name.length);
}

test('has a corpus of a few hundred messages for every SAML endpoint', () => {
  expect(SAML_APPS.map((app) => app.id)).toEqual(
    expect.arrayContaining(['interact', 'outreach', 'profitco', 'salesforce', 'sparkpost']),
  );
  for (const kind of Object.values(docs)) expect(kind.length).toBeGreaterThan(100);
});

describe.each(SAML_APPS.map((app) => [app.id, app.sp.saml?.singleLogout === true] as const))(
  '%s',
  (id, slo) => {
    let target: SpUnderTest;
    let spent = '';
    let victimSession = '';

    // The control: a legitimate login, accepted, so that every refusal below is the mutation's doing.
    beforeAll(async () => {
      target = spOf(id);
      spent = await target.kit.legit();
      victimSession = await login(target, spent);
    });

    test('refuses the ACS corpus within a second, without a 5xx, signing nobody in', async () => {
      const { sp, running, kit, acsPath } = target;
      const cases = [
        ...acsDocCases(docs.Response),
        ...(await acsBindingCases(kit, acsPath)),
        ...(await acsSamlCases(kit, spent, env.canary.url)),
      ];
      const legit = form(['SAMLResponse', b64(await kit.legit())]);
      await corpus(
        `${id} ACS (${acsPath})`,
        [run({ origin: running.origin, path: acsPath, ...acsJudge(sp) }, cases)],
        async () => [
          ...(await probe(running.origin, get('GET /saml/metadata', ''), SAML_PATHS.metadata, status(200))),
          ...(await probe(
            running.origin,
            { label: 'a legitimate login', method: 'POST', body: legit },
            acsPath,
            status(303),
          )),
        ],
      );
    }, 300_000);

    test('answers its other SAML pages without a 5xx, signing nobody in or out', async () => {
      const { sp, running } = target;
      const cases = pageCases(sp.profile.saml?.testLogin === true);
      await corpus(
        `${id} SAML pages`,
        [run({ origin: running.origin, path: SAML_PATHS.login, ...pageJudge(sp) }, cases)],
        () => probe(running.origin, get('GET /saml/metadata', ''), SAML_PATHS.metadata, status(200)),
      );
    }, 300_000);

    // Only where the app has Single Logout (Salesforce): the others serve no SLO endpoint.
    if (slo)
      test('refuses the SLO corpus, the victim keeping their session', async () => {
        const { sp, running, kit } = target;
        const t: SloTarget = {
          issuer: kit.idpEntityId,
          destination: sp.saml!.sloUrl!,
          key: kit.idpKey,
          strangerKey: kit.strangerKey,
          victim: MEMBER.email,
          bystander: OUTSIDER.email,
          checksExpiry: true,
          requiresDestination: true,
        };
        const path = pathOf(t.destination);
        // A victim's session the corpus ended is opened again, so that each case is judged on its own.
        const restore = async () => void (victimSession = await login(target, await kit.legit()));
        const judge = spSloJudge(sp, () => victimSession, restore);
        await corpus(
          `${id} SLO (${path})`,
          [run({ origin: running.origin, path, ...judge }, sloCases(t, docs.LogoutRequest))],
          () =>
            probe(
              running.origin,
              get('a legitimate LogoutRequest for the victim', victimLogout(t)),
              path,
              (answer) => answer.status === 302 && String(answer.headers.location).includes('SAMLResponse='),
            ),
        );
      }, 300_000);
  },
);

describe('the reference IdP', () => {
  let cookie = '';
  beforeAll(async () => {
    cookie = await idpSignIn(env.web, MEMBER);
  });

  test.each(
    IDP_APPS.flatMap((id) =>
      (['HTTP-Redirect', 'HTTP-POST'] as const).map((binding) => [id, binding] as const),
    ),
  )(
    'refuses the SSO corpus for %s over %s, anonymous and signed in, issuing nothing',
    async (id, binding) => {
      const app = spOf(id).idpApp;
      const cases =
        binding === 'HTTP-Redirect'
          ? idpRedirectCases(app, docs.AuthnRequest)
          : idpPostCases(app, docs.AuthnRequest);
      const path = pathOf(app.ssoUrl);
      const at = (signedIn: boolean) =>
        run(
          {
            origin: env.web.origin,
            path,
            ...(signedIn ? { cookie } : {}),
            ...ssoJudge(env.web, app.acsUrl, signedIn),
          },
          tagged(signedIn ? 'signed in' : 'anonymous', cases),
        );
      await corpus(`IdP SSO ${app.name} ${binding} (${path})`, [at(false), at(true)], async () => [
        ...(await probe(env.web.origin, get('GET the IdP metadata', ''), `${path}/metadata`, status(200))),
        ...(await probe(
          env.web.origin,
          get('a legitimate AuthnRequest, signed in', legitRedirect(app)),
          path,
          (answer) => answer.status === 200 && answer.body.includes('name="SAMLResponse"'),
          cookie,
        )),
      ]);
    },
    300_000,
  );

  test('refuses the SLO corpus, the member keeping their IdP session', async () => {
    const app = spOf('salesforce').idpApp;
    const ssoPath = pathOf(app.ssoUrl);
    let session = '';
    // Signed in, and signed in to Salesforce through the IdP: a participant a LogoutRequest could end.
    const establish = async (): Promise<void> => {
      session = await idpSignIn(env.web, MEMBER);
      const { path, headers } = requestOf(get('', legitRedirect(app)), ssoPath, session);
      const answer = await send(env.web.origin, 'GET', path, headers);
      if (answer.status !== 200)
        throw new Error(`the IdP issued no Response to Salesforce (${answer.status})`);
    };
    await establish();
    const t: SloTarget = {
      issuer: app.spEntityId,
      destination: app.sloUrl,
      key: app.spKey,
      strangerKey: app.strangerKey,
      victim: MEMBER.email,
      bystander: OUTSIDER.email,
      checksExpiry: false,
      requiresDestination: false,
    };
    const path = pathOf(app.sloUrl);
    const slo = {
      origin: env.web.origin,
      path,
      get cookie() {
        return session;
      },
      ...idpSloJudge(env.web, () => session, establish),
    };
    await corpus(`IdP SLO ${app.name} (${path})`, [run(slo, sloCases(t, docs.LogoutRequest))], () =>
      probe(
        env.web.origin,
        get('a legitimate LogoutRequest for the member', victimLogout(t)),
        path,
        status(302),
        session,
      ),
    );
  }, 300_000);
});

test(`grows the RSS by less than ${RSS_LIMIT_MB} MB over the whole corpus, and fetches nothing outwards`, () => {
  const raw = rssMb();
  const settled = settledRssMb();
  figures.push(
    `RSS ${rssBefore.toFixed(0)} MB before the corpus, ${settled.toFixed(0)} MB after (settled; ${raw.toFixed(0)} MB ` +
      `unsettled): ${(settled - rssBefore).toFixed(0)} MB growth; peak ${(peakRssMb() - peakBefore).toFixed(0)} MB over the start`,
  );
  expect(env.canary.hits, 'requests that reached the canary').toEqual([]);
  expect(settled - rssBefore).toBeLessThan(RSS_LIMIT_MB);
});
