/**
 * HTML for the IdP's pages through one tagged template that escapes every
 * interpolation: data never becomes markup unless it is already `SafeHtml`.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

/** Markup built by `html` (or a page layout); interpolated as-is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: every interpolation escaped; arrays joined; nullish and false omitted. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** The one inline script any page runs: submit the page's first form (SAML POST binding). */
const AUTO_SUBMIT = new SafeHtml('document.forms[0].submit()');

/**
 * A whole page; `nonce` allows its inline style and, with `autoSubmit`, the script that
 * submits its first form, under the page's CSP.
 */
export function page(options: {
  title: string;
  body: SafeHtml;
  nonce: string;
  autoSubmit?: boolean;
}): string {
  const { title, body, nonce } = options;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style nonce="${nonce}">
          body {
            font-family: system-ui, sans-serif;
            margin: 2rem auto;
            max-width: 40rem;
            color: #1d2433;
          }
          .tile {
            display: inline-block;
            margin: 0 1rem 1rem 0;
          }
          .tile button {
            min-width: 10rem;
            min-height: 4rem;
          }
          .error {
            color: #a4161a;
          }
          label {
            display: block;
            margin: 0.5rem 0;
          }
        </style>
      </head>
      <body>
        ${body}
        ${
          options.autoSubmit
            ? html`<script nonce="${nonce}">
                ${AUTO_SUBMIT};
              </script>`
            : ''
        }
      </body>
    </html> `.value;
}
