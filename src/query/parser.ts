/**
 * Hand-written recursive-descent parser for newsgraph's query language (accepting openCypher
 * syntax for what it supports) and the console shortcuts. Errors are QuerySyntaxErrors that name
 * the line, column, what was expected and what was found. Nesting is bounded so that hostile
 * input ends in "nesting too deep" rather than a stack overflow.
 */
import { QueryError } from '../errors.js';
import type {
  BinaryOp,
  Clause,
  CompareOp,
  Expr,
  NodePattern,
  PatternPart,
  Projection,
  ProjectionItem,
  QueryAst,
  RelPattern,
  ShortcutAst,
  SingleQuery,
  SortItem,
  StatementAst,
} from './ast.js';
import { positionAt, syntaxError, tokenize, type Token } from './lexer.js';

/** How deeply parentheses, lists, maps and NOT / unary minus may nest. */
export const MAX_NESTING = 200;
/** How deep the finished syntax tree may be (long operator chains build deep trees too). */
export const MAX_TREE_DEPTH = 1500;
/** Relationships one pattern may chain (`(a)-->(b)-->…`). */
export const MAX_PATTERN_LENGTH = 100;

const CLAUSE_WORDS = new Set(['MATCH', 'OPTIONAL', 'WHERE', 'WITH', 'RETURN', 'UNWIND', 'ORDER', 'SKIP', 'LIMIT', 'UNION', 'CREATE']);
const WRITE_WORDS = new Set(['DELETE', 'DETACH', 'SET', 'REMOVE', 'MERGE', 'CALL', 'FOREACH', 'LOAD', 'USE']);
const AGGREGATES = new Set(['count', 'collect', 'sum', 'avg', 'min', 'max', 'stdev', 'stdevp', 'percentilecont', 'percentiledisc']);

/** True for the names of aggregating functions (case-insensitive). */
export function isAggregateName(name: string): boolean {
  return AGGREGATES.has(name.toLowerCase());
}

/** `without hubs` avoids nodes with more edges than this. */
export const DEFAULT_HUB_DEGREE = 50;

const SHORTCUT_RE = /^\s*(paths?|neighbou?rs|find)\b/i;

/**
 * Parse a query or a console shortcut into its syntax tree.
 * @throws QuerySyntaxError with the position, what was expected and what was found.
 */
export function parseQuery(text: string): QueryAst {
  if (typeof text !== 'string') throw syntaxError('', 0, 'empty query: expected a query string, found ' + typeof text);
  const shortcut = SHORTCUT_RE.exec(text);
  if (shortcut && !/^\s*\w+\s*\(/.test(text)) return parseShortcut(text);
  return new Parser(text).parseStatement();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private nesting = 0;
  private anon = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  /* ------------------------------------------------------------ helpers */

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  private prevEnd(): number {
    return this.i > 0 ? this.tokens[this.i - 1]!.end : 0;
  }
  private isKw(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }
  private acceptKw(word: string): boolean {
    if (this.isKw(word)) {
      this.i++;
      return true;
    }
    return false;
  }
  private isP(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === p;
  }
  private acceptP(p: string): boolean {
    if (this.isP(p)) {
      this.i++;
      return true;
    }
    return false;
  }
  private describe(t: Token): string {
    switch (t.kind) {
      case 'eof':
        return 'end of input';
      case 'string':
        return `string '${t.text.length > 20 ? t.text.slice(0, 20) + '…' : t.text}'`;
      case 'quoted':
        return `\`${t.text}\``;
      case 'param':
        return `$${t.text}`;
      default:
        return `"${t.text.length > 30 ? t.text.slice(0, 30) + '…' : t.text}"`;
    }
  }
  private fail(expected: string, t: Token = this.peek()): never {
    throw syntaxError(this.text, t.pos, `expected ${expected}, found ${this.describe(t)}`);
  }
  private expectP(p: string, what = `"${p}"`): Token {
    if (!this.isP(p)) this.fail(what);
    return this.next();
  }
  private expectKw(word: string): Token {
    if (!this.isKw(word)) this.fail(word);
    return this.next();
  }
  private enter(pos: number): void {
    if (++this.nesting > MAX_NESTING) {
      throw syntaxError(this.text, pos, `nesting too deep: expected at most ${MAX_NESTING} nested parentheses, lists, maps or operators, found more`);
    }
  }
  private leave(): void {
    this.nesting--;
  }
  private symbolicName(what: string): string {
    const t = this.peek();
    if (t.kind === 'ident' || t.kind === 'quoted') {
      this.i++;
      return t.text;
    }
    return this.fail(what);
  }
  private anonName(): string {
    return `  anon${this.anon++}`;
  }

  /* ---------------------------------------------------------- statements */

  parseStatement(): StatementAst {
    if (this.peek().kind === 'eof') this.fail('a query (MATCH, RETURN, UNWIND, WITH) or a shortcut (path, paths, neighbors, find)');
    const parts: SingleQuery[] = [this.parseSingleQuery()];
    const unionAll: boolean[] = [];
    while (this.acceptKw('UNION')) {
      unionAll.push(this.acceptKw('ALL'));
      parts.push(this.parseSingleQuery());
    }
    this.acceptP(';');
    if (this.peek().kind !== 'eof') this.fail('end of query or a clause (MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION)');
    const ast: StatementAst = { kind: 'statement', parts, unionAll };
    checkTreeDepth(this.text, ast);
    return ast;
  }

  private parseSingleQuery(): SingleQuery {
    const clauses: Clause[] = [];
    for (;;) {
      const t = this.peek();
      const word = t.kind === 'ident' ? t.text.toUpperCase() : '';
      if (word === 'MATCH' || (word === 'OPTIONAL' && this.isKw('MATCH', 1))) {
        clauses.push(this.parseMatch());
      } else if (word === 'UNWIND') {
        this.next();
        const expr = this.parseExpression();
        this.expectKw('AS');
        clauses.push({ kind: 'unwind', pos: t.pos, expr, variable: this.symbolicName('a variable name after AS') });
      } else if (word === 'WITH') {
        this.next();
        const proj = this.parseProjection(t.pos);
        const where = this.acceptKw('WHERE') ? this.parseExpression() : null;
        clauses.push({ kind: 'with', ...proj, where });
      } else if (word === 'RETURN') {
        this.next();
        clauses.push({ kind: 'return', ...this.parseProjection(t.pos) });
        break;
      } else if (word === 'CREATE') {
        this.next();
        clauses.push({ kind: 'create', pos: t.pos, patterns: this.parsePatternList() });
      } else if (WRITE_WORDS.has(word)) {
        const position = positionAt(this.text, t.pos);
        throw new QueryError(
          `${word} is not supported (line ${position.line}, column ${position.column}): the query language is read-only; use MATCH, WHERE, WITH, UNWIND and RETURN`,
          position,
        );
      } else if (clauses.length === 0) {
        this.fail('a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH, RETURN)');
      } else {
        break;
      }
    }
    const last = clauses[clauses.length - 1];
    if (!last || (last.kind !== 'return' && last.kind !== 'create')) {
      this.fail(clauses.length === 0 ? 'a clause' : 'RETURN at the end of the query (or another clause)');
    }
    return { clauses };
  }

  private parseMatch(): Clause {
    const start = this.peek().pos;
    const optional = this.acceptKw('OPTIONAL');
    this.expectKw('MATCH');
    const patterns = this.parsePatternList();
    const where = this.acceptKw('WHERE') ? this.parseExpression() : null;
    return { kind: 'match', pos: start, optional, patterns, where };
  }

  private parseProjection(pos: number): Projection {
    const distinct = this.acceptKw('DISTINCT');
    let star = false;
    const items: ProjectionItem[] = [];
    if (this.acceptP('*')) {
      star = true;
      if (!this.acceptP(',')) return this.parseProjectionTail(pos, distinct, star, items);
    }
    do {
      const start = this.peek().pos;
      const expr = this.parseExpression();
      const end = this.prevEnd();
      if (this.acceptKw('AS')) {
        items.push({ expr, alias: this.symbolicName('a column name after AS'), implicit: false });
      } else {
        items.push({ expr, alias: this.text.slice(start, end), implicit: true });
      }
    } while (this.acceptP(','));
    return this.parseProjectionTail(pos, distinct, star, items);
  }

  private parseProjectionTail(pos: number, distinct: boolean, star: boolean, items: ProjectionItem[]): Projection {
    const order: SortItem[] = [];
    if (this.isKw('ORDER')) {
      this.next();
      this.expectKw('BY');
      do {
        const expr = this.parseExpression();
        let descending = false;
        if (this.acceptKw('DESC') || this.acceptKw('DESCENDING')) descending = true;
        else if (this.acceptKw('ASC') || this.acceptKw('ASCENDING')) descending = false;
        order.push({ expr, descending });
      } while (this.acceptP(','));
    }
    const skip = this.acceptKw('SKIP') ? this.parseExpression() : null;
    const limit = this.acceptKw('LIMIT') ? this.parseExpression() : null;
    return { pos, distinct, star, items, order, skip, limit };
  }

  /* ------------------------------------------------------------ patterns */

  private parsePatternList(): PatternPart[] {
    const patterns: PatternPart[] = [];
    do {
      if (patterns.length >= MAX_PATTERN_LENGTH) {
        throw syntaxError(this.text, this.peek().pos, `too many patterns: expected at most ${MAX_PATTERN_LENGTH} comma-separated patterns, found more`);
      }
      patterns.push(this.parsePatternPart());
    } while (this.acceptP(','));
    return patterns;
  }

  private parsePatternPart(): PatternPart {
    const pos = this.peek().pos;
    let variable: string | null = null;
    if ((this.peek().kind === 'ident' || this.peek().kind === 'quoted') && this.isP('=', 1)) {
      variable = this.next().text;
      this.next();
    }
    const fn = this.peek();
    if (fn.kind === 'ident' && this.isP('(', 1)) {
      const lower = fn.text.toLowerCase();
      if (lower === 'shortestpath' || lower === 'allshortestpaths') {
        this.next();
        this.next();
        const inner = this.parsePatternElement(pos, variable);
        this.expectP(')', '")" closing ' + fn.text);
        if (inner.rels.length !== 1) {
          throw syntaxError(this.text, fn.pos, `${fn.text} expects a pattern with exactly one relationship, found ${inner.rels.length}`);
        }
        inner.shortest = lower === 'shortestpath' ? 'single' : 'all';
        return inner;
      }
      this.fail('a node pattern "(" or shortestPath(…)');
    }
    return this.parsePatternElement(pos, variable);
  }

  private parsePatternElement(pos: number, variable: string | null): PatternPart {
    const nodes: NodePattern[] = [this.parseNodePattern()];
    const rels: RelPattern[] = [];
    while (this.isP('-') || (this.isP('<') && this.isP('-', 1))) {
      if (rels.length >= MAX_PATTERN_LENGTH) {
        throw syntaxError(this.text, this.peek().pos, `pattern too long: expected at most ${MAX_PATTERN_LENGTH} relationships in one pattern, found more; use a variable-length relationship (*1..3)`);
      }
      rels.push(this.parseRelPattern());
      nodes.push(this.parseNodePattern());
    }
    return { pos, variable, shortest: null, nodes, rels };
  }

  private parseNodePattern(): NodePattern {
    const open = this.peek();
    this.expectP('(', 'a node pattern "("');
    let variable: string | null = null;
    if (this.peek().kind === 'ident' || this.peek().kind === 'quoted') variable = this.next().text;
    const labels: string[] = [];
    while (this.acceptP(':')) labels.push(this.symbolicName('a label name after ":"'));
    let properties: Expr | null = null;
    if (this.isP('{')) properties = this.parseMapLiteral();
    else if (this.peek().kind === 'param') {
      const t = this.next();
      properties = { kind: 'param', pos: t.pos, name: t.text };
    }
    this.expectP(')', variable === null && labels.length === 0 && properties === null ? 'a variable, ":label", "{properties}" or ")"' : '")" closing the node pattern');
    return { pos: open.pos, variable, labels, properties };
  }

  private parseRelPattern(): RelPattern {
    const pos = this.peek().pos;
    const left = this.acceptP('<');
    this.expectP('-', '"-"');
    let variable: string | null = null;
    const types: string[] = [];
    let properties: Expr | null = null;
    let length: RelPattern['length'] = null;
    if (this.acceptP('[')) {
      if (this.peek().kind === 'ident' || this.peek().kind === 'quoted') variable = this.next().text;
      if (this.acceptP(':')) {
        types.push(this.symbolicName('a relationship type after ":"'));
        while (this.acceptP('|')) {
          this.acceptP(':');
          types.push(this.symbolicName('a relationship type after "|"'));
        }
      }
      if (this.acceptP('*')) {
        let min: number | null = null;
        let max: number | null = null;
        if (this.peek().kind === 'int') min = this.smallInt(this.next());
        if (this.acceptP('..')) {
          if (this.peek().kind === 'int') max = this.smallInt(this.next());
        } else if (min !== null) {
          max = min;
        }
        length = { min: min ?? 1, max };
      }
      if (this.isP('{')) properties = this.parseMapLiteral();
      else if (this.peek().kind === 'param') {
        const t = this.next();
        properties = { kind: 'param', pos: t.pos, name: t.text };
      }
      this.expectP(']', '"]" closing the relationship pattern');
    }
    this.expectP('-', '"-" after the relationship');
    const right = this.acceptP('>');
    const direction = left && !right ? 'in' : right && !left ? 'out' : 'both';
    return { pos, variable, types, properties, direction, length };
  }

  private smallInt(t: Token): number {
    const v = t.value as bigint;
    if (v > 1_000_000n) throw syntaxError(this.text, t.pos, `number too large: expected a path length up to 1000000, found ${t.text}`);
    return Number(v);
  }

  /* --------------------------------------------------------- expressions */

  parseExpression(): Expr {
    const t = this.peek();
    this.enter(t.pos);
    try {
      return this.parseOr();
    } finally {
      this.leave();
    }
  }

  private parseOr(): Expr {
    let left = this.parseXor();
    while (this.isKw('OR')) {
      const pos = this.next().pos;
      left = { kind: 'binary', pos, op: 'OR', left, right: this.parseXor() };
    }
    return left;
  }
  private parseXor(): Expr {
    let left = this.parseAnd();
    while (this.isKw('XOR')) {
      const pos = this.next().pos;
      left = { kind: 'binary', pos, op: 'XOR', left, right: this.parseAnd() };
    }
    return left;
  }
  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKw('AND')) {
      const pos = this.next().pos;
      left = { kind: 'binary', pos, op: 'AND', left, right: this.parseNot() };
    }
    return left;
  }
  private parseNot(): Expr {
    if (this.isKw('NOT')) {
      const t = this.next();
      this.enter(t.pos);
      try {
        return { kind: 'unary', pos: t.pos, op: 'NOT', operand: this.parseNot() };
      } finally {
        this.leave();
      }
    }
    return this.parseComparison();
  }
  private compareOp(): CompareOp | null {
    const t = this.peek();
    if (t.kind !== 'punct') return null;
    switch (t.text) {
      case '=':
      case '<>':
      case '<':
      case '>':
      case '<=':
      case '>=':
        return t.text;
      case '!=':
        return '<>';
      default:
        return null;
    }
  }
  private parseComparison(): Expr {
    const first = this.parsePredicates();
    let op = this.compareOp();
    if (op === null) return first;
    const ops: CompareOp[] = [];
    const operands: Expr[] = [first];
    while (op !== null) {
      this.next();
      ops.push(op);
      operands.push(this.parsePredicates());
      op = this.compareOp();
    }
    return { kind: 'compare', pos: first.pos, ops, operands };
  }
  private parsePredicates(): Expr {
    let left = this.parseAdditive();
    for (;;) {
      const t = this.peek();
      let op: BinaryOp | null = null;
      if (this.isKw('IN')) {
        this.next();
        op = 'IN';
      } else if (this.isKw('STARTS') && this.isKw('WITH', 1)) {
        this.i += 2;
        op = 'STARTS WITH';
      } else if (this.isKw('ENDS') && this.isKw('WITH', 1)) {
        this.i += 2;
        op = 'ENDS WITH';
      } else if (this.isKw('CONTAINS')) {
        this.next();
        op = 'CONTAINS';
      } else if (this.isP('=~')) {
        this.next();
        op = '=~';
      } else if (this.isKw('IS')) {
        this.next();
        const negated = this.acceptKw('NOT');
        this.expectKw('NULL');
        left = { kind: 'isNull', pos: t.pos, operand: left, negated };
        continue;
      }
      if (op === null) return left;
      left = { kind: 'binary', pos: t.pos, op, left, right: this.parseAdditive() };
    }
  }
  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isP('+') || this.isP('-')) {
      const t = this.next();
      left = { kind: 'binary', pos: t.pos, op: t.text as BinaryOp, left, right: this.parseMultiplicative() };
    }
    return left;
  }
  private parseMultiplicative(): Expr {
    let left = this.parsePower();
    while (this.isP('*') || this.isP('/') || this.isP('%')) {
      const t = this.next();
      left = { kind: 'binary', pos: t.pos, op: t.text as BinaryOp, left, right: this.parsePower() };
    }
    return left;
  }
  private parsePower(): Expr {
    let left = this.parseUnary();
    while (this.isP('^')) {
      const t = this.next();
      left = { kind: 'binary', pos: t.pos, op: '^', left, right: this.parseUnary() };
    }
    return left;
  }
  private parseUnary(): Expr {
    if (this.isP('-') || this.isP('+')) {
      const t = this.next();
      // Fold a minus into an integer literal so that -9223372036854775808 is representable.
      const n = this.peek();
      if (t.text === '-' && (n.kind === 'int' || n.kind === 'float') && !this.isPostfixAfter(1)) {
        this.next();
        const value = n.kind === 'int' ? -(n.value as bigint) : -(n.value as number);
        return this.checkIntRange({ kind: 'literal', pos: t.pos, value }, t.pos);
      }
      this.enter(t.pos);
      try {
        return { kind: 'unary', pos: t.pos, op: t.text as '-' | '+', operand: this.parseUnary() };
      } finally {
        this.leave();
      }
    }
    return this.parsePostfix();
  }
  private isPostfixAfter(k: number): boolean {
    return this.isP('.', k) || this.isP('[', k) || this.isP(':', k);
  }
  private checkIntRange(e: Expr, pos: number): Expr {
    if (e.kind === 'literal' && typeof e.value === 'bigint' && (e.value > 9223372036854775807n || e.value < -9223372036854775808n)) {
      throw syntaxError(this.text, pos, 'integer overflow: expected an integer between -2^63 and 2^63-1');
    }
    return e;
  }
  private parsePostfix(): Expr {
    let e = this.parseAtom();
    for (;;) {
      if (this.isP('.')) {
        const t = this.next();
        e = { kind: 'prop', pos: t.pos, target: e, key: this.symbolicName('a property name after "."') };
      } else if (this.isP('[')) {
        const t = this.next();
        this.enter(t.pos);
        try {
          if (this.acceptP('..')) {
            const to = this.isP(']') ? null : this.parseExpression();
            this.expectP(']', '"]" closing the slice');
            e = { kind: 'slice', pos: t.pos, target: e, from: null, to };
            continue;
          }
          const index = this.parseExpression();
          if (this.acceptP('..')) {
            const to = this.isP(']') ? null : this.parseExpression();
            this.expectP(']', '"]" closing the slice');
            e = { kind: 'slice', pos: t.pos, target: e, from: index, to };
          } else {
            this.expectP(']', '"]" closing the index');
            e = { kind: 'index', pos: t.pos, target: e, index };
          }
        } finally {
          this.leave();
        }
      } else if (this.isP(':') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'quoted')) {
        const pos = this.peek().pos;
        const labels: string[] = [];
        while (this.acceptP(':')) labels.push(this.symbolicName('a label name after ":"'));
        e = { kind: 'hasLabels', pos, target: e, labels };
      } else {
        return e;
      }
    }
  }

  private parseAtom(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'int':
        this.next();
        return this.checkIntRange({ kind: 'literal', pos: t.pos, value: t.value as bigint }, t.pos);
      case 'float':
        this.next();
        if (!Number.isFinite(t.value as number)) throw syntaxError(this.text, t.pos, 'floating point overflow: expected a float that fits 64 bits, found ' + t.text.slice(0, 30));
        return { kind: 'literal', pos: t.pos, value: t.value as number };
      case 'string':
        this.next();
        return { kind: 'literal', pos: t.pos, value: t.text };
      case 'param':
        this.next();
        return { kind: 'param', pos: t.pos, name: t.text };
      case 'quoted':
        this.next();
        return { kind: 'var', pos: t.pos, name: t.text };
      case 'punct':
        if (t.text === '(') return this.parseParenthesised();
        if (t.text === '[') return this.parseListOrComprehension();
        if (t.text === '{') return this.parseMapLiteral();
        return this.fail('an expression');
      case 'ident':
        return this.parseIdentAtom();
      default:
        return this.fail('an expression');
    }
  }

  private parseIdentAtom(): Expr {
    const t = this.peek();
    const upper = t.text.toUpperCase();
    if (upper === 'NULL') {
      this.next();
      return { kind: 'literal', pos: t.pos, value: null };
    }
    if (upper === 'TRUE' || upper === 'FALSE') {
      this.next();
      return { kind: 'literal', pos: t.pos, value: upper === 'TRUE' };
    }
    if (upper === 'INF' || upper === 'INFINITY' || upper === 'NAN') {
      // Only as bare words; `nan` could also be a variable, so require they are not followed by "(".
      if (!this.isP('(', 1) && !this.isP('.', 1)) {
        this.next();
        return { kind: 'literal', pos: t.pos, value: upper === 'NAN' ? NaN : Infinity };
      }
    }
    if (upper === 'CASE') return this.parseCase();
    if (CLAUSE_WORDS.has(upper) && upper !== 'CREATE' && !this.isP('(', 1) && !this.isP('.', 1)) this.fail('an expression');
    if (this.isP('(', 1) || (this.isP('.', 1) && this.peek(2).kind === 'ident' && this.isP('(', 3))) {
      const lower = t.text.toLowerCase();
      if ((lower === 'all' || lower === 'any' || lower === 'none' || lower === 'single') && this.peek(2).kind === 'ident' && this.isKw('IN', 3)) {
        return this.parseQuantifier();
      }
      if (lower === 'exists' && this.isP('(', 1) && this.isP('{', 2)) return this.parseExistsSubquery();
      return this.parseCall();
    }
    if (upper === 'EXISTS' && this.isP('{', 1)) return this.parseExistsSubquery();
    this.next();
    return { kind: 'var', pos: t.pos, name: t.text };
  }

  private parseCall(): Expr {
    const t = this.next();
    let name = t.text;
    if (this.acceptP('.')) name += '.' + this.next().text;
    const open = this.expectP('(');
    this.enter(open.pos);
    try {
      const distinct = this.acceptKw('DISTINCT');
      if (this.isP('*') && this.isP(')', 1)) {
        this.i += 2;
        if (name.toLowerCase() !== 'count') throw syntaxError(this.text, t.pos, `expected arguments for ${name}(…), found "*" (only count(*) takes *)`);
        return { kind: 'call', pos: t.pos, name, distinct, star: true, args: [] };
      }
      const args: Expr[] = [];
      if (!this.isP(')')) {
        do args.push(this.parseExpression());
        while (this.acceptP(','));
      }
      this.expectP(')', `")" closing ${name}(…)`);
      return { kind: 'call', pos: t.pos, name, distinct, star: false, args };
    } finally {
      this.leave();
    }
  }

  private parseQuantifier(): Expr {
    const t = this.next();
    const open = this.expectP('(');
    this.enter(open.pos);
    try {
      const variable = this.symbolicName('a variable');
      this.expectKw('IN');
      const list = this.parseExpression();
      this.expectKw('WHERE');
      const where = this.parseExpression();
      this.expectP(')', `")" closing ${t.text}(…)`);
      return { kind: 'quantifier', pos: t.pos, quantifier: t.text.toLowerCase() as 'all', variable, list, where };
    } finally {
      this.leave();
    }
  }

  private parseExistsSubquery(): Expr {
    const t = this.next();
    const paren = this.acceptP('(');
    const open = this.expectP('{');
    this.enter(open.pos);
    try {
      this.acceptKw('MATCH');
      const pattern = this.parsePatternList();
      const where = this.acceptKw('WHERE') ? this.parseExpression() : null;
      this.expectP('}', '"}" closing EXISTS { … }');
      if (paren) this.expectP(')');
      return { kind: 'exists', pos: t.pos, pattern, where };
    } finally {
      this.leave();
    }
  }

  private parseCase(): Expr {
    const t = this.next();
    this.enter(t.pos);
    try {
      const subject = this.isKw('WHEN') ? null : this.parseExpression();
      const whens: [Expr, Expr][] = [];
      while (this.acceptKw('WHEN')) {
        const when = this.parseExpression();
        this.expectKw('THEN');
        whens.push([when, this.parseExpression()]);
      }
      if (whens.length === 0) this.fail('WHEN');
      const otherwise = this.acceptKw('ELSE') ? this.parseExpression() : null;
      this.expectKw('END');
      return { kind: 'case', pos: t.pos, subject, whens, otherwise };
    } finally {
      this.leave();
    }
  }

  private parseParenthesised(): Expr {
    const open = this.peek();
    // A pattern used as a predicate: (a)-[:T]->(b).
    const save = this.i;
    const saveNesting = this.nesting;
    if (this.looksLikeNodePattern()) {
      try {
        const part = this.parsePatternElement(open.pos, null);
        if (part.rels.length > 0) return { kind: 'pattern', pos: open.pos, pattern: part };
      } catch (e) {
        if (!(e instanceof Error) || e.name !== 'QuerySyntaxError') throw e;
      }
      this.i = save;
      this.nesting = saveNesting;
    }
    this.next();
    this.enter(open.pos);
    try {
      const e = this.parseExpression();
      this.expectP(')', '")"');
      return e;
    } finally {
      this.leave();
    }
  }

  /** Cheap look-ahead: `(` [name] [:label…] [{…}] `)` followed by `-` or `<-`. */
  private looksLikeNodePattern(): boolean {
    let k = 1;
    const t = this.peek(k);
    if (t.kind === 'ident' || t.kind === 'quoted') k++;
    while (this.isP(':', k)) k += 2;
    if (this.isP('{', k)) return true; // decide by trying
    if (!this.isP(')', k)) return false;
    return this.isP('-', k + 1) || (this.isP('<', k + 1) && this.isP('-', k + 2));
  }

  private parseListOrComprehension(): Expr {
    const open = this.next();
    this.enter(open.pos);
    try {
      if ((this.peek().kind === 'ident' || this.peek().kind === 'quoted') && this.isKw('IN', 1)) {
        const variable = this.next().text;
        this.next();
        const list = this.parseExpression();
        const where = this.acceptKw('WHERE') ? this.parseExpression() : null;
        const map = this.acceptP('|') ? this.parseExpression() : null;
        this.expectP(']', '"]" closing the list comprehension');
        return { kind: 'listComp', pos: open.pos, variable, list, where, map };
      }
      const items: Expr[] = [];
      if (!this.isP(']')) {
        do items.push(this.parseExpression());
        while (this.acceptP(','));
      }
      this.expectP(']', '"," or "]" in the list');
      return { kind: 'list', pos: open.pos, items };
    } finally {
      this.leave();
    }
  }

  private parseMapLiteral(): Expr {
    const open = this.expectP('{');
    this.enter(open.pos);
    try {
      const entries: [string, Expr][] = [];
      if (!this.isP('}')) {
        do {
          const k = this.peek();
          let key: string;
          if (k.kind === 'ident' || k.kind === 'quoted' || k.kind === 'string') key = this.next().text;
          else this.fail('a property name in the map');
          this.expectP(':', '":" after the property name');
          entries.push([key, this.parseExpression()]);
        } while (this.acceptP(','));
      }
      this.expectP('}', '"," or "}" in the map');
      return { kind: 'map', pos: open.pos, entries };
    } finally {
      this.leave();
    }
  }
}

/** Reject syntax trees deeper than MAX_TREE_DEPTH without recursing (long chains of `+` or `.`). */
function checkTreeDepth(text: string, root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) {
      const pos = typeof (node as { pos?: unknown }).pos === 'number' ? (node as { pos: number }).pos : 0;
      throw syntaxError(text, pos, `nesting too deep: expected an expression at most ${MAX_TREE_DEPTH} levels deep, found a deeper one (split long chains of operators)`);
    }
    if (Array.isArray(node)) {
      for (const child of node) if (child !== null && typeof child === 'object') stack.push([child, depth]);
    } else {
      for (const key in node as object) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
}

/* ------------------------------------------------------------- shortcuts */

const ARROW_RE = /\s*(?:<->|<-|->|→)\s*/;
/** Used only when there is no arrow: `path A to B`, `path A -- B`. */
const WEAK_ARROW_RE = /\s*(?:--|\s-\s|\bto\b)\s*/i;

function unquote(s: string): string {
  const t = s.trim().replace(/;\s*$/, '').trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")) || (t.startsWith('`') && t.endsWith('`')))) {
    return t.slice(1, -1);
  }
  return t;
}

function parseShortcut(text: string): ShortcutAst {
  const trimmed = text.replace(/;\s*$/, '');
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(trimmed)!;
  const word = m[1]!.toLowerCase();
  const rest = m[2]!;
  const argStart = text.length - text.trimStart().length + m[1]!.length + 1;
  const command = word.startsWith('neighbo') ? 'neighbors' : (word as ShortcutAst['command']);
  const ast: ShortcutAst = { kind: 'shortcut', command, from: '', to: null, maxHops: null, withoutFamilies: [], withoutNodes: [], withoutHubsOver: null };
  if (rest.trim() === '') {
    const what = command === 'find' ? 'some text to find' : command === 'neighbors' ? 'a name' : 'two names: A -> B';
    throw syntaxError(text, Math.min(argStart, text.length), `${word}: expected ${what}, found end of input`);
  }
  if (command === 'find' || command === 'neighbors') {
    ast.from = unquote(rest);
    return ast;
  }
  const arrow = ARROW_RE.exec(rest) ?? WEAK_ARROW_RE.exec(rest);
  if (!arrow || arrow.index === 0) {
    throw syntaxError(text, argStart, `${word}: expected "A -> B" (two names joined by ->), found "${rest.trim().slice(0, 40)}"`);
  }
  ast.from = unquote(rest.slice(0, arrow.index));
  let tail = rest.slice(arrow.index + arrow[0].length);
  const opt = /\s+(max|without)\s+/i.exec(' ' + tail);
  let options = '';
  if (opt) {
    options = (' ' + tail).slice(opt.index);
    tail = (' ' + tail).slice(0, opt.index);
  }
  ast.to = unquote(tail);
  if (ast.from === '' || ast.to === '') {
    throw syntaxError(text, argStart, `${word}: expected a name on both sides of ->, found "${rest.trim().slice(0, 40)}"`);
  }
  const optRe = /\s+(max\s+(\S+)|without\s+(families|family)\s+((?:(?!\s+(?:max|without)\s)[\s\S])+)|without\s+((?:(?!\s+(?:max|without)\s)[\s\S])+))/iy;
  let pos = 0;
  while (pos < options.trim().length + 1 && pos < options.length) {
    optRe.lastIndex = pos;
    const o = optRe.exec(options);
    if (!o) {
      throw syntaxError(text, Math.max(0, text.length - options.length + pos), `${word}: expected "max N" or "without …", found "${options.slice(pos).trim().slice(0, 40)}"`);
    }
    if (o[2] !== undefined) {
      if (!/^\d+$/.test(o[2]) || Number(o[2]) < 1 || Number(o[2]) > 20) {
        throw syntaxError(text, text.length - options.length + o.index, `${word}: expected a number of hops from 1 to 20 after max, found "${o[2]}"`);
      }
      ast.maxHops = Number(o[2]);
    } else if (o[4] !== undefined) {
      ast.withoutFamilies.push(...o[4].split(/\s*,\s*|\s+and\s+/i).map(unquote).filter(Boolean).map((f) => f.toLowerCase()));
    } else if (o[5] !== undefined) {
      for (const name of o[5].split(/\s*,\s*/).map(unquote).filter(Boolean)) {
        const hubs = /^hubs(?:\s+over\s+(\d+))?$/i.exec(name);
        if (hubs) ast.withoutHubsOver = hubs[1] !== undefined ? Number(hubs[1]) : DEFAULT_HUB_DEGREE;
        else ast.withoutNodes.push(name);
      }
    }
    pos = o.index + o[0].length;
    if (options.slice(pos).trim() === '') break;
  }
  return ast;
}
