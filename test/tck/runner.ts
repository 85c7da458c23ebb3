/**
 * Conformance runner for newsgraph's query language against the openCypher TCK subset in
 * ../shared/tck (Apache-2.0, see its NOTICE; the language accepts openCypher syntax for what it
 * supports and is not described as "Cypher"). It reads subset.tsv, parses the Gherkin
 * scenarios it lists, builds each set-up graph with its own CREATE interpreter, runs the query
 * with the engine and compares the expected table.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MultiDirectedGraph } from 'graphology';
import type Graph from 'graphology';
import { executeRaw, parseQuery } from '../../src/query/index.js';
import { NewsgraphError } from '../../src/errors.js';
import type { Clause, Expr, NodePattern, PatternPart } from '../../src/query/ast.js';
import { FloatBox, isMap, NodeRef, PathVal, RelRef, type Value } from '../../src/query/values.js';
import { Budget, GraphView, resolveQueryOptions } from '../../src/query/context.js';
import { evaluate, type EvalContext, type Row } from '../../src/query/evaluate.js';
import { patternExists } from '../../src/query/match.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The TCK folder, resolved relative to the repository: `../shared/tck` from the repo root. */
export const TCK_DIR = resolve(here, '../../../shared/tck');

export interface SubsetRow {
  file: string;
  scenarioLine: number;
  exampleIndex: number | null;
  exampleLine: number | null;
  kind: string;
  bigInt: boolean;
  name: string;
}

export interface ScenarioOutcome {
  row: SubsetRow;
  passed: boolean;
  reason: string;
}

export function tckAvailable(dir = TCK_DIR): boolean {
  return existsSync(join(dir, 'subset.tsv'));
}

export function readSubset(dir = TCK_DIR): SubsetRow[] {
  const lines = readFileSync(join(dir, 'subset.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [file, sl, ei, el, kind, big, name] = l.split('\t');
      return {
        file: file!,
        scenarioLine: Number(sl),
        exampleIndex: ei ? Number(ei) : null,
        exampleLine: el ? Number(el) : null,
        kind: kind ?? '',
        bigInt: big === 'yes',
        name: name ?? '',
      };
    });
}

/* --------------------------------------------------------------- Gherkin */

interface Step {
  keyword: string;
  text: string;
  doc: string | null;
  table: string[][] | null;
}

interface Scenario {
  line: number;
  name: string;
  outline: boolean;
  steps: Step[];
  examples: { header: string[]; rows: { line: number; cells: string[] }[] }[];
}

interface Feature {
  background: Step[];
  scenarios: Scenario[];
}

function splitRow(line: string): string[] {
  const t = line.trim();
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < t.length; i++) {
    const c = t[i]!;
    if (c === '\\' && i + 1 < t.length) {
      const n = t[i + 1]!;
      if (n === '|') {
        cur += '|';
        i++;
        continue;
      }
      if (n === 'n') {
        cur += '\n';
        i++;
        continue;
      }
      if (n === '\\') {
        cur += '\\';
        i++;
        continue;
      }
      cur += c;
      continue;
    }
    if (c === '|') {
      cells.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  return cells;
}

export function parseFeature(text: string): Feature {
  const lines = text.split('\n');
  const feature: Feature = { background: [], scenarios: [] };
  let steps: Step[] | null = null;
  let scenario: Scenario | null = null;
  let inExamples = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('@')) continue;
    if (line.startsWith('Feature:')) continue;
    if (line.startsWith('Background:')) {
      steps = feature.background;
      scenario = null;
      inExamples = false;
      continue;
    }
    const sm = /^(Scenario Outline|Scenario):\s*(.*)$/.exec(line);
    if (sm) {
      scenario = { line: i + 1, name: sm[2]!.trim(), outline: sm[1] === 'Scenario Outline', steps: [], examples: [] };
      feature.scenarios.push(scenario);
      steps = scenario.steps;
      inExamples = false;
      continue;
    }
    if (line.startsWith('Examples:')) {
      inExamples = true;
      continue;
    }
    if (line.startsWith('|')) {
      const cells = splitRow(line);
      if (inExamples && scenario) {
        const ex = scenario.examples;
        const last = ex[ex.length - 1];
        // A header follows "Examples:"; mark a new block when the previous non-table line was Examples:.
        const prevLine = lines[i - 1]!.trim();
        if (!last || prevLine.startsWith('Examples:') || prevLine === '' || prevLine.startsWith('#')) {
          if (!last || prevLine.startsWith('Examples:')) {
            ex.push({ header: cells, rows: [] });
            continue;
          }
        }
        ex[ex.length - 1]!.rows.push({ line: i + 1, cells });
        continue;
      }
      const step = steps?.[steps.length - 1];
      if (step) (step.table ??= []).push(cells);
      continue;
    }
    if (line.startsWith('"""')) {
      const indent = raw.indexOf('"""');
      const body: string[] = [];
      i++;
      while (i < lines.length && lines[i]!.trim() !== '"""') {
        body.push(lines[i]!.slice(Math.min(indent, lines[i]!.length - lines[i]!.trimStart().length)));
        i++;
      }
      const step = steps?.[steps.length - 1];
      if (step) step.doc = body.join('\n');
      continue;
    }
    const km = /^(Given|When|Then|And|But)\s+(.*)$/.exec(line);
    if (km && steps) {
      steps.push({ keyword: km[1]!, text: km[2]!.trim(), doc: null, table: null });
    }
  }
  return feature;
}

/* ------------------------------------------------------ CREATE set-up */

/** An engine value as a stored attribute: floats boxed so that `1.0` stays a float. */
function toAttr(v: Value): unknown {
  if (typeof v === 'number') return new FloatBox(v);
  if (Array.isArray(v)) return v.map(toAttr);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toAttr(x)]));
  return v;
}

interface SetupContext {
  graph: Graph;
  eval: EvalContext;
}

function propsOf(sc: SetupContext, e: Expr | null, row: Row): Record<string, unknown> {
  if (e === null) return {};
  const m = evaluate(e, row, sc.eval);
  if (!isMap(m)) throw new Error('set-up: properties must be a map');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (v !== null) out[k] = toAttr(v);
  return out;
}

/**
 * Apply a set-up statement to the graph (the runner's own interpreter, not the engine's):
 * CREATE clauses, optionally after UNWIND / MATCH / WITH clauses that the engine runs to
 * produce the rows each CREATE is applied to.
 */
export function applyCreate(graph: Graph, text: string): void {
  const ast = parseQuery(text);
  if (ast.kind !== 'statement') throw new Error('set-up: expected CREATE statements');
  const view = new GraphView(graph);
  const sc: SetupContext = {
    graph,
    eval: { view, budget: new Budget(resolveQueryOptions()), params: {}, aggregates: null, patternExists },
  };
  for (const part of ast.parts) {
    const first = part.clauses.findIndex((c) => c.kind === 'create');
    const prefix = part.clauses.slice(0, first);
    const creates = part.clauses.slice(first);
    let rows: Row[] = [new Map()];
    if (prefix.length > 0) {
      const star: Clause = { kind: 'return', pos: 0, distinct: false, star: true, items: [], order: [], skip: null, limit: null };
      const raw = executeRaw(graph, { kind: 'statement', parts: [{ clauses: [...prefix, star] }], unionAll: [] }, { timeoutMs: 60_000 });
      rows = raw.rows.map((r) => new Map(raw.columns.map((c, i) => [c, r[i]!])));
    }
    for (const row of rows) {
      const vars = new Map<string, string>();
      for (const [k, v] of row) if (v instanceof NodeRef) vars.set(k, v.key);
      for (const clause of creates) {
        if (clause.kind !== 'create') throw new Error(`set-up: only CREATE is supported after the first CREATE, found ${clause.kind.toUpperCase()}`);
        for (const pattern of clause.patterns) createPattern(sc, pattern, vars, row);
      }
    }
  }
}

function createPattern(sc: SetupContext, p: PatternPart, vars: Map<string, string>, row: Row): void {
  const graph = sc.graph;
  const node = (np: NodePattern): string => {
    if (np.variable !== null && vars.has(np.variable)) return vars.get(np.variable)!;
    const key = `n${graph.order}`;
    graph.addNode(key, { labels: [...new Set(np.labels)], ...propsOf(sc, np.properties, row) });
    if (np.variable !== null) vars.set(np.variable, key);
    return key;
  };
  let prev = node(p.nodes[0]!);
  p.rels.forEach((r, i) => {
    const next = node(p.nodes[i + 1]!);
    const key = `r${graph.size}`;
    const [s, t] = r.direction === 'in' ? [next, prev] : [prev, next];
    graph.addEdgeWithKey(key, s, t, { type: r.types[0] ?? '', ...propsOf(sc, r.properties, row) });
    if (r.variable !== null) vars.set(r.variable, key);
    prev = next;
  });
}

/* ------------------------------------------------------- expected values */

type TValue =
  | { k: 'null' }
  | { k: 'bool'; v: boolean }
  | { k: 'int'; v: bigint }
  | { k: 'float'; v: number }
  | { k: 'string'; v: string }
  | { k: 'list'; v: TValue[] }
  | { k: 'map'; v: Map<string, TValue> }
  | { k: 'node'; labels: string[]; props: Map<string, TValue> }
  | { k: 'rel'; type: string; props: Map<string, TValue> }
  | { k: 'path'; nodes: TValue[]; rels: { rel: TValue; forward: boolean }[] };

class ValueParser {
  i = 0;
  constructor(private readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  peek(): string {
    this.ws();
    return this.s[this.i] ?? '';
  }
  eat(c: string): void {
    this.ws();
    if (!this.s.startsWith(c, this.i)) throw new Error(`expected "${c}" at ${this.i} in ${this.s}`);
    this.i += c.length;
  }
  name(): string {
    this.ws();
    if (this.s[this.i] === '`') {
      const end = this.s.indexOf('`', this.i + 1);
      const n = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return n;
    }
    const m = /^[\p{L}\p{N}_]+/u.exec(this.s.slice(this.i));
    if (!m) throw new Error(`expected a name at ${this.i} in ${this.s}`);
    this.i += m[0].length;
    return m[0];
  }
  props(): Map<string, TValue> {
    const m = new Map<string, TValue>();
    this.eat('{');
    if (this.peek() === '}') {
      this.i++;
      return m;
    }
    for (;;) {
      const k = this.name();
      this.eat(':');
      m.set(k, this.value());
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      this.eat('}');
      return m;
    }
  }
  node(): TValue {
    this.eat('(');
    const labels: string[] = [];
    while (this.peek() === ':') {
      this.i++;
      labels.push(this.name());
    }
    const props = this.peek() === '{' ? this.props() : new Map<string, TValue>();
    this.eat(')');
    return { k: 'node', labels, props };
  }
  rel(): TValue {
    this.eat('[');
    this.eat(':');
    const type = this.name();
    const props = this.peek() === '{' ? this.props() : new Map<string, TValue>();
    this.eat(']');
    return { k: 'rel', type, props };
  }
  value(): TValue {
    const c = this.peek();
    const rest = this.s.slice(this.i);
    if (c === "'") {
      let out = '';
      this.i++;
      while (this.i < this.s.length && this.s[this.i] !== "'") {
        if (this.s[this.i] === '\\') {
          this.i++;
          const e = this.s[this.i]!;
          out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else out += this.s[this.i];
        this.i++;
      }
      this.i++;
      return { k: 'string', v: out };
    }
    if (c === '[') {
      if (/^\[\s*:/.test(rest)) return this.rel();
      this.i++;
      const items: TValue[] = [];
      if (this.peek() === ']') {
        this.i++;
        return { k: 'list', v: items };
      }
      for (;;) {
        items.push(this.value());
        if (this.peek() === ',') {
          this.i++;
          continue;
        }
        this.eat(']');
        return { k: 'list', v: items };
      }
    }
    if (c === '{') return { k: 'map', v: this.props() };
    if (c === '(') return this.node();
    if (c === '<') {
      this.i++;
      const nodes: TValue[] = [this.node()];
      const rels: { rel: TValue; forward: boolean }[] = [];
      while (this.peek() !== '>') {
        const back = this.peek() === '<';
        if (back) this.i++;
        this.eat('-');
        const rel = this.rel();
        this.eat('-');
        let forward = false;
        if (!back && this.peek() === '>') {
          this.i++;
          forward = true;
        }
        rels.push({ rel, forward });
        nodes.push(this.node());
      }
      this.eat('>');
      return { k: 'path', nodes, rels };
    }
    const m = /^(null|true|false|-?Inf(inity)?|NaN|-?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?)/.exec(rest);
    if (!m) throw new Error(`cannot read expected value "${rest}"`);
    this.i += m[0].length;
    const t = m[0];
    if (t === 'null') return { k: 'null' };
    if (t === 'true' || t === 'false') return { k: 'bool', v: t === 'true' };
    if (/Inf/.test(t)) return { k: 'float', v: t.startsWith('-') ? -Infinity : Infinity };
    if (t === 'NaN') return { k: 'float', v: NaN };
    if (/[.eE]/.test(t)) return { k: 'float', v: Number(t) };
    return { k: 'int', v: BigInt(t) };
  }
}

export function parseExpectedValue(text: string): TValue {
  const p = new ValueParser(text);
  const v = p.value();
  p.ws();
  if (p.i !== text.length) throw new Error(`trailing text in expected value "${text}"`);
  return v;
}

function propsEqual(view: GraphView, actual: Record<string, Value>, expected: Map<string, TValue>): boolean {
  const keys = Object.keys(actual);
  if (keys.length !== expected.size) return false;
  return keys.every((k) => expected.has(k) && matches(view, actual[k]!, expected.get(k)!, false));
}

function matches(view: GraphView, a: Value, e: TValue, unorderedLists: boolean): boolean {
  switch (e.k) {
    case 'null':
      return a === null;
    case 'bool':
      return a === e.v;
    case 'int':
      return typeof a === 'bigint' && a === e.v;
    case 'float':
      return typeof a === 'number' && (Object.is(a, e.v) || a === e.v || (Number.isNaN(a) && Number.isNaN(e.v)));
    case 'string':
      return a === e.v;
    case 'list': {
      if (!Array.isArray(a) || a.length !== e.v.length) return false;
      if (!unorderedLists) return a.every((x, i) => matches(view, x, e.v[i]!, false));
      const used = new Set<number>();
      return e.v.every((ev) => {
        const idx = a.findIndex((x, i) => !used.has(i) && matches(view, x, ev, false));
        if (idx < 0) return false;
        used.add(idx);
        return true;
      });
    }
    case 'map':
      return isMap(a) && propsEqual(view, a, e.v);
    case 'node': {
      if (!(a instanceof NodeRef)) return false;
      const labels = view.labels(a.key);
      if (labels.length !== e.labels.length || !e.labels.every((l) => labels.includes(l))) return false;
      return propsEqual(view, view.nodeProperties(a.key), e.props);
    }
    case 'rel':
      return a instanceof RelRef && view.relType(a.key) === e.type && propsEqual(view, view.relProperties(a.key), e.props);
    case 'path': {
      if (!(a instanceof PathVal) || a.nodes.length !== e.nodes.length) return false;
      if (!a.nodes.every((n, i) => matches(view, new NodeRef(n), e.nodes[i]!, false))) return false;
      return a.rels.every((r, i) => {
        const exp = e.rels[i]!;
        if (!matches(view, new RelRef(r), exp.rel, false)) return false;
        const g = view.graph;
        const forward = g.source(r) === a.nodes[i] && g.target(r) === a.nodes[i + 1];
        return g.source(r) === g.target(r) || forward === exp.forward;
      });
    }
  }
}

function show(view: GraphView, v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(1) : String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map((x) => show(view, x)).join(', ') + ']';
  if (v instanceof NodeRef) {
    const props = Object.entries(view.nodeProperties(v.key)).map(([k, x]) => `${k}: ${show(view, x)}`);
    return `(${view.labels(v.key).map((l) => ':' + l).join('')}${props.length ? ' {' + props.join(', ') + '}' : ''})`;
  }
  if (v instanceof RelRef) return `[:${view.relType(v.key)}]`;
  if (v instanceof PathVal) return `<path ${v.nodes.length} nodes>`;
  return '{' + Object.entries(v).map(([k, x]) => `${k}: ${show(view, x)}`).join(', ') + '}';
}

/* ------------------------------------------------------------- running */

function fill(text: string, values: Map<string, string>): string {
  return text.replace(/<([\w-]+)>/g, (all, name: string) => values.get(name) ?? all);
}

/** Run one subset scenario and say whether it passed, and why not. */
export function runScenario(dir: string, row: SubsetRow, cache: Map<string, Feature>): ScenarioOutcome {
  let feature = cache.get(row.file);
  if (!feature) {
    feature = parseFeature(readFileSync(join(dir, row.file), 'utf8'));
    cache.set(row.file, feature);
  }
  const scenario = feature.scenarios.find((s) => s.line === row.scenarioLine);
  if (!scenario) return { row, passed: false, reason: `scenario at line ${row.scenarioLine} not found` };
  const values = new Map<string, string>();
  if (row.exampleIndex !== null) {
    const all = scenario.examples.flatMap((ex) => ex.rows.map((r) => ({ header: ex.header, r })));
    const chosen = all[row.exampleIndex - 1];
    if (!chosen) return { row, passed: false, reason: `example ${row.exampleIndex} not found` };
    chosen.header.forEach((h, i) => values.set(h, chosen.r.cells[i] ?? ''));
  }
  const steps = [...feature.background, ...scenario.steps];
  const graph: Graph = new MultiDirectedGraph({ allowSelfLoops: true });
  let result: ReturnType<typeof executeRaw> | null = null;
  let error: unknown = null;
  try {
    for (const step of steps) {
      const text = step.text;
      if (/^(an empty graph|any graph)$/.test(text)) continue;
      if (text === 'having executed:') {
        applyCreate(graph, fill(step.doc ?? '', values));
        continue;
      }
      if (text === 'executing query:') {
        try {
          result = executeRaw(graph, fill(step.doc ?? '', values), { timeoutMs: 60_000 });
        } catch (e) {
          error = e;
        }
        continue;
      }
      if (text === 'no side effects') continue;
      if (text === 'the result should be empty') {
        if (error) return { row, passed: false, reason: `error: ${(error as Error).message}` };
        if (result && result.rows.length === 0) continue;
        return { row, passed: false, reason: `expected no rows, found ${result?.rows.length}` };
      }
      const rm = /^the result should be(?:, in (any order|order))?(?: ?\(ignoring element order for lists\))?:$/.exec(text);
      if (rm) {
        if (error) return { row, passed: false, reason: `error: ${(error as Error).name}: ${(error as Error).message}` };
        if (!result) return { row, passed: false, reason: 'no query was run' };
        const ordered = rm[1] === 'order';
        const unorderedLists = text.includes('ignoring element order');
        const table = (step.table ?? []).map((r) => r.map((c) => fill(c, values)));
        const header = table[0] ?? [];
        const expectedRows = table.slice(1).map((r) => r.map(parseExpectedValue));
        const res = result;
        if (header.length !== res.columns.length || !header.every((h) => res.columns.includes(h))) {
          return { row, passed: false, reason: `columns: expected ${header.join(', ')}, found ${res.columns.join(', ')}` };
        }
        const idx = header.map((h) => res.columns.indexOf(h));
        const actualRows = res.rows.map((r) => idx.map((i) => r[i]!));
        if (actualRows.length !== expectedRows.length) {
          return { row, passed: false, reason: `rows: expected ${expectedRows.length}, found ${actualRows.length}: ${actualRows.slice(0, 5).map((r) => r.map((v) => show(res.view, v)).join(' | ')).join('; ')}` };
        }
        const rowMatches = (a: Value[], e: TValue[]): boolean => a.every((v, i) => matches(res.view, v, e[i]!, unorderedLists));
        if (ordered) {
          const bad = expectedRows.findIndex((e, i) => !rowMatches(actualRows[i]!, e));
          if (bad >= 0) return { row, passed: false, reason: `row ${bad + 1}: found ${actualRows[bad]!.map((v) => show(res.view, v)).join(' | ')}` };
        } else {
          const used = new Set<number>();
          for (const e of expectedRows) {
            const k = actualRows.findIndex((a, i) => !used.has(i) && rowMatches(a, e));
            if (k < 0) {
              return { row, passed: false, reason: `no row matches expected ${table[expectedRows.indexOf(e) + 1]!.join(' | ')}; found ${actualRows.slice(0, 6).map((r) => r.map((v) => show(res.view, v)).join(' | ')).join('; ')}` };
            }
            used.add(k);
          }
        }
        continue;
      }
      const em = /^an? (\w+) should be raised at (compile time|runtime|any time): (\w+)$/.exec(text);
      if (em) {
        if (error instanceof NewsgraphError) continue;
        if (error) return { row, passed: false, reason: `expected ${em[1]} ${em[3]}, found a foreign error: ${String(error)}` };
        return { row, passed: false, reason: `expected ${em[1]} ${em[3]}, but the query succeeded` };
      }
      if (text.startsWith('the side effects should be')) continue;
      return { row, passed: false, reason: `unsupported step: ${step.keyword} ${text}` };
    }
  } catch (e) {
    return { row, passed: false, reason: `runner error: ${(e as Error).message}` };
  }
  return { row, passed: true, reason: '' };
}

/** Run every scenario in subset.tsv. */
export function runConformance(dir = TCK_DIR): ScenarioOutcome[] {
  const cache = new Map<string, Feature>();
  return readSubset(dir).map((row) => runScenario(dir, row, cache));
}

/**
 * A printable summary: the pass count and one line per scenario that does not pass (worded without
 * "FAIL", so a log reader looking for the run's real failures is not sent to these known gaps).
 */
export function summarize(outcomes: ScenarioOutcome[]): string {
  const passed = outcomes.filter((o) => o.passed).length;
  const lines = [`TCK subset: ${passed} of ${outcomes.length} scenarios pass`];
  for (const o of outcomes) {
    if (o.passed) continue;
    const ex = o.row.exampleIndex !== null ? ` (example ${o.row.exampleIndex})` : '';
    lines.push(`  not passing: ${o.row.file}:${o.row.scenarioLine}${ex} ${o.row.name}${o.row.bigInt ? ' [big_int]' : ''}: ${o.reason.slice(0, 300)}`);
  }
  return lines.join('\n');
}

/**
 * Every scenario in the subset's feature files that expects a result table and needs no
 * parameters, procedures or writes — a wider check than the subset (WITH, UNWIND, functions…).
 */
export function runWider(dir = TCK_DIR): ScenarioOutcome[] {
  const files = [...new Set(readSubset(dir).map((r) => r.file))];
  const outcomes: ScenarioOutcome[] = [];
  for (const file of files) {
    const feature = parseFeature(readFileSync(join(dir, file), 'utf8'));
    const cache = new Map([[file, feature]]);
    for (const s of feature.scenarios) {
      const steps = [...feature.background, ...s.steps];
      if (steps.some((x) => /parameters are|procedure|side effects should|control query|the \S+ graph$|should be raised/.test(x.text))) continue;
      const n = s.examples.reduce((acc, e) => acc + e.rows.length, 0);
      for (let i = 0; i < Math.max(1, n); i++) {
        const row: SubsetRow = { file, scenarioLine: s.line, exampleIndex: n > 0 ? i + 1 : null, exampleLine: null, kind: '', bigInt: false, name: s.name };
        outcomes.push(runScenario(dir, row, cache));
      }
    }
  }
  return outcomes;
}

/**
 * Every scenario in the subset's feature files that expects an error (and needs no parameters or
 * procedures): passes when the engine raises one of its own errors. The error's TCK type
 * (SyntaxError: VariableTypeConflict…) is not compared.
 */
export function runErrors(dir = TCK_DIR): ScenarioOutcome[] {
  const files = [...new Set(readSubset(dir).map((r) => r.file))];
  const outcomes: ScenarioOutcome[] = [];
  for (const file of files) {
    const feature = parseFeature(readFileSync(join(dir, file), 'utf8'));
    const cache = new Map([[file, feature]]);
    for (const s of feature.scenarios) {
      const steps = [...feature.background, ...s.steps];
      if (!steps.some((x) => /should be raised/.test(x.text))) continue;
      if (steps.some((x) => /parameters are|procedure|control query|the \S+ graph$/.test(x.text))) continue;
      const n = s.examples.reduce((acc, e) => acc + e.rows.length, 0);
      for (let i = 0; i < Math.max(1, n); i++) {
        const row: SubsetRow = { file, scenarioLine: s.line, exampleIndex: n > 0 ? i + 1 : null, exampleLine: null, kind: '', bigInt: false, name: s.name };
        outcomes.push(runScenario(dir, row, cache));
      }
    }
  }
  return outcomes;
}
