/**
 * Tokeniser for newsgraph's query language. Keeps each token's offset so that syntax errors can
 * name a line and column. Keywords are not distinguished here: the parser decides by context,
 * which lets `count`, `type` or `name` be used as variables and property keys.
 */
import { QuerySyntaxError, type QueryPosition } from '../errors.js';

export type TokenKind = 'ident' | 'quoted' | 'int' | 'float' | 'string' | 'param' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** For ident: as written; quoted: the unquoted name; string: the decoded value; numbers: source text. */
  text: string;
  pos: number;
  end: number;
  /** Integer value for `int`, float value for `float`. */
  value?: bigint | number;
}

/** Compute a 1-based line and column for a 0-based offset. */
export function positionAt(text: string, offset: number): QueryPosition {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, text.length);
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

export function syntaxError(text: string, offset: number, message: string): QuerySyntaxError {
  const position = positionAt(text, offset);
  return new QuerySyntaxError(`${message} (line ${position.line}, column ${position.column})`, position);
}

const PUNCT2 = new Set(['<=', '>=', '<>', '!=', '=~', '..', '+=']);
const PUNCT1 = new Set(['(', ')', '[', ']', '{', '}', ',', '.', ':', ';', '|', '+', '-', '*', '/', '%', '^', '=', '<', '>', '$']);

function isIdentStart(c: string): boolean {
  return /[\p{L}_]/u.test(c);
}
function isIdentPart(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Split a query into tokens. @throws QuerySyntaxError on an unterminated string or stray character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw syntaxError(text, i, 'unterminated comment: expected */, found end of input');
      i = close + 2;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
        i += 2;
        while (i < n && /[0-9a-fA-F]/.test(text[i]!)) i++;
        const src = text.slice(start, i);
        if (src.length === 2) throw syntaxError(text, start, `invalid number: expected hexadecimal digits, found "${src}"`);
        tokens.push({ kind: 'int', text: src, pos: start, end: i, value: BigInt(src) });
        continue;
      }
      if (c === '0' && (text[i + 1] === 'o' || text[i + 1] === 'O')) {
        i += 2;
        while (i < n && /[0-7]/.test(text[i]!)) i++;
        const src = text.slice(start, i);
        if (src.length === 2) throw syntaxError(text, start, `invalid number: expected octal digits, found "${src}"`);
        tokens.push({ kind: 'int', text: src, pos: start, end: i, value: BigInt('0o' + src.slice(2)) });
        continue;
      }
      let isFloat = false;
      while (isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1])) {
        isFloat = true;
        i++;
        while (isDigit(text[i])) i++;
      }
      if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1]) || ((text[i + 1] === '-' || text[i + 1] === '+') && isDigit(text[i + 2])))) {
        isFloat = true;
        i += 2;
        while (isDigit(text[i])) i++;
      }
      if (i < n && isIdentStart(text[i]!)) {
        throw syntaxError(text, start, `invalid number: expected digits, found "${text.slice(start, i + 1)}"`);
      }
      const src = text.slice(start, i);
      if (isFloat) tokens.push({ kind: 'float', text: src, pos: start, end: i, value: Number(src) });
      else tokens.push({ kind: 'int', text: src, pos: start, end: i, value: BigInt(src) });
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text[i]!)) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start, end: i });
      continue;
    }
    if (c === '`') {
      let name = '';
      i++;
      for (;;) {
        const close = text.indexOf('`', i);
        if (close < 0) throw syntaxError(text, start, 'unterminated quoted name: expected `, found end of input');
        name += text.slice(i, close);
        i = close + 1;
        if (text[i] === '`') {
          name += '`';
          i++;
          continue;
        }
        break;
      }
      tokens.push({ kind: 'quoted', text: name, pos: start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw syntaxError(text, start, `unterminated string: expected ${c}, found end of input`);
        const d = text[i]!;
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = text[i + 1];
          if (e === undefined) throw syntaxError(text, i, 'unterminated string: expected an escape, found end of input');
          if (e === 'u' || e === 'U') {
            const len = e === 'u' ? 4 : 8;
            const hex = text.slice(i + 2, i + 2 + len);
            if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) {
              throw syntaxError(text, i, `invalid unicode escape: expected ${len} hex digits, found "${hex}"`);
            }
            const cp = parseInt(hex, 16);
            if (cp > 0x10ffff) throw syntaxError(text, i, `invalid unicode escape: code point ${hex} is out of range`);
            value += String.fromCodePoint(cp);
            i += 2 + len;
            continue;
          }
          const mapped = ESCAPES[e];
          if (mapped === undefined) throw syntaxError(text, i, `invalid escape: expected one of \\\\ \\' \\" \\n \\t \\r \\b \\f \\u, found "\\${e}"`);
          value += mapped;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: 'string', text: value, pos: start, end: i });
      continue;
    }
    if (c === '$') {
      i++;
      const nameStart = i;
      if (text[i] === '`') {
        const close = text.indexOf('`', i + 1);
        if (close < 0) throw syntaxError(text, i, 'unterminated quoted name: expected `, found end of input');
        tokens.push({ kind: 'param', text: text.slice(i + 1, close), pos: start, end: close + 1 });
        i = close + 1;
        continue;
      }
      while (i < n && isIdentPart(text[i]!)) i++;
      if (i === nameStart) throw syntaxError(text, start, 'invalid parameter: expected a name after $, found ' + describeChar(text[i]));
      tokens.push({ kind: 'param', text: text.slice(nameStart, i), pos: start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      tokens.push({ kind: 'punct', text: two, pos: start, end: i + 2 });
      i += 2;
      continue;
    }
    if (PUNCT1.has(c)) {
      tokens.push({ kind: 'punct', text: c, pos: start, end: i + 1 });
      i++;
      continue;
    }
    // Typographic arrows and dashes are common when queries are pasted from documents.
    if (c === '→') {
      tokens.push({ kind: 'punct', text: '-', pos: start, end: i + 1 }, { kind: 'punct', text: '>', pos: start, end: i + 1 });
      i++;
      continue;
    }
    if (c === '—' || c === '–' || c === '−') {
      tokens.push({ kind: 'punct', text: '-', pos: start, end: i + 1 });
      i++;
      continue;
    }
    throw syntaxError(text, start, `unexpected character: expected a name, number, string or operator, found ${describeChar(c)}`);
  }
  tokens.push({ kind: 'eof', text: '', pos: n, end: n });
  return tokens;
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'end of input';
  const cp = c.codePointAt(0) ?? 0;
  return cp < 32 || cp > 126 ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `"${c}"`;
}
