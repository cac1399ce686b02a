/**
 * How the corpus judges an answer: the checks every endpoint shares (an answer, no 5xx, within a
 * second, a refusal where one is due, nothing forbidden in it, nothing fetched outwards), then
 * each endpoint's own, read from the servers' in-process state: the SP's login history, users and
 * sessions; the IdP's SSO log, its session cookie and the session a logout would end.
 */
import type { RunningIdpWeb } from '#harness/idp';
import type { MockSp } from '#mock-sps';
import { MEMBER, spState, type Canary } from './saml-corpus-env.js';
import {
  ANSWER_MS,
  forbiddenIn,
  requestOf,
  send,
  setsCookie,
  type Answer,
  type Case,
  type Failure,
} from './saml-corpus-support.js';

/** One endpoint under the corpus: where it is, what it holds before a case, what else it checks. */
export interface Endpoint<S> {
  origin: string;
  /** The endpoint's origin-relative path and query. */
  path: string;
  cookie?: string;
  snapshot(): S;
  /** What is wrong with the answer beyond the shared checks. */
  check(one: Case, answer: Answer, before: S): string[] | Promise<string[]>;
}

const refusal = (answer: Answer): boolean => answer.status >= 400 && answer.status < 500;
const excerpt = (answer: Answer): string => JSON.stringify(answer.body.replace(/\s+/g, ' ').slice(0, 160));
const location = (answer: Answer): string =>
  typeof answer.headers.location === 'string' ? ` to ${answer.headers.location.slice(0, 100)}` : '';

/** What sending a corpus to an endpoint came to. */
export interface CorpusResult {
  failures: Failure[];
  sent: number;
  /** Answers that were no refusal (below 400). */
  accepted: number;
  ms: number;
  slowest: string;
}

/** Sends every case and collects what is wrong with each answer. */
export async function runCorpus<S>(
  canary: Canary,
  endpoint: Endpoint<S>,
  cases: readonly Case[],
): Promise<CorpusResult> {
  const failures: Failure[] = [];
  const started = performance.now();
  let slowest = { ms: 0, label: '' };
  let accepted = 0;
  for (const one of cases) {
    const before = endpoint.snapshot();
    const hits = canary.hits.length;
    const { path, headers } = requestOf(one, endpoint.path, endpoint.cookie);
    let answer: Answer;
    try {
      answer = await send(endpoint.origin, one.method, path, headers, one.body);
    } catch (error) {
      failures.push({ label: one.label, status: '-', ms: '-', problem: `no answer: ${String(error)}` });
      continue;
    }
    if (answer.ms > slowest.ms) slowest = { ms: answer.ms, label: one.label };
    if (answer.status < 400) accepted++;
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`answered ${answer.status} ${excerpt(answer)}`);
    if (answer.ms > ANSWER_MS) problems.push(`took over ${ANSWER_MS} ms`);
    const forbidden = forbiddenIn(answer);
    if (forbidden) problems.push(`the answer holds ${forbidden}`);
    if (canary.hits.length > hits) problems.push(`it fetched ${canary.hits.slice(hits).join(', ')}`);
    if ((one.expect ?? 'refused') === 'refused' && !refusal(answer) && answer.status < 500)
      problems.push(`answered ${answer.status}${location(answer)}, not a refusal (4xx)`);
    problems.push(...(await endpoint.check(one, answer, before)));
    if (problems.length > 0)
      failures.push({
        label: one.label,
        status: String(answer.status),
        ms: String(Math.round(answer.ms)),
        problem: problems.join('; '),
      });
  }
  return {
    failures,
    sent: cases.length,
    ms: performance.now() - started,
    slowest: `${Math.round(slowest.ms)} ms (${slowest.label})`,
    accepted,
  };
}

/** The one signed in, as the login record names them, is `who` (case-insensitively). */
const signedInAs = (record: { user?: string; nameId?: string }, who: string): boolean =>
  [record.user, record.nameId].some((name) => name?.toLowerCase() === who.toLowerCase());

/** The SP's ACS: a refusal signs nobody in and changes nothing; an acceptance is a whole login. */
export function acsJudge(
  sp: MockSp,
): Pick<Endpoint<{ state: string; history: number }>, 'snapshot' | 'check'> {
  const saml = sp.saml!;
  return {
    snapshot: () => ({ state: spState(sp), history: saml.history.length }),
    check(one, answer, before) {
      const problems: string[] = [];
      const successes = saml.history.slice(before.history).filter((record) => record.outcome === 'success');
      const cookie = setsCookie(answer, saml.cookieName);
      if (refusal(answer)) {
        if (cookie) problems.push('refused, yet it set a session cookie');
        if (successes.length > 0) problems.push('refused, yet the login history records a success');
        if (spState(sp) !== before.state)
          problems.push("refused, yet the SP's users, sessions or pending requests changed");
        return problems;
      }
      if (answer.status >= 500) return problems;
      for (const record of successes) {
        if (one.expect !== 'any') problems.push(`signed in ${record.user ?? record.nameId ?? '?'}`);
        else if (one.onlyAs !== undefined && !signedInAs(record, one.onlyAs))
          problems.push(`signed in ${record.user ?? record.nameId ?? '?'}, not ${one.onlyAs}`);
      }
      if (one.expect === 'any' && (answer.status !== 303 || !cookie || successes.length !== 1))
        problems.push(
          `answered ${answer.status} but not as a whole login (session cookie ${cookie ? 'set' : 'not set'}, ${successes.length} successes recorded)`,
        );
      return problems;
    },
  };
}

/** Any other SP page: nobody is signed in or out, and no user appears. */
export function pageJudge(sp: MockSp): Pick<Endpoint<string>, 'snapshot' | 'check'> {
  const people = () => spState(sp).replace(/; waiting \d+$/, '');
  return {
    snapshot: people,
    check: (_one, answer, before) => [
      ...(setsCookie(answer, sp.saml!.cookieName) ? ['it set a session cookie'] : []),
      ...(people() !== before ? ["the SP's users or sessions changed"] : []),
    ],
  };
}

/**
 * The SP's SLO: the victim's session outlives every case; a refusal changes nothing. A session that
 * ended is `restore`d (a new login), so that the next case is judged on its own.
 */
export function spSloJudge(
  sp: MockSp,
  victimSession: () => string,
  restore: () => Promise<void>,
): Pick<Endpoint<string>, 'snapshot' | 'check'> {
  return {
    snapshot: () => spState(sp),
    async check(_one, answer, before) {
      const problems: string[] = [];
      if (refusal(answer) && spState(sp) !== before) problems.push("refused, yet the SP's sessions changed");
      if (!sp.saml!.sessions.has(victimSession())) {
        problems.push("the victim's session ended");
        await restore();
      }
      return problems;
    },
  };
}

/**
 * The IdP's SSO URL: a refusal issues nothing, sets no session cookie and posts no SAMLResponse;
 * a Response goes only to the member signed in, only to the registered ACS, only with a session.
 */
export function ssoJudge(
  web: RunningIdpWeb,
  acsUrl: string,
  signedIn: boolean,
): Pick<Endpoint<unknown>, 'snapshot' | 'check'> {
  const entries = web.web.log.entries;
  return {
    snapshot: () => entries.at(-1),
    check(_one, answer, before) {
      const problems: string[] = [];
      const added = entries.slice(entries.lastIndexOf(before as (typeof entries)[number]) + 1);
      const issued = added.filter((entry) => entry.outcome === 'issued');
      if (refusal(answer)) {
        if (issued.length > 0) problems.push('refused, yet the IdP issued a Response');
        if (setsCookie(answer, 'idp_session')) problems.push('refused, yet it set an IdP session cookie');
        if (answer.body.includes('name="SAMLResponse"'))
          problems.push('refused, yet the page posts a SAMLResponse');
      }
      for (const entry of issued) {
        if (entry.user !== MEMBER.email) problems.push(`issued a Response for ${entry.user ?? '?'}`);
        if (!entry.detail.startsWith(`Response to ${acsUrl}`)) problems.push(`issued ${entry.detail}`);
        if (!signedIn) problems.push('issued a Response without a signed-in session');
      }
      return problems;
    },
  };
}

/**
 * The IdP's SLO: the member's IdP session outlives every case (none names a participant rightly);
 * one that ended is `restore`d, so that the next case is judged on its own.
 */
export function idpSloJudge(
  web: RunningIdpWeb,
  cookie: () => string,
  restore: () => Promise<void>,
): Pick<Endpoint<undefined>, 'snapshot' | 'check'> {
  return {
    snapshot: () => undefined,
    async check() {
      const { path, headers } = requestOf({ label: 'console', method: 'GET' }, '/console', cookie());
      const page = await send(web.origin, 'GET', path, headers);
      if (page.status === 200) return [];
      await restore();
      return [`the member's IdP session ended (the console answered ${page.status})`];
    },
  };
}
