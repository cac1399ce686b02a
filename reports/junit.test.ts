import { describe, expect, test } from 'vitest';
import { NASTY_TEXT, sampleReport, sampleResults } from './test-support.js';
import { renderJunit } from './junit.js';

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

const NAME = '[A-Za-z_:][A-Za-z0-9_:.-]*';
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`'<' in ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new Error(`bare '&' in ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const code = /^#x[0-9a-fA-F]+$/.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#\d+$/.test(ref)
        ? +ref.slice(1)
        : NaN;
    if (Number.isNaN(code)) throw new Error(`unknown entity &${ref}; in ${where}`);
    return String.fromCodePoint(code);
  });
}

/** A strict XML 1.0 well-formedness parser for the subset junit.xml uses (no DTD, no CDATA needed). */
function parseXml(xml: string): Node {
  if (ILLEGAL.test(xml)) throw new Error('character not allowed in XML 1.0');
  let at = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (declaration) at = declaration[0].length;
  const tag = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`, 'y');
  const attribute = new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g');
  const stack: Node[] = [];
  let root: Node | undefined;
  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next === -1 ? xml.length : next);
    if (text.includes(']]>')) throw new Error("']]>' in character data");
    const top = stack.at(-1);
    if (top) top.text += decode(text, `<${top.name}>`);
    else if (text.trim() !== '') throw new Error(`text outside the root: ${text}`);
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(xml);
    if (!match) throw new Error(`malformed markup at ${next}: ${xml.slice(next, next + 40)}`);
    const [whole, closing, name, rawAttributes, selfClosing] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    at = next + whole.length;
    if (closing) {
      if (rawAttributes || selfClosing) throw new Error(`malformed end tag </${name}>`);
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const node: Node = { name, attributes: {}, children: [], text: '' };
    for (const [, key, value] of rawAttributes.matchAll(attribute)) {
      if (key! in node.attributes) throw new Error(`duplicate attribute ${key!} on <${name}>`);
      node.attributes[key!] = decode(value!, `attribute ${key!}`);
    }
    if (top) top.children.push(node);
    else if (root) throw new Error('second root element');
    else root = node;
    if (!selfClosing) stack.push(node);
  }
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack.at(-1)?.name ?? 'root'}>`);
  return root;
}

function cases(suite: Node): Node[] {
  return suite.children.filter((child) => child.name === 'testcase');
}

describe('renderJunit', () => {
  test('checks well-formedness strictly (the check itself rejects broken XML)', () => {
    for (const broken of [
      '<a b="<"/>',
      '<a>&</a>',
      '<a>&nbsp;</a>',
      '<a><b></a></b>',
      '<a/><a/>',
      '<a>]]></a>',
      '<a>\u0001</a>',
    ]) {
      expect(() => parseXml(broken), broken).toThrow();
    }
    expect(parseXml('<a x="&#10;&amp;">&lt;&#x1F680;</a>')).toEqual({
      name: 'a',
      attributes: { x: '\n&' },
      children: [],
      text: '<🚀',
    });
  });

  test('writes well-formed XML whose counts match its test cases', () => {
    const root = parseXml(renderJunit(sampleReport()));
    expect(root.name).toBe('testsuites');
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const suite of root.children) {
      const own = cases(suite);
      const failed = own.filter((c) => c.children.some((child) => child.name === 'failure')).length;
      const skips = own.filter((c) => c.children.some((child) => child.name === 'skipped')).length;
      expect(suite.attributes).toMatchObject({
        tests: `${own.length}`,
        failures: `${failed}`,
        skipped: `${skips}`,
      });
      const time = own.reduce((sum, c) => sum + Number(c.attributes.time), 0);
      expect(Number(suite.attributes.time)).toBeCloseTo(time, 3);
      tests += own.length;
      failures += failed;
      skipped += skips;
    }
    expect(root.attributes).toMatchObject({
      tests: `${tests}`,
      failures: `${failures}`,
      skipped: `${skipped}`,
    });
    expect([tests, failures, skipped]).toEqual([8, 2, 2]);
  });

  test('names one testsuite per suite and SP, in order of first appearance', () => {
    const root = parseXml(renderJunit(sampleReport()));
    expect(root.children.map((suite) => suite.attributes.name)).toEqual([
      'scim-protocol › okta',
      'saml-security › salesforce',
      'scim-protocol › salesforce',
      'saml-sso › okta',
      'saml-sso › salesforce',
    ]);
    expect(cases(root.children[0]!)[0]!.attributes).toEqual({
      classname: 'scim-protocol.okta',
      name: 'scim-protocol/create-returns-201: POST /Users returns 201 with the created resource [SCIM-3.3, IDP-IDM-03]',
      time: '0.014',
    });
  });

  test('fails only critical and error results, and reports warnings and notes in system-out', () => {
    const all = parseXml(renderJunit(sampleReport())).children.flatMap(cases);
    const failures = all.flatMap((c) => c.children.filter((child) => child.name === 'failure'));
    expect(failures.map((failure) => failure.attributes.type).sort()).toEqual(['critical', 'error']);
    const out = all.flatMap((c) => c.children.filter((child) => child.name === 'system-out'));
    expect(out.map((node) => node.text.split('\n')[0])).toEqual([
      'Reported, not failed: this fails the run only with --strict.',
      'Reported, not failed: this does not fail the run.',
    ]);
  });

  test('fails warnings too when the run is strict', () => {
    const all = parseXml(renderJunit(sampleReport({ strict: true }))).children.flatMap(cases);
    const types = all.flatMap((c) => c.children.filter((child) => child.name === 'failure'));
    expect(types.map((failure) => failure.attributes.type).sort()).toEqual(['critical', 'error', 'warning']);
  });

  test('marks skipped and not-applicable results as skipped with their reason', () => {
    const all = parseXml(renderJunit(sampleReport())).children.flatMap(cases);
    const skipped = all.flatMap((c) => c.children.filter((child) => child.name === 'skipped'));
    expect(skipped.map((node) => node.attributes.message)).toEqual([
      'not applicable: requires scim.groups; the salesforce profile has groups: false',
      'okta ACS unreachable: connect ECONNREFUSED 127.0.0.1:9',
    ]);
  });

  test('round-trips text that needs escaping and strips characters XML cannot carry', () => {
    const results = sampleResults();
    const failed = results[1]!;
    const report = sampleReport({
      results: [{ ...failed, title: NASTY_TEXT.replace('\n', ' '), message: `${NASTY_TEXT}\u0000\uD800` }],
    });
    const xml = renderJunit(report);
    const testcase = cases(parseXml(xml).children[0]!)[0]!;
    const failure = testcase.children[0]!;
    expect(testcase.attributes.name).toContain(NASTY_TEXT.replace('\n', ' '));
    expect(failure.attributes.message).toBe(NASTY_TEXT);
    expect(failure.text).toContain(`"value": ${JSON.stringify(NASTY_TEXT)}`);
    expect(xml).not.toContain('</script>');
  });

  test('cuts long bodies in the failure details', () => {
    const failed = sampleResults()[1]!;
    const evidence = failed.evidence[0]!;
    if (evidence.kind !== 'http') throw new Error('fixture changed');
    const long = {
      ...evidence,
      exchange: { ...evidence.exchange, request: { ...evidence.exchange.request, body: 'x'.repeat(10_000) } },
    };
    const failure = cases(
      parseXml(renderJunit(sampleReport({ results: [{ ...failed, evidence: [long] }] }))).children[0]!,
    )[0]!;
    expect(failure.children[0]!.text).toContain('… (8000 more characters)');
    expect(failure.children[0]!.text.length).toBeLessThan(3000);
  });

  test('matches the snapshot of the sample run', async () => {
    await expect(renderJunit(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.junit.xml.snap');
  });
});
