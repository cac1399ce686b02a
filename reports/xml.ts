/**
 * A tiny XML writer: elements are built as data and every string is escaped on
 * the way out, so no caller can forget to. Used by the JUnit writer.
 */

/** An attribute value; `undefined` leaves the attribute out. */
export type XmlAttributeValue = string | number | undefined;

/** A child of an element: another element, or text (always escaped). */
export type XmlChild = XmlElement | string;

/** An element to be written by {@link writeElement}. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, XmlAttributeValue>>;
  readonly children: readonly XmlChild[];
}

// Plain ASCII names are all our documents use; refusing anything else means names never need escaping.
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// Anything outside XML 1.0 `Char` (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
// @see XML 1.0 §2.2
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes the characters XML 1.0 cannot carry at all, even escaped. @see XML 1.0 §2.2 */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL, '');
}

/** Escapes character data: `&`, `<` and `>` (the last so `]]>` never appears). @see XML 1.0 §2.4 */
export function escapeXmlText(text: string): string {
  return stripIllegalXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes a double-quoted attribute value; tab, LF and CR become character
 * references so attribute-value normalisation keeps them. @see XML 1.0 §3.3.3
 */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Builds an element; `undefined` children are dropped so optional parts read inline. */
export function element(
  name: string,
  attributes: Readonly<Record<string, XmlAttributeValue>> = {},
  children: readonly (XmlChild | undefined)[] = [],
): XmlElement {
  return { name, attributes, children: children.filter((child) => child !== undefined) };
}

function checkName(name: string, what: string): void {
  if (!NAME.test(name)) {
    throw new TypeError(`Invalid XML ${what} name '${name}': expected ASCII letters, digits, '_', '.', '-'`);
  }
}

/**
 * Writes an element and its subtree. Elements holding only elements are indented
 * two spaces a level; an element holding any text is written on one line with no
 * added whitespace, since whitespace there would be content.
 */
export function writeElement(node: XmlElement, depth = 0): string {
  return write(node, depth, false);
}

function write(node: XmlElement, depth: number, compact: boolean): string {
  checkName(node.name, 'element');
  const indent = compact ? '' : '  '.repeat(depth);
  let attributes = '';
  for (const [name, value] of Object.entries(node.attributes)) {
    if (value === undefined) continue;
    checkName(name, 'attribute');
    attributes += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  const open = `${indent}<${node.name}${attributes}`;
  if (node.children.length === 0) return `${open}/>`;
  const mixed = compact || node.children.some((child) => typeof child === 'string');
  const children = node.children.map((child) =>
    typeof child === 'string' ? escapeXmlText(child) : write(child, depth + 1, mixed),
  );
  if (mixed) return `${open}>${children.join('')}</${node.name}>`;
  return `${open}>\n${children.join('\n')}\n${indent}</${node.name}>`;
}

/** A whole XML document: the UTF-8 declaration, the root element and a final newline. */
export function writeDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeElement(root)}\n`;
}
