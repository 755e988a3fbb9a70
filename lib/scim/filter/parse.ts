/**
 * The filter grammar of RFC 7644 §3.4.2.2 and the PATCH path grammar of
 * §3.5.2, as a recursive-descent parser over the lexer's tokens.
 *
 * Precedence: not > and > or; operators and keywords are case-insensitive.
 * Besides the RFC grammar it accepts what real IdPs send:
 *  - unquoted legacy values (`externalId eq jyoung`, `userName sw O`) as strings;
 *  - Entra's `emails[type eq "work"].value eq "x"`, read as
 *    `emails[type eq "work" and value eq "x"]` (one element must satisfy both).
 * Inputs are bounded (length, comparisons, nesting), and every failure is a
 * ScimError 400 `invalidFilter` (`invalidPath` for a malformed PATCH path
 * outside its bracket filter) naming the character where it went wrong.
 */
import { ScimError, type ScimType } from '../errors';
import type { CompareOp, Filter, FilterValue, PatchPath } from './ast';
import { syntaxError, tokenize, type Token } from './lexer';

export { matchesFilter } from './match';

export const FILTER_LIMITS = {
  /** Characters of filter text. */
  maxLength: 8192,
  /** Comparisons and `pr` tests in one filter. */
  maxComparisons: 100,
  /** Nesting of parentheses, `not` and value-path brackets. */
  maxDepth: 20,
} as const;

const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const OPERATOR_WORDS = new Set<string>([...COMPARE_OPS, 'pr']);

/** ATTRNAME of RFC 7644 (ALPHA *(ALPHA / DIGIT / "-" / "_")), plus `$ref`; `_` first is tolerated. */
const ATTR_NAME = /^\$?[A-Za-z_][A-Za-z0-9_-]*$/;
const URN_PREFIX = /^urn:[A-Za-z0-9][A-Za-z0-9._:%-]*$/i;
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** `[urn ":"] attr ["." sub]`, or a bare ATTRNAME inside a value-path bracket. */
function isAttrPath(text: string, relative: boolean): boolean {
  if (relative) return ATTR_NAME.test(text);
  let rest = text;
  if (/^urn:/i.test(text)) {
    const colon = text.lastIndexOf(':');
    if (!URN_PREFIX.test(text.slice(0, colon))) return false;
    rest = text.slice(colon + 1);
  }
  const parts = rest.split('.');
  return parts.length <= 2 && parts.every((p) => ATTR_NAME.test(p));
}

function literalOf(token: Token): FilterValue {
  if (token.type === 'string') return token.value;
  if (token.type !== 'word') throw syntaxError('Expected a value', token.pos);
  const lower = token.text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (JSON_NUMBER.test(token.text)) {
    const n = Number(token.text);
    if (!Number.isFinite(n)) throw syntaxError(`Number "${token.text}" is out of range`, token.pos);
    return n;
  }
  // Legacy unquoted value (Entra docs, Microsoft's Postman collection): a string.
  return token.text;
}

const describe = (t: Token) =>
  t.type === 'eof' ? 'end of filter' : t.type === 'word' ? `"${t.text.slice(0, 40)}"` : t.type === 'string' ? 'a string' : `"${t.type}"`;

class Parser {
  private i = 0;
  private comparisons = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i += 1;
    return t;
  }

  isKeyword(t: Token, word: string): boolean {
    return t.type === 'word' && t.text.toLowerCase() === word;
  }

  expect(type: ')' | ']', what: string): Token {
    const t = this.next();
    if (t.type !== type) throw syntaxError(`Expected "${type}" to close ${what}, found ${describe(t)}`, t.pos);
    return t;
  }

  countComparison(pos: number) {
    this.comparisons += 1;
    if (this.comparisons > FILTER_LIMITS.maxComparisons) {
      throw syntaxError(`Filter has more than ${FILTER_LIMITS.maxComparisons} comparisons`, pos);
    }
  }

  /** filter := and ("or" and)* */
  parseOr(depth: number, relative: boolean): Filter {
    let left = this.parseAnd(depth, relative);
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd(depth, relative) };
    }
    return left;
  }

  /** and := unary ("and" unary)* */
  parseAnd(depth: number, relative: boolean): Filter {
    let left = this.parseUnary(depth, relative);
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary(depth, relative) };
    }
    return left;
  }

  /** unary := "not" unary | "(" filter ")" | attrExp | valuePath */
  parseUnary(depth: number, relative: boolean): Filter {
    const t = this.peek();
    if (depth > FILTER_LIMITS.maxDepth) {
      throw syntaxError(`Filter is nested more than ${FILTER_LIMITS.maxDepth} levels deep`, t.pos);
    }
    // "not" unless it is an attribute called "not" (followed by an operator).
    const after = this.peek(1);
    if (this.isKeyword(t, 'not') && !(after.type === 'word' && OPERATOR_WORDS.has(after.text.toLowerCase()))) {
      this.next();
      return { kind: 'not', filter: this.parseUnary(depth + 1, relative) };
    }
    if (t.type === '(') {
      this.next();
      const inner = this.parseOr(depth + 1, relative);
      this.expect(')', `the "(" at character ${t.pos + 1}`);
      return inner;
    }
    if (t.type === 'word') return this.parseAttrExp(depth, relative);
    throw syntaxError(`Expected an attribute name, "not" or "(", found ${describe(t)}`, t.pos);
  }

  /** The path word of an attribute expression, checked against ATTRNAME rules. */
  parsePath(relative: boolean): Token & { type: 'word' } {
    const t = this.next();
    if (t.type !== 'word' || !isAttrPath(t.text, relative)) {
      const what = relative ? 'sub-attribute name' : 'attribute path';
      throw syntaxError(`Invalid ${what} ${describe(t)}`, t.pos);
    }
    return t;
  }

  /** attrPath "pr" | attrPath compareOp compValue | attrPath "[" valFilter "]" ["." subAttr (op)] */
  parseAttrExp(depth: number, relative: boolean): Filter {
    const pathToken = this.parsePath(relative);
    const path = pathToken.text;
    if (this.peek().type === '[') {
      if (relative) throw syntaxError('Value paths cannot be nested', this.peek().pos);
      const { filter, close } = this.parseBracket(depth);
      const sub = this.peek();
      // Entra: emails[type eq "work"].value eq "x" → one element satisfies both.
      if (sub.type === 'word' && sub.pos === close.end && sub.text.startsWith('.')) {
        this.next();
        const name = sub.text.slice(1);
        if (!ATTR_NAME.test(name)) throw syntaxError(`Invalid sub-attribute name ${describe(sub)}`, sub.pos);
        return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right: this.parseOperation(name, sub) } };
      }
      return { kind: 'valuePath', path, filter };
    }
    return this.parseOperation(path, pathToken);
  }

  /** "[" valFilter "]": paths inside are sub-attribute names. */
  parseBracket(depth: number): { filter: Filter; close: Token } {
    const open = this.next();
    const filter = this.parseOr(depth + 1, true);
    const close = this.expect(']', `the "[" at character ${open.pos + 1}`);
    return { filter, close };
  }

  /** The operator (and value) following an attribute path. */
  parseOperation(path: string, pathToken: Token): Filter {
    const opToken = this.next();
    const op = opToken.type === 'word' ? opToken.text.toLowerCase() : '';
    if (op === 'pr') {
      this.countComparison(pathToken.pos);
      return { kind: 'present', path };
    }
    if (!(COMPARE_OPS as readonly string[]).includes(op)) {
      throw syntaxError(`Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after "${path.slice(0, 80)}", found ${describe(opToken)}`, opToken.pos);
    }
    const valueToken = this.next();
    if (valueToken.type !== 'string' && valueToken.type !== 'word') {
      throw syntaxError(`Expected a value after "${op}", found ${describe(valueToken)}`, valueToken.pos);
    }
    this.countComparison(pathToken.pos);
    return { kind: 'compare', path, op: op as CompareOp, value: literalOf(valueToken) };
  }
}

function checkLength(text: string, scimType: ScimType) {
  if (typeof text !== 'string') throw new ScimError(400, 'The filter must be a string', scimType);
  if (text.length > FILTER_LIMITS.maxLength) {
    throw new ScimError(400, `The filter is longer than ${FILTER_LIMITS.maxLength} characters`, scimType);
  }
}

/** Runs `fn`, turning anything that is not already a ScimError into one (belt and braces). */
function guarded<T>(scimType: ScimType, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScimError) throw e;
    throw new ScimError(400, 'The filter could not be parsed', scimType);
  }
}

/** Parses the `filter` query parameter (already URL-decoded). */
export function parseFilter(text: string): Filter {
  return guarded('invalidFilter', () => {
    checkLength(text, 'invalidFilter');
    const parser = new Parser(tokenize(text));
    if (parser.peek().type === 'eof') throw new ScimError(400, 'The filter is empty', 'invalidFilter');
    const filter = parser.parseOr(0, false);
    const rest = parser.peek();
    if (rest.type !== 'eof') {
      throw syntaxError(`Unexpected ${describe(rest)} (expected "and", "or" or the end of the filter)`, rest.pos);
    }
    return filter;
  });
}

/**
 * Parses a PATCH operation's `path` (RFC 7644 §3.5.2):
 * `attrPath` or `valuePath ["." subAttr]`. A malformed path is `invalidPath`;
 * a malformed filter inside the brackets is `invalidFilter`.
 */
export function parsePatchPath(text: string): PatchPath {
  return guarded('invalidPath', () => {
    checkLength(text, 'invalidPath');
    const parser = new Parser(tokenize(text, 'invalidPath'));
    const head = parser.next();
    if (head.type !== 'word' || !isAttrPath(head.text, false)) {
      throw syntaxError(`Invalid attribute path ${describe(head)}`, head.pos, 'invalidPath');
    }
    const result: PatchPath = { attribute: head.text };
    if (parser.peek().type === '[') {
      const { filter, close } = parser.parseBracket(0);
      result.filter = filter;
      const sub = parser.peek();
      if (sub.type === 'word' && sub.pos === close.end && sub.text.startsWith('.')) {
        parser.next();
        const name = sub.text.slice(1);
        if (!ATTR_NAME.test(name)) throw syntaxError(`Invalid sub-attribute name ${describe(sub)}`, sub.pos, 'invalidPath');
        result.subAttribute = name;
      }
    }
    const rest = parser.peek();
    if (rest.type !== 'eof') throw syntaxError(`Unexpected ${describe(rest)} in path`, rest.pos, 'invalidPath');
    return result;
  });
}
