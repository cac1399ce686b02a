import { describe, expect, it } from 'vitest';
import type { HttpExchange } from '#harness/evidence';
import { Browser, formsOf } from './browser.js';
import type { CoreRequest, CoreResponse } from './core.js';
import { dispatchFetch } from './in-process.js';

/** An IdP-like origin: /start redirects with a cookie, /form serves an auto-submit form to the SP. */
const idp = {
  origin: 'https://idp.test',
  handle(request: CoreRequest): CoreResponse {
    const url = new URL(request.url);
    if (url.pathname === '/start')
      return { status: 302, headers: { location: '/form', 'set-cookie': 'sid=abc; HttpOnly; Path=/' } };
    if (url.pathname === '/form') {
      const who = request.headers.cookie === 'sid=abc' ? 'alice' : 'nobody';
      return {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: `<form method="post" action="https://sp.test/acs"><input type="hidden" name="SAMLResponse" value="${who}&amp;more"/><input name="RelayState" value='/home'></form>`,
      };
    }
    return { status: 404, headers: {} };
  },
};

const sp = {
  origin: 'https://sp.test',
  async handle(request: CoreRequest): Promise<CoreResponse> {
    const form = new URLSearchParams(request.body ?? '');
    if (request.method === 'POST')
      return {
        status: 303,
        headers: { location: `/result?who=${form.get('SAMLResponse')}&rs=${form.get('RelayState')}` },
      };
    return { status: 200, headers: {}, body: new URL(request.url).search };
  },
};

describe('Browser', () => {
  it('follows redirects, keeps cookies per host and submits an auto-submit form', async () => {
    const exchanges: HttpExchange[] = [];
    const browser = new Browser(dispatchFetch([idp, sp]), (exchange) => exchanges.push(exchange));
    const page = await browser.get('https://idp.test/start');
    expect(formsOf(page.body, page.url)).toEqual([
      {
        action: 'https://sp.test/acs',
        method: 'POST',
        fields: { SAMLResponse: 'alice&more', RelayState: '/home' },
      },
    ]);
    const result = await browser.submit(page);
    expect(result.url).toBe('https://sp.test/result?who=alice&more&rs=/home');
    expect(browser.cookies('https://idp.test/')).toEqual({ sid: 'abc' });
    expect(browser.cookies('https://sp.test/')).toEqual({});
    expect(exchanges.map((e) => `${e.request.method} ${e.response?.status}`)).toEqual([
      'GET 302',
      'GET 200',
      'POST 303',
      'GET 200',
    ]);
    expect(exchanges[1]!.request.headers.cookie).toBe('***');
  });

  it('fails like an unreachable host for an origin nobody answers', async () => {
    const browser = new Browser(dispatchFetch([idp]));
    await expect(browser.get('https://elsewhere.test/')).rejects.toThrow(TypeError);
  });

  it('says so when there is no form to submit', async () => {
    const browser = new Browser(dispatchFetch([sp]));
    await expect(browser.submit(await browser.get('https://sp.test/x'))).rejects.toThrow(
      /No form on https:\/\/sp.test\/x/,
    );
  });

  it('stops at a redirect it is told not to follow, and peeks at a first answer', async () => {
    const browser = new Browser(dispatchFetch([idp, sp]), undefined, {
      stopAt: (url) => url.pathname === '/form',
    });
    const stopped = await browser.get('https://idp.test/start');
    expect(stopped.status).toBe(302);
    expect(stopped.headers.location).toBe('/form');
    expect(browser.cookies('https://idp.test/')).toEqual({ sid: 'abc' });
    expect((await new Browser(dispatchFetch([idp])).peek('https://idp.test/start')).status).toBe(302);
  });
});
