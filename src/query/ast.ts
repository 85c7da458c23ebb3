/**
 * The syntax tree of newsgraph's query language (which accepts openCypher syntax for what it
 * supports) and of the console shortcuts. Produced by parser.ts, consumed by execute.ts.
 * Every node carries `pos`, the 0-based offset of its first character in the query text.
 */

/** A literal value inside the engine: integers are bigint, floats are number. */
export type LiteralValue = null | boolean | bigint | number | string;

export type Expr =
  | { kind: 'literal'; pos: number; value: LiteralValue }
  | { kind: 'param'; pos: number; name: string }
  | { kind: 'var'; pos: number; name: string }
  | { kind: 'prop'; pos: number; target: Expr; key: string }
  | { kind: 'index'; pos: number; target: Expr; index: Expr }
  | { kind: 'slice'; pos: number; target: Expr; from: Expr | null; to: Expr | null }
  | { kind: 'list'; pos: number; items: Expr[] }
  | { kind: 'map'; pos: number; entries: [string, Expr][] }
  | { kind: 'binary'; pos: number; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'compare'; pos: number; ops: CompareOp[]; operands: Expr[] }
  | { kind: 'unary'; pos: number; op: 'NOT' | '-' | '+'; operand: Expr }
  | { kind: 'isNull'; pos: number; operand: Expr; negated: boolean }
  | { kind: 'hasLabels'; pos: number; target: Expr; labels: string[] }
  | { kind: 'call'; pos: number; name: string; distinct: boolean; star: boolean; args: Expr[] }
  | { kind: 'case'; pos: number; subject: Expr | null; whens: [Expr, Expr][]; otherwise: Expr | null }
  | { kind: 'listComp'; pos: number; variable: string; list: Expr; where: Expr | null; map: Expr | null }
  | { kind: 'quantifier'; pos: number; quantifier: 'all' | 'any' | 'none' | 'single'; variable: string; list: Expr; where: Expr }
  | { kind: 'pattern'; pos: number; pattern: PatternPart }
  | { kind: 'exists'; pos: number; pattern: PatternPart[]; where: Expr | null };

export type BinaryOp =
  | 'OR' | 'XOR' | 'AND'
  | 'IN' | 'STARTS WITH' | 'ENDS WITH' | 'CONTAINS' | '=~'
  | '+' | '-' | '*' | '/' | '%' | '^';

export type CompareOp = '=' | '<>' | '<' | '>' | '<=' | '>=';

export interface NodePattern {
  pos: number;
  variable: string | null;
  labels: string[];
  properties: Expr | null;
}

export interface RelPattern {
  pos: number;
  variable: string | null;
  types: string[];
  properties: Expr | null;
  direction: 'out' | 'in' | 'both';
  /** Present for variable-length relationships; `max` null means unbounded. */
  length: { min: number; max: number | null } | null;
}

export interface PatternPart {
  pos: number;
  /** The path variable of `p = (…)`. */
  variable: string | null;
  /** `shortestPath(…)` / `allShortestPaths(…)`. */
  shortest: 'single' | 'all' | null;
  /** Nodes and relationships alternate, starting and ending with a node. */
  nodes: NodePattern[];
  rels: RelPattern[];
}

export interface ProjectionItem {
  expr: Expr;
  alias: string;
  /** True when the column name came from the expression text rather than `AS`. */
  implicit: boolean;
}

export interface SortItem {
  expr: Expr;
  descending: boolean;
}

export interface Projection {
  pos: number;
  distinct: boolean;
  star: boolean;
  items: ProjectionItem[];
  order: SortItem[];
  skip: Expr | null;
  limit: Expr | null;
}

export type Clause =
  | { kind: 'match'; pos: number; optional: boolean; patterns: PatternPart[]; where: Expr | null }
  | { kind: 'unwind'; pos: number; expr: Expr; variable: string }
  | ({ kind: 'with'; where: Expr | null } & Projection)
  | ({ kind: 'return' } & Projection)
  | { kind: 'create'; pos: number; patterns: PatternPart[] };

export interface SingleQuery {
  clauses: Clause[];
}

/** A query in the language: one or more single queries joined by UNION [ALL]. */
export interface StatementAst {
  kind: 'statement';
  parts: SingleQuery[];
  /** One entry per UNION: true for UNION ALL. */
  unionAll: boolean[];
}

/** Console shortcuts: `path A -> B`, `paths A -> B max 3`, `neighbors A`, `find TEXT`. */
export interface ShortcutAst {
  kind: 'shortcut';
  command: 'path' | 'paths' | 'neighbors' | 'find';
  from: string;
  to: string | null;
  maxHops: number | null;
  /** Event families (`without family role`) and node names (`without NATO`) the search avoids. */
  withoutFamilies: string[];
  withoutNodes: string[];
  /** `without hubs [over N]`: avoid nodes (other than the ends) with more than N edges. */
  withoutHubsOver: number | null;
}

export type QueryAst = StatementAst | ShortcutAst;
