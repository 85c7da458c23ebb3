/**
 * Executes a parsed statement clause by clause over rows of variable bindings: MATCH /
 * OPTIONAL MATCH, UNWIND, WITH, RETURN (projection, aggregation, DISTINCT, ORDER BY, SKIP,
 * LIMIT) and UNION. Returns engine values; index.ts converts them into QueryResult values.
 */
import { QueryError } from '../errors.js';
import type { Clause, Expr, Projection, SingleQuery, StatementAst } from './ast.js';
import type { Budget, GraphView } from './context.js';
import { arithmetic, evaluate, type EvalContext, type Row } from './evaluate.js';
import { matchPatterns, patternExists, variablesOf } from './match.js';
import { isAggregateName } from './parser.js';
import { isNumber, keyOf, orderCompare, toNumber, typeName, type Value } from './values.js';

export interface RawResult {
  columns: string[];
  rows: Value[][];
}

/** Run a parsed statement. @throws QueryError, QueryLimitError */
export function executeStatement(ast: StatementAst, view: GraphView, budget: Budget): RawResult {
  const ctx: EvalContext = { view, budget, params: budget.options.params, aggregates: null, patternExists };
  let result: RawResult | null = null;
  ast.parts.forEach((part, i) => {
    const r = executeSingle(part, ctx);
    if (result === null) {
      result = r;
      return;
    }
    if (r.columns.length !== result.columns.length || r.columns.some((c, k) => c !== result!.columns[k])) {
      throw new QueryError(`UNION: expected the same columns on both sides, found ${result.columns.join(', ')} and ${r.columns.join(', ')}`);
    }
    result.rows.push(...r.rows);
    if (!ast.unionAll[i - 1]) {
      const seen = new Set<string>();
      result.rows = result.rows.filter((row) => {
        const k = keyOf(row);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }
  });
  return result!;
}

function executeSingle(q: SingleQuery, ctx: EvalContext): RawResult {
  let rows: Row[] = [new Map()];
  let scope: string[] = [];
  for (let ci = 0; ci < q.clauses.length; ci++) {
    const clause = q.clauses[ci]!;
    ctx.budget.checkTime();
    switch (clause.kind) {
      case 'match':
        rows = executeMatch(clause, rows, ctx, rowsNeeded(q.clauses[ci + 1], ctx));
        for (const v of variablesOf(clause.patterns)) if (!scope.includes(v)) scope.push(v);
        break;
      case 'unwind': {
        const out: Row[] = [];
        for (const row of rows) {
          const v = evaluate(clause.expr, row, ctx);
          const items = v === null ? [] : Array.isArray(v) ? v : [v];
          for (const item of items) {
            ctx.budget.tick();
            const r = new Map(row);
            r.set(clause.variable, item);
            out.push(r);
          }
          ctx.budget.checkRows(out.length);
        }
        rows = out;
        if (!scope.includes(clause.variable)) scope.push(clause.variable);
        break;
      }
      case 'with': {
        const projected = project(clause, rows, scope, ctx);
        rows = projected.rows;
        scope = projected.columns;
        if (clause.where) {
          // WHERE after WITH also sees the variables before the projection (openCypher).
          const where = clause.where;
          rows = rows.filter((r, i) => {
            const source = projected.sources[i];
            const merged = source ? new Map([...source, ...r]) : r;
            return evaluate(where, merged, ctx) === true;
          });
        }
        break;
      }
      case 'return': {
        const projected = project(clause, rows, scope, ctx);
        return { columns: projected.columns, rows: projected.rows.map((r) => projected.columns.map((c) => r.get(c) ?? null)) };
      }
      case 'create':
        throw new QueryError('CREATE is not supported: the query language is read-only');
    }
  }
  throw new QueryError('a query must end with RETURN');
}

/**
 * When the next clause only takes the first SKIP + LIMIT rows as they come (no ORDER BY,
 * DISTINCT, aggregate or WHERE), the match can stop after that many rows.
 */
function rowsNeeded(next: Clause | undefined, ctx: EvalContext): number {
  if (!next || (next.kind !== 'return' && next.kind !== 'with')) return Infinity;
  if (next.limit === null || next.order.length > 0 || next.distinct) return Infinity;
  if (next.kind === 'with' && next.where) return Infinity;
  const calls: Expr[] = [];
  for (const item of next.items) aggregateCalls(item.expr, calls);
  if (calls.length > 0) return Infinity;
  const skip = next.skip ? countOf(next.skip, 'SKIP', ctx) : 0;
  return skip + countOf(next.limit, 'LIMIT', ctx);
}

function executeMatch(clause: Extract<Clause, { kind: 'match' }>, rows: Row[], ctx: EvalContext, needed = Infinity): Row[] {
  const out: Row[] = [];
  if (needed <= 0) return out;
  const newVars = variablesOf(clause.patterns);
  for (const row of rows) {
    let found = false;
    for (const r of matchPatterns(ctx, clause.patterns, row)) {
      ctx.budget.tick();
      if (clause.where && evaluate(clause.where, r, ctx) !== true) continue;
      found = true;
      out.push(r);
      if ((out.length & 1023) === 0) ctx.budget.checkRows(out.length);
      if (out.length >= needed) break;
    }
    if (!found && clause.optional) {
      const r = new Map(row);
      for (const v of newVars) if (!r.has(v)) r.set(v, null);
      out.push(r);
    }
    if (out.length >= needed) break;
  }
  return out;
}

/* ------------------------------------------------------------ projection */

function aggregateCalls(e: Expr, out: Expr[], inside = false): void {
  const stack: [unknown, boolean][] = [[e, inside]];
  while (stack.length > 0) {
    const [node, inAgg] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const c of node) stack.push([c, inAgg]);
      continue;
    }
    const n = node as Expr;
    let nowIn = inAgg;
    if (n.kind === 'call' && isAggregateName(n.name)) {
      if (inAgg) throw new QueryError(`${n.name}(…) inside another aggregate: aggregates cannot be nested`);
      out.push(n);
      nowIn = true;
    }
    for (const k in n) {
      const c = (n as unknown as Record<string, unknown>)[k];
      if (c !== null && typeof c === 'object') stack.push([c, nowIn]);
    }
  }
}

function shape(e: Expr): string {
  return JSON.stringify(e, (k, v) => (k === 'pos' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

type CallExpr = Extract<Expr, { kind: 'call' }>;

class AggState {
  count = 0;
  values: Value[] = [];
  seen: Set<string> | null;
  constructor(readonly call: Extract<Expr, { kind: 'call' }>) {
    this.seen = call.distinct ? new Set() : null;
  }
  add(row: Row, ctx: EvalContext): void {
    const name = this.call.name.toLowerCase();
    if (this.call.star) {
      this.count++;
      return;
    }
    if (this.call.args.length === 0) throw new QueryError(`${this.call.name}(): expected an argument`);
    const v = evaluate(this.call.args[0]!, row, ctx);
    if (v === null) return;
    if (this.seen) {
      const k = keyOf(v);
      if (this.seen.has(k)) return;
      this.seen.add(k);
    }
    this.count++;
    if (name !== 'count') this.values.push(v);
  }
  result(row: Row | undefined, ctx: EvalContext): Value {
    const name = this.call.name.toLowerCase();
    const vs = this.values;
    switch (name) {
      case 'count':
        return BigInt(this.count);
      case 'collect':
        return vs;
      case 'sum': {
        let acc: Value = 0n;
        for (const v of vs) {
          if (!isNumber(v)) throw new QueryError(`sum(): expected numbers, found ${typeName(v)}`);
          acc = arithmetic('+', acc, v);
        }
        return acc;
      }
      case 'avg': {
        if (vs.length === 0) return null;
        let acc = 0;
        for (const v of vs) {
          if (!isNumber(v)) throw new QueryError(`avg(): expected numbers, found ${typeName(v)}`);
          acc += toNumber(v);
        }
        return acc / vs.length;
      }
      case 'min':
      case 'max': {
        let best: Value = null;
        for (const v of vs) {
          if (best === null) best = v;
          else {
            const c = orderCompare(v, best);
            if (name === 'min' ? c < 0 : c > 0) best = v;
          }
        }
        return best;
      }
      case 'stdev':
      case 'stdevp': {
        const xs = vs.map((v) => {
          if (!isNumber(v)) throw new QueryError(`${this.call.name}(): expected numbers, found ${typeName(v)}`);
          return toNumber(v);
        });
        const n = xs.length;
        if (n === 0 || (name === 'stdev' && n === 1)) return 0;
        const mean = xs.reduce((a, b) => a + b, 0) / n;
        const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
        return Math.sqrt(ss / (name === 'stdev' ? n - 1 : n));
      }
      case 'percentilecont':
      case 'percentiledisc': {
        if (this.call.args.length !== 2) throw new QueryError(`${this.call.name}(): expected 2 arguments`);
        const p = row ? evaluate(this.call.args[1]!, row, ctx) : null;
        if (p === null || vs.length === 0) return null;
        const pct = toNumber(p as number);
        if (!(pct >= 0 && pct <= 1)) throw new QueryError(`${this.call.name}(): expected a percentile between 0.0 and 1.0`);
        const xs = [...vs].sort(orderCompare);
        if (name === 'percentiledisc') {
          const idx = Math.max(0, Math.ceil(pct * xs.length) - 1);
          return xs[idx]!;
        }
        const pos = pct * (xs.length - 1);
        const lo = Math.floor(pos);
        const hi = Math.ceil(pos);
        const a = toNumber(xs[lo] as number);
        const b = toNumber(xs[hi] as number);
        return a + (b - a) * (pos - lo);
      }
    }
    throw new QueryError(`unknown aggregate ${this.call.name}()`);
  }
}

function project(
  clause: Projection & { kind: 'with' | 'return' },
  rows: Row[],
  scope: string[],
  ctx: EvalContext,
): { columns: string[]; rows: Row[]; sources: (Row | undefined)[] } {
  const items = [...clause.items];
  if (clause.star) {
    const visible = scope.filter((v) => !v.startsWith(' ')).sort();
    if (visible.length === 0 && items.length === 0) {
      throw new QueryError('RETURN *: expected variables in scope, found none');
    }
    for (const v of visible.reverse()) items.unshift({ expr: { kind: 'var', pos: clause.pos, name: v }, alias: v, implicit: true });
  }
  const columns = items.map((i) => i.alias);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw new QueryError(`column name conflict: two columns are named "${dup}"; give one an alias with AS`);

  const aggCalls: Expr[] = [];
  const itemAggs = items.map((it) => {
    const calls: Expr[] = [];
    aggregateCalls(it.expr, calls);
    aggCalls.push(...calls);
    return calls.length > 0;
  });
  const aggregating = itemAggs.some(Boolean);
  const orderAggs: Expr[] = [];
  for (const o of clause.order) aggregateCalls(o.expr, orderAggs);

  let out: { row: Row; source: Row | undefined }[] = [];
  if (!aggregating) {
    if (orderAggs.length > 0) throw new QueryError('ORDER BY: aggregates in ORDER BY must also appear in RETURN or WITH');
    for (const row of rows) {
      ctx.budget.tick();
      const r: Row = new Map();
      items.forEach((it, i) => r.set(columns[i]!, evaluate(it.expr, row, ctx)));
      out.push({ row: r, source: row });
    }
  } else {
    const groups = new Map<string, { key: Value[]; source: Row; states: AggState[] }>();
    for (const row of rows) {
      ctx.budget.tick();
      const key = items.map((it, i) => (itemAggs[i] ? null : evaluate(it.expr, row, ctx)));
      const k = keyOf(key);
      let g = groups.get(k);
      if (!g) {
        g = { key, source: row, states: aggCalls.map((c) => new AggState(c as CallExpr)) };
        groups.set(k, g);
      }
      for (const s of g.states) s.add(row, ctx);
    }
    if (groups.size === 0 && itemAggs.every(Boolean)) {
      groups.set('', { key: [], source: new Map(), states: aggCalls.map((c) => new AggState(c as CallExpr)) });
    }
    for (const g of groups.values()) {
      const aggregates = new Map<Expr, Value>();
      g.states.forEach((s, i) => aggregates.set(aggCalls[i]!, s.result(g.source, ctx)));
      const inner: EvalContext = { ...ctx, aggregates };
      const r: Row = new Map();
      items.forEach((it, i) => r.set(columns[i]!, itemAggs[i] ? evaluate(it.expr, g.source, inner) : g.key[i]!));
      out.push({ row: r, source: g.source });
    }
  }

  if (clause.distinct) {
    const seen = new Set<string>();
    out = out.filter((o) => {
      const k = keyOf(columns.map((c) => o.row.get(c)!));
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  if (clause.order.length > 0) {
    const shapes = items.map((it) => shape(it.expr));
    const keyed = out.map((o) => {
      const scopeRow: Row = clause.distinct || aggregating ? new Map(o.row) : new Map([...(o.source ?? []), ...o.row]);
      if ((clause.distinct || aggregating) && o.source) {
        for (const [k, v] of o.source) if (!scopeRow.has(k)) scopeRow.set(k, v);
      }
      const keys = clause.order.map((s) => {
        const idx = shapes.indexOf(shape(s.expr));
        if (idx >= 0) return o.row.get(columns[idx]!)!;
        return evaluate(s.expr, scopeRow, ctx);
      });
      return { o, keys };
    });
    keyed.sort((x, y) => {
      for (let i = 0; i < clause.order.length; i++) {
        const c = orderCompare(x.keys[i]!, y.keys[i]!);
        if (c !== 0) return clause.order[i]!.descending ? -c : c;
      }
      return 0;
    });
    out = keyed.map((k) => k.o);
  }

  const skip = clause.skip ? countOf(clause.skip, 'SKIP', ctx) : 0;
  const limit = clause.limit ? countOf(clause.limit, 'LIMIT', ctx) : Infinity;
  if (skip > 0 || limit < Infinity) out = out.slice(skip, limit === Infinity ? undefined : skip + limit);
  return { columns, rows: out.map((o) => o.row), sources: out.map((o) => (aggregating || clause.distinct ? undefined : o.source)) };
}

function countOf(e: Expr, what: string, ctx: EvalContext): number {
  const v = evaluate(e, new Map(), ctx);
  if (typeof v !== 'bigint' || v < 0n) {
    throw new QueryError(`${what}: expected a non-negative integer, found ${v === null ? 'null' : typeName(v)}${typeof v === 'bigint' ? ' ' + v : ''}`);
  }
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

