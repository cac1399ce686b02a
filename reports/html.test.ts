import { expect, test } from 'vitest';
import { NASTY_TEXT, sampleReport } from './test-support.js';
import { PAGE_SCRIPT } from './html-assets.js';
import { renderHtml, scriptJson } from './html.js';

/** The DOM subset the page script may use; `innerHTML` throws so any use of it fails the test. */
class FakeElement {
  readonly children: (FakeElement | string)[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (() => void)[]>();
  className = '';
  hidden = false;
  open = false;
  value = '';
  constructor(readonly tagName: string) {}
  append(...nodes: (FakeElement | string)[]): void {
    this.children.push(...nodes);
  }
  replaceChildren(...nodes: (FakeElement | string)[]): void {
    this.children.splice(0, this.children.length, ...nodes);
  }
  get textContent(): string {
    return this.children.map((child) => (typeof child === 'string' ? child : child.textContent)).join('');
  }
  set textContent(value: string) {
    this.replaceChildren(value);
  }
  get innerHTML(): never {
    throw new Error('innerHTML used');
  }
  set innerHTML(_value: string) {
    throw new Error('innerHTML used');
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  elements(): FakeElement[] {
    return this.children.filter((child): child is FakeElement => typeof child !== 'string');
  }
}

/** Runs the page's own script against a stand-in document built from the page's ids. */
function renderPage(html: string) {
  const byId = new Map<string, FakeElement>();
  for (const [, tag, id] of html.matchAll(/<(\w+)[^>]*\bid="([^"]+)"/g)) byId.set(id!, new FakeElement(tag!));
  const data = /<script type="application\/json" id="run-data">([^]*?)<\/script>/.exec(html)![1]!;
  byId.get('run-data')!.textContent = data;
  const document = {
    getElementById: (id: string) => byId.get(id) ?? null,
    createElement: (tag: string) => new FakeElement(tag),
  };
  const script = /<script>([^]*?)<\/script>/.exec(html)![1]!;
  new Function('document', script)(document);
  return (id: string) => byId.get(id)!;
}

test('injects the run as JSON that cannot close its script element', () => {
  const report = sampleReport();
  const html = renderHtml(report);
  expect(html.match(/<\/script>/g)).toHaveLength(2);
  expect(html.match(/<script/g)).toHaveLength(2);
  expect(html).not.toContain('<!--');
  const data = /<script type="application\/json" id="run-data">([^]*?)<\/script>/.exec(html)![1]!;
  expect(data).not.toContain('<');
  expect(JSON.parse(data)).toEqual(report);
});

test('escapes every < in script JSON and keeps the value', () => {
  expect(scriptJson({ a: '</script><!--' })).toBe('{"a":"\\u003c/script>\\u003c!--"}');
  expect(JSON.parse(scriptJson(NASTY_TEXT))).toBe(NASTY_TEXT);
});

test('loads nothing from the network', () => {
  const html = renderHtml(sampleReport());
  expect(html).not.toMatch(/\b(src|href)=/);
  expect(html).toContain(`content="default-src 'none';`);
  expect(PAGE_SCRIPT).not.toMatch(
    /innerHTML|outerHTML|insertAdjacentHTML|document\.write|fetch\(|XMLHttpRequest/,
  );
});

test('renders results with DOM APIs, failures first, and fills evidence on expand', () => {
  const $ = renderPage(renderHtml(sampleReport()));
  expect($('verdict').textContent).toBe('❌ Failed — exit code 1');
  expect(
    $('counts')
      .elements()
      .map((li) => li.textContent),
  ).toContain('Critical: 1');
  const items = $('results').elements();
  expect(items.map((item) => item.elements()[0]!.elements()[0]!.textContent)).toEqual([
    'critical',
    'error',
    'warning',
    'note',
    'skipped',
    'not-applicable',
    'passed',
    'passed',
  ]);
  expect(items.at(-1)!.textContent).toContain('IdP-initiated login </script><script>alert(1)</script>');
  const error = items[1]!;
  error.open = true;
  error.dispatch('toggle');
  expect(error.textContent).toContain('"value": ' + JSON.stringify(NASTY_TEXT));
  expect(error.textContent).toContain('authorization: Bearer [masked]');
  expect($('shown').textContent).toBe('Showing 8 of 8 results');
});

test('filters by status, severity, SP and text', () => {
  const $ = renderPage(renderHtml(sampleReport()));
  const visible = () =>
    $('results')
      .elements()
      .filter((item) => !item.hidden).length;
  $('filter-status').value = 'failed';
  $('filter-status').dispatch('change');
  expect(visible()).toBe(4);
  $('filter-severity').value = 'critical';
  $('filter-severity').dispatch('change');
  expect(visible()).toBe(1);
  $('filter-severity').value = '';
  $('filter-sp').value = 'okta';
  $('filter-sp').dispatch('change');
  expect(visible()).toBe(2);
  expect(
    $('filter-sp')
      .elements()
      .map((option) => option.textContent),
  ).toEqual(['okta', 'salesforce']);
  $('filter-status').value = '';
  $('filter-sp').value = '';
  $('filter-text').value = 'SF-0';
  $('filter-text').dispatch('input');
  expect(visible()).toBe(2);
  expect($('shown').textContent).toBe('Showing 2 of 8 results');
});

test('matches the snapshot of the sample run', async () => {
  await expect(renderHtml(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.report.html.snap');
});
