/**
 * A minimal scripted browser for SAML flows without a real one: a cookie jar per
 * host, redirects followed, and the auto-submitting POST forms that carry SAML
 * messages submitted. Every exchange is recorded as evidence. (The real-browser
 * tests use Chromium; this is what the suites use to stay in-process and fast.)
 */
import type { HttpExchange } from '#harness/evidence';
import type { FetchLike } from '#harness/scim';

export interface BrowserPage {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A form found on a page: where it posts and its fields. */
export interface PageForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

const MAX_REDIRECTS = 10;

/** Decodes the few HTML entities our pages and common SP pages use in attribute values and text. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x2F;|&#47;/g, '/')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return undefined;
  return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
}

/**
 * The forms of an HTML page. A tolerant scan rather than an HTML parser: the
 * pages read are the IdP's and SPs' SAML POST forms, which are simple and
 * machine-generated, and no HTML parser is needed anywhere else.
 */
export function formsOf(html: string, baseUrl: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open = '', inner = ''] = match;
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], 'name');
      if (name !== undefined) fields[name] = attribute(input[0], 'value') ?? '';
    }
    forms.push({
      action: new URL(attribute(open, 'action') ?? baseUrl, baseUrl).href,
      method: (attribute(open, 'method') ?? 'GET').toUpperCase(),
      fields,
    });
  }
  return forms;
}

export interface BrowserOptions {
  /**
   * Redirects to a URL this matches are not followed: the redirecting page is the answer.
   * Target mode stops at the reference IdP's own SSO URL, which nothing serves there.
   */
  stopAt?: (url: URL) => boolean;
}

export class Browser {
  readonly #cookies = new Map<string, Map<string, string>>();

  constructor(
    private readonly fetch: FetchLike,
    private readonly record: (exchange: HttpExchange) => void = () => undefined,
    private readonly options: BrowserOptions = {},
  ) {}

  /** GET a URL, following redirects. */
  get(url: string): Promise<BrowserPage> {
    return this.#navigate(url, { method: 'GET' });
  }

  /** GET a URL and answer its first response, a redirect included (with the cookies it sets kept). */
  peek(url: string): Promise<BrowserPage> {
    return this.#once(url, 'GET', undefined);
  }

  /** POST a form, following redirects. */
  post(url: string, fields: Record<string, string>): Promise<BrowserPage> {
    return this.#navigate(url, { method: 'POST', form: fields });
  }

  /** Submits the page's first form with `overrides` merged into its fields (a login form, an auto-submit SAML form). */
  async submit(page: BrowserPage, overrides: Record<string, string> = {}, index = 0): Promise<BrowserPage> {
    const form = formsOf(page.body, page.url)[index];
    if (!form) throw new Error(`No form on ${page.url} (status ${page.status}) to submit`);
    const fields = { ...form.fields, ...overrides };
    if (form.method === 'POST') return this.post(form.action, fields);
    const target = new URL(form.action);
    for (const [key, value] of Object.entries(fields)) target.searchParams.set(key, value);
    return this.get(target.href);
  }

  /** Cookies held for a host. */
  cookies(url: string): Record<string, string> {
    return Object.fromEntries(this.#cookies.get(new URL(url).host) ?? []);
  }

  clearCookies(): void {
    this.#cookies.clear();
  }

  async #navigate(
    url: string,
    request: { method: string; form?: Record<string, string> },
  ): Promise<BrowserPage> {
    let current = url;
    let method = request.method;
    let form = request.form;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const page = await this.#once(current, method, form);
      const location = page.headers.location;
      if (![301, 302, 303, 307, 308].includes(page.status) || location === undefined) return page;
      const next = new URL(location, current);
      if (this.options.stopAt?.(next)) return page;
      current = next.href;
      if (page.status !== 307 && page.status !== 308) {
        method = 'GET';
        form = undefined;
      }
    }
    throw new Error(`More than ${MAX_REDIRECTS} redirects from ${url}`);
  }

  async #once(url: string, method: string, form: Record<string, string> | undefined): Promise<BrowserPage> {
    const host = new URL(url).host;
    const jar = this.#cookies.get(host);
    const headers: Record<string, string> = { accept: 'text/html,application/json' };
    if (jar && jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const body = form ? new URLSearchParams(form).toString() : undefined;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const started = performance.now();
    const response = await this.fetch(url, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => (responseHeaders[key] = value));
    for (const cookie of response.headers.getSetCookie()) this.#store(host, cookie);
    this.record({
      request: {
        method,
        url,
        headers: { ...headers, ...(headers.cookie ? { cookie: '***' } : {}) },
        ...(body === undefined ? {} : { body }),
      },
      response: { status: response.status, headers: responseHeaders, ...(text ? { body: text } : {}) },
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
    return { url, status: response.status, headers: responseHeaders, body: text };
  }

  #store(host: string, setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    let jar = this.#cookies.get(host);
    if (!jar) this.#cookies.set(host, (jar = new Map()));
    const expired = attributes.some(
      (attr) => /^\s*max-age\s*=\s*0\s*$/i.test(attr) || /^\s*expires\s*=\s*thu, 01 jan 1970/i.test(attr),
    );
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}
