/**
 * newsgraph's error classes. Library code throws these (never prints or exits); cli/ turns them into
 * one readable line and an exit code, server/ into `{ error: { name, message, position? } }`.
 * Messages say what failed, what was expected, what was found, and the likely fix.
 */

export class NewsgraphError extends Error {
  /** Exit code the CLI uses for this error. */
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command-line usage or options (exit code 2). */
export class UsageError extends NewsgraphError {
  override readonly exitCode: number = 2;
}

/** An input file, folder or JSON Lines line could not be read as an article. */
export class InputError extends NewsgraphError {
  constructor(
    message: string,
    /** The offending path (with `:LINE` for JSON Lines). */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A graph file on disk is missing, truncated or not a newsgraph graph. */
export class GraphFormatError extends NewsgraphError {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A graph folder another newsgraph process is updating (its lock file names the process). */
export class GraphBusyError extends NewsgraphError {
  constructor(
    message: string,
    /** The lock file. */
    readonly path: string,
    /** Who holds it: "process 123 (newsgraph add, since …)", or "another process". */
    readonly holder = 'another process',
  ) {
    super(message);
  }
}

/** Position of a problem in a query text: 1-based line and column, 0-based offset. */
export interface QueryPosition {
  offset: number;
  line: number;
  column: number;
}

/** A query that does not parse: names the position and what was expected. */
export class QuerySyntaxError extends NewsgraphError {
  constructor(
    message: string,
    readonly position: QueryPosition,
  ) {
    super(message);
  }
}

/** A query that parses but cannot run (unknown entity, wrong type, unsupported construct). */
export class QueryError extends NewsgraphError {
  constructor(
    message: string,
    readonly position?: QueryPosition,
  ) {
    super(message);
  }
}

/** A query that exceeded its time or result budget. */
export class QueryLimitError extends QueryError {}

/** An export that cannot be written in the requested format. */
export class ExportError extends NewsgraphError {}
