/**
 * Defensive XML for SAML messages: a parser that refuses what an attacker can
 * smuggle into a SAML message (DTDs and entities, extra roots, size and depth
 * bombs, parser warnings), namespace-checked child selection, and one serializer.
 * Modelled on node-saml's `xml.ts`; nothing here builds XPath from message data.
 * @see XML 1.0 §2.8 (DTDs), docs/conformance.md "SAML 2.0" (XML handling)
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { refuseUnbalancedTags } from './xml-tags.js';
import { SamlError, type SamlRefusal } from './errors.js';

/** The namespaces SAML messages use, by their conventional prefixes. @see SAML 2.0 Core §1.2 */
export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** Bounds on an untrusted XML message. @see docs/conformance.md "SAML 2.0" (XML handling) */
export interface XmlLimits {
  /**
   * Largest accepted message, in UTF-8 bytes.
   * @default 262144 (256 KiB)
   */
  maxBytes?: number;
  /**
   * Deepest accepted element nesting (the root is depth 1).
   * @default 50
   */
  maxDepth?: number;
}

/** Default {@link XmlLimits}. @see docs/conformance.md "SAML 2.0" (XML handling) */
export const DEFAULT_XML_LIMITS: Readonly<Required<XmlLimits>> = { maxBytes: 262_144, maxDepth: 50 };

// SamlError lives in errors.ts; it is re-exported here, where the module contract puts it.
export { SamlError } from './errors.js';
export type { SamlRefusal } from './errors.js';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Characters XML 1.0 §2.2 does not allow anywhere in a document. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what the rule is about
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** What xmldom 0.8 reports (as an error) when a second element, or CDATA, follows the root. */
const SECOND_ROOT_MESSAGE = 'Hierarchy request error';

/**
 * Parses untrusted XML: refuses any DOCTYPE (before parsing), size and depth over limits, more than one root,
 * parser errors/warnings.
 * @see XML 1.0 §2.8 (document type declaration), docs/conformance.md "SAML 2.0" (XML handling)
 */
export function parseXml(text: string, limits?: XmlLimits): Document {
  if (typeof text !== 'string') {
    throw new TypeError(`parseXml expects the XML as a string, got ${typeof text}`);
  }
  const { maxBytes, maxDepth } = resolveLimits(limits);
  const kept = checked;
  if (kept !== undefined) {
    checked = undefined;
    if (kept.text === text && kept.maxBytes === maxBytes && kept.maxDepth === maxDepth) return kept.doc;
  }

  // The length check first: it is O(1) and UTF-8 never has fewer bytes than UTF-16 code units.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new SamlError(
      'too-large',
      `XML message is ${Buffer.byteLength(text, 'utf8')} bytes, over the limit of ${maxBytes}; ` +
        'send a smaller message or raise limits.maxBytes',
    );
  }
  // A DTD is how entity expansion (billion laughs) and external entities (XXE) get in; SAML never needs one.
  if (/<!DOCTYPE/i.test(text)) {
    throw new SamlError(
      'doctype',
      'XML message contains a <!DOCTYPE> declaration; a SAML message never needs a DTD, and a DTD is how ' +
        'external-entity (XXE) and entity-expansion attacks get in: remove it',
    );
  }
  if (/<!ENTITY/i.test(text)) {
    throw new SamlError(
      'doctype',
      'XML message contains an <!ENTITY> declaration; remove it (no DTDs in SAML)',
    );
  }
  const forbidden = FORBIDDEN_CHARACTERS.exec(text);
  if (forbidden) {
    throw new SamlError(
      'not-well-formed',
      `XML message contains the character U+${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} ` +
        `at offset ${forbidden.index}, which XML 1.0 §2.2 does not allow`,
    );
  }
  refuseTextBeforeRoot(text);
  refuseUnbalancedTags(text);

  const doc = parseWithStrictHandler(text);
  checkTopLevel(doc);
  checkDepth(doc, maxDepth);
  return doc;
}

function resolveLimits(limits: XmlLimits | undefined): Required<XmlLimits> {
  const resolved = { ...DEFAULT_XML_LIMITS, ...stripUndefined(limits ?? {}) };
  for (const [name, value] of Object.entries(resolved)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 1) {
      throw new TypeError(`limits.${name} must be a positive number, got ${String(value)}`);
    }
  }
  return resolved;
}

function stripUndefined(limits: XmlLimits): XmlLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

/**
 * xmldom 0.8 silently drops text before the root element, so the prologue is checked by hand:
 * only whitespace, the XML declaration, processing instructions and comments may precede the root.
 */
function refuseTextBeforeRoot(text: string): void {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text.charAt(at))) at++;
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) break;
      at = end + 2;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) break;
      at = end + 3;
    } else {
      break;
    }
  }
  if (at < text.length && text.charAt(at) !== '<') {
    throw new SamlError(
      'multiple-roots',
      `XML message has text before its root element (offset ${at}); a document has exactly one root element`,
    );
  }
}

/**
 * The document the last `checkXml` parsed, which nobody has seen: the next `parseXml` of the
 * same text under the same limits takes it instead of parsing again (a binding decoder checks a
 * message is well-formed, and the step after it parses the same text). One slot, taken once, so
 * a document is never handed out twice; any other parse in between only misses it.
 */
let checked: { text: string; maxBytes: number; maxDepth: number; doc: Document } | undefined;

/** Refuses what `parseXml` refuses, keeping the document for the next `parseXml` of the same text. */
export function checkXml(text: string, limits?: XmlLimits): void {
  const doc = parseXml(text, limits);
  const { maxBytes, maxDepth } = resolveLimits(limits);
  checked = { text, maxBytes, maxDepth, doc };
}

function parseWithStrictHandler(text: string): Document {
  let problem: SamlError | undefined;
  const fail = (level: string) => (message: string) => {
    const detail = String(message).replace(/\s+/g, ' ').trim();
    problem ??= detail.includes(SECOND_ROOT_MESSAGE)
      ? new SamlError(
          'multiple-roots',
          'XML message has more than one root element (or content after it); send exactly one root element',
        )
      : new SamlError('not-well-formed', `XML message is not well-formed (parser ${level}: ${detail})`);
    throw problem;
  };
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: {},
      errorHandler: { warning: fail('warning'), error: fail('error'), fatalError: fail('fatal error') },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    if (problem) throw problem;
    throw new SamlError(
      'not-well-formed',
      `XML message is not well-formed (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (problem) throw problem;
  return doc;
}

function checkTopLevel(doc: Document): void {
  let elements = 0;
  for (const node of Array.from(doc.childNodes)) {
    if (node.nodeType === ELEMENT_NODE) elements++;
    else if (
      node.nodeType === CDATA_SECTION_NODE ||
      (node.nodeType === TEXT_NODE && /\S/.test(node.nodeValue ?? ''))
    ) {
      throw new SamlError(
        'multiple-roots',
        'XML message has text outside its root element; a document has exactly one root element and nothing else',
      );
    }
  }
  if (elements === 0) throw new SamlError('not-well-formed', 'XML message has no root element');
  if (elements > 1)
    throw new SamlError('multiple-roots', `XML message has ${elements} root elements; send exactly one`);
}

/** Iterative, so a hostile depth cannot overflow the stack while it is being measured. */
function checkDepth(doc: Document, maxDepth: number): void {
  const stack: Array<[Node, number]> = [[doc, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      if (depth + 1 > maxDepth) {
        throw new SamlError(
          'too-deep',
          `XML message nests elements deeper than ${maxDepth} levels (<${(child as Element).tagName}>); ` +
            'flatten it or raise limits.maxDepth',
        );
      }
      stack.push([child, depth + 1]);
    }
  }
}

/**
 * Direct element children in `ns` named `localName` (never descendants).
 * @see docs/conformance.md "SAML 2.0" (no XPath from message data)
 */
export function childElements(parent: Element, ns: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    if (element.namespaceURI === ns && element.localName === localName) found.push(element);
  }
  return found;
}

/**
 * Exactly one such child, else SamlError(reason).
 * @see SAML 2.0 Core §2 (element cardinalities)
 */
export function onlyChild(parent: Element, ns: string, localName: string, reason: SamlRefusal): Element {
  const found = childElements(parent, ns, localName);
  if (found.length !== 1 || !found[0]) {
    throw new SamlError(
      reason,
      `<${parent.tagName}> must have exactly one <${localName}> child in namespace ${ns}, found ${found.length}`,
    );
  }
  return found[0];
}

/**
 * Zero or one such child; more than one is SamlError('malformed').
 * @see SAML 2.0 Core §2 (element cardinalities)
 */
export function optionalChild(parent: Element, ns: string, localName: string): Element | undefined {
  const found = childElements(parent, ns, localName);
  if (found.length > 1) {
    throw new SamlError(
      'malformed',
      `<${parent.tagName}> may have at most one <${localName}> child in namespace ${ns}, found ${found.length}`,
    );
  }
  return found[0];
}

/**
 * Every element at or under `node`, in document order, walked without recursion (for ID-uniqueness checks).
 * @see XML Signature 1.1 §4.4.3.3 (same-document references), SAML 2.0 Core §1.3.4 (ID uniqueness)
 */
export function allElements(node: Node): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [node];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.nodeType === ELEMENT_NODE) found.push(current as Element);
    // Pushed last child first so they pop in document order.
    for (let child = current.lastChild; child; child = child.previousSibling) {
      if (child.nodeType === ELEMENT_NODE) stack.push(child);
    }
  }
  return found;
}

/**
 * Serializes a node; carriage returns become `&#xD;` so a re-parse (and a digest over it) keeps them.
 * @see XML 1.0 §2.11 (end-of-line handling)
 */
export function serialize(node: Node): string {
  return new XMLSerializer().serializeToString(node).replace(/\r/g, '&#xD;');
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes `& < > " '` for XML text and attribute values.
 * @see XML 1.0 §2.4, docs/conformance.md "Response shape" (attribute values are always XML-escaped)
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}
