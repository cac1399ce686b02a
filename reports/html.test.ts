import { expect, test } from 'vitest';
import { NASTY_TEXT, sampleReport } from './test-support.js';
import { reportPage } from './html-page.js';
import { PAGE_SCRIPT } from './html-script.js';
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
  constructor(
    readonly tagName: string,
    readonly namespaceURI?: string,
  ) {}
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
  /** Every element below this one, depth first. */
  all(): FakeElement[] {
    return this.elements().flatMap((child) => [child, ...child.all()]);
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
    createElementNS: (ns: string, tag: string) => new FakeElement(tag, ns),
  };
  const script = /<script>([^]*?)<\/script>/.exec(html)![1]!;
  new Function('document', script)(document);
  return (id: string) => byId.get(id)!;
}

const shown = (root: FakeElement) =>
  root.all().filter((node) => node.className.startsWith('result') && !node.hidden);

test('injects the page data as JSON that cannot close its script element', () => {
  const report = sampleReport();
  const html = renderHtml(report);
  expect(html.match(/<\/script>/g)).toHaveLength(2);
  expect(html.match(/<script/g)).toHaveLength(2);
  expect(html).not.toContain('<!--');
  const data = /<script type="application\/json" id="run-data">([^]*?)<\/script>/.exec(html)![1]!;
  expect(data).not.toContain('<');
  expect(JSON.parse(data)).toEqual(reportPage(report));
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
    /innerHTML|outerHTML|insertAdjacentHTML|document\.write|fetch\(|XMLHttpRequest|import\(|eval\(/,
  );
});

test('opens on the verdict, the counts and the target × suite matrix', () => {
  const $ = renderPage(renderHtml(sampleReport()));
  expect($('verdict').textContent).toBe('✘ Failed — exit code 1');
  expect($('verdict-detail').textContent).toMatch(
    /^1 critical, 1 error fail the run: salesforce × saml-security/,
  );
  expect(
    $('counts')
      .elements()
      .map((li) => li.textContent),
  ).toContain('Critical: 1');
  const cells = $('matrix')
    .all()
    .filter((node) => node.className.startsWith('cell'));
  expect(
    cells.map((cell) => [
      cell.attributes.get('data-target'),
      cell.attributes.get('data-suite'),
      cell.className,
    ]),
  ).toEqual([
    ['okta', 'scim-protocol', 'cell tone-error'],
    ['okta', 'saml-security', 'cell tone-empty'],
    ['okta', 'saml-sso', 'cell tone-blocked'],
    ['okta', '', 'cell tone-error'],
    ['salesforce', 'scim-protocol', 'cell tone-note'],
    ['salesforce', 'saml-security', 'cell tone-critical'],
    ['salesforce', 'saml-sso', 'cell tone-passed'],
    ['salesforce', '', 'cell tone-critical'],
  ]);
  expect(cells[0]!.textContent).toBe('2 failedpass 1fail 2blocked 0n/a 0');
  const bars = $('chart')
    .all()
    .filter((node) => node.tagName === 'rect' && node.namespaceURI?.endsWith('/svg'));
  expect(bars.length).toBeGreaterThan(0);
  expect($('dialects').hidden).toBe(true);
});

test('lists failures first, folds not-applicable checks by reason, and fills evidence on expand', () => {
  const $ = renderPage(renderHtml(sampleReport()));
  const results = $('results');
  expect(
    results
      .all()
      .filter((node) => node.className.startsWith('result'))
      .map((node) => node.attributes.get('data-outcome')),
  ).toEqual(['critical', 'error', 'warning', 'note', 'skipped', 'passed', 'passed', 'not-applicable']);
  const na = results.elements().at(-1)!;
  expect(na.attributes.get('id')).toBe('group-not-applicable');
  expect(na.open).toBe(false);
  expect(na.elements()[0]!.textContent).toBe('Not applicable (1 checks, 1 reason)');
  const error = results.all().find((node) => node.attributes.get('data-outcome') === 'error')!;
  error.open = true;
  error.dispatch('toggle');
  expect(error.textContent).toContain('"value": ' + JSON.stringify(NASTY_TEXT));
  expect(error.textContent).toContain('authorization: Bearer [masked]');
  expect(error.textContent).toContain('SCIM-3.5.2 (MUST)PATCH keeps the exact value sent');
  expect(error.textContent).toContain('Source: RFC 7644, §3.5.2 (Modifying with PATCH)');
  expect($('shown').textContent).toBe('Showing 8 of 8 results');
});

test('narrows the list to a cell on click, and by the filters', () => {
  const $ = renderPage(renderHtml(sampleReport()));
  const cell = $('matrix')
    .all()
    .find(
      (node) =>
        node.attributes.get('data-target') === 'salesforce' &&
        node.attributes.get('data-suite') === 'scim-protocol',
    )!;
  cell.dispatch('click');
  expect(shown($('results')).map((node) => node.attributes.get('data-scenario'))).toEqual([
    'scim-protocol/filter-co',
    'scim-protocol/groups-crud',
  ]);
  expect(cell.className).toBe('cell tone-note selected');
  expect($('shown').textContent).toBe('Showing 2 of 8 results — salesforce × scim-protocol');
  $('filter-clear').dispatch('click');
  $('filter-status').value = 'failed';
  $('filter-status').dispatch('change');
  expect(shown($('results'))).toHaveLength(4);
  $('filter-severity').value = 'critical';
  $('filter-severity').dispatch('change');
  expect(shown($('results'))).toHaveLength(1);
  $('filter-severity').value = '';
  $('filter-status').value = '';
  $('filter-text').value = 'SF-0';
  $('filter-text').dispatch('input');
  expect(shown($('results'))).toHaveLength(2);
  expect(
    $('filter-target')
      .elements()
      .map((option) => option.textContent),
  ).toEqual(['okta', 'salesforce']);
});

test('matches the snapshot of the sample run', async () => {
  await expect(renderHtml(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.report.html.snap');
});
