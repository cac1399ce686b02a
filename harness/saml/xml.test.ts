import { describe, expect, it } from 'vitest';
import {
  NS,
  SamlError,
  allElements,
  checkXml,
  childElements,
  escapeXml,
  onlyChild,
  optionalChild,
  parseXml,
  serialize,
  type XmlLimits,
} from './xml.js';

function refusal(text: string, limits?: XmlLimits): SamlError {
  try {
    parseXml(text, limits);
  } catch (error) {
    if (error instanceof SamlError) return error;
    throw error;
  }
  throw new Error('expected parseXml to refuse the message');
}

function nested(depth: number): string {
  return '<a>'.repeat(depth) + '</a>'.repeat(depth);
}

const ASSERTION = `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="A1"><saml2:Issuer>idp</saml2:Issuer></saml2:Assertion>`;

describe('checkXml', () => {
  it('refuses what parseXml refuses', () => {
    expect(() => checkXml('<a><b>x</bx></a>')).toThrow(SamlError);
  });

  it('hands the document it parsed to the next parseXml of the same text and limits, once', () => {
    checkXml(ASSERTION);
    const first = parseXml(ASSERTION);
    const second = parseXml(ASSERTION);
    expect(serialize(first)).toBe(serialize(second));
    expect(first).not.toBe(second);
    // A change to the first is nobody else's: the second came from a parse of its own.
    first.documentElement!.setAttribute('ID', 'changed');
    expect(second.documentElement!.getAttribute('ID')).toBe('A1');
  });

  it('does not hand it over for another text, other limits, or after another parse', () => {
    checkXml(ASSERTION);
    const other = parseXml(ASSERTION, { maxDepth: 10 });
    const again = parseXml(ASSERTION);
    expect(serialize(other)).toBe(serialize(again));
    checkXml(ASSERTION);
    parseXml('<x/>');
    expect(parseXml(ASSERTION).documentElement!.getAttribute('ID')).toBe('A1');
  });
});

describe('parseXml', () => {
  it('parses a message with a declaration, comments and processing instructions around the root', () => {
    const doc = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- before --><?pi x?>${ASSERTION}<!-- after -->\n`,
    );
    expect(doc.documentElement?.localName).toBe('Assertion');
    expect(doc.documentElement?.namespaceURI).toBe(NS.saml);
  });

  it('refuses a DOCTYPE before parsing, whatever its case', () => {
    expect(refusal(`<!DOCTYPE saml2:Assertion>${ASSERTION}`).reason).toBe('doctype');
    expect(refusal(`<!doctype x>${ASSERTION}`).reason).toBe('doctype');
  });

  it('refuses an external entity (XXE) payload', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="A1"><saml2:Issuer>&xxe;</saml2:Issuer></saml2:Assertion>`;
    const error = refusal(xxe);
    expect(error.reason).toBe('doctype');
    expect(error.message).toContain('DOCTYPE');
  });

  it('refuses a billion-laughs payload', () => {
    const entities = Array.from({ length: 9 }, (_, level) =>
      level === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`,
    ).join('');
    expect(refusal(`<!DOCTYPE lolz [${entities}]><lolz>&lol8;</lolz>`).reason).toBe('doctype');
  });

  it('refuses an entity declaration even without a DOCTYPE', () => {
    expect(refusal('<!ENTITY x "y"><a/>').reason).toBe('doctype');
  });

  it('refuses two root elements', () => {
    expect(refusal(`${ASSERTION}${ASSERTION}`).reason).toBe('multiple-roots');
  });

  it('refuses text before or after the root element', () => {
    expect(refusal(`junk${ASSERTION}`).reason).toBe('multiple-roots');
    expect(refusal(`<!-- c -->junk${ASSERTION}`).reason).toBe('multiple-roots');
    expect(refusal(`${ASSERTION}junk`).reason).toBe('multiple-roots');
    expect(refusal(`${ASSERTION}<![CDATA[junk]]>`).reason).toBe('multiple-roots');
  });

  it('refuses nesting 1000 deep', () => {
    expect(refusal(nested(1000)).reason).toBe('too-deep');
  });

  it('accepts nesting exactly at the depth limit and refuses one more', () => {
    expect(parseXml(nested(50)).documentElement?.tagName).toBe('a');
    expect(refusal(nested(51)).reason).toBe('too-deep');
    expect(parseXml(nested(51), { maxDepth: 51 }).documentElement?.tagName).toBe('a');
  });

  it('refuses a 10 MB message', () => {
    const big = `<a>${'x'.repeat(10 * 1024 * 1024)}</a>`;
    expect(refusal(big).reason).toBe('too-large');
    expect(refusal(big, { maxBytes: 10 * 1024 * 1024 }).reason).toBe('too-large');
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const text = `<a>${'é'.repeat(100)}</a>`;
    expect(text.length).toBeLessThan(200);
    expect(refusal(text, { maxBytes: 200 }).reason).toBe('too-large');
  });

  it('turns parser errors and warnings into not-well-formed', () => {
    expect(refusal('<a><b></a>').reason).toBe('not-well-formed');
    expect(refusal('<a b=c/>').reason).toBe('not-well-formed');
    expect(refusal('<a>&undefined;</a>').reason).toBe('not-well-formed');
    expect(refusal('<a x="1" x="2"/>').reason).toBe('not-well-formed');
    expect(refusal('').reason).toBe('not-well-formed');
    expect(refusal('  <!-- only a comment -->').reason).toBe('not-well-formed');
  });

  it.each([
    ['an end tag that names another element', '<a><b>x</bx></a>'],
    ['an end tag after the root', '<a/></b>'],
    ['an end tag before any element', '</a><a/>'],
    ['an end tag crossing its parent', '<a><b></a></b>'],
    ['an element never closed', '<a><b/>'],
    ['an end tag of another case', '<a></A>'],
    ["a '<' in an attribute value", '<a x="<b/>"/>'],
    ['an attribute value never closed', '<a x="1/>'],
    ['a start tag never closed', '<a><b x="1"'],
    ['a comment never closed', '<a><!-- x </a>'],
    ['a CDATA section never closed', '<a><![CDATA[x</a>'],
    ["a '<' that starts no tag", '<a>< b</a>'],
  ])('refuses %s as not-well-formed, before any parse (XML 1.0 §3)', (_title, text) => {
    expect(refusal(text).reason).toBe('not-well-formed');
  });

  it.each([
    [
      'markup-like text inside CDATA, comments and processing instructions',
      '<a><![CDATA[</x>]]><!-- </b> --><?pi </c>?></a>',
    ],
    ["'>' and '/' inside attribute values", `<a x=">/" y='/>'><b z="a>b"/></a>`],
    ['whitespace before the end of an end tag', '<a><b>x</b \n></a >'],
    ['prefixed names', '<p:a xmlns:p="urn:x"><p:b/></p:a>'],
  ])('accepts %s', (_title, text) => {
    expect(parseXml(text).documentElement).toBeTruthy();
  });

  it('refuses characters XML does not allow', () => {
    expect(refusal('<a>\u0000</a>').reason).toBe('not-well-formed');
  });

  it('rejects bad limits as misuse', () => {
    expect(() => parseXml('<a/>', { maxBytes: 0 })).toThrow(TypeError);
  });
});

describe('element helpers', () => {
  const doc = parseXml(
    `<r xmlns:saml2="${NS.saml}" xmlns:other="urn:other">` +
      '<saml2:Issuer>one</saml2:Issuer><other:Issuer>not saml</other:Issuer>' +
      '<saml2:Subject><saml2:Issuer>nested</saml2:Issuer></saml2:Subject>' +
      '<saml2:Attribute/><saml2:Attribute/></r>',
  );
  const root = doc.documentElement!;

  it('selects direct children by namespace and local name, never descendants', () => {
    expect(childElements(root, NS.saml, 'Issuer').map((element) => element.textContent)).toEqual(['one']);
  });

  it('returns exactly one child or refuses with the given reason', () => {
    expect(onlyChild(root, NS.saml, 'Subject', 'subject-missing').localName).toBe('Subject');
    expect(() => onlyChild(root, NS.saml, 'Conditions', 'malformed')).toThrow(SamlError);
    expect(() => onlyChild(root, NS.saml, 'Attribute', 'assertion-multiple')).toThrow(
      expect.objectContaining({ reason: 'assertion-multiple' }),
    );
  });

  it('returns an optional child, undefined when absent, and refuses two', () => {
    expect(optionalChild(root, NS.saml, 'Subject')?.localName).toBe('Subject');
    expect(optionalChild(root, NS.saml, 'Conditions')).toBeUndefined();
    expect(() => optionalChild(root, NS.saml, 'Attribute')).toThrow(/at most one/);
  });

  it('lists every element in document order', () => {
    expect(allElements(doc).map((element) => element.tagName)).toEqual([
      'r',
      'saml2:Issuer',
      'other:Issuer',
      'saml2:Subject',
      'saml2:Issuer',
      'saml2:Attribute',
      'saml2:Attribute',
    ]);
  });
});

describe('serialize and escapeXml', () => {
  it('keeps a carriage return through a re-parse', () => {
    const text = serialize(parseXml('<a x="1&#13;2">3&#13;4</a>'));
    expect(parseXml(text).documentElement?.textContent).toBe('3\r4');
    expect(parseXml(text).documentElement?.getAttribute('x')).toBe('1\r2');
  });

  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });

  it('carries a machine-readable reason on SamlError', () => {
    const error = new SamlError('replay', 'seen before');
    expect(error).toMatchObject({
      code: 'SAML_REFUSED',
      reason: 'replay',
      name: 'SamlError',
      message: 'seen before',
    });
  });
});
