import { describe, expect, it } from 'vitest';
import { dispatchFetch } from './in-process.js';
import type { CoreRequest, CoreResponse } from './core.js';

const ORIGIN = 'http://sp.test';

function fetchAnswering(answer: (request: CoreRequest) => CoreResponse) {
  const seen: CoreRequest[] = [];
  const fetch = dispatchFetch([
    {
      origin: ORIGIN,
      handle: (request) => {
        seen.push(request);
        return answer(request);
      },
    },
  ]);
  return { fetch, seen };
}

const json = (status: number, body: unknown): CoreResponse => ({
  status,
  headers: { 'content-type': 'application/scim+json', etag: 'W/"1"' },
  body: JSON.stringify(body),
});

describe('dispatchFetch answers', () => {
  it('behave as fetch responses: status, headers, text and json, each readable once', async () => {
    const { fetch } = fetchAnswering(() => json(201, { id: 'a' }));
    const response = await fetch(`${ORIGIN}/Users`, { method: 'POST', body: '{}' });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('ETag')).toBe('W/"1"');
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ id: 'a' });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it('give the same bytes through the stream, arrayBuffer and a clone', async () => {
    const { fetch } = fetchAnswering(() => json(200, { name: 'Zoë' }));
    const streamed = await fetch(`${ORIGIN}/a`, {});
    expect(await new Response(streamed.body).text()).toBe('{"name":"Zoë"}');
    expect(streamed.bodyUsed).toBe(true);
    await expect(streamed.text()).rejects.toThrow(TypeError);

    const buffered = await fetch(`${ORIGIN}/a`, {});
    expect(new TextDecoder().decode(await buffered.arrayBuffer())).toBe('{"name":"Zoë"}');

    const original = await fetch(`${ORIGIN}/a`, {});
    const copy = original.clone();
    expect(await original.text()).toBe(await copy.text());
    expect(() => original.clone()).toThrow(TypeError);
  });

  it('have no body for 204 and 304, as fetch gives', async () => {
    const { fetch } = fetchAnswering(() => ({ status: 204, headers: {} }));
    const response = await fetch(`${ORIGIN}/Users/a`, { method: 'DELETE' });
    expect(response.body).toBeNull();
    expect(await response.text()).toBe('');
  });

  it('send form bodies as text with the form content type', async () => {
    const { fetch, seen } = fetchAnswering(() => json(200, {}));
    await fetch(`${ORIGIN}/acs`, { method: 'POST', body: new URLSearchParams({ SAMLResponse: 'a+b=' }) });
    expect(seen[0]?.body).toBe('SAMLResponse=a%2Bb%3D');
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  });

  it('fail as fetch fails for an origin nothing answers on', async () => {
    const { fetch } = fetchAnswering(() => json(200, {}));
    await expect(fetch('http://elsewhere.test/', {})).rejects.toThrow('fetch failed');
  });
});
