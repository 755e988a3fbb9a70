/**
 * Splits filter text (RFC 7644 §3.4.2.2) into tokens. Kept apart from the
 * parser so the scanning is one linear pass with no regular expressions over
 * the input: arbitrary IdP text can never make it backtrack or hang.
 *
 * A "word" is any run of characters other than whitespace, parentheses,
 * brackets and double quotes. Attribute paths, operators, keywords, numbers
 * and legacy unquoted values (`externalId eq jyoung`,
 * `meta.created gt 2015-10-10T14:38:21.8617979-07:00`) are all words; the
 * parser decides what each one means from where it stands.
 */
import { ScimError, type ScimType } from '../errors';

export type Token =
  | { type: '(' | ')' | '[' | ']' | 'eof'; pos: number; end: number }
  | { type: 'string'; value: string; pos: number; end: number }
  | { type: 'word'; text: string; pos: number; end: number };

/** Builds the 400 every syntax failure becomes; `pos` is a 0-based offset. */
export function syntaxError(detail: string, pos: number, scimType: ScimType = 'invalidFilter'): ScimError {
  return new ScimError(400, `${detail} at character ${pos + 1}`, scimType);
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0';
const isDelimiter = (c: string) => c === '(' || c === ')' || c === '[' || c === ']' || c === '"' || isSpace(c);

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads a JSON string literal starting at the opening quote `start`. */
function readString(text: string, start: number, scimType: ScimType): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { value: out, end: i + 1 };
    if (c !== '\\') {
      out += c;
      i += 1;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw syntaxError('Invalid \\u escape in string', i, scimType);
      const code = parseInt(hex, 16);
      // PostgreSQL text cannot hold U+0000: refuse it here rather than fail in the database.
      if (code === 0) throw syntaxError('U+0000 cannot appear in a filter', i, scimType);
      out += String.fromCharCode(code);
      i += 6;
      continue;
    }
    const mapped = ESCAPES[e];
    if (mapped === undefined) throw syntaxError(`Invalid escape "\\${e}" in string`, i, scimType);
    out += mapped;
    i += 2;
  }
  throw syntaxError('Unterminated string', start, scimType);
}

export function tokenize(text: string, scimType: ScimType = 'invalidFilter'): Token[] {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) throw syntaxError('U+0000 cannot appear in a filter', nul, scimType);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ type: c, pos: i, end: i + 1 });
      i += 1;
    } else if (c === '"') {
      const { value, end } = readString(text, i, scimType);
      tokens.push({ type: 'string', value, pos: i, end });
      i = end;
    } else {
      let end = i + 1;
      while (end < text.length && !isDelimiter(text[end])) end += 1;
      tokens.push({ type: 'word', text: text.slice(i, end), pos: i, end });
      i = end;
    }
  }
  tokens.push({ type: 'eof', pos: text.length, end: text.length });
  return tokens;
}
