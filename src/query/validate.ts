/**
 * The "plan" step's checks, run before any row is read: variables are defined before use and
 * keep one kind (node, relationship, path), aggregates stay out of WHERE, and projected
 * expressions in WITH are named. Errors name the position, what was expected and what was found.
 */
import { QueryError } from '../errors.js';
import type { Clause, Expr, PatternPart, StatementAst } from './ast.js';
import { positionAt } from './lexer.js';
import { isAggregateName } from './parser.js';
import { functionNames, isFunctionName } from './evaluate.js';

/** `scalar`: certainly not a node, relationship or path (a literal or arithmetic); `value`: unknown. */
type Kind = 'node' | 'rel' | 'path' | 'scalar' | 'value';
type Scope = Map<string, Kind>;

class Checker {
  constructor(private readonly text: string) {}

  fail(pos: number, message: string): never {
    const position = positionAt(this.text, pos);
    throw new QueryError(`${message} (line ${position.line}, column ${position.column})`, position);
  }

  checkStatement(ast: StatementAst): void {
    for (const part of ast.parts) this.checkClauses(part.clauses);
  }

  private checkClauses(clauses: Clause[]): void {
    let scope: Scope = new Map();
    for (const clause of clauses) {
      switch (clause.kind) {
        case 'match': {
          this.bindPatterns(clause.patterns, scope, false);
          if (clause.where) {
            this.noAggregates(clause.where, 'WHERE');
            this.expr(clause.where, scope);
          }
          break;
        }
        case 'unwind':
          this.expr(clause.expr, scope);
          scope = new Map(scope);
          scope.set(clause.variable, 'value');
          break;
        case 'with':
        case 'return': {
          const next: Scope = clause.star ? new Map([...scope].filter(([k]) => !k.startsWith(' '))) : new Map();
          for (const item of clause.items) {
            this.expr(item.expr, scope);
            if (clause.kind === 'with' && item.implicit && item.expr.kind !== 'var') {
              this.fail(item.expr.pos, `WITH: expected an alias for the expression "${item.alias}" (add AS name)`);
            }
            next.set(item.alias, kindOf(item.expr, scope));
          }
          const aggregating = clause.items.some((i) => this.hasAggregate(i.expr));
          const orderScope: Scope = clause.distinct || aggregating ? next : new Map([...scope, ...next]);
          const shapes = clause.items.map((i) => shape(i.expr));
          for (const o of clause.order) {
            // An ORDER BY expression that repeats a projected one reads that column.
            if (shapes.includes(shape(o.expr))) continue;
            this.expr(o.expr, orderScope);
          }
          if (clause.skip) this.constant(clause.skip, 'SKIP');
          if (clause.limit) this.constant(clause.limit, 'LIMIT');
          if (clause.kind === 'with' && clause.where) {
            this.noAggregates(clause.where, 'WHERE');
            this.expr(clause.where, new Map([...scope, ...next]));
          }
          scope = next;
          break;
        }
        case 'create':
          this.bindPatterns(clause.patterns, scope, true);
          break;
      }
    }
  }

  /** Bind the variables of MATCH / CREATE patterns, checking their kinds. */
  private bindPatterns(parts: PatternPart[], scope: Scope, create: boolean): void {
    const relsHere = new Set<string>();
    const before = new Map(scope);
    for (const part of parts) {
      for (const n of part.nodes) {
        if (n.properties) this.expr(n.properties, scope);
        if (n.variable === null) continue;
        const k = scope.get(n.variable);
        if (n.properties?.kind === 'param' && !create) this.fail(n.properties.pos, 'a parameter cannot stand for the properties of a node pattern in MATCH: expected a map literal {key: $param}');
        if (k !== undefined && k !== 'node' && !(k === 'value' && !create)) {
          this.fail(n.pos, `variable \`${n.variable}\` is already a ${describe(k)}: expected a new name or a node`);
        }
        if (k === undefined) scope.set(n.variable, 'node');
      }
      for (const r of part.rels) {
        if (r.properties) this.expr(r.properties, scope);
        if (r.variable === null) continue;
        const k = scope.get(r.variable);
        if (r.properties?.kind === 'param' && !create) this.fail(r.properties.pos, 'a parameter cannot stand for the properties of a relationship pattern in MATCH: expected a map literal {key: $param}');
        const listOk = r.length !== null && (k === 'scalar' || k === 'value') && !create;
        if (k !== undefined && k !== 'rel' && !(k === 'value' && !create) && !listOk) {
          this.fail(r.pos, `variable \`${r.variable}\` is already a ${describe(k)}: expected a new name or a relationship`);
        }
        if (relsHere.has(r.variable)) {
          this.fail(r.pos, `relationship variable \`${r.variable}\` is used twice in one MATCH: a relationship is matched at most once per pattern`);
        }
        if (k === 'rel' && before.get(r.variable) === 'rel' && r.length !== null) {
          this.fail(r.pos, `variable \`${r.variable}\` is already a relationship: expected a new name for the variable-length relationship`);
        }
        relsHere.add(r.variable);
        if (k === undefined) scope.set(r.variable, 'rel');
      }
      if (part.variable !== null) {
        if (scope.has(part.variable)) {
          this.fail(part.pos, `path variable \`${part.variable}\` is already defined as a ${describe(scope.get(part.variable)!)}: expected a new name`);
        }
        scope.set(part.variable, 'path');
      }
    }
  }

  private constant(e: Expr, what: string): void {
    this.walk(e, new Map(), (x) => {
      if (x.kind === 'var') this.fail(x.pos, `${what}: expected an expression without variables, found \`${x.name}\``);
    });
  }

  private hasAggregate(e: Expr): boolean {
    let found = false;
    this.walk(e, new Map(), (x) => {
      if (x.kind === 'call' && isAggregateName(x.name)) found = true;
    });
    return found;
  }

  private noAggregates(e: Expr, where: string): void {
    this.walk(e, new Map(), (x) => {
      if (x.kind === 'call' && isAggregateName(x.name)) this.fail(x.pos, `${where}: aggregate ${x.name}() is not allowed here; aggregate in WITH, then filter`);
    });
  }

  /** Check that every variable an expression reads is in scope. */
  private expr(e: Expr, scope: Scope): void {
    this.walk(e, scope, (x, s) => {
      if (x.kind === 'var' && !s.has(x.name)) this.fail(x.pos, `variable \`${x.name}\` is not defined: expected a variable bound by MATCH, WITH or UNWIND`);
      if (x.kind === 'prop' && x.target.kind === 'var' && s.get(x.target.name) === 'path') {
        this.fail(x.pos, `property access .${x.key}: expected a node, relationship or map, found the path \`${x.target.name}\``);
      }
      if (x.kind === 'call' && !isAggregateName(x.name) && !isFunctionName(x.name)) {
        this.fail(x.pos, `unknown function ${x.name}(): expected one of ${functionNames().join(', ')}, or an aggregate (count, collect, sum, avg, min, max)`);
      }
    });
  }

  /** Visit every expression node, giving local variables of comprehensions and patterns their scope. */
  private walk(e: Expr, scope: Scope, visit: (x: Expr, scope: Scope) => void): void {
    const stack: [Expr, Scope][] = [[e, scope]];
    while (stack.length > 0) {
      const [x, s] = stack.pop()!;
      visit(x, s);
      switch (x.kind) {
        case 'prop':
          stack.push([x.target, s]);
          break;
        case 'index':
          stack.push([x.target, s], [x.index, s]);
          break;
        case 'slice':
          stack.push([x.target, s]);
          if (x.from) stack.push([x.from, s]);
          if (x.to) stack.push([x.to, s]);
          break;
        case 'list':
          for (const i of x.items) stack.push([i, s]);
          break;
        case 'map':
          for (const [, v] of x.entries) stack.push([v, s]);
          break;
        case 'binary':
          stack.push([x.left, s], [x.right, s]);
          break;
        case 'compare':
          for (const o of x.operands) stack.push([o, s]);
          break;
        case 'unary':
        case 'isNull':
          stack.push([x.operand, s]);
          break;
        case 'hasLabels':
          stack.push([x.target, s]);
          break;
        case 'call':
          for (const a of x.args) stack.push([a, s]);
          break;
        case 'case':
          if (x.subject) stack.push([x.subject, s]);
          for (const [w, t] of x.whens) stack.push([w, s], [t, s]);
          if (x.otherwise) stack.push([x.otherwise, s]);
          break;
        case 'listComp':
        case 'quantifier': {
          stack.push([x.list, s]);
          const inner = new Map(s);
          inner.set(x.variable, 'value');
          if (x.where) stack.push([x.where, inner]);
          if (x.kind === 'listComp' && x.map) stack.push([x.map, inner]);
          break;
        }
        case 'pattern':
        case 'exists': {
          // Pattern predicates may introduce variables of their own (EXISTS { … }).
          const inner = new Map(s);
          const parts = x.kind === 'pattern' ? [x.pattern] : x.pattern;
          for (const part of parts) {
            for (const n of part.nodes) {
              if (n.properties) stack.push([n.properties, inner]);
              if (n.variable !== null && !inner.has(n.variable)) inner.set(n.variable, 'node');
            }
            for (const r of part.rels) {
              if (r.properties) stack.push([r.properties, inner]);
              if (r.variable !== null && !inner.has(r.variable)) inner.set(r.variable, 'rel');
            }
          }
          if (x.kind === 'exists' && x.where) stack.push([x.where, inner]);
          break;
        }
        default:
          break;
      }
    }
  }
}

function shape(e: Expr): string {
  return JSON.stringify(e, (k, v) => (k === 'pos' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

/** What a projected expression certainly is, when that is known without running the query. */
function kindOf(e: Expr, scope: Scope): Kind {
  switch (e.kind) {
    case 'var':
      return scope.get(e.name) ?? 'value';
    case 'literal':
    case 'list':
    case 'map':
    case 'binary':
    case 'compare':
    case 'unary':
    case 'isNull':
    case 'hasLabels':
    case 'listComp':
    case 'quantifier':
      return 'scalar';
    default:
      return 'value';
  }
}

function describe(k: Kind): string {
  return k === 'rel' ? 'relationship' : k === 'scalar' ? 'value that is not a node' : k;
}

/** Check a parsed statement before it runs. @throws QueryError naming the position. */
export function validateStatement(ast: StatementAst, text: string): void {
  new Checker(text).checkStatement(ast);
}
