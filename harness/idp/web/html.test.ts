import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html', () => {
  it('escapes every interpolation, in text and attributes', () => {
    const hostile = `"><script>alert('x')</script>&\``;
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;</p>',
    );
  });

  it('keeps nested html as markup, joins arrays and leaves out nullish and false', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    const list = html`<ul>
      ${items}${undefined}${null}${false}
    </ul>`;
    expect(list.value.replace(/>\s+</g, '><')).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });
});
