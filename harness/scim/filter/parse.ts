/**
 * Recursive-descent parser for SCIM filters, PATCH paths and attribute paths.
 * Precedence is `not` > `and` > `or`, both binary operators left-associative; `not`
 * negates only a parenthesised filter, with or without a space before '(' (erratum
 * 7319). Operators and logical words are case-insensitive; comparison values are JSON
 * (RFC 7159), so `true`, `false` and `null` are lowercase only.
 * @see RFC 7644 §3.4.2.2 (Figure 1), §3.5.2
 */
import type { AttrPath } from '../schemas/types.js';
import type { CompareOperator, CompareValue, Filter, PatchPath } from './ast.js';
import { REQUEST_LIMITS } from '../limits.js';
import { ATTRNAME, Source, describe, toAttrPath, tokenize, type Token } from './tokenize.js';

const COMPARE_OPERATORS: ReadonlySet<string> = new Set('eq ne co sw ew gt lt ge le'.split(' '));
const OPERATOR_LIST = 'eq, ne, co, sw, ew, gt, lt, ge, le or pr';
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const JSON_LITERALS: ReadonlyMap<string, CompareValue> = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
]);
/** Nesting beyond this is refused so that hostile input cannot exhaust the stack. */
const MAX_DEPTH = REQUEST_LIMITS.filterDepth;
/** Comparisons beyond this are refused: each `and` / `or` deepens the tree the evaluator walks. */
const MAX_TERMS = REQUEST_LIMITS.filterTerms;

class Parser {
  private index = 0;
  private depth = 0;
  private terms = 0;
  private readonly tokens: Token[];

  constructor(readonly src: Source) {
    this.tokens = tokenize(src);
    if (this.tokens.length === 1) {
      const example =
        src.label === 'filter' ? `an expression such as 'userName eq "bjensen"'` : `'name.givenName'`;
      src.fail(0, `The ${src.label} is empty; expected ${example}`);
    }
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  /** Consumes the leading attribute path word of a PATCH or attribute path. */
  attrPath(): AttrPath {
    const token = this.next();
    if (token.kind !== 'word')
      this.src.fail(token.pos, `Expected an attribute path but found ${describe(token)}`);
    return toAttrPath(this.src, token);
  }

  /** Parses `FILTER`, or `valFilter` when `bracket` (the '[' of the enclosing value filter) is set. */
  parseOr(bracket?: Token): Filter {
    let left = this.parseAnd(bracket);
    while (isWord(this.peek(), 'or')) {
      this.next();
      left = { op: 'or', left, right: this.parseAnd(bracket) };
    }
    return left;
  }

  private parseAnd(bracket?: Token): Filter {
    let left = this.parseTerm(bracket);
    while (isWord(this.peek(), 'and')) {
      this.next();
      left = { op: 'and', left, right: this.parseTerm(bracket) };
    }
    return left;
  }

  private parseTerm(bracket?: Token): Filter {
    const token = this.peek();
    if (++this.terms > MAX_TERMS) {
      this.src.fail(
        token.pos,
        `The ${this.src.label} has more than ${MAX_TERMS} comparisons; at most ${MAX_TERMS} are read in one ${this.src.label}`,
      );
    }
    const following = this.peek(1);
    const previous = this.index > 0 ? ` after '${this.tokens[this.index - 1]!.text}'` : '';
    const expected = `Expected an attribute path, '(' or 'not ('${previous} but found ${describe(token)}`;
    if (token.kind === '(') return this.group(token, () => this.parseOr(bracket));
    if (token.kind !== 'word') this.src.fail(token.pos, expected);
    if (isWord(token, 'not') && following.kind === '(') {
      this.next();
      return { op: 'not', filter: this.group(following, () => this.parseOr(bracket)) };
    }
    // A logical word followed by an operator or '[' is an attribute that happens to bear that name.
    const attributeFollows = following.kind === '[' || isOperator(following);
    if (isWord(token, 'not') && !attributeFollows) {
      const hint = `'not' negates a parenthesised filter, as in 'not (title pr)'`;
      this.src.fail(following.pos, `Expected '(' after 'not' but found ${describe(following)}; ${hint}`);
    }
    if ((isWord(token, 'and') || isWord(token, 'or')) && !attributeFollows)
      this.src.fail(token.pos, expected);
    this.next();
    const path = toAttrPath(this.src, token);
    if (following.kind !== '[') return this.parseComparison(path, token);
    if (bracket !== undefined) {
      const outer = `this '[' is inside the '[' at character ${bracket.pos + 1}`;
      this.src.fail(following.pos, `Value filters cannot be nested: ${outer}`);
    }
    const filter = this.group(following, () => this.parseOr(following));
    const after = this.peek();
    if (this.src.label === 'filter' && isSubAttrSuffix(after)) {
      const example = `'${token.text}[…]${after.text}'`;
      this.src.fail(
        after.pos,
        `A sub-attribute after a value filter (${example}) is allowed only in PATCH paths`,
      );
    }
    return { op: 'valuePath', path, filter };
  }

  /** Parses the inside of `(…)` or `[…]` whose opening token is `open`, not yet consumed. */
  group<T>(open: Token, inner: () => T): T {
    this.next();
    if (++this.depth > MAX_DEPTH) this.src.fail(open.pos, `Nesting deeper than ${MAX_DEPTH} levels`);
    const result = inner();
    const close = open.kind === '(' ? ')' : ']';
    const token = this.next();
    if (token.kind !== close) {
      const missing = `Missing '${close}' for the '${open.text}' at character ${open.pos + 1}`;
      this.src.fail(token.pos, `${missing}: expected 'and', 'or' or '${close}' but found ${describe(token)}`);
    }
    this.depth--;
    return result;
  }

  private parseComparison(path: AttrPath, pathToken: Token): Filter {
    const token = this.next();
    if (isWord(token, 'pr')) {
      const extra = this.peek();
      if (
        extra.kind === 'string' ||
        (extra.kind === 'word' && /^(?:true|false|null|-?\d.*)$/i.test(extra.text))
      ) {
        this.src.fail(extra.pos, `'pr' takes no value but is followed by ${describe(extra)}`);
      }
      return { op: 'pr', path };
    }
    const after = `after '${pathToken.text}'`;
    if (token.kind !== 'word') {
      this.src.fail(
        token.pos,
        `Expected an operator (${OPERATOR_LIST}) ${after} but found ${describe(token)}`,
      );
    }
    if (!isOperator(token)) {
      this.src.fail(token.pos, `Unknown operator '${token.text}' ${after}; expected ${OPERATOR_LIST}`);
    }
    return { op: token.text.toLowerCase() as CompareOperator, path, value: this.parseValue(token) };
  }

  private parseValue(operator: Token): CompareValue {
    const token = this.next();
    const { text, pos } = token;
    const after = `after '${operator.text}'`;
    if (token.kind === 'string') return token.value!;
    if (token.kind !== 'word') {
      const kinds = 'a JSON string, number, true, false or null';
      this.src.fail(pos, `Expected a comparison value (${kinds}) ${after} but found ${describe(token)}`);
    }
    if (JSON_LITERALS.has(text)) return JSON_LITERALS.get(text) as CompareValue;
    if (JSON_NUMBER.test(text)) {
      const value = Number(text);
      if (!Number.isFinite(value)) this.src.fail(pos, `The number ${text} is out of range`);
      return value;
    }
    if (JSON_LITERALS.has(text.toLowerCase())) {
      this.src.fail(pos, `'${text}' is not a JSON literal; write it in lowercase ('${text.toLowerCase()}')`);
    }
    const quoted = JSON.stringify(text);
    return this.src.fail(
      pos,
      `Expected a comparison value ${after} but found '${text}'; quote strings (${quoted})`,
    );
  }

  /** Fails unless every token has been consumed; `expected` says what could have come next. */
  expectEnd(expected: string): void {
    const token = this.peek();
    if (token.kind === 'end') return;
    if (token.kind === ')' || token.kind === ']') {
      const opener = token.kind === ')' ? '(' : '[';
      this.src.fail(token.pos, `Unexpected '${token.text}' with no matching '${opener}'`);
    }
    this.src.fail(token.pos, `Expected ${expected} but found ${describe(token)}`);
  }
}

function isWord(token: Token, word: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === word;
}

function isOperator(token: Token): boolean {
  return token.kind === 'word' && (COMPARE_OPERATORS.has(token.text.toLowerCase()) || isWord(token, 'pr'));
}

/** `.value` right after a closing ']', as in `emails[type eq "work"].value`. */
function isSubAttrSuffix(token: Token): boolean {
  return token.kind === 'word' && token.text.startsWith('.') && !token.spaceBefore;
}

function source(text: string, label: Source['label']): Source {
  if (typeof text !== 'string') throw new TypeError(`Expected the ${label} as a string, got ${typeof text}`);
  return new Source(text, label);
}

/** Parses a SCIM filter; throws ScimError 400 invalidFilter naming the problem and its position. @see RFC 7644 §3.4.2.2 */
export function parseFilter(text: string): Filter {
  const parser = new Parser(source(text, 'filter'));
  const filter = parser.parseOr();
  parser.expectEnd(`'and', 'or' or the end of the filter`);
  return filter;
}

/** Parses a PATCH `path`: an attribute path, or a value path with an optional `.subAttr`; throws invalidPath. @see RFC 7644 §3.5.2 */
export function parsePatchPath(text: string): PatchPath {
  const parser = new Parser(source(text, 'path'));
  const result: PatchPath = { path: parser.attrPath() };
  const open = parser.peek();
  if (open.kind === '[') {
    result.filter = parser.group(open, () => parser.parseOr(open));
    const after = parser.peek();
    if (isSubAttrSuffix(after)) {
      parser.next();
      const name = after.text.slice(1);
      if (!ATTRNAME.test(name))
        parser.src.fail(after.pos + 1, `Expected a sub-attribute name after '].' but found '${name}'`);
      result.subAttr = name;
    }
  }
  parser.expectEnd(
    open.kind === '[' ? `'.subAttribute' or the end of the path` : `'[' or the end of the path`,
  );
  return result;
}

/** Parses an attribute path such as `name.givenName` or `urn:…:User:name.familyName`; throws invalidPath. @see RFC 7644 §3.4.2.2 */
export function parseAttrPath(text: string): AttrPath {
  const parser = new Parser(source(text, 'attribute path'));
  const path = parser.attrPath();
  parser.expectEnd('the end of the attribute path');
  return path;
}
