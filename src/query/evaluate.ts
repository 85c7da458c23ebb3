/**
 * Expression evaluation: operators with openCypher's null semantics, property access, and the
 * built-in scalar functions. Aggregates are computed by execute.ts and handed in by `aggregates`.
 */
import { QueryError } from '../errors.js';
import type { Expr, PatternPart } from './ast.js';
import type { Budget, GraphView } from './context.js';
import { isAggregateName } from './parser.js';
import {
  checkInt,
  compare,
  equals,
  fromJs,
  isMap,
  isNumber,
  newMap,
  NodeRef,
  PathVal,
  RelRef,
  toBool,
  toNumber,
  typeName,
  formatFloat,
  keyOf,
  type MapValue,
  type Value,
} from './values.js';

export type Row = Map<string, Value>;

export interface EvalContext {
  view: GraphView;
  budget: Budget;
  params: Record<string, unknown>;
  /** Values of the aggregate calls of the current projection, by call node. */
  aggregates: Map<Expr, Value> | null;
  /** Does the pattern match with the row's bindings? (match.ts, passed in to avoid an import cycle) */
  patternExists: (parts: PatternPart[], where: Expr | null, row: Row, ctx: EvalContext) => boolean;
}

/** A QueryError at an expression; run.ts fills in the line and column from the offset. */
function err(e: { pos: number }, message: string): QueryError {
  return new QueryError(message, { offset: e.pos, line: 0, column: 0 });
}

/** Evaluate an expression against one row. @throws QueryError on type errors and unknown names. */
export function evaluate(e: Expr, row: Row, ctx: EvalContext): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'param': {
      if (!(e.name in ctx.params)) throw err(e, `parameter $${e.name} has no value: pass it in the query options (params)`);
      return fromJs(ctx.params[e.name]);
    }
    case 'var': {
      const v = row.get(e.name);
      if (v === undefined) throw err(e, `variable \`${e.name}\` is not defined: expected a variable bound by MATCH, WITH or UNWIND`);
      return v;
    }
    case 'prop':
      return property(evaluate(e.target, row, ctx), e.key, ctx);
    case 'index':
      return indexValue(evaluate(e.target, row, ctx), evaluate(e.index, row, ctx), ctx);
    case 'slice': {
      const list = evaluate(e.target, row, ctx);
      const from = e.from ? evaluate(e.from, row, ctx) : 0n;
      const to = e.to ? evaluate(e.to, row, ctx) : null;
      if (list === null || from === null || (e.to && to === null)) return null;
      if (!Array.isArray(list)) throw err(e, `slice: expected a list, found ${typeName(list)}`);
      const n = list.length;
      const norm = (v: Value, d: number): number => {
        if (typeof v !== 'bigint') throw err(e, `slice: expected integer bounds, found ${typeName(v)}`);
        const x = Number(v);
        return x < 0 ? Math.max(0, n + x) : Math.min(n, x);
      };
      return list.slice(norm(from, 0), e.to ? norm(to, n) : n);
    }
    case 'list': {
      const c = constantValue(e);
      if (c !== undefined) return c;
      return e.items.map((i) => evaluate(i, row, ctx));
    }
    case 'map': {
      const m = newMap();
      for (const [k, v] of e.entries) m[k] = evaluate(v, row, ctx);
      return m;
    }
    case 'binary':
      return binary(e, row, ctx);
    case 'compare': {
      let result: boolean | null = true;
      let left = evaluate(e.operands[0]!, row, ctx);
      for (let i = 0; i < e.ops.length; i++) {
        const right = evaluate(e.operands[i + 1]!, row, ctx);
        const r = compareOp(e.ops[i]!, left, right);
        if (r === false) return false;
        if (r === null) result = null;
        left = right;
      }
      return result;
    }
    case 'unary': {
      const v = evaluate(e.operand, row, ctx);
      if (e.op === 'NOT') {
        const b = toBool(v, 'NOT');
        return b === null ? null : !b;
      }
      if (v === null) return null;
      if (e.op === '+') {
        if (!isNumber(v)) throw err(e, `unary +: expected a number, found ${typeName(v)}`);
        return v;
      }
      if (typeof v === 'bigint') return checkInt(-v);
      if (typeof v === 'number') return -v;
      throw err(e, `unary -: expected a number, found ${typeName(v)}`);
    }
    case 'isNull': {
      const v = evaluate(e.operand, row, ctx);
      return e.negated ? v !== null : v === null;
    }
    case 'hasLabels': {
      const v = evaluate(e.target, row, ctx);
      if (v === null) return null;
      if (v instanceof RelRef) return e.labels.every((l) => ctx.view.relHasType(v.key, l));
      if (!(v instanceof NodeRef)) throw err(e, `label predicate: expected a node or relationship, found ${typeName(v)}`);
      return e.labels.every((l) => ctx.view.hasLabel(v.key, l));
    }
    case 'call':
      if (isAggregateName(e.name)) {
        const v = ctx.aggregates?.get(e);
        if (v === undefined) throw err(e, `${e.name}(…) is an aggregate: use it in RETURN or WITH, not in WHERE or ORDER BY alone`);
        return v;
      }
      return callFunction(e, row, ctx);
    case 'case': {
      if (e.subject) {
        const s = evaluate(e.subject, row, ctx);
        for (const [w, t] of e.whens) if (equals(s, evaluate(w, row, ctx)) === true) return evaluate(t, row, ctx);
      } else {
        for (const [w, t] of e.whens) if (evaluate(w, row, ctx) === true) return evaluate(t, row, ctx);
      }
      return e.otherwise ? evaluate(e.otherwise, row, ctx) : null;
    }
    case 'listComp': {
      const list = evaluate(e.list, row, ctx);
      if (list === null) return null;
      if (!Array.isArray(list)) throw err(e, `list comprehension: expected a list, found ${typeName(list)}`);
      const out: Value[] = [];
      const inner = new Map(row);
      for (const item of list) {
        ctx.budget.tick();
        inner.set(e.variable, item);
        if (e.where && evaluate(e.where, inner, ctx) !== true) continue;
        out.push(e.map ? evaluate(e.map, inner, ctx) : item);
      }
      return out;
    }
    case 'quantifier': {
      const list = evaluate(e.list, row, ctx);
      if (list === null) return null;
      if (!Array.isArray(list)) throw err(e, `${e.quantifier}(): expected a list, found ${typeName(list)}`);
      const inner = new Map(row);
      let trues = 0;
      let nulls = 0;
      for (const item of list) {
        ctx.budget.tick();
        inner.set(e.variable, item);
        const r = toBool(evaluate(e.where, inner, ctx), e.quantifier + '()');
        if (r === true) trues++;
        else if (r === null) nulls++;
      }
      const falses = list.length - trues - nulls;
      switch (e.quantifier) {
        case 'all':
          return falses > 0 ? false : nulls > 0 ? null : true;
        case 'any':
          return trues > 0 ? true : nulls > 0 ? null : false;
        case 'none':
          return trues > 0 ? false : nulls > 0 ? null : true;
        case 'single':
          return trues > 1 ? false : nulls > 0 ? null : trues === 1;
      }
    }
    // falls through (unreachable)
    case 'pattern':
      return ctx.patternExists([e.pattern], null, row, ctx);
    case 'exists':
      return ctx.patternExists(e.pattern, e.where, row, ctx);
  }
  throw new QueryError('unsupported expression');
}

const constants = new WeakMap<Expr, Value | undefined>();

/** The value of a list literal made only of literals (evaluated once per query text), or undefined. */
function constantValue(e: Extract<Expr, { kind: 'list' }>): Value | undefined {
  if (constants.has(e)) return constants.get(e);
  let v: Value | undefined;
  if (e.items.length >= 16 && e.items.every((i) => i.kind === 'literal')) {
    v = e.items.map((i) => (i as Extract<Expr, { kind: 'literal' }>).value);
  }
  constants.set(e, v);
  return v;
}

const scalarSets = new WeakMap<Value[], Set<string> | null>();

/** For a long constant list of non-null scalars: the set of their keys, for a fast IN. */
function scalarSet(list: Value[]): Set<string> | null {
  if (list.length < 16) return null;
  const cached = scalarSets.get(list);
  if (cached !== undefined) return cached;
  let set: Set<string> | null = new Set();
  for (const x of list) {
    if (x === null || typeof x === 'object' || (typeof x === 'number' && Number.isNaN(x))) {
      set = null;
      break;
    }
    set.add(keyOf(x));
  }
  scalarSets.set(list, set);
  return set;
}

export function property(target: Value, key: string, ctx: EvalContext): Value {
  if (target === null) return null;
  if (target instanceof NodeRef) return ctx.view.nodeProperty(target.key, key);
  if (target instanceof RelRef) return ctx.view.relProperty(target.key, key);
  if (isMap(target)) return target[key] ?? null;
  throw new QueryError(`property access .${key}: expected a node, relationship or map, found ${typeName(target)}`);
}

function indexValue(target: Value, index: Value, ctx: EvalContext): Value {
  if (target === null || index === null) return null;
  if (Array.isArray(target)) {
    if (typeof index !== 'bigint') throw new QueryError(`list index: expected an integer, found ${typeName(index)}`);
    let i = Number(index);
    if (i < 0) i += target.length;
    return i >= 0 && i < target.length ? target[i]! : null;
  }
  if (typeof index !== 'string') throw new QueryError(`index: expected a string key for a ${typeName(target)}, found ${typeName(index)}`);
  return property(target, index, ctx);
}

function compareOp(op: string, a: Value, b: Value): boolean | null {
  if (op === '=') return equals(a, b);
  if (op === '<>') {
    const r = equals(a, b);
    return r === null ? null : !r;
  }
  const c = compare(a, b);
  if (c === null) return null;
  if (Number.isNaN(c)) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

const regexCache = new Map<string, RegExp>();
/** A group containing a quantifier or alternation, itself followed by a quantifier. */
const NESTED_REPETITION = /\((?:[^()\\]|\\.)*(?:[+*}]|\|)(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,?\d*\})/;

function binary(e: Extract<Expr, { kind: 'binary' }>, row: Row, ctx: EvalContext): Value {
  switch (e.op) {
    case 'AND': {
      // Both sides are evaluated, so that a type error on the right is not hidden by `false AND`.
      const l = toBool(evaluate(e.left, row, ctx), 'AND');
      const r = toBool(evaluate(e.right, row, ctx), 'AND');
      if (l === false) return false;
      if (r === false) return false;
      return l === null || r === null ? null : true;
    }
    case 'OR': {
      const l = toBool(evaluate(e.left, row, ctx), 'OR');
      const r = toBool(evaluate(e.right, row, ctx), 'OR');
      if (l === true) return true;
      if (r === true) return true;
      return l === null || r === null ? null : false;
    }
    case 'XOR': {
      const l = toBool(evaluate(e.left, row, ctx), 'XOR');
      const r = toBool(evaluate(e.right, row, ctx), 'XOR');
      return l === null || r === null ? null : l !== r;
    }
  }
  const a = evaluate(e.left, row, ctx);
  const b = evaluate(e.right, row, ctx);
  switch (e.op) {
    case 'IN': {
      if (b === null) return null;
      if (!Array.isArray(b)) throw err(e, `IN: expected a list on the right, found ${typeName(b)}`);
      const set = scalarSet(b);
      if (set && a !== null && (typeof a === 'string' || typeof a === 'bigint' || typeof a === 'boolean' || (typeof a === 'number' && !Number.isNaN(a)))) {
        return set.has(keyOf(a));
      }
      let unknown = false;
      for (const x of b) {
        const r = equals(a, x);
        if (r === true) return true;
        if (r === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'STARTS WITH':
      return typeof a === 'string' && typeof b === 'string' ? a.startsWith(b) : null;
    case 'ENDS WITH':
      return typeof a === 'string' && typeof b === 'string' ? a.endsWith(b) : null;
    case 'CONTAINS':
      return typeof a === 'string' && typeof b === 'string' ? a.includes(b) : null;
    case '=~': {
      if (typeof a !== 'string' || typeof b !== 'string') return null;
      let re = regexCache.get(b);
      if (!re) {
        if (b.length > 1000) throw err(e, '=~: expected a regular expression of at most 1000 characters');
        // A repeated group that itself repeats ((a+)+, (a|aa)*) can take exponential time, and a
        // regular expression cannot be interrupted by the time budget: refuse it.
        if (NESTED_REPETITION.test(b) || /\\[1-9]/.test(b)) {
          throw err(e, `=~: expected a regular expression without nested repetition or back-references, found ${JSON.stringify(b.slice(0, 60))}`);
        }
        try {
          re = new RegExp(`^(?:${b})$`, 'u');
        } catch {
          throw err(e, `=~: invalid regular expression ${JSON.stringify(b)}`);
        }
        if (regexCache.size > 100) regexCache.clear();
        regexCache.set(b, re);
      }
      return re.test(a);
    }
    default:
      return arithmetic(e.op, a, b);
  }
}

export function arithmetic(op: string, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (op === '+') {
    if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b];
    if (Array.isArray(b)) return [a, ...b];
    if (typeof a === 'string' || typeof b === 'string') {
      if ((typeof a === 'string' || isNumber(a)) && (typeof b === 'string' || isNumber(b))) return scalarString(a) + scalarString(b);
    }
  }
  if (!isNumber(a) || !isNumber(b)) throw new QueryError(`${op}: expected numbers, found ${typeName(a)} and ${typeName(b)}`);
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+':
        return checkInt(a + b);
      case '-':
        return checkInt(a - b);
      case '*':
        return checkInt(a * b);
      case '/':
        if (b === 0n) throw new QueryError('/ by zero: integer division by zero; divide by a float (x / 0.0) to get Infinity');
        return checkInt(a / b);
      case '%':
        if (b === 0n) throw new QueryError('% by zero: integer modulo by zero');
        return a % b;
      case '^':
        return Number(a) ** Number(b);
    }
  }
  const x = toNumber(a);
  const y = toNumber(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y;
    default:
      return x ** y;
  }
}

function scalarString(v: Value): string {
  if (typeof v === 'number') return formatFloat(v);
  return String(v);
}

/* ------------------------------------------------------------- functions */

function need(e: Extract<Expr, { kind: 'call' }>, min: number, max = min): void {
  if (e.args.length < min || e.args.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new QueryError(`${e.name}(): expected ${want} argument${max === 1 ? '' : 's'}, found ${e.args.length}`);
  }
}

function asInt(v: Value, what: string): bigint {
  if (typeof v === 'bigint') return v;
  throw new QueryError(`${what}: expected an integer, found ${typeName(v)}`);
}

function asNumber(v: number | bigint | Value, what: string): number {
  if (isNumber(v)) return toNumber(v);
  throw new QueryError(`${what}: expected a number, found ${typeName(v)}`);
}

function mathFn(name: string, v: Value, f: (x: number) => number): Value {
  if (v === null) return null;
  return f(asNumber(v, name + '()'));
}

const FUNCTION_NAMES = [
  'id', 'labels', 'type', 'properties', 'keys', 'size', 'length', 'nodes', 'relationships', 'startNode', 'endNode',
  'coalesce', 'toUpper', 'toLower', 'toString', 'toInteger', 'toFloat', 'toBoolean', 'abs', 'ceil', 'floor', 'round',
  'sqrt', 'sign', 'exp', 'log', 'log10', 'e', 'pi', 'sin', 'cos', 'tan', 'range', 'head', 'last', 'tail', 'exists',
  'reverse', 'split', 'substring', 'replace', 'trim', 'ltrim', 'rtrim', 'left', 'right', 'isEmpty', 'evidence', 'named',
];

const FUNCTION_SET = new Set(FUNCTION_NAMES.map((n) => n.toLowerCase()));

/** True for the names of supported scalar functions (case-insensitive). */
export function isFunctionName(name: string): boolean {
  return FUNCTION_SET.has(name.toLowerCase());
}

/** Names of the supported scalar functions, for `:help`. */
export function functionNames(): string[] {
  return [...FUNCTION_NAMES];
}

function callFunction(e: Extract<Expr, { kind: 'call' }>, row: Row, ctx: EvalContext): Value {
  const name = e.name.toLowerCase();
  const args = (): Value[] => e.args.map((a) => evaluate(a, row, ctx));
  const one = (): Value => {
    need(e, 1);
    return evaluate(e.args[0]!, row, ctx);
  };
  const view = ctx.view;
  switch (name) {
    case 'id': {
      const v = one();
      if (v === null) return null;
      if (v instanceof NodeRef || v instanceof RelRef) return v.key;
      throw new QueryError(`id(): expected a node or relationship, found ${typeName(v)}`);
    }
    case 'labels': {
      const v = one();
      if (v === null) return null;
      if (v instanceof NodeRef) return view.labels(v.key);
      throw new QueryError(`labels(): expected a node, found ${typeName(v)}`);
    }
    case 'type': {
      const v = one();
      if (v === null) return null;
      if (v instanceof RelRef) return view.relType(v.key);
      throw new QueryError(`type(): expected a relationship, found ${typeName(v)}`);
    }
    case 'properties': {
      const v = one();
      if (v === null) return null;
      if (v instanceof NodeRef) return { ...view.nodeProperties(v.key) };
      if (v instanceof RelRef) return { ...view.relProperties(v.key) };
      if (isMap(v)) return v;
      throw new QueryError(`properties(): expected a node, relationship or map, found ${typeName(v)}`);
    }
    case 'keys': {
      const v = one();
      if (v === null) return null;
      if (v instanceof NodeRef) return Object.keys(view.nodeProperties(v.key));
      if (v instanceof RelRef) return Object.keys(view.relProperties(v.key));
      if (isMap(v)) return Object.keys(v);
      throw new QueryError(`keys(): expected a node, relationship or map, found ${typeName(v)}`);
    }
    case 'evidence': {
      const v = one();
      if (v === null) return null;
      if (v instanceof RelRef) return view.relProperty(v.key, 'evidence') ?? [];
      throw new QueryError(`evidence(): expected a relationship, found ${typeName(v)}`);
    }
    case 'size': {
      const v = one();
      if (v === null) return null;
      if (Array.isArray(v)) return BigInt(v.length);
      if (typeof v === 'string') return BigInt([...v].length);
      throw new QueryError(`size(): expected a list or string, found ${typeName(v)}`);
    }
    case 'length': {
      const v = one();
      if (v === null) return null;
      if (v instanceof PathVal) return BigInt(v.rels.length);
      if (Array.isArray(v)) return BigInt(v.length);
      if (typeof v === 'string') return BigInt([...v].length);
      throw new QueryError(`length(): expected a path, found ${typeName(v)}`);
    }
    case 'isempty': {
      const v = one();
      if (v === null) return null;
      if (Array.isArray(v) || typeof v === 'string') return v.length === 0;
      if (isMap(v)) return Object.keys(v).length === 0;
      throw new QueryError(`isEmpty(): expected a list, string or map, found ${typeName(v)}`);
    }
    case 'nodes': {
      const v = one();
      if (v === null) return null;
      if (v instanceof PathVal) return v.nodes.map((k) => new NodeRef(k));
      throw new QueryError(`nodes(): expected a path, found ${typeName(v)}`);
    }
    case 'relationships': {
      const v = one();
      if (v === null) return null;
      if (v instanceof PathVal) return v.rels.map((k) => new RelRef(k));
      throw new QueryError(`relationships(): expected a path, found ${typeName(v)}`);
    }
    case 'startnode':
    case 'endnode': {
      const v = one();
      if (v === null) return null;
      if (!(v instanceof RelRef)) throw new QueryError(`${e.name}(): expected a relationship, found ${typeName(v)}`);
      return new NodeRef(name === 'startnode' ? view.graph.source(v.key) : view.graph.target(v.key));
    }
    case 'named': {
      need(e, 2);
      const [n, nm] = args();
      if (n === null || nm === null) return null;
      if (!(n instanceof NodeRef) || typeof nm !== 'string') throw new QueryError('named(): expected a node and a name');
      return view.nodesNamed(nm).has(n.key);
    }
    case 'coalesce': {
      for (const a of e.args) {
        const v = evaluate(a, row, ctx);
        if (v !== null) return v;
      }
      return null;
    }
    case 'toupper':
    case 'tolower': {
      const v = one();
      if (v === null) return null;
      if (typeof v !== 'string') throw new QueryError(`${e.name}(): expected a string, found ${typeName(v)}`);
      return name === 'toupper' ? v.toUpperCase() : v.toLowerCase();
    }
    case 'trim':
    case 'ltrim':
    case 'rtrim': {
      const v = one();
      if (v === null) return null;
      if (typeof v !== 'string') throw new QueryError(`${e.name}(): expected a string, found ${typeName(v)}`);
      return name === 'trim' ? v.trim() : name === 'ltrim' ? v.trimStart() : v.trimEnd();
    }
    case 'tostring': {
      const v = one();
      if (v === null) return null;
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return formatFloat(v);
      if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
      throw new QueryError(`toString(): expected a number, boolean or string, found ${typeName(v)}`);
    }
    case 'tointeger': {
      const v = one();
      if (v === null) return null;
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number') return Number.isFinite(v) ? checkInt(BigInt(Math.trunc(v))) : null;
      if (typeof v === 'boolean') return v ? 1n : 0n;
      if (typeof v === 'string') {
        const s = v.trim();
        if (/^[+-]?\d+$/.test(s)) {
          const b = BigInt(s);
          return b > 9223372036854775807n || b < -9223372036854775808n ? null : b;
        }
        const f = Number(s);
        return s !== '' && Number.isFinite(f) ? BigInt(Math.trunc(f)) : null;
      }
      throw new QueryError(`toInteger(): expected a number, boolean or string, found ${typeName(v)}`);
    }
    case 'tofloat': {
      const v = one();
      if (v === null) return null;
      if (isNumber(v)) return toNumber(v);
      if (typeof v === 'string') {
        const f = Number(v.trim());
        return v.trim() !== '' && !Number.isNaN(f) ? f : null;
      }
      throw new QueryError(`toFloat(): expected a number or string, found ${typeName(v)}`);
    }
    case 'toboolean': {
      const v = one();
      if (v === null) return null;
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        return s === 'true' ? true : s === 'false' ? false : null;
      }
      if (typeof v === 'bigint') return v !== 0n;
      throw new QueryError(`toBoolean(): expected a boolean, string or integer, found ${typeName(v)}`);
    }
    case 'abs': {
      const v = one();
      if (v === null) return null;
      if (typeof v === 'bigint') return v < 0n ? checkInt(-v) : v;
      return Math.abs(asNumber(v, 'abs()'));
    }
    case 'sign': {
      const v = one();
      if (v === null) return null;
      if (typeof v === 'bigint') return v > 0n ? 1n : v < 0n ? -1n : 0n;
      return BigInt(Math.sign(asNumber(v, 'sign()')) || 0);
    }
    case 'ceil':
      return mathFn('ceil', one(), Math.ceil);
    case 'floor':
      return mathFn('floor', one(), Math.floor);
    case 'round':
      return mathFn('round', one(), (x) => (x < 0 ? -Math.round(-x) : Math.round(x)));
    case 'sqrt':
      return mathFn('sqrt', one(), Math.sqrt);
    case 'exp':
      return mathFn('exp', one(), Math.exp);
    case 'log':
      return mathFn('log', one(), Math.log);
    case 'log10':
      return mathFn('log10', one(), Math.log10);
    case 'sin':
      return mathFn('sin', one(), Math.sin);
    case 'cos':
      return mathFn('cos', one(), Math.cos);
    case 'tan':
      return mathFn('tan', one(), Math.tan);
    case 'e':
      need(e, 0);
      return Math.E;
    case 'pi':
      need(e, 0);
      return Math.PI;
    case 'range': {
      need(e, 2, 3);
      const [a, b, s] = args();
      if (a === null || b === null || s === null) return null;
      const start = asInt(a!, 'range()');
      const end = asInt(b!, 'range()');
      const step = s === undefined ? 1n : asInt(s, 'range()');
      if (step === 0n) throw new QueryError('range(): expected a non-zero step, found 0');
      const count: bigint = step > 0n ? (end >= start ? (end - start) / step + 1n : 0n) : start >= end ? (start - end) / -step + 1n : 0n;
      if (count > BigInt(ctx.budget.maxIntermediateRows)) {
        throw new QueryError(`range(): expected at most ${ctx.budget.maxIntermediateRows} elements, found ${count}`);
      }
      const out: Value[] = [];
      for (let x = start, i = 0n; i < count; i++, x += step) {
        ctx.budget.tick();
        out.push(x);
      }
      return out;
    }
    case 'head':
    case 'last': {
      const v = one();
      if (v === null) return null;
      if (!Array.isArray(v)) throw new QueryError(`${e.name}(): expected a list, found ${typeName(v)}`);
      return (name === 'head' ? v[0] : v[v.length - 1]) ?? null;
    }
    case 'tail': {
      const v = one();
      if (v === null) return null;
      if (!Array.isArray(v)) throw new QueryError(`tail(): expected a list, found ${typeName(v)}`);
      return v.slice(1);
    }
    case 'reverse': {
      const v = one();
      if (v === null) return null;
      if (Array.isArray(v)) return [...v].reverse();
      if (typeof v === 'string') return [...v].reverse().join('');
      throw new QueryError(`reverse(): expected a list or string, found ${typeName(v)}`);
    }
    case 'exists': {
      need(e, 1);
      const a = e.args[0]!;
      if (a.kind === 'pattern') return ctx.patternExists([a.pattern], null, row, ctx);
      return evaluate(a, row, ctx) !== null;
    }
    case 'split': {
      need(e, 2);
      const [s, d] = args();
      if (s === null || d === null) return null;
      if (typeof s !== 'string' || typeof d !== 'string') throw new QueryError('split(): expected two strings');
      return s.split(d);
    }
    case 'substring': {
      need(e, 2, 3);
      const [s, st, len] = args();
      if (s === null || st === null || len === null) return null;
      if (typeof s !== 'string') throw new QueryError(`substring(): expected a string, found ${typeName(s!)}`);
      const from = Number(asInt(st!, 'substring()'));
      if (from < 0) throw new QueryError('substring(): expected a non-negative start');
      return len === undefined ? s.slice(from) : s.substr(from, Number(asInt(len, 'substring()')));
    }
    case 'left':
    case 'right': {
      need(e, 2);
      const [s, l] = args();
      if (s === null) return null;
      if (typeof s !== 'string') throw new QueryError(`${e.name}(): expected a string, found ${typeName(s!)}`);
      const n = Number(asInt(l!, e.name + '()'));
      return name === 'left' ? s.slice(0, n) : n === 0 ? '' : s.slice(-n);
    }
    case 'replace': {
      need(e, 3);
      const [s, f, t] = args();
      if (s === null || f === null || t === null) return null;
      if (typeof s !== 'string' || typeof f !== 'string' || typeof t !== 'string') throw new QueryError('replace(): expected three strings');
      return s.split(f).join(t);
    }
    default:
      throw new QueryError(`unknown function ${e.name}(): expected one of ${FUNCTION_NAMES.join(', ')}, or an aggregate (count, collect, sum, avg, min, max)`);
  }
}
