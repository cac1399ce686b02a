/**
 * The SP's HTML pages, built through one escaping template tag: every
 * interpolated value is escaped unless it is already markup from this tag.
 */
import type { CoreResponse } from '../http.js';

/** Markup produced by {@link html}; anything else interpolated is text. */
export class Html {
  constructor(readonly markup: string) {}
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values (`&#39;`, which every HTML parser knows, not `&apos;`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

type Interpolated = Html | readonly Html[] | string | number | undefined | false;

function render(value: Interpolated): string {
  if (value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map((item: Html) => item.markup).join('');
  return escapeHtml(String(value));
}

/** Escapes each interpolated value (text, attribute value alike) unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => (out += render(value) + (strings[i + 1] ?? '')));
  return new Html(out);
}

/** A whole page as a CoreResponse. */
export function page(
  status: number,
  title: string,
  body: Html,
  headers: Record<string, string> = {},
  onLoad?: Html,
): CoreResponse {
  const document = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body>
        <h1>${title}</h1>
        ${body}${onLoad ?? false}
      </body>
    </html> `;
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: document.markup,
  };
}

/**
 * An auto-submitting POST form (SAML HTTP-POST binding), with a button for
 * clients without script.
 * @see SAML 2.0 Bindings §3.5.4
 */
export function autoSubmitForm(
  title: string,
  action: string,
  fields: Record<string, string | undefined>,
): CoreResponse {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`);
  const form = html`<form method="post" action="${action}">
    ${inputs}<noscript><button type="submit">Continue</button></noscript>
  </form>`;
  return page(
    200,
    title,
    form,
    {},
    html`<script>
      document.forms[0].submit();
    </script>`,
  );
}
