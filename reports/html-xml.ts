/**
 * Indents XML for reading in report.html. Tolerant where a parser is strict: evidence holds the
 * messages attacks send (a DOCTYPE, two roots, comments inside a NameID), and each must be shown
 * as sent. Only the whitespace between tags changes; an element without child elements is kept
 * on one line byte for byte, so a comment or entity inside a value stays where it was.
 */

/** Messages longer than this are shown as they came, unindented. */
export const PRETTY_XML_LIMIT = 1024 * 1024;

/** Start tags longer than this put each attribute on a line of its own. */
const WRAP_TAG_AT = 100;

const INDENT = '  ';

type Token =
  | { kind: 'open'; name: string; text: string; selfClosing: boolean }
  | { kind: 'close'; name: string; text: string }
  | { kind: 'other'; text: string }
  | { kind: 'text'; text: string };

interface ElementNode {
  kind: 'element';
  open: Extract<Token, { kind: 'open' }>;
  children: XmlNode[];
  close: string;
}
type XmlNode = ElementNode | { kind: 'other'; text: string } | { kind: 'text'; text: string };

// Comments, CDATA, processing instructions and a DOCTYPE with or without its internal subset.
const SPECIAL = /<!--[^]*?-->|<!\[CDATA\[[^]*?\]\]>|<\?[^]*?\?>|<!DOCTYPE(?:[^[>]|\[[^]*?\])*>/iy;
// A tag, with quoted attribute values that may hold '>'.
const TAG = /<(\/?)([^\s/>!?"'=<]+)(?:[^>"'/]|"[^"]*"|'[^']*'|\/(?!>))*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;

/** Matches `pattern` (sticky) at `at`, or null. */
function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function tokenize(xml: string): Token[] | undefined {
  const tokens: Token[] = [];
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    if (lt !== at) {
      const end = lt === -1 ? xml.length : lt;
      tokens.push({ kind: 'text', text: xml.slice(at, end) });
      at = end;
      continue;
    }
    const special = matchAt(SPECIAL, xml, at);
    if (special) {
      tokens.push({ kind: 'other', text: special[0] });
      at += special[0].length;
      continue;
    }
    const tag = matchAt(TAG, xml, at);
    if (!tag) return undefined;
    const [text, slash, name = ''] = tag;
    if (slash) tokens.push({ kind: 'close', name, text });
    else tokens.push({ kind: 'open', name, text, selfClosing: tag[3] === '/' });
    at += text.length;
  }
  return tokens;
}

/** The tokens as a forest; undefined when a close tag does not match its open tag. */
function build(tokens: readonly Token[]): XmlNode[] | undefined {
  const root: XmlNode[] = [];
  const stack: ElementNode[] = [];
  const children = (): XmlNode[] => stack.at(-1)?.children ?? root;
  for (const token of tokens) {
    if (token.kind === 'open') {
      const node: ElementNode = { kind: 'element', open: token, children: [], close: '' };
      children().push(node);
      if (!token.selfClosing) stack.push(node);
    } else if (token.kind === 'close') {
      const node = stack.pop();
      if (node?.open.name !== token.name) return undefined;
      node.close = token.text;
    } else {
      children().push(token);
    }
  }
  return stack.length === 0 ? root : undefined;
}

/** A long start tag with each attribute on its own line, when that loses nothing. */
function wrapTag(text: string, name: string, depth: number): string {
  if (text.length <= WRAP_TAG_AT) return text;
  const start = name.length + 1;
  const end = text.endsWith('/>') ? text.length - 2 : text.length - 1;
  const inner = text.slice(start, end);
  const attributes: string[] = [];
  let consumed = 0;
  for (let match = matchAt(ATTRIBUTE, inner, 0); match; match = matchAt(ATTRIBUTE, inner, consumed)) {
    attributes.push(`${match[1]}=${match[2]}`);
    consumed += match[0].length;
  }
  if (attributes.length < 2 || inner.slice(consumed).trim() !== '') return text;
  const pad = `\n${INDENT.repeat(depth + 2)}`;
  return `<${name}${attributes.map((attribute) => pad + attribute).join('')}${text.slice(end)}`;
}

function raw(node: XmlNode): string {
  if (node.kind !== 'element') return node.text;
  return node.open.text + node.children.map(raw).join('') + node.close;
}

function print(nodes: readonly XmlNode[], depth: number, lines: string[]): void {
  const indent = INDENT.repeat(depth);
  for (const node of nodes) {
    if (node.kind === 'text') {
      if (node.text.trim() !== '') lines.push(indent + node.text.trim());
      continue;
    }
    if (node.kind === 'other') {
      lines.push(indent + node.text);
      continue;
    }
    const open = wrapTag(node.open.text, node.open.name, depth);
    if (!node.children.some((child) => child.kind === 'element')) {
      // Text, comments and CDATA only: kept exactly, since inside a value every character counts.
      lines.push(indent + open + node.children.map(raw).join('') + node.close);
      continue;
    }
    lines.push(indent + open);
    print(node.children, depth + 1, lines);
    lines.push(indent + node.close);
  }
}

/**
 * `xml` indented two spaces a level, or undefined when it is not markup this can follow (an
 * unclosed tag, mismatched close tags, text that is not XML) or longer than PRETTY_XML_LIMIT.
 */
export function prettyXml(xml: string): string | undefined {
  if (xml.length > PRETTY_XML_LIMIT || !xml.trimStart().startsWith('<')) return undefined;
  const tokens = tokenize(xml);
  const nodes = tokens && build(tokens);
  if (!nodes?.some((node) => node.kind === 'element')) return undefined;
  const lines: string[] = [];
  print(nodes, 0, lines);
  return lines.join('\n');
}
