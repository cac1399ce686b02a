/**
 * The lexical layer of the filter parser: tokens with their positions, JSON strings,
 * attribute path words, and error messages that point at the offending character.
 * @see RFC 7644 §3.4.2.2 (Figure 1)
 */
import { scimErrors, type ScimError } from '../errors.js';
import type { AttrPath } from '../schemas/types.js';

/** ATTRNAME = ALPHA *(nameChar), plus the `$ref` sub-attribute of references. @see RFC 7644 §3.4.2.2, RFC 7643 §2.3.7 */
export const ATTRNAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/i;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:.+$/;
const JSON_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** What is being parsed: names the input in messages and picks the error's scimType. @see RFC 7644 §3.12 */
export class Source {
  readonly label: 'filter' | 'path' | 'attribute path';
  private readonly error: (detail: string) => ScimError;

  constructor(
    readonly text: string,
    label: Source['label'],
  ) {
    this.label = label;
    this.error = label === 'filter' ? scimErrors.invalidFilter : scimErrors.invalidPath;
  }

  /** Throws the ScimError for `problem` at 0-based offset `pos`, with a caret excerpt. */
  fail(pos: number, problem: string): never {
    const where = `at position ${pos + 1} in ${this.label} '${clip(this.text)}'`;
    throw this.error(`${problem} ${where}:\n${excerpt(this.text, pos)}`);
  }
}

/** A word, JSON string or bracket, with its place in the text. @see RFC 7644 §3.4.2.2 */
export interface Token {
  kind: 'word' | 'string' | '(' | ')' | '[' | ']' | 'end';
  text: string;
  /** 0-based offset in the source text. */
  pos: number;
  spaceBefore: boolean;
  /** The decoded value of a string token. */
  value?: string;
}

// Control characters would break the caret alignment of the excerpt.
const printable = (text: string): string => text.replace(/\p{Cc}/gu, ' ');
const clip = (text: string): string => printable(text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** Two lines: the text around `pos` and a caret under it. */
function excerpt(text: string, pos: number): string {
  const start = Math.max(0, pos - 40);
  const end = Math.min(text.length, pos + 40);
  const before = start > 0 ? '…' : '';
  const line = `  ${before}${printable(text.slice(start, end))}${end < text.length ? '…' : ''}`;
  return `${line}\n${' '.repeat(2 + before.length + pos - start)}^`;
}

/** How a token reads in a message. @see RFC 7644 §3.4.2.2 */
export function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the input';
  return token.kind === 'string' ? `the string ${token.text}` : `'${token.text}'`;
}

// The ABNF asks for SP; tabs and line breaks are tolerated like extra spaces.
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDelimiter = (c: string): boolean => c === '(' || c === ')' || c === '[' || c === ']' || c === '"';

/** Splits `src` into words, strings and brackets, ending with an `end` token. @see RFC 7644 §3.4.2.2 */
export function tokenize(src: Source): Token[] {
  const { text } = src;
  const tokens: Token[] = [];
  let spaceBefore = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      spaceBefore = true;
      i++;
      continue;
    }
    let end = i + 1;
    if (c === '"') {
      const [value, after] = readString(src, i);
      tokens.push({ kind: 'string', text: text.slice(i, after), pos: i, spaceBefore, value });
      end = after;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ kind: c, text: c, pos: i, spaceBefore });
    } else {
      // Words hold attribute paths, operators, logical words, numbers and literals alike.
      while (end < text.length && !isSpace(text[end]!) && !isDelimiter(text[end]!)) end++;
      tokens.push({ kind: 'word', text: text.slice(i, end), pos: i, spaceBefore });
    }
    spaceBefore = false;
    i = end;
  }
  tokens.push({ kind: 'end', text: '', pos: text.length, spaceBefore });
  return tokens;
}

/** Decodes the JSON string opening at `start`; returns its value and the offset after the closing quote. */
function readString(src: Source, start: number): [string, number] {
  const { text } = src;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return [value, i + 1];
    if (c === '\\') {
      const escape = text[i + 1];
      if (escape === undefined) break;
      const simple = JSON_ESCAPES.get(escape);
      if (simple !== undefined) {
        value += simple;
        i += 2;
        continue;
      }
      const hex = text.slice(i + 2, i + 6);
      if (escape !== 'u')
        src.fail(i, `Invalid escape '\\${escape}' (JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) src.fail(i, `Invalid escape '\\u${hex}': expected four hex digits`);
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    // JSON (RFC 7159 §7) does not allow raw control characters inside strings.
    if (c < ' ')
      src.fail(i, `Unescaped control character U+${hex4(c)} in a string; write it as \\u${hex4(c)}`);
    value += c;
    i++;
  }
  return src.fail(start, `Unterminated string: no closing '"' for the string that starts`);
}

const hex4 = (c: string): string => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Reads an attribute path word: `[URI ":"] ATTRNAME ["." ATTRNAME]`, the URI ending at the last ':'. @see RFC 7644 §3.4.2.2 */
export function toAttrPath(src: Source, token: Token): AttrPath {
  const word = token.text;
  const colon = word.lastIndexOf(':');
  const names = word.slice(colon + 1).split('.');
  const uri = colon >= 0 ? word.slice(0, colon) : undefined;
  if (uri !== undefined && !URI.test(uri)) {
    src.fail(token.pos, `'${uri}' is not a schema URI such as urn:ietf:params:scim:schemas:core:2.0:User`);
  }
  if (names.length > 2) {
    const second = token.pos + colon + 1 + names[0]!.length + names[1]!.length + 1;
    src.fail(
      second,
      `'${word}' has more than one sub-attribute; a path is attribute or attribute.subAttribute`,
    );
  }
  let offset = token.pos + colon + 1;
  for (const name of names) {
    if (!ATTRNAME.test(name)) {
      const found = name === '' ? 'Missing attribute name' : `Invalid attribute name '${name}'`;
      src.fail(offset, `${found} in '${word}'; a name is a letter, then letters, digits, '-' or '_'`);
    }
    offset += name.length + 1;
  }
  const path: AttrPath = { attr: names[0]! };
  if (uri !== undefined) path.uri = uri;
  if (names[1] !== undefined) path.subAttr = names[1];
  return path;
}
