/**
 * cli/: argv → commands. The only code that prints, reads stdin, or sets the exit code.
 *
 * Exit codes: 0 success; 1 error (unreadable explicit input, bad graph, failed query); 2 usage
 * (unknown command or flag); 3 built, but some inputs inside folders or JSON Lines were skipped.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GraphBusyError, InputError, NewsgraphError, UsageError } from '../errors.js';
import type { ExtractionRecord, SkippedInput } from '../types.js';

// Stages are loaded on demand, so that `--help` and usage errors answer at once.
const load = {
  graph: () => import('../graph/index.js'),
  ingest: () => import('../ingest/index.js'),
  query: () => import('../query/index.js'),
  server: () => import('../server/index.js'),
  store: () => import('../store/index.js'),
  export: () => import('../export/index.js'),
  extractJson: () => import('./extract-json.js'),
};
import type { KnowledgeGraph } from '../graph/build.js';
import type { GraphState } from '../graph/incremental.js';
import type { GraphIndex } from '../store/journal.js';
import { GraphFormatError } from '../errors.js';
import { createProgressBar } from './progress.js';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_SKIPPED = 3;

const DEFAULT_PORT = 5178;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const io: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

/** Prints a store warning (part of a graph's journal left out) as the command's. */
const warnAs = (verb: string) => (message: string) => io.err(`newsgraph ${verb}: warning: ${message}\n`);

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  help: string;
  /**
   * Options that take every argument after them up to the next option (`--from-extractions a.jsonl
   * b.jsonl`, what a shell glob gives), not only the first one.
   */
  greedy?: string[];
  run: (positionals: string[], values: Record<string, string | boolean | string[] | undefined>) => Promise<number>;
}

type Parsed = { values: Record<string, unknown>; positionals: string[]; tokens?: ReturnType<typeof parseArgs>['tokens'] };

/** Moves the positionals that follow a greedy option (up to the next option or `--`) into its values. */
function takeGreedy(parsed: Parsed, greedy: readonly string[]): Parsed {
  const values: Record<string, unknown> = { ...parsed.values };
  const positionals: string[] = [];
  let into: string | undefined;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') into = greedy.includes(token.name) ? token.name : undefined;
    else if (token.kind === 'option-terminator') into = undefined;
    else if (into) values[into] = [...((values[into] as string[] | undefined) ?? []), token.value];
    else positionals.push(token.value);
  }
  return { values, positionals };
}

const HELP_OPTION: Options = { help: { type: 'boolean', short: 'h' } };

function packageRoot(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
}

/**
 * Splits skipped inputs into failures of inputs named on the command line (exit 1) and the rest:
 * inputs inside folders or JSON Lines, and partial reads (the document is built; exit 3).
 */
function summarizeSkipped(skipped: SkippedInput[]): { explicitFailures: SkippedInput[]; others: SkippedInput[] } {
  const failed = (s: SkippedInput) => Boolean(s.explicit && !s.partial);
  return { explicitFailures: skipped.filter(failed), others: skipped.filter((s) => !failed(s)) };
}


/** `watched`: the build `watch` starts when its graph folder holds none (it stops between updates itself). */
async function commandBuild(positionals: string[], values: Record<string, unknown>, watched?: { reported: Set<string> }): Promise<number> {
  const fromExtractions = (values['from-extractions'] as string[] | undefined) ?? [];
  const inputs = positionals.length || fromExtractions.length ? positionals : [path.join(process.cwd(), 'seeds')];
  const out = (values.out as string | undefined) ?? (positionals.length || fromExtractions.length ? undefined : path.join(process.cwd(), 'graph'));
  if (!out) throw new UsageError('build: --out DIR is required when inputs are given (e.g. newsgraph build articles/ --out graph/)');
  refuseGraphInInput('build', '--out', out, inputs);
  // from the start: Ctrl-C while the inputs are read and extracted (minutes for a big corpus) says that nothing was written
  const guard = watched ? undefined : guardUpdate('build', out);
  try {
    return await buildGuarded(out, inputs, fromExtractions, values, guard, watched?.reported);
  } finally {
    guard?.done();
  }
}

/** `build` of `inputs` and `fromExtractions` into `out`, under `guard` (but in `watch`). */
async function buildGuarded(
  out: string,
  inputs: string[],
  fromExtractions: string[],
  values: Record<string, unknown>,
  guard: UpdateGuard | undefined,
  reported?: Set<string>,
): Promise<number> {
  const quiet = Boolean(values.quiet);
  const workers = parseWorkers(values.workers, { verb: 'build', quiet });
  const outlet = parseOutlet(values.outlet);
  const started = Date.now();
  const { buildGraphAndMemo, extractInputs, countInputDocuments, dropRecordCopies, SameContent } = await load.graph();
  const { readExtractionRecordsInto, writeGraph } = await load.store();
  const bar = createProgressBar({ enabled: quiet ? false : undefined });
  const byId = new Map<string, ExtractionRecord>();
  const fromOf = new Map<string, string>(); // document id → the file it came from
  try {
    for (const file of fromExtractions) {
      // within one file a later record of a document replaces an earlier one (a graph's own
      // extractions.jsonl); across files the same id must be the same document
      const own = new Map<string, ExtractionRecord>();
      await readExtractionRecordsInto(file, own);
      for (const r of own.values()) mergeRecord(byId, fromOf, r, file);
    }
    // a copy of a document (another id, the same content) counts once, the first in the order given:
    // the records' files, then the inputs (whose copies of those are passed over before extraction)
    const kept = new SameContent();
    const copies = dropRecordCopies(byId.values(), kept);
    let skipped: SkippedInput[] = copies.skipped;
    if (inputs.length) {
      if (bar.enabled) void countInputDocuments(inputs).then((n) => bar.setTotal(n), () => undefined);
      const result = await extractInputs(inputs, { workers, kept, read: { outlet }, onProgress: (p) => bar.update(p.documents + p.skipped) });
      for (const r of result.records) mergeRecord(byId, fromOf, r, r.document.path || r.document.id);
      skipped = [...skipped, ...result.skipped];
    }
    const copied = new Set(copies.skipped.map((s) => s.path));
    const records = [...byId.values()].filter((r) => !copied.has(r.document.id));
    const failures = summarizeSkipped(skipped).explicitFailures;
    if (!records.length && failures.length) {
      // a typo, or `newsgraph build` where there is no seeds/: never replace a graph with nothing
      for (const s of failures) io.err(`newsgraph build: cannot read "${s.path}": ${s.reason}\n`);
      throw new InputError(`build: nothing could be read, so nothing was written${existsSync(out) ? ` ("${out}" is left as it was)` : ''}.`, failures[0]!.path);
    }
    bar.stage('building graph');
    const name = (values.name as string | undefined) ?? (inputs[0] ? path.basename(path.resolve(inputs[0])) : 'newsgraph');
    // The resolver's memo is kept with the graph, so that `add` / `remove` need not redo its work.
    const { graph, memo } = buildGraphAndMemo(records, { skipped, name, keepResolveMemo: true });
    bar.stage('writing');
    const release = guard ? await guard.lock((stopped) => lockFolder(out, 'build', values, stopped)) : await lockFolder(out, 'build', values);
    try {
      await guard?.writing();
      await writeGraph(out, graph, records, { memo });
    } finally {
      await release();
    }
    bar.done();
    return reportBuilt('build', out, graph, skipped, quiet, started, undefined, reported);
  } finally {
    bar.done();
  }
}

/**
 * A graph folder that is an input folder itself: the graph's files would sit among the articles, the
 * next read would pass the whole folder over as a graph folder (and `watch --remove-deleted` would
 * take every article for deleted). A subfolder is fine: it is passed over.
 */
function refuseGraphInInput(verb: string, flag: string, dir: string, inputs: string[]): void {
  const at = path.resolve(dir);
  const input = inputs.find((p) => path.resolve(p) === at);
  if (input !== undefined) {
    throw new UsageError(`${verb}: ${flag} "${dir}" is the input folder itself; write the graph to another folder, or a subfolder (e.g. ${path.join(dir, 'graph')}), which reads pass over`);
  }
}

/**
 * Adds a record to a build's documents. The same document from two places (a shard extracted twice,
 * an article also in a shard) is kept once; two different documents under one id are an error, since
 * keeping either would silently lose the other.
 */
function mergeRecord(byId: Map<string, ExtractionRecord>, fromOf: Map<string, string>, r: ExtractionRecord, from: string): void {
  const id = r.document.id;
  const earlier = byId.get(id);
  if (earlier && earlier.document.hash !== r.document.hash) {
    throw new InputError(
      `build: two different documents have the id "${id}": one from "${fromOf.get(id)}", one from "${from}". ` +
        'Document ids are paths relative to the folder given to extract / build, so shards extracted from folders with the same layout share ids: ' +
        'extract each shard from a folder whose relative paths differ from the other shards\' (e.g. its parent), or merge them with one build of their folders.',
      from,
    );
  }
  byId.set(id, r);
  if (!earlier) fromOf.set(id, from);
}

async function commandExtract(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('extract: give at least one file or folder (newsgraph extract PATH... --json)');
  const jsonl = Boolean(values.jsonl);
  if (jsonl && values.json) throw new UsageError('extract: give --json or --jsonl, not both');
  const outlet = parseOutlet(values.outlet);
  const { readDocuments } = await load.ingest();
  const { extractRecord } = await load.graph();
  const { toExtractJson } = await load.extractJson();
  const docs: ExtractionRecord[] = [];
  let failed = false;
  let skipped = false;
  for await (const item of readDocuments(positionals, { outlet })) {
    if (item.kind === 'skipped') {
      if (item.explicit && !item.partial) failed = true;
      else skipped = true;
      io.err(`newsgraph extract: ${item.partial ? 'read with a warning' : 'skipped'} "${item.skipped.path}": ${item.skipped.reason}\n`);
      continue;
    }
    const rec = extractRecord(item.document);
    if (jsonl) io.out(`${JSON.stringify(rec)}\n`);
    else docs.push(rec);
  }
  if (!jsonl) io.out(`${JSON.stringify(toExtractJson(docs))}\n`);
  // as build: 1 when an input given could not be read, 3 when something inside one was skipped (a map
  // job can tell a shard that lost input from one that did not)
  return failed ? EXIT_ERROR : skipped ? EXIT_SKIPPED : EXIT_OK;
}

async function commandServe(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length) throw new UsageError(`serve: unexpected argument "${positionals[0]}" (use --graph DIR)`);
  const graphDir = (values.graph as string | undefined) ?? path.join(process.cwd(), 'graph');
  return serve(graphDir, values);
}

function parsePort(values: Record<string, unknown>): number {
  const raw = (values.port as string | undefined) ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number 0-65535, got "${raw}"`);
  return port;
}

async function serve(graphDir: string, values: Record<string, unknown>): Promise<number> {
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const port = parsePort(values);
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    io.err(`newsgraph serve: warning: binding to ${host} makes the graph and its query API reachable from other machines.\n`);
  }
  const { createServer } = await load.server();
  const server = await createServer({
    graphDir,
    host,
    port,
    // the graph folder's own errors (a damaged extractions.jsonl behind /api/documents) in one line; bugs with their stack
    onError: (error) =>
      io.err(error instanceof NewsgraphError ? `newsgraph serve: ${error.message}\n` : `newsgraph serve: internal error: ${(error as Error)?.stack ?? String(error)}\n`),
    // `newsgraph add` / `remove` / `build --out` in another terminal: served as soon as they are written
    watch: true,
    onReload: (event) => {
      if (event.ok) io.out(`newsgraph: ${graphDir} was updated: now ${event.documents} documents, ${event.nodes} entities, ${event.edges} relations\n`);
      else io.err(`newsgraph serve: ${graphDir} changed but cannot be read (${event.error.message}); still serving the previous graph\n`);
    },
  });
  const { url } = await server.listen();
  io.out(`newsgraph: serving ${graphDir} at ${url}  (Ctrl+C to stop; updates to the folder are served as they are written)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT_OK;
}

async function commandStart(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length) throw new UsageError(`start: unexpected argument "${positionals[0]}"`);
  const root = packageRoot();
  const seeds = (values.input as string | undefined) ?? path.join(root, 'seeds');
  const graphDir = (values.graph as string | undefined) ?? path.join(root, 'graph');
  const code = await commandBuild([seeds], { out: graphDir });
  if (code === EXIT_ERROR) return code;
  if (!values.watch) return serve(graphDir, values);
  // --watch: `newsgraph watch INPUT --graph DIR` in a child process (its updates would hold up the
  // server's answers if they ran in this one); the server serves each update it writes.
  const { spawn } = await import('node:child_process');
  // Its own process group, so that Ctrl-C reaches only this process, which then stops the watch
  // once (a second signal would stop it in the middle of an update).
  const watcher = spawn(process.execPath, [path.join(root, 'bin', 'newsgraph.mjs'), 'watch', seeds, '--graph', graphDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  let serving = true;
  watcher.on('exit', (exitCode, signal) => {
    if (serving) io.err(`newsgraph start: the watch of ${seeds} stopped (${signal ?? `exit code ${exitCode}`}); still serving ${graphDir}\n`);
  });
  const stopWatcher = () => watcher.kill('SIGTERM');
  process.once('exit', stopWatcher);
  try {
    return await serve(graphDir, values);
  } finally {
    serving = false;
    if (watcher.exitCode === null && watcher.signalCode === null) {
      const gone = new Promise((resolve) => watcher.once('exit', resolve));
      stopWatcher();
      await gone;
    }
    process.off('exit', stopWatcher);
  }
}

async function commandQuery(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError('query: give a query, e.g. newsgraph query "path Stoltenberg -> Assad"');
  // `newsgraph query DIR "MATCH …"`: the graph folder given where the query goes.
  const first = positionals[0]!;
  if (values.graph === undefined && positionals.length > 1 && existsSync(path.join(first, 'graph.json'))) {
    throw new UsageError(`query: "${first}" is a graph folder; give it with --graph: newsgraph query ${JSON.stringify(positionals.slice(1).join(' '))} --graph ${first}`);
  }
  const format = (values.format as string | undefined) ?? 'table';
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format: expected table, json or csv, got "${format}"`);
  const limit = (flag: string, max: number): number | undefined => {
    const raw = values[flag] as string | undefined;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${flag}: expected a whole number from 1 to ${max.toLocaleString('en')}, got "${raw}"`);
    return n;
  };
  const timeoutMs = limit('timeout', 3_600_000);
  const maxRows = limit('max-rows', 10_000_000);
  const maxPaths = limit('max-paths', 10_000_000);
  const budget = { ...(timeoutMs ? { timeoutMs } : {}), ...(maxRows ? { maxRows } : {}), ...(maxPaths ? { maxPaths } : {}) };
  const { readGraph } = await load.store();
  const { formatResult, runQuery, ANSWER_OMITTED_PROPERTIES } = await load.query();
  const graph = await readGraph((values.graph as string | undefined) ?? 'graph', { onWarning: warnAs('query') });
  // node values without their mentions and documents, as the server answers (ANSWER_OMITTED_PROPERTIES)
  const result = runQuery(graph, text, { omitProperties: [...ANSWER_OMITTED_PROPERTIES], ...budget });
  const shown = formatResult(result, format as 'table' | 'json' | 'csv'); // once: a big answer is big
  io.out(shown);
  if (!shown.endsWith('\n')) io.out('\n');
  for (const n of result.notices) io.err(`note: ${n}\n`);
  return EXIT_OK;
}

async function commandConsole(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length) throw new UsageError(`console: unexpected argument "${positionals[0]}" (use --graph DIR)`);
  const { readGraph } = await load.store();
  const { runConsole } = await import('./console.js');
  const graph = await readGraph((values.graph as string | undefined) ?? 'graph', { onWarning: warnAs('console') });
  const history = values['no-history'] ? undefined : path.join(os.homedir(), '.newsgraph_history');
  await runConsole({ graph, input: process.stdin, output: process.stdout, historyFile: history });
  return EXIT_OK;
}

const EXPORT_FORMATS = ['gexf', 'json', 'graphml', 'csv', 'neo4j'] as const;

async function commandExport(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length) throw new UsageError(`export: unexpected argument "${positionals[0]}"`);
  const format = (values.format as string | undefined) ?? 'gexf';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: expected ${EXPORT_FORMATS.join(', ')}, got "${format}"`);
  const out = values.out as string | undefined;
  const { readGraph, writeFileAtomic } = await load.store();
  const ex = await load.export();
  const graph = await readGraph((values.graph as string | undefined) ?? 'graph', { onWarning: warnAs('export') });
  // Folder formats: several files.
  if (format === 'csv' || format === 'neo4j') {
    if (!out) throw new UsageError(`export --format ${format} writes several files: give --out DIR`);
    const files = format === 'csv' ? { 'nodes.csv': ex.toNodesCsv(graph), 'edges.csv': ex.toEdgesCsv(graph), 'claims.csv': ex.toClaimsCsv(graph) } : ex.toNeo4j(graph).files;
    for (const [name, text] of Object.entries(files)) await writeFileAtomic(path.join(out, name), text);
    io.err(`Wrote ${Object.keys(files).map((f) => path.join(out, f)).join(', ')}\n`);
    return EXIT_OK;
  }
  const text = format === 'gexf' ? ex.toGexf(graph) : format === 'graphml' ? ex.toGraphml(graph) : ex.toJson(graph);
  if (out) {
    await writeFileAtomic(out, text);
    io.err(`Wrote ${out}\n`);
  } else io.out(text);
  return EXIT_OK;
}

/**
 * `--workers N`: 1–256, and at most the machine's cores (more workers than cores give the same
 * result — extraction is pure — more slowly, with every worker's memory: 256 of them took 8 GB).
 * `tell` names the command when the clamp should be said (once per run).
 */
function parseWorkers(raw: unknown, tell?: { verb: string; quiet: boolean }): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new UsageError(`--workers: expected a whole number from 1 to 256 (1: extract in this process; default: this machine's ${cores} cores), got "${String(raw)}"`);
  }
  if (n <= cores) return n;
  if (tell && !tell.quiet) {
    io.err(`newsgraph ${tell.verb}: --workers ${n}: this machine has ${cores} core${cores === 1 ? '' : 's'}, so ${cores} worker${cores === 1 ? '' : 's'} (more would give the same result, more slowly and with more memory).\n`);
  }
  return cores;
}

/**
 * `--outlet NAME`: the outlet of every document read that names none of its own (front matter, an
 * HTML page's site name, a JSON Lines `source`); without it such a document is an outlet of its own.
 */
function parseOutlet(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const name = String(raw).replace(/\s+/g, ' ').trim();
  if (!name) throw new UsageError(`--outlet: expected the name of the outlet of the documents that name none (e.g. --outlet BBC), got ${JSON.stringify(String(raw))}`);
  return name;
}

/** Prints the one-line summary of a build / add / remove and returns the exit code. */
function reportBuilt(
  verb: string,
  out: string,
  graph: KnowledgeGraph,
  skipped: SkippedInput[],
  quiet: boolean,
  started: number,
  what?: string,
  reported?: Set<string>,
): number {
  const { explicitFailures, others: all } = summarizeSkipped(skipped);
  const others = unreported(all, reported);
  for (const s of explicitFailures) io.err(`newsgraph ${verb}: cannot read "${s.path}": ${s.reason}\n`);
  if (!quiet) {
    const docs = graph.getAttribute('documents').length;
    io.out(
      `${what ?? 'Built'} ${out}: ${docs} document${docs === 1 ? '' : 's'}, ${graph.order} entities, ${graph.size} relations, ` +
        `${graph.getAttribute('claims').filter((c) => c.disputed).length} disputed claims in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    if (others.length) {
      const partial = others.filter((s) => s.partial).length;
      const whole = others.length - partial;
      // a "partial" item was read, in part (truncated) or with bytes repaired: its reason says which
      io.out(`${[whole ? `Skipped ${whole} input${whole === 1 ? '' : 's'}` : '', partial ? `read ${partial} with a warning` : ''].filter(Boolean).join('; ')}:\n`);
      for (const s of others) io.out(`  ${s.path}: ${s.reason}\n`);
    }
  }
  if (explicitFailures.length) return EXIT_ERROR;
  return all.length ? EXIT_SKIPPED : EXIT_OK;
}

/**
 * Takes a graph folder's update lock for a command that reads it and writes it back (a missing
 * folder is not created: readState then says there is no graph).
 */
async function lockUpdate(dir: string, verb: string, values: Record<string, unknown>, stopped?: () => boolean): Promise<Release> {
  if (!existsSync(dir)) return async () => undefined;
  return lockFolder(dir, verb, values, stopped);
}

/** What an update stopped by a signal before it wrote says. */
function interruptedText(verb: string, dir: string): string {
  return `\nnewsgraph ${verb}: interrupted; nothing was written${existsSync(dir) ? ` ("${dir}" is as it was)` : ''}.\n`;
}

let signalsHandled: (() => void) | undefined;

/**
 * Sets what is told when a command begins to handle SIGINT and SIGTERM itself (an update, from its
 * start). Started from the start-up snapshot, the CLI tells the process that started it
 * (scripts/snapshot-entry.mjs), which answers for a signal that ends it before then: node
 * deserialises the snapshot for half a second before any of the CLI runs (bin/newsgraph.mjs).
 */
export function onSignalsHandled(listener: (() => void) | undefined): void {
  signalsHandled = listener;
}

/**
 * The line `newsgraph ARGV` says when a signal ends it before it runs (bin/newsgraph.mjs: while the
 * process of the snapshot was still starting): for the commands that update a graph folder, that
 * nothing was written, as they say once they run; undefined for the others.
 */
export function interruptedBeforeStart(argv: string[]): string | undefined {
  const [name, ...rest] = argv;
  if (name !== 'add' && name !== 'remove') return undefined; // the updates that start from the snapshot
  let graph: unknown;
  try {
    graph = parseArgs({ args: rest, options: { ...COMMANDS[name]!.options, ...HELP_OPTION }, allowPositionals: true, strict: false }).values.graph;
  } catch {
    graph = undefined;
  }
  return interruptedText(name, typeof graph === 'string' ? graph : path.join(process.cwd(), 'graph'));
}

/** Release of a graph folder's update lock. */
type Release = () => Promise<void>;

interface UpdateGuard {
  /**
   * Takes the folder's lock with `take`, which is told whether to stop waiting for it (--wait): a
   * signal meanwhile lets the lock be taken (a process ended half-way through leaves its parts behind)
   * or given up, releases it, and stops.
   */
  lock(take: (stopped: () => boolean) => Promise<Release>): Promise<Release>;
  /** Awaited just before the first write: from then on a signal waits for the folder to be written. */
  writing(): Promise<void>;
  /** After the lock is released: removes the handlers, or stops for a signal held during the write. */
  done(): void;
}

/**
 * Ctrl-C (SIGINT) or SIGTERM during an update of a graph folder, guarded from the command's start
 * (before the NLP stage is loaded, ≈1 s, and the lock is taken or waited for). Before the update
 * writes, the process stops, releasing the folder's lock, and says that nothing was written; once it
 * writes, the signal is held until the folder is written whole (stopping between its files would
 * leave graph.json and extractions.jsonl of different updates for the next one to sort out), and the
 * process stops then. `writing` first lets a signal that came during the rebuild, which holds the
 * event loop for seconds on a big graph, stop the update.
 */
function guardUpdate(verb: string, dir: string): UpdateGuard {
  let writing = false;
  let stopping = false;
  let held: NodeJS.Signals | undefined;
  let locked: Promise<unknown> = Promise.resolve(); // settles once the lock is taken or given up
  let release: Release | undefined;
  const exitCode = (signal: NodeJS.Signals) => (signal === 'SIGTERM' ? 143 : 130);
  const onSignal = (signal: NodeJS.Signals) => {
    if (!writing) {
      if (stopping) return;
      stopping = true;
      io.err(interruptedText(verb, dir));
      void locked
        .then(() => release?.())
        .catch(() => undefined)
        .finally(() => process.exit(exitCode(signal)));
      return;
    }
    if (!held) io.err(`\nnewsgraph ${verb}: stopping once "${dir}" is written…\n`);
    held ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  signalsHandled?.();
  const forever = () => new Promise<never>(() => undefined); // the handler is releasing the lock and exiting
  return {
    lock: async (take) => {
      const taking = take(() => stopping);
      locked = taking.then(
        (r) => void (release = r),
        () => undefined,
      );
      let r: Release;
      try {
        r = await taking;
      } catch (error) {
        if (stopping) return forever();
        throw error;
      }
      if (stopping) return forever();
      return r;
    },
    writing: async () => {
      // one turn of the event loop: a signal received while the loop was held is handled now
      await new Promise((resolve) => setImmediate(resolve));
      if (stopping) await forever();
      writing = true;
    },
    done: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (held) process.exit(exitCode(held));
    },
  };
}

/** How long `--wait` waits for another update of the folder to finish. */
const WAIT_LIMIT_MS = 30 * 60_000;

/**
 * Takes a graph folder's update lock. With --wait, an update another process is running is waited
 * for (said once on stderr) instead of failing with GraphBusyError: for feeds that add articles as
 * they come, from cron jobs or hooks that may overlap.
 */
async function lockFolder(dir: string, verb: string, values: Record<string, unknown>, stopped?: () => boolean): Promise<Release> {
  const { lockGraphFolder } = await load.store();
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      return await lockGraphFolder(dir, verb);
    } catch (error) {
      if (!values.wait || !(error instanceof GraphBusyError) || Date.now() - started > WAIT_LIMIT_MS) throw error;
      if (!told && !values.quiet) io.err(`newsgraph ${verb}: "${dir}" is being updated by ${error.holder}; waiting for it to finish${verb === 'watch' ? '' : ' (--wait)'}.\n`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (stopped?.()) throw error; // Ctrl-C while waiting (see guardUpdate)
    }
  }
}

/**
 * From this many documents an update's rebuild takes about a second or more (the full 21,269-document
 * corpus: 3–5 s), so its progress line is drawn at once rather than after the bar's delay: the
 * rebuild holds the event loop, and a line not drawn before it would not appear until it ends.
 */
const LONG_REBUILD_DOCUMENTS = 5000;

/**
 * Reads a graph folder's previous state for an incremental update: from the folder's index of
 * graph.json when it is current (graph.json is then not read at all), else from graph.json with its
 * journal replayed.
 */
async function readState(dir: string, verb: string): Promise<{ state: GraphState; index?: GraphIndex; cutTail?: boolean }> {
  const { readSerializedGraph, readGraphIndex, readGraphRecords, readResolveMemo, previousOfIndex, documentsWithoutRecords, recordsLost, EXTRACTIONS_FILE } = await load.store();
  const { previousOfSerialized } = await load.graph();
  // Only positions, name, skipped inputs and document ids of the previous graph are needed: not
  // building it keeps it out of memory while everything is rebuilt.
  const index = await readGraphIndex(dir);
  const previous = index ? previousOfIndex(index) : previousOfSerialized(await readSerializedGraph(dir, { onWarning: warnAs(verb) }));
  // The one warning: a last record cut short by an interrupted update, left out.
  let cutTail = false;
  const removed = new Set<string>();
  const records = await readGraphRecords(dir, {
    onWarning: (message) => {
      cutTail = true;
      warnAs(verb)(message);
    },
    removed,
  });
  if (!records.length && !removed.size && previous.documents.length) {
    throw new GraphFormatError(
      `${verb}: "${dir}" has no ${EXTRACTIONS_FILE} (the per-document extractions incremental updates need). Rebuild it once with newsgraph build PATH --out ${dir}.`,
      dir,
    );
  }
  const lost = documentsWithoutRecords(previous.documents, records, removed);
  if (lost.length) throw recordsLost(dir, lost, verb);
  return { state: { previous, records, memo: await readResolveMemo(dir) }, index, cutTail };
}

async function commandAdd(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('add: give at least one file or folder (newsgraph add article.txt --graph graph/)');
  const dir = (values.graph as string | undefined) ?? path.join(process.cwd(), 'graph');
  return addInputs(dir, positionals, values, 'add');
}

/** What `watch` carries from one update to the next. */
interface Watched {
  /** Skipped inputs already listed (not listed again). */
  reported: Set<string>;
  /** Read only these files of the inputs (see ReadOptions.only). */
  only?: ReadonlySet<string>;
  /** Files deleted from the inputs whose documents go in this update (--remove-deleted). */
  deleted?: string[];
  /**
   * What the last update left in the folder, kept in memory: used instead of reading the folder again
   * while the folder's signature shows that nobody else wrote it since.
   */
  held?: { state: GraphState; index?: GraphIndex; signature: string; nodes?: ReadonlyMap<string, object> };
}

/**
 * Adds the documents of `inputs` to the graph in `dir` (what `add` does; `watch` runs it for each
 * batch of changes, with `watched`).
 */
async function addInputs(
  dir: string,
  inputs: string[],
  values: Record<string, unknown>,
  verb: string,
  watched?: Watched,
): Promise<number> {
  // from the start, before the NLP stage is loaded (≈1 s) and the lock taken; watch stops between updates itself
  const guard = watched ? undefined : guardUpdate(verb, dir);
  try {
    return await addGuarded(dir, inputs, values, verb, guard, watched);
  } finally {
    guard?.done();
  }
}

/** What addInputs does, under `guard` (but in `watch`). */
async function addGuarded(
  dir: string,
  inputs: string[],
  values: Record<string, unknown>,
  verb: string,
  guard: UpdateGuard | undefined,
  watched: Watched | undefined,
): Promise<number> {
  const reported = watched?.reported;
  let only = watched?.only;
  const quiet = Boolean(values.quiet);
  const workers = parseWorkers(values.workers, watched ? undefined : { verb, quiet });
  const outlet = parseOutlet(values.outlet);
  const started = Date.now();
  const { addDocuments, countInputDocuments } = await load.graph();
  const release = guard ? await guard.lock((stopped) => lockUpdate(dir, verb, values, stopped)) : await lockUpdate(dir, verb, values);
  const bar = createProgressBar({ enabled: quiet ? false : undefined, label: 'adding' });
  let result;
  let replaced: string[] = [];
  try {
    const store = await load.store();
    const signature = watched ? await store.graphFolderSignature(dir) : '';
    // what the last update kept, while nobody else has written the folder since
    const held = watched?.held && watched.held.signature === signature ? watched.held : undefined;
    bar.stage('reading graph');
    const { state, index, cutTail = false } = held ? { ...held, cutTail: false } : await readState(dir, verb);
    if (watched) watched.held = undefined;
    const remove = watched?.deleted ? documentsOfFiles(state.records, inputs, watched.deleted) : undefined;
    // copies of the documents removed, passed over while those were in the graph, have not changed and
    // so are not among the files to read; read, they are added now (the graph follows the folder)
    if (only && remove?.length) only = withCopiesOf(only, state.previous?.skipped ?? [], remove, inputs);
    bar.count('adding');
    if (bar.enabled && only) bar.setTotal(only.size);
    else if (bar.enabled) void countInputDocuments(inputs).then((n) => bar.setTotal(n), () => undefined);
    result = await addDocuments(state, inputs, {
      workers,
      remove,
      read: { ...(only ? { only } : {}), ...(outlet ? { outlet } : {}) },
      onProgress: (p) => bar.update(p.documents + p.skipped),
      onRebuild: (documents) => bar.stage('building graph', documents >= LONG_REBUILD_DOCUMENTS),
      holdMemo: watched !== undefined,
    });
    if (!watched) replaced = replacedArticles(state.records, result);
    if (result.graph) {
      bar.stage('writing');
      await guard?.writing();
      const written = await store.writeGraphUpdate(dir, result, { gexf: Boolean(values.gexf), index, before: held?.nodes });
      if (watched) {
        const { previousOf } = await load.graph();
        const next = { records: result.records, memo: result.memo, previous: previousOf(result.graph) };
        // the graph's node attributes too: the next write finds the nodes that changed without hashing every one
        const nodes = new Map<string, object>();
        result.graph.forEachNode((key, a) => void nodes.set(key, a));
        watched.held = { state: next, index: written.index, signature: await store.graphFolderSignature(dir), nodes };
      }
    } else {
      // Nothing to write; a record cut short by an interrupted update still goes (as a write drops it),
      // so that it is not warned about again by every later update.
      await guard?.writing();
      if (cutTail) await store.appendExtractionRecords(dir, []);
      if (watched) watched.held = { state, index, signature: cutTail ? await store.graphFolderSignature(dir) : signature, nodes: held?.nodes };
    }
  } finally {
    bar.done();
    await release();
  }
  // an id is a path relative to the folder given (a file given itself: its name), so `add tech/001.txt`
  // to a graph of business/ replaces its "001.txt": say so when the title shows another article
  for (const line of replaced) io.err(`newsgraph ${verb}: ${line}\n`);
  const counts =
    `${result.added.length} added, ${result.changed.length} changed, ${result.unchanged.length} unchanged` +
    (result.removed.length ? `, ${result.removed.length} removed` : '') +
    caughtUpText(result.caughtUp);
  if (!result.graph) {
    const { explicitFailures, others } = summarizeSkipped(result.skipped);
    for (const s of explicitFailures) io.err(`newsgraph ${verb}: cannot read "${s.path}": ${s.reason}\n`);
    if (!quiet) {
      io.out(`${verb === 'watch' ? 'Nothing to change in' : 'Nothing to add to'} ${dir} (${counts}); the graph is unchanged.\n`);
      for (const s of unreported(others, reported)) io.out(`  skipped ${s.path}: ${s.reason}\n`);
    }
    return explicitFailures.length ? EXIT_ERROR : others.length ? EXIT_SKIPPED : EXIT_OK;
  }
  return reportBuilt(verb, dir, result.graph, result.skipped, quiet, started, `Updated (${counts})`, reported);
}

/** What a rebuild caught up with of an interrupted update, for the summary line (empty: nothing). */
function caughtUpText(c: { in: string[]; out: string[] } | undefined): string {
  if (!c) return '';
  const parts = [c.in.length ? `${c.in.length} added` : '', c.out.length ? `${c.out.length} removed` : ''].filter(Boolean).join(', ');
  return `; an interrupted update completed: ${parts}`;
}

/** The words of a text, lower-cased. */
const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Share of the two texts' words they have in common (Jaccard). */
function overlap(a: string, b: string): number {
  const x = wordsOf(a);
  const y = wordsOf(b);
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  const either = x.size + y.size - both;
  return either ? both / either : 1;
}

/**
 * Notices for changed documents that look like another article under the same id: the title changed
 * and the texts have under a third of their words in common (an edited story keeps most of them).
 */
function replacedArticles(before: ExtractionRecord[], result: { changed: string[]; records: ExtractionRecord[] }): string[] {
  if (!result.changed.length) return [];
  const changed = new Set(result.changed);
  const old = new Map(before.filter((r) => changed.has(r.document.id)).map((r) => [r.document.id, r]));
  const out: string[] = [];
  for (const r of result.records) {
    const earlier = old.get(r.document.id);
    const was = earlier?.document.title;
    if (!earlier || !was || !r.document.title || was === r.document.title || overlap(earlier.text, r.text) >= 1 / 3) continue;
    out.push(
      `"${r.document.id}" was "${was}" and is now "${r.document.title}": the earlier article under this id is no longer in the graph ` +
        '(a file given by itself is known by its name, a file in a folder by its path there: to keep both, rename it or add it from a folder where its path differs).',
    );
  }
  return out;
}

/**
 * The id `add` gives a file of `inputs` (the ids of a JSON Lines file's documents start with it and
 * `#`): its path in the first input folder holding it, else (a file given itself) its name — before
 * ids are made unique across inputs (see distinctIds).
 */
function idOfFile(inputs: string[], file: string): string {
  const root = inputs.map((p) => path.resolve(p)).find((r) => file.startsWith(r + path.sep));
  return root ? path.relative(root, file).split(path.sep).join('/') : path.basename(file);
}

const isJsonLines = (file: string) => /\.(jsonl|ndjson)$/i.test(file);

/** Ids of the documents read from `files` (absolute paths) of `inputs`; for JSON Lines, every `<id>#…`. */
function documentsOfFiles(records: ExtractionRecord[], inputs: string[], files: string[]): string[] {
  const ids: string[] = [];
  for (const file of files) {
    const id = idOfFile(inputs, file);
    if (isJsonLines(file)) {
      for (const r of records) if (r.document.id.startsWith(`${id}#`)) ids.push(r.document.id);
    } else ids.push(id);
  }
  return ids;
}

/**
 * `only` and the files of the copies of `removed` documents the graph's skipped inputs name (a copy is
 * named by its path in its input folder, `file.jsonl:LINE` for a line, or as given when it was an input
 * itself): every place it may be, since reading a file of `only` that is not there costs nothing.
 */
function withCopiesOf(only: ReadonlySet<string>, skipped: readonly SkippedInput[], removed: readonly string[], inputs: string[]): ReadonlySet<string> {
  const gone = new Set(removed);
  const files = new Set(only);
  for (const s of skipped) {
    if (s.duplicateOf === undefined || !gone.has(s.duplicateOf)) continue;
    const file = s.path.replace(/(\.(?:jsonl|ndjson)):\d+$/i, '$1');
    files.add(path.resolve(file));
    for (const input of inputs) files.add(path.resolve(input, file));
  }
  return files;
}

/** Skipped inputs not yet in `reported` (which they are added to); all of them without it. */
function unreported(skipped: SkippedInput[], reported?: Set<string>): SkippedInput[] {
  if (!reported) return skipped;
  return skipped.filter((s) => {
    const key = `${s.path}\u0000${s.reason}`;
    if (reported.has(key)) return false;
    reported.add(key);
    return true;
  });
}

/**
 * True when reading only some of the inputs' files gives them the ids a read of all would: each file's
 * id is its path in its input (a file given itself: its name), made unique only when two inputs hold
 * the same path — so with one input, or no such clash among the files of `scan`, a file read alone
 * gets the id it would get among all the others.
 */
function distinctIds(inputs: string[], scan: ReadonlyMap<string, string>): boolean {
  return sharedIds(inputs, [...scan.keys()], [scan]).length === 0;
}

/** The files among `files` whose id another file of the scans (any input) has too. */
function sharedIds(inputs: string[], files: string[], scans: ReadonlyMap<string, string>[]): string[] {
  if (inputs.length === 1 || !files.length) return [];
  const holders = new Map<string, Set<string>>();
  for (const scan of scans) {
    for (const file of scan.keys()) {
      const id = idOfFile(inputs, file);
      const set = holders.get(id) ?? new Set<string>();
      set.add(file);
      holders.set(id, set);
    }
  }
  return files.filter((f) => (holders.get(idOfFile(inputs, f))?.size ?? 0) > 1);
}

/** Says which files `watch` found deleted, and what becomes of their documents. */
function reportDeleted(files: string[], inputs: string[], dir: string, removing: boolean, stamp: string): void {
  if (!files.length) return;
  const shown = files.slice(0, 3).join(', ');
  if (removing) {
    const more = files.length > 3 ? `, … (${files.length} files)` : '';
    io.out(`${stamp}${shown}${more} ${files.length === 1 ? 'is gone; removing its documents' : 'are gone; removing their documents'} (--remove-deleted).\n`);
  } else if (files.length > MAX_LISTED_DELETIONS) {
    io.out(`${stamp}${files.length} files are gone (${shown}, …); their documents stay in the graph (newsgraph remove drops them by id).\n`);
  } else {
    for (const file of files) {
      const id = idOfFile(inputs, file);
      const fate = isJsonLines(file)
        ? `its documents stay in the graph (ids ${id}#…)`
        : `its document stays in the graph (newsgraph remove ${id} --graph ${dir} drops it)`;
      io.out(`${stamp}${file} is gone; ${fate}.\n`);
    }
  }
}

/**
 * What `watch` keeps in the graph folder between runs: the files of its inputs at its last update, so
 * that a file deleted while no watch was running is still seen as deleted (reported, or removed with
 * --remove-deleted) when the next one starts. Hidden, and not among the files whose signature says
 * another process wrote the folder.
 */
const WATCH_STATE_FILE = '.newsgraph-watch.json';

const resolvedInputs = (inputs: string[]): string[] => inputs.map((p) => path.resolve(p));

/** The files the last watch of these very inputs saw (undefined: none, other inputs, or unreadable). */
async function readWatchState(dir: string, inputs: string[]): Promise<string[] | undefined> {
  try {
    const { readFile } = await import('node:fs/promises');
    const state = JSON.parse(await readFile(path.join(dir, WATCH_STATE_FILE), 'utf8')) as { format?: unknown; inputs?: unknown; files?: unknown };
    if (state.format !== 1 || !Array.isArray(state.files) || JSON.stringify(state.inputs) !== JSON.stringify(resolvedInputs(inputs))) return undefined;
    return state.files.filter((f): f is string => typeof f === 'string');
  } catch {
    return undefined; // a cache: without it, deletions made between two watches are not seen
  }
}

/**
 * Saves the inputs' files, with the deleted ones whose documents are still in the graph (`stale`; one
 * that is back, or whose documents have gone since, leaves that set).
 */
async function writeWatchState(dir: string, inputs: string[], scan: ReadonlyMap<string, string>, stale: Set<string>, records?: readonly ExtractionRecord[]): Promise<void> {
  if (!existsSync(path.join(dir, 'graph.json'))) return;
  if (stale.size && records) {
    const ids = new Set(records.map((r) => r.document.id));
    for (const f of stale) if (scan.has(f) || !documentsOfFiles(records as ExtractionRecord[], inputs, [f]).some((id) => ids.has(id))) stale.delete(f);
  }
  const { writeFileAtomic } = await load.store();
  try {
    const files = [...new Set([...scan.keys(), ...stale])].sort();
    await writeFileAtomic(path.join(dir, WATCH_STATE_FILE), `${JSON.stringify({ format: 1, inputs: resolvedInputs(inputs), files })}\n`);
  } catch {
    // a cache (see above): a folder it cannot be written to only loses that
  }
}

/** How long `watch` waits before trying a failed update again when nothing it depends on changed. */
const WATCH_RETRY_MS = 60_000;

/** Deleted files `watch` names one by one; more in one look are summed up. */
const MAX_LISTED_DELETIONS = 20;

/** `watch --interval`: seconds between two looks at the inputs. */
function parseInterval(raw: unknown): number {
  if (raw === undefined) return 2;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0.05 || n > 3600) throw new UsageError(`--interval: expected seconds between 0.05 and 3600, got "${String(raw)}"`);
  return n;
}

/**
 * `newsgraph watch PATH... --graph DIR`: keeps a graph up to date with folders that articles are
 * dropped into. First brings the graph up to date with the inputs (builds it when DIR holds none),
 * then looks at the inputs every --interval seconds and, once new or changed files have settled,
 * adds them as `add` does (unchanged documents are not extracted again; other updates of the folder
 * are waited for). A graph served by `newsgraph serve` follows. Runs until SIGINT / SIGTERM, letting
 * an update in progress finish.
 */
async function commandWatch(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('watch: give the folders or files to watch (newsgraph watch inbox/ --graph graph/)');
  const dir = (values.graph as string | undefined) ?? path.join(process.cwd(), 'graph');
  const intervalMs = parseInterval(values.interval) * 1000;
  parseWorkers(values.workers, { verb: 'watch', quiet: Boolean(values.quiet) });
  parseOutlet(values.outlet);
  for (const input of positionals) {
    if (!existsSync(input)) throw new InputError(`watch: "${input}" does not exist; give a folder (or file) that articles are written to`, input);
  }
  refuseGraphInInput('watch', '--graph', dir, positionals);
  const removeDeleted = Boolean(values['remove-deleted']);
  const quiet = Boolean(values.quiet);
  const options = { ...values, wait: true };
  const { scanInputs } = await load.ingest();
  const { WatchScheduler } = await import('./watch.js');
  const stamp = () => `[${new Date().toTimeString().slice(0, 8)}] `;
  const watched: Watched = { reported: new Set<string>() };
  // `only`: the files that changed, when reading them alone gives them the ids a full read would (see
  // distinctIds and ReadOptions.only); else every input is read. The first update reads everything.
  const update = async (only?: ReadonlySet<string>, deleted: string[] = []): Promise<number> =>
    existsSync(path.join(dir, 'graph.json'))
      ? addInputs(
          dir,
          positionals,
          options,
          'watch',
          Object.assign(watched, { only, deleted: deleted.length ? deleted : undefined }),
        )
      : commandBuild(positionals, { ...options, out: dir }, watched);
  /** Deleted files whose documents the next update removes (--remove-deleted). */
  let pendingDeleted: string[] = [];

  let gone: string[] = [];
  /** The last update that failed: what the inputs were, when, and the graph folder then. */
  let failed: { scan: Map<string, string>; at: number; signature: string } | undefined;
  const { sameScan } = await load.ingest();
  const { graphFolderSignature } = await load.store();
  let stopping = false;
  let busy = false;
  let wake: (() => void) | undefined;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    if (busy && !quiet) io.err('newsgraph watch: stopping once the update in progress is written (Ctrl-C again to stop at once).\n');
    wake?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let scan = await scanInputs(positionals);
    // files a previous watch of the same inputs saw that went while no watch was running
    const missed = (await readWatchState(dir, positionals))?.filter((f) => !scan.has(f)) ?? [];
    const ambiguousMissed = removeDeleted ? sharedIds(positionals, missed, [scan, new Map(missed.map((f) => [f, '']))]) : [];
    const removableMissed = removeDeleted ? missed.filter((f) => !ambiguousMissed.includes(f)) : [];
    if (!quiet && missed.length) {
      reportDeleted(removeDeleted ? removableMissed : missed, positionals, dir, removeDeleted, `${stamp()}since the last watch: `);
      for (const f of ambiguousMissed) io.out(`${stamp()}since the last watch: ${f} is gone; its documents stay in the graph: another watched input holds the same path (newsgraph remove ID --graph ${dir} drops them).\n`);
    }
    // deleted files whose documents stay in the graph (no --remove-deleted, or not certainly theirs):
    // kept in the saved state, so that a later watch with --remove-deleted still removes them
    const stale = new Set(missed.filter((f) => !removableMissed.includes(f)));
    const saveState = () => writeWatchState(dir, positionals, scan, stale, watched.held?.state.records);
    busy = true;
    const first = await update(undefined, removableMissed);
    busy = false;
    if (first === EXIT_ERROR) return first;
    await saveState();
    const scheduler = new WatchScheduler(scan);
    if (!quiet) {
      io.out(`Watching ${positionals.join(', ')} for new or changed articles (every ${intervalMs / 1000} s); the graph is ${dir}. Ctrl-C stops.\n`);
    }
    while (!stopping) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (stopping) break;
      // A watched folder that is gone (moved, an unmounted share) is waited for: its files are not
      // taken for deleted ones.
      const missing = positionals.filter((p) => !existsSync(p));
      if (missing.join('\0') !== gone.join('\0') && !quiet) {
        for (const p of missing.filter((m) => !gone.includes(m))) io.out(`${stamp()}${p} is gone or cannot be read; waiting for it to come back.\n`);
        for (const p of gone.filter((m) => !missing.includes(m))) io.out(`${stamp()}${p} is back.\n`);
      }
      gone = missing;
      if (missing.length) continue;
      const before = scan;
      scan = await scanInputs(positionals);
      const decision = scheduler.next(scan);
      // A deleted file's documents are known by its id, unless another input holds (or held) the same path.
      const ambiguous = removeDeleted ? sharedIds(positionals, decision.deleted, [before, scan]) : [];
      const removable = decision.deleted.filter((f) => !ambiguous.includes(f));
      if (removeDeleted) pendingDeleted.push(...removable);
      for (const f of decision.deleted) if (!removeDeleted || ambiguous.includes(f)) stale.add(f);
      if (!quiet) {
        reportDeleted(removeDeleted ? removable : decision.deleted, positionals, dir, removeDeleted, stamp());
        for (const f of ambiguous) {
          io.out(`${stamp()}${f} is gone; its documents stay in the graph: another watched input holds the same path, so which documents were this file's is not certain (newsgraph remove ID --graph ${dir} drops them).\n`);
        }
      }
      // Deletions alone go at once; with new or changed files still settling, together with them.
      const removals = pendingDeleted.length > 0 && !decision.added.length && !decision.changed.length;
      if (!decision.update && !removals) continue;
      // after a failed update, the same one again once something it depends on changed, or a while later
      if (failed && sameScan(failed.scan, scan) && Date.now() - failed.at < WATCH_RETRY_MS && (await graphFolderSignature(dir)) === failed.signature) continue;
      const what = [
        decision.added.length ? `${decision.added.length} new` : '',
        decision.changed.length ? `${decision.changed.length} changed` : '',
        pendingDeleted.length ? `${pendingDeleted.length} deleted` : '',
      ].filter(Boolean).join(', ');
      const files = decision.added.length + decision.changed.length + pendingDeleted.length;
      if (!quiet) io.out(`${stamp()}${what} file${files === 1 ? '' : 's'}: updating ${dir}\n`);
      const deleted = pendingDeleted;
      pendingDeleted = [];
      busy = true;
      try {
        await update(distinctIds(positionals, scan) ? new Set([...decision.added, ...decision.changed]) : undefined, deleted);
        failed = undefined;
      } catch (error) {
        // The graph is left as it was, and the files stay to be added: tried again when the graph
        // folder (repaired) or the files change, or after WATCH_RETRY_MS.
        if (!(error instanceof NewsgraphError) || error instanceof UsageError) throw error;
        io.err(`${stamp()}newsgraph watch: ${error.message} (the graph is unchanged; watching on, and trying again when the graph folder or the files change, or in ${WATCH_RETRY_MS / 60_000} minute${WATCH_RETRY_MS === 60_000 ? '' : 's'})\n`);
        pendingDeleted = [...deleted, ...pendingDeleted];
        failed = { scan, at: Date.now(), signature: await graphFolderSignature(dir) };
        continue;
      } finally {
        busy = false;
      }
      scheduler.updated(scan);
      await saveState();
    }
    if (!quiet) io.out('Stopped watching.\n');
    return EXIT_OK;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function commandRemove(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('remove: give at least one document id (newsgraph remove world/a.txt --graph graph/)');
  const dir = (values.graph as string | undefined) ?? path.join(process.cwd(), 'graph');
  const quiet = Boolean(values.quiet);
  const started = Date.now();
  // from the start, before the NLP stage is loaded (≈1 s) and the lock taken
  const guard = guardUpdate('remove', dir);
  let result;
  try {
    const { removeDocuments } = await load.graph();
    const release = await guard.lock((stopped) => lockUpdate(dir, 'remove', values, stopped));
    const bar = createProgressBar({ enabled: quiet ? false : undefined });
    try {
      bar.stage('reading graph');
      const { state, index } = await readState(dir, 'remove');
      result = removeDocuments(state, expandJsonLines(state.records, positionals), { onRebuild: (documents) => bar.stage('building graph', documents >= LONG_REBUILD_DOCUMENTS) });
      bar.stage('writing');
      await guard.writing();
      await (await load.store()).writeGraphUpdate(dir, result, { gexf: Boolean(values.gexf), index });
    } finally {
      bar.done();
      await release();
    }
  } finally {
    guard.done();
  }
  return reportBuilt('remove', dir, result.graph!, [], quiet, started, `Updated (${result.removed.length} removed${caughtUpText(result.caughtUp)})`);
}

/**
 * `remove news.jsonl`: a JSON Lines file's documents are `news.jsonl#<id>`, so an id that is no
 * document but the file of some stands for all of them (a document of that very id wins).
 */
function expandJsonLines(records: readonly ExtractionRecord[], ids: string[]): string[] {
  const present = new Set(records.map((r) => r.document.id));
  return ids.flatMap((id) => {
    if (present.has(id)) return [id];
    const all = records.filter((r) => r.document.id.startsWith(`${id}#`)).map((r) => r.document.id);
    return all.length ? all : [id];
  });
}

async function commandCheck(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length) throw new UsageError(`check: unexpected argument "${positionals[0]}" (use --graph DIR)`);
  const dir = (values.graph as string | undefined) ?? path.join(process.cwd(), 'graph');
  const { checkGraphFolder } = await import('../store/check.js');
  const { resolveGraphFile } = await load.store();
  await resolveGraphFile(dir); // a clear error when there is no graph at all
  const found = await checkGraphFolder(dir, { rebuild: Boolean(values.rebuild) });
  const quiet = Boolean(values.quiet);
  if (!quiet || found.problems.length) {
    io.out(`Checked ${dir}: ${found.documents} documents, ${found.nodes} entities, ${found.edges} relations.\n`);
    for (const p of found.problems) io.out(`  problem: ${p}\n`);
    for (const n of found.notes) io.out(`  note: ${n}\n`);
    if (found.rebuilt?.same) io.out(`  a build from its ${found.documents} records gives the same entities, relations, claims and documents (${(found.rebuilt.ms / 1000).toFixed(1)} s).\n`);
    for (const d of found.rebuilt?.differences.slice(1, 10) ?? []) io.out(`    also: ${d}\n`);
    if (!found.problems.length) io.out(`  ${found.notes.length ? 'No problems; the notes above are repaired by the next update.' : 'No problems.'}${values.rebuild ? '' : ' (--rebuild also compares the graph with a build from its records.)'}\n`);
    else if (!found.problems.some((p) => p.includes('newsgraph build'))) io.out(`  To start again from the articles: newsgraph build PATH... --out ${dir}\n`);
  }
  return found.problems.length ? EXIT_ERROR : EXIT_OK;
}

async function commandCompact(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length) throw new UsageError(`compact: unexpected argument "${positionals[0]}" (use --graph DIR)`);
  const dir = (values.graph as string | undefined) ?? path.join(process.cwd(), 'graph');
  const started = Date.now();
  const guard = guardUpdate('compact', dir); // Ctrl-C while the lock is waited for (--wait) stops at once
  let done;
  try {
    const { compactGraph } = await load.store();
    const release = await guard.lock((stopped) => lockUpdate(dir, 'compact', values, stopped));
    try {
      // Compacting is writing from the start (a short read, then graph.json whole): Ctrl-C waits for it.
      await guard.writing();
      done = await compactGraph(dir, { onWarning: warnAs('compact'), force: Boolean(values.force) });
    } finally {
      await release();
    }
  } finally {
    guard.done();
  }
  if (!values.quiet) {
    io.out(
      done
        ? `Compacted ${dir}: graph.json written whole${done.entries ? ` with ${done.entries} journal entr${done.entries === 1 ? 'y' : 'ies'} folded in` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
        : `Nothing to compact in ${dir}: graph.json is whole (no journal).\n`,
    );
  }
  return EXIT_OK;
}

const GRAPH_OPT: Options = { graph: { type: 'string', short: 'g' } };
const WAIT_HELP =
  'One update of a graph folder runs at a time; another one fails at once naming the process that\n' +
  'holds the folder, or with --wait waits for it to finish (up to 30 minutes).';

const OUTLET_HELP =
  '--outlet NAME names the outlet of every document read that names none of its own (front matter\n' +
  'source:, an HTML page\'s site name, a JSON Lines "source"): without it such a document is an\n' +
  'outlet of its own, its id (a folder of one outlet\'s plain-text articles: --outlet BBC).\n' +
  'The outlet is kept in the document\'s record, so later updates keep it.\n';

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'build a graph from articles (.txt .md .html .jsonl, folders)',
    usage: 'newsgraph build [PATH...] [--out DIR] [--from-extractions FILE...] [--outlet NAME] [--workers N] [--name NAME] [--wait] [--quiet]',
    help:
      'Reads articles, extracts entities, relations and claims, merges entities across documents and\n' +
      'writes DIR/graph.json, DIR/graph.gexf and DIR/extractions.jsonl (and DIR/resolve-memo.json, a\n' +
      'cache for add / remove; for a graph.json of 4 MB or more DIR/graph.index.json, which lets add /\n' +
      'remove journal their changes). graph.json is always written whole. With no PATH: seeds/ → graph/.\n' +
      '--from-extractions FILE... merges files written by `extract --jsonl` (e.g. one per shard) into\n' +
      'the graph: every argument after it up to the next option is such a file. A document id in two\n' +
      'of them (or in one and an input) with different content is an error: shards must not share ids.\n' +
      '--name sets the graph name (default: the first input folder\'s name).\n' +
      OUTLET_HELP +
      '(Records of --from-extractions keep the outlet they were extracted with: give --outlet to extract.)\n' +
      '--workers N extracts in N worker threads (default: the machine\'s cores; 1: in-process); the\n' +
      'output is identical for any N. A progress bar shows on a terminal (not with CI set or --quiet).\n' +
      'A document with the content of one read before it (a copy under another name) is passed over,\n' +
      'listed as skipped with the document it copies, so that what it says counts once.\n' +
      'Exit code 0: built; 3: built, but some inputs in folders were skipped (listed); 1: an input\n' +
      'given explicitly could not be read (the rest is built).\n' +
      WAIT_HELP,
    options: {
      out: { type: 'string', short: 'o' },
      'from-extractions': { type: 'string', multiple: true },
      outlet: { type: 'string' },
      workers: { type: 'string', short: 'w' },
      name: { type: 'string' },
      wait: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
    },
    greedy: ['from-extractions'],
    run: commandBuild,
  },
  add: {
    summary: 'add articles to a built graph (only new or changed ones are extracted)',
    usage: 'newsgraph add PATH... [--graph DIR] [--outlet NAME] [--workers N] [--gexf] [--wait] [--quiet]',
    help:
      'Reads DIR/extractions.jsonl (default graph/), extracts only documents that are new or whose\n' +
      'content changed (same id and content hash: unchanged, nothing is done), rebuilds the graph from\n' +
      'all records with the layout warm-started from the previous positions (old nodes keep their\n' +
      'place; unchanged documents\' names are not classified again, see DIR/resolve-memo.json),\n' +
      'appends the new records to extractions.jsonl and writes the graph: a small graph.json (under\n' +
      '4 MB) is rewritten atomically; a bigger one is neither read nor rewritten (its index,\n' +
      'DIR/graph.index.json, says all the update needs; without a current one, e.g. for a graph built\n' +
      'by an older version, the first update reads graph.json and writes both whole) — the change is\n' +
      'appended as one line to DIR/graph.journal.jsonl, which every reader (query, serve, export, the\n' +
      'Node API) replays over graph.json, until the journal reaches 500 lines or 1/8 of graph.json\n' +
      'and the update writes graph.json whole again (newsgraph compact does that on demand).\n' +
      'The result equals a full build of the same documents (positions aside).\n' +
      'graph.gexf is rewritten only with --gexf; otherwise it is removed, as it would describe the\n' +
      'older graph (newsgraph export --format gexf --graph DIR --out DIR/graph.gexf writes it later).\n' +
      OUTLET_HELP +
      'A document already in the graph keeps the outlet it has unless --outlet names another one.\n' +
      WAIT_HELP,
    options: {
      ...GRAPH_OPT,
      outlet: { type: 'string' },
      workers: { type: 'string', short: 'w' },
      gexf: { type: 'boolean' },
      wait: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
    },
    run: commandAdd,
  },
  remove: {
    summary: 'remove documents (by id) from a built graph',
    usage: 'newsgraph remove DOC_ID... [--graph DIR] [--gexf] [--wait] [--quiet]',
    help:
      'Drops the documents (a line {"removed": id} each in DIR/extractions.jsonl, default graph/) and\n' +
      'rebuilds the graph: their mentions and evidence go, and entities, relations and claims left\n' +
      'without any go too.\n' +
      'Ids are as in graph.json\'s documents (paths relative to the input folder, `file.jsonl#id`);\n' +
      'a JSON Lines file\'s own id (`file.jsonl`) stands for all of its documents.\n' +
      'An unknown id is an error and nothing is removed. The graph is written as by add (journaled\n' +
      'when graph.json is 4 MB or more); graph.gexf is rewritten only with --gexf (otherwise removed).\n' +
      WAIT_HELP,
    options: { ...GRAPH_OPT, gexf: { type: 'boolean' }, wait: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
    run: commandRemove,
  },
  check: {
    summary: 'check that a graph folder is whole and consistent (--rebuild: equal to a build from its records)',
    usage: 'newsgraph check [--graph DIR] [--rebuild] [--quiet]',
    help:
      'Reads DIR (default graph/) as every command does — graph.json with its journal replayed,\n' +
      'extractions.jsonl record by record, the index and the resolver memo — and says what is wrong:\n' +
      'a file a reader refuses (file, line and field named), a document of the graph without its\n' +
      'extraction record. Notes say what the next update repairs by itself (a stale index or memo,\n' +
      'records of an interrupted update not yet in the graph). With --rebuild it also builds the graph\n' +
      'again from the records (no NLP: resolution, relations, claims; ≈10–15 s for 21,000 articles) and\n' +
      'compares entities, relations, claims and documents with the graph that add / remove / watch\n' +
      'left, naming the first that differs. Exits 1 when there is a problem, 0 otherwise; writes nothing.',
    options: { ...GRAPH_OPT, rebuild: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
    run: commandCheck,
  },
  compact: {
    summary: 'write graph.json whole again, folding in the journal of add / remove',
    usage: 'newsgraph compact [--graph DIR] [--force] [--wait] [--quiet]',
    help:
      'add / remove on a graph.json of 4 MB or more append their changes to DIR/graph.journal.jsonl\n' +
      'instead of rewriting graph.json (readers replay it). compact rewrites DIR/graph.json whole with\n' +
      'the journal folded in and removes the journal, so that graph.json alone is the whole graph\n' +
      '(for tools that read the file directly, e.g. Gephi Lite or a copy elsewhere). It also rewrites\n' +
      'a missing or stale DIR/graph.index.json. Updates compact by themselves when the journal reaches\n' +
      '500 lines or 1/8 of graph.json; build always writes graph.json whole. Nothing is written when\n' +
      'there is nothing to fold in, unless --force.\n' +
      WAIT_HELP,
    options: { ...GRAPH_OPT, force: { type: 'boolean' }, wait: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
    run: commandCompact,
  },
  watch: {
    summary: 'keep a graph up to date with folders that articles are dropped into',
    usage: 'newsgraph watch PATH... [--graph DIR] [--interval SECONDS] [--remove-deleted] [--outlet NAME] [--workers N] [--gexf] [--quiet]',
    help:
      'Brings DIR (default graph/) up to date with PATH (folders, files; a graph is built when DIR holds\n' +
      'none), then looks at PATH every --interval seconds (default 2: folder listings and file sizes and\n' +
      'times, no reading) and, once new or changed files have stopped changing for one look, adds them\n' +
      'as `newsgraph add PATH --graph DIR` does: only new or changed documents are extracted, and ids are\n' +
      'the same as add\'s. Articles arriving together go in one update. Another update of DIR (add,\n' +
      'remove, a second watch) is waited for. A deleted file is reported; its document stays in the\n' +
      'graph until newsgraph remove — or, with --remove-deleted, goes in the next update (a JSON Lines\n' +
      'file: all its documents; a file whose path another watched input holds too is only reported).\n' +
      'A watched folder that disappears is waited for.\n' +
      'An update that fails (e.g. a damaged graph folder) is reported and the graph left as it was.\n' +
      OUTLET_HELP +
      '`newsgraph serve --graph DIR` serves each update as it is written (newsgraph start --watch: both).\n' +
      'Runs until Ctrl-C or SIGTERM; an update in progress is finished first.',
    options: {
      ...GRAPH_OPT,
      interval: { type: 'string', short: 'i' },
      'remove-deleted': { type: 'boolean' },
      outlet: { type: 'string' },
      workers: { type: 'string', short: 'w' },
      gexf: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
    },
    run: commandWatch,
  },
  extract: {
    summary: 'print per-document extractions (no cross-document merging)',
    usage: 'newsgraph extract PATH... [--json | --jsonl] [--outlet NAME]',
    help:
      'Prints {"documents":[{path, entities, relations}]} (--json, the default) with character spans,\n' +
      'or one extraction record per line (--jsonl) for `build --from-extractions`. What cannot be read\n' +
      'is named on standard error. Exit code 0: all read; 3: some inputs inside folders or JSON Lines\n' +
      'files were skipped; 1: an input given explicitly could not be read (the rest is printed).\n' +
      OUTLET_HELP.trimEnd(),
    options: { json: { type: 'boolean' }, jsonl: { type: 'boolean' }, outlet: { type: 'string' } },
    run: commandExtract,
  },
  serve: {
    summary: 'serve the viewer and the query API for a graph',
    usage: 'newsgraph serve [--graph DIR] [--port N] [--host H]',
    help:
      `Serves the viewer at http://127.0.0.1:${DEFAULT_PORT}/ (PORT or --port overrides; --host to bind elsewhere).\n` +
      'The folder is watched: once newsgraph add, remove, compact or build --out has written it, the new graph is served\n' +
      '(within about two seconds, no restart), and an open viewer offers to load it.',
    options: { ...GRAPH_OPT, port: { type: 'string', short: 'p' }, host: { type: 'string' } },
    run: commandServe,
  },
  start: {
    summary: 'build seeds/ into graph/ and serve the viewer (what `npm start` runs)',
    usage: 'newsgraph start [--input DIR] [--graph DIR] [--port N] [--host H] [--watch]',
    help:
      'Builds the graph from seeds/ (or --input) into graph/ (or --graph) and serves it.\n' +
      '--watch also watches the input folder (newsgraph watch): articles dropped into it are added to the\n' +
      'graph, and an open viewer offers each update (`npm start -- --watch`).',
    options: { input: { type: 'string' }, ...GRAPH_OPT, port: { type: 'string', short: 'p' }, host: { type: 'string' }, watch: { type: 'boolean' } },
    run: commandStart,
  },
  query: {
    summary: 'run a query against a graph',
    usage: 'newsgraph query QUERY [--graph DIR] [--format table|json|csv] [--timeout MS] [--max-rows N] [--max-paths N]',
    help:
      "Runs newsgraph's query language (openCypher syntax for what it supports, plus shortcuts):\n" +
      "  newsgraph query 'path Stoltenberg -> Assad'\n" +
      "  newsgraph query \"MATCH (a {name: 'Erdogan'})-[r]->(b) RETURN a, type(r), b\"\n" +
      'A query runs under a budget, and one that reaches it says so: --timeout (ms, default 2000),\n' +
      '--max-rows (10000) and --max-paths (1000, paths a search enumerates) raise or lower it.',
    options: {
      ...GRAPH_OPT,
      format: { type: 'string', short: 'f' },
      timeout: { type: 'string' },
      'max-rows': { type: 'string' },
      'max-paths': { type: 'string' },
    },
    run: commandQuery,
  },
  console: {
    summary: 'interactive query console (history, multi-line input, :help)',
    usage: 'newsgraph console [--graph DIR] [--no-history]',
    help:
      'Reads queries from the terminal: a statement ends with ; or a blank line; shortcuts\n' +
      '(path A -> B, paths A -> B max 3, neighbors A, find TEXT) run at once; :help lists commands.\n' +
      'History is kept in ~/.newsgraph_history (↑/↓), unless --no-history.',
    options: { ...GRAPH_OPT, 'no-history': { type: 'boolean' } },
    run: commandConsole,
  },
  export: {
    summary: 'export a graph (GEXF for Gephi, JSON, GraphML, CSV, Neo4j import)',
    usage: 'newsgraph export --format gexf|json|graphml|csv|neo4j [--graph DIR] [--out FILE|DIR]',
    help:
      'Writes the graph as GEXF 1.3 (Gephi), graphology JSON or GraphML to FILE (or standard output);\n' +
      'csv writes DIR/nodes.csv, DIR/edges.csv and DIR/claims.csv (one row per sentence reporting a\n' +
      "value of a fact, with the fact's other values' rows beside it); neo4j writes DIR/nodes.csv,\n" +
      'DIR/relationships.csv\n' +
      '(neo4j-admin import format), DIR/import.cypher (LOAD CSV) and DIR/README.txt.',
    options: { ...GRAPH_OPT, format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
    run: commandExport,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return (
    'newsgraph: turn news articles into a knowledge graph you can explore, query and export.\n\n' +
    'Usage: newsgraph <command> [options]\n\nCommands:\n' +
    Object.entries(COMMANDS)
      .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
      .join('\n') +
    '\n\nRun `newsgraph <command> --help` for a command\'s options.\n'
  );
}

function commandHelp(name: string, c: Command): string {
  const opts = Object.entries(c.options)
    .map(([k, o]) => `  --${k}${o.type === 'string' ? ' VALUE' : ''}${o.short ? `, -${o.short}` : ''}`)
    .join('\n');
  return `Usage: ${c.usage}\n\n${c.help}\n\nOptions:\n${opts}\n  --help, -h\n`;
  void name;
}

/** What follows a usage error: the usage line and where the rest is (the whole help buries the error). */
function shortUsage(name: string, c: Command): string {
  return `Usage: ${c.usage}\n(newsgraph ${name} --help says more)\n`;
}

/** Registers an extra command (used by modules that add commands, e.g. the console). */
export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.out('newsgraph 0.1.0\n');
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`newsgraph: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, ...HELP_OPTION }, allowPositionals: true, strict: true, tokens: true });
    if (command.greedy) parsed = takeGreedy(parsed, command.greedy);
  } catch (error) {
    io.err(`newsgraph ${name}: ${(error as Error).message.split('. To specify')[0]}\n${shortUsage(name, command)}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.out(commandHelp(name, command));
    return EXIT_OK;
  }
  try {
    return await command.run(parsed.positionals, parsed.values as Record<string, string | boolean | string[] | undefined>);
  } catch (error) {
    // library messages start with the function or verb that threw ("openGraph: …", "add: …"): the
    // command's own prefix says where the message comes from
    const message = (m: string) => m.replace(/^[a-z][A-Za-z]*: /, '');
    if (error instanceof UsageError) {
      io.err(`newsgraph ${name}: ${message(error.message)}\n${shortUsage(name, command)}`);
      return EXIT_USAGE;
    }
    if (error instanceof NewsgraphError) {
      io.err(`newsgraph ${name}: ${message(error.message)}\n`);
      return error.exitCode;
    }
    const e = error as NodeJS.ErrnoException;
    io.err(`newsgraph ${name}: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}\n`);
    return EXIT_ERROR;
  }
}
