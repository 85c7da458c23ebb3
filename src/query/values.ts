/**
 * The engine's value model and its semantics: integers are bigint and floats are number (so that
 * `1` and `1.0` stay distinct and 64-bit integers stay exact), nodes/relationships/paths are
 * references into the graph. Equality, comparison, ordering and grouping follow openCypher's
 * rules, including three-valued logic with null.
 */
import { QueryError } from '../errors.js';

export class NodeRef {
  constructor(readonly key: string) {}
}
export class RelRef {
  constructor(readonly key: string) {}
}
/** A path: `nodes.length === rels.length + 1`; hop i goes nodes[i] → nodes[i+1] over rels[i]. */
export class PathVal {
  constructor(
    readonly nodes: string[],
    readonly rels: string[],
  ) {}
}

export interface MapValue {
  [key: string]: Value;
}
export type Value = null | boolean | bigint | number | string | Value[] | MapValue | NodeRef | RelRef | PathVal;

export const INT_MAX = 9223372036854775807n;
export const INT_MIN = -9223372036854775808n;

export function isMap(v: Value): v is MapValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NodeRef) && !(v instanceof RelRef) && !(v instanceof PathVal);
}
export function isNumber(v: Value): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}
export function newMap(): MapValue {
  return Object.create(null) as MapValue;
}

/** Name of a value's type, for error messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'Integer';
  if (typeof v === 'number') return 'Float';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'List';
  if (v instanceof NodeRef) return 'Node';
  if (v instanceof RelRef) return 'Relationship';
  if (v instanceof PathVal) return 'Path';
  return 'Map';
}

export function checkInt(v: bigint): bigint {
  if (v > INT_MAX || v < INT_MIN) throw new QueryError('integer overflow: the result does not fit a 64-bit integer; use floats (e.g. 1.0 * x)');
  return v;
}

/** A JavaScript attribute value (from graphology) as an engine value. */
export function fromJs(x: unknown, depth = 0): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'number':
      return Number.isSafeInteger(x) ? BigInt(x) : x;
    case 'bigint':
    case 'string':
    case 'boolean':
      return x;
    case 'object': {
      if (depth > 50) return null;
      if (Array.isArray(x)) return x.map((e) => fromJs(e, depth + 1));
      if (x instanceof NodeRef || x instanceof RelRef || x instanceof PathVal) return x;
      if (x instanceof FloatBox) return x.value;
      const m = newMap();
      for (const [k, v] of Object.entries(x as Record<string, unknown>)) m[k] = fromJs(v, depth + 1);
      return m;
    }
    default:
      return null;
  }
}

/**
 * A float stored as a graph attribute that must stay a float even when it has an integer value
 * (`1.0`). Only test graphs need it: JavaScript numbers with integer values read as integers.
 */
export class FloatBox {
  constructor(readonly value: number) {}
}

function num(v: number | bigint): number {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** Compare two numbers exactly, even when one is a 64-bit integer: -1, 0, 1, or NaN. */
export function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const f = (typeof a === 'number' ? a : b) as number;
  const i = (typeof a === 'bigint' ? a : b) as bigint;
  if (Number.isNaN(f)) return NaN;
  let c: number;
  if (!Number.isFinite(f)) c = f > 0 ? 1 : -1;
  else if (Number.isInteger(f)) {
    const fi = BigInt(f);
    c = fi < i ? -1 : fi > i ? 1 : 0;
  } else {
    const fi = BigInt(Math.floor(f));
    c = fi < i ? -1 : 1; // floor(f) < f, so f > i exactly when floor(f) >= i
  }
  return typeof a === 'number' ? c : -c;
}

/** openCypher `=`: true, false, or null when the answer is unknown. */
export function equals(a: Value, b: Value): boolean | null {
  if (a === null || b === null) return null;
  if (isNumber(a)) return isNumber(b) ? compareNumbers(a, b) === 0 : false;
  if (typeof a === 'string' || typeof a === 'boolean') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    let unknown = false;
    for (let i = 0; i < a.length; i++) {
      const e = equals(a[i]!, b[i]!);
      if (e === false) return false;
      if (e === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if (a instanceof NodeRef) return b instanceof NodeRef && a.key === b.key;
  if (a instanceof RelRef) return b instanceof RelRef && a.key === b.key;
  if (a instanceof PathVal) {
    return b instanceof PathVal && a.nodes.length === b.nodes.length && a.nodes.every((n, i) => n === b.nodes[i]) && a.rels.every((r, i) => r === b.rels[i]);
  }
  if (!isMap(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  let unknown = false;
  for (const k of ka) {
    if (!(k in b)) return false;
  }
  for (const k of ka) {
    const e = equals(a[k]!, b[k]!);
    if (e === false) return false;
    if (e === null) unknown = true;
  }
  return unknown ? null : true;
}

/**
 * openCypher comparison for `<`, `<=`, `>`, `>=`: a number (negative, 0, positive), NaN when
 * the answer is false (NaN operands), or null when the values are not comparable.
 */
export function compare(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  if (isNumber(a)) return isNumber(b) ? compareNumbers(a, b) : null;
  if (typeof a === 'string') return typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : null;
  if (typeof a === 'boolean') return typeof b === 'boolean' ? Number(a) - Number(b) : null;
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return null;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compare(a[i]!, b[i]!);
      if (c === null) return null;
      if (Number.isNaN(c)) return c;
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return null;
}

function rank(v: Value): number {
  if (isMap(v)) return 0;
  if (v instanceof NodeRef) return 1;
  if (v instanceof RelRef) return 2;
  if (Array.isArray(v)) return 3;
  if (v instanceof PathVal) return 4;
  if (typeof v === 'string') return 5;
  if (typeof v === 'boolean') return 6;
  if (typeof v === 'number' && Number.isNaN(v)) return 8;
  if (isNumber(v)) return 7;
  return 9; // null
}

/** Total order used by ORDER BY, min and max (openCypher orderability; null sorts last). */
export function orderCompare(a: Value, b: Value): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0: {
      const ka = Object.keys(a as MapValue).sort();
      const kb = Object.keys(b as MapValue).sort();
      const c = orderCompare(ka, kb);
      if (c !== 0) return c;
      for (const k of ka) {
        const d = orderCompare((a as MapValue)[k]!, (b as MapValue)[k]!);
        if (d !== 0) return d;
      }
      return 0;
    }
    case 1:
    case 2: {
      const x = (a as NodeRef).key;
      const y = (b as NodeRef).key;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3: {
      const x = a as Value[];
      const y = b as Value[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = orderCompare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 4: {
      const x = a as PathVal;
      const y = b as PathVal;
      const c = orderCompare(x.nodes, y.nodes);
      return c !== 0 ? c : orderCompare(x.rels, y.rels);
    }
    case 5:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 6:
      return Number(a) - Number(b);
    case 7: {
      const c = compareNumbers(a as number, b as number);
      return c;
    }
    default:
      return 0;
  }
}

/** A string key under which equivalent values (DISTINCT, grouping) coincide: null ≡ null, 1 ≡ 1.0. */
export function keyOf(v: Value): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'bigint':
      return 'd' + v.toString();
    case 'number':
      if (Number.isInteger(v)) return 'd' + BigInt(v).toString();
      return 'd' + String(v);
    case 'string':
      // Length-prefixed, so that no string can imitate a list separator.
      return 's' + v.length + ':' + v;
    case 'boolean':
      return v ? 'T' : 'F';
  }
  if (Array.isArray(v)) return '[' + v.map(keyOf).join(',') + ']';
  if (v instanceof NodeRef) return 'N' + v.key.length + ':' + v.key;
  if (v instanceof RelRef) return 'R' + v.key.length + ':' + v.key;
  if (v instanceof PathVal) return 'P' + JSON.stringify(v.nodes) + JSON.stringify(v.rels);
  return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + keyOf(v[k]!)).join(',') + '}';
}

/** Truthiness for WHERE: only `true` passes. */
export function toBool(v: Value, what: string): boolean | null {
  if (v === null || typeof v === 'boolean') return v;
  throw new QueryError(`${what}: expected a boolean, found ${typeName(v)}`);
}

/** Format a float the way openCypher results show it (`1.0`, `0.1`, `1.0e-5`…). */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(1);
  return String(x);
}

export function toNumber(v: number | bigint): number {
  return num(v);
}

/** 1000000 → "1,000,000" (without Intl, which is slow to load). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
