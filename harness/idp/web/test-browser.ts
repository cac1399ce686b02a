/**
 * A small in-process "browser" for tests of the IdP's web side: a cookie jar over
 * `IdpWeb.handle`, and a reader for the forms on the IdP's own pages.
 */
import type { CoreResponse } from '#harness/http';
import type { IdpWeb } from './idp-web.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
};

function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#96);/g, (entity) => ENTITIES[entity]!);
}

export interface PageForm {
  action: string;
  fields: Record<string, string>;
}

/** The forms of one of the IdP's pages (its own markup: one attribute style, always quoted). */
export function formsOf(body: string | undefined): PageForm[] {
  return [...(body ?? '').matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((match) => {
    const action = /\baction="([^"]*)"/.exec(match[1]!)?.[1] ?? '';
    const fields: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input\b([^>]*)>/g)) {
      const name = /\bname="([^"]*)"/.exec(input[1]!)?.[1];
      const value = /\bvalue="([^"]*)"/.exec(input[1]!)?.[1];
      if (name !== undefined) fields[unescapeHtml(name)] = unescapeHtml(value ?? '');
    }
    return { action: unescapeHtml(action), fields };
  });
}

export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(readonly web: IdpWeb) {}

  async request(method: string, url: string, form?: Record<string, string>): Promise<CoreResponse> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await this.web.handle({
      method,
      url,
      headers,
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookie = response.headers['set-cookie'];
    if (setCookie) {
      const [pair, ...attributes] = setCookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (attributes.some((attribute) => attribute.trim() === 'Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(url: string): Promise<CoreResponse> {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>): Promise<CoreResponse> {
    return this.request('POST', url, form);
  }

  /** Follows redirects (GET) until a page answers. */
  async follow(response: CoreResponse, limit = 5): Promise<CoreResponse> {
    let current = response;
    for (let i = 0; i < limit && current.status === 302; i += 1)
      current = await this.get(current.headers.location!);
    return current;
  }

  /** Fills in and submits the login form `page` shows, then follows the redirect. */
  async submitLogin(page: CoreResponse, email: string, password: string): Promise<CoreResponse> {
    const form = formsOf(page.body).find((candidate) => 'password' in candidate.fields);
    if (!form) throw new TypeError(`No login form on the page (status ${page.status})`);
    return this.follow(await this.post(form.action, { ...form.fields, email, password }));
  }

  /** Opens the login page and signs in; answers the page after the redirect (the console). */
  async signIn(email: string, password: string): Promise<CoreResponse> {
    return this.submitLogin(await this.get('/login'), email, password);
  }
}
