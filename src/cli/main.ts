/**
 * cli/: argv → commands. The only code that prints, reads stdin, or sets the exit code.
 *
 * Exit codes: 0 success; 1 error (unreadable explicit input, bad graph, failed query); 2 usage
 * (unknown command or flag); 3 built, but some inputs inside folders or JSON Lines were skipped.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NewsgraphError, QuerySyntaxError, UsageError } from '../errors.js';
import { toGexf } from '../export/gexf.js';
import { toJson } from '../export/json.js';
import { buildGraph, extractInputs, extractRecord } from '../graph/index.js';
import { readDocuments } from '../ingest/index.js';
import { formatResult, runQuery } from '../query/index.js';
import { createServer } from '../server/index.js';
import { readExtractionRecords, readGraph, writeGraph } from '../store/index.js';
import type { ExtractionRecord, SkippedInput } from '../types.js';
import { toExtractJson } from './extract-json.js';

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

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  help: string;
  run: (positionals: string[], values: Record<string, string | boolean | string[] | undefined>) => Promise<number>;
}

const HELP_OPTION: Options = { help: { type: 'boolean', short: 'h' } };

function packageRoot(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

function summarizeSkipped(skipped: SkippedInput[], explicit: Set<string>): { explicitFailures: SkippedInput[]; others: SkippedInput[] } {
  const explicitFailures = skipped.filter((s) => explicit.has(s.path));
  const others = skipped.filter((s) => !explicit.has(s.path));
  return { explicitFailures, others };
}

/** Inputs given as files (not folders), by the names ingest reports them under. */
async function explicitFiles(inputs: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const i of inputs) if (!(await isDirectory(i))) out.add(path.basename(i)).add(i);
  return out;
}

async function commandBuild(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const fromExtractions = (values['from-extractions'] as string[] | undefined) ?? [];
  const inputs = positionals.length || fromExtractions.length ? positionals : [path.join(process.cwd(), 'seeds')];
  const out = (values.out as string | undefined) ?? (positionals.length || fromExtractions.length ? undefined : path.join(process.cwd(), 'graph'));
  if (!out) throw new UsageError('build: --out DIR is required when inputs are given (e.g. newsgraph build articles/ --out graph/)');
  const quiet = Boolean(values.quiet);
  const started = Date.now();
  const byId = new Map<string, ExtractionRecord>();
  for (const file of fromExtractions) for await (const r of readExtractionRecords(file)) byId.set(r.document.id, r);
  let skipped: SkippedInput[] = [];
  if (inputs.length) {
    const result = await extractInputs(inputs);
    for (const r of result.records) byId.set(r.document.id, r);
    skipped = result.skipped;
  }
  const records = [...byId.values()];
  const name = inputs[0] ? path.basename(path.resolve(inputs[0])) : 'newsgraph';
  const graph = buildGraph(records, { skipped, name });
  await writeGraph(out, graph, records);
  const explicit = await explicitFiles(positionals);
  const { explicitFailures, others } = summarizeSkipped(skipped, explicit);
  for (const s of explicitFailures) io.err(`newsgraph build: cannot read "${s.path}": ${s.reason}\n`);
  if (!quiet) {
    const docs = graph.getAttribute('documents').length;
    io.out(
      `Built ${out}: ${docs} document${docs === 1 ? '' : 's'}, ${graph.order} entities, ${graph.size} relations, ` +
        `${graph.getAttribute('claims').filter((c) => c.disputed).length} disputed claims in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    if (others.length) {
      io.out(`Skipped ${others.length} input${others.length === 1 ? '' : 's'}:\n`);
      for (const s of others) io.out(`  ${s.path}: ${s.reason}\n`);
    }
  }
  if (explicitFailures.length) return EXIT_ERROR;
  return others.length ? EXIT_SKIPPED : EXIT_OK;
}

async function commandExtract(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('extract: give at least one file or folder (newsgraph extract PATH... --json)');
  const jsonl = Boolean(values.jsonl);
  const explicit = await explicitFiles(positionals);
  const docs: ExtractionRecord[] = [];
  let failed = false;
  for await (const item of readDocuments(positionals)) {
    if (item.kind === 'skipped') {
      if (explicit.has(item.skipped.path)) failed = true;
      io.err(`newsgraph extract: skipped "${item.skipped.path}": ${item.skipped.reason}\n`);
      continue;
    }
    const rec = extractRecord(item.document);
    if (jsonl) io.out(`${JSON.stringify(rec)}\n`);
    else docs.push(rec);
  }
  if (!jsonl) io.out(`${JSON.stringify(toExtractJson(docs))}\n`);
  return failed ? EXIT_ERROR : EXIT_OK;
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
  const server = await createServer({ graphDir, host, port });
  const { url } = await server.listen();
  io.out(`newsgraph: serving ${graphDir} at ${url}  (Ctrl+C to stop)\n`);
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
  return serve(graphDir, values);
}

async function commandQuery(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError('query: give a query, e.g. newsgraph query "path Stoltenberg -> Assad"');
  const format = (values.format as string | undefined) ?? 'table';
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format: expected table, json or csv, got "${format}"`);
  const graph = await readGraph((values.graph as string | undefined) ?? 'graph');
  const result = runQuery(graph, text);
  io.out(formatResult(result, format as 'table' | 'json' | 'csv'));
  if (!formatResult(result, format as 'table').endsWith('\n')) io.out('\n');
  for (const n of result.notices) io.err(`note: ${n}\n`);
  return EXIT_OK;
}

async function commandExport(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length) throw new UsageError(`export: unexpected argument "${positionals[0]}"`);
  const format = (values.format as string | undefined) ?? 'gexf';
  const graph = await readGraph((values.graph as string | undefined) ?? 'graph');
  let text: string;
  if (format === 'gexf') text = toGexf(graph);
  else if (format === 'json') text = toJson(graph);
  else throw new UsageError(`--format: expected gexf or json, got "${format}"`);
  const out = values.out as string | undefined;
  if (out) {
    await writeFile(out, text);
    io.err(`Wrote ${out}\n`);
  } else io.out(text);
  return EXIT_OK;
}

const GRAPH_OPT: Options = { graph: { type: 'string', short: 'g' } };

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'build a graph from articles (.txt .md .html .jsonl, folders)',
    usage: 'newsgraph build [PATH...] [--out DIR] [--from-extractions FILE...] [--quiet]',
    help:
      'Reads articles, extracts entities, relations and claims, merges entities across documents and\n' +
      'writes DIR/graph.json, DIR/graph.gexf and DIR/extractions.jsonl. With no PATH: seeds/ → graph/.\n' +
      'Exit code 0: built; 3: built, but some inputs in folders were skipped (listed); 1: an input\n' +
      'given explicitly could not be read (the rest is built).',
    options: { out: { type: 'string', short: 'o' }, 'from-extractions': { type: 'string', multiple: true }, quiet: { type: 'boolean', short: 'q' } },
    run: commandBuild,
  },
  extract: {
    summary: 'print per-document extractions (no cross-document merging)',
    usage: 'newsgraph extract PATH... [--json | --jsonl]',
    help:
      'Prints {"documents":[{path, entities, relations}]} (--json, the default) with character spans,\n' +
      'or one extraction record per line (--jsonl) for `build --from-extractions`.',
    options: { json: { type: 'boolean' }, jsonl: { type: 'boolean' } },
    run: commandExtract,
  },
  serve: {
    summary: 'serve the viewer and the query API for a graph',
    usage: 'newsgraph serve [--graph DIR] [--port N] [--host H]',
    help: `Serves the viewer at http://127.0.0.1:${DEFAULT_PORT}/ (PORT or --port overrides; --host to bind elsewhere).`,
    options: { ...GRAPH_OPT, port: { type: 'string', short: 'p' }, host: { type: 'string' } },
    run: commandServe,
  },
  start: {
    summary: 'build seeds/ into graph/ and serve the viewer (what `npm start` runs)',
    usage: 'newsgraph start [--input DIR] [--graph DIR] [--port N] [--host H]',
    help: 'Builds the graph from seeds/ (or --input) into graph/ (or --graph) and serves it.',
    options: { input: { type: 'string' }, ...GRAPH_OPT, port: { type: 'string', short: 'p' }, host: { type: 'string' } },
    run: commandStart,
  },
  query: {
    summary: 'run a query against a graph',
    usage: 'newsgraph query QUERY [--graph DIR] [--format table|json|csv]',
    help:
      "Runs newsgraph's query language (openCypher syntax for what it supports, plus shortcuts):\n" +
      "  newsgraph query 'path Stoltenberg -> Assad'\n" +
      "  newsgraph query \"MATCH (a {name: 'Erdogan'})-[r]->(b) RETURN a, type(r), b\"",
    options: { ...GRAPH_OPT, format: { type: 'string', short: 'f' } },
    run: commandQuery,
  },
  export: {
    summary: 'export a graph (GEXF for Gephi, graphology JSON)',
    usage: 'newsgraph export --format gexf|json [--graph DIR] [--out FILE]',
    help: 'Writes the graph in the given format to FILE, or to standard output.',
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
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, ...HELP_OPTION }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`newsgraph ${name}: ${(error as Error).message.split('. To specify')[0]}\n\n${commandHelp(name, command)}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.out(commandHelp(name, command));
    return EXIT_OK;
  }
  try {
    return await command.run(parsed.positionals, parsed.values as Record<string, string | boolean | string[] | undefined>);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`newsgraph ${name}: ${error.message}\n\n${commandHelp(name, command)}`);
      return EXIT_USAGE;
    }
    if (error instanceof QuerySyntaxError) {
      io.err(`newsgraph ${name}: ${error.message} (line ${error.position.line}, column ${error.position.column})\n`);
      return EXIT_ERROR;
    }
    if (error instanceof NewsgraphError) {
      io.err(`newsgraph ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const e = error as NodeJS.ErrnoException;
    io.err(`newsgraph ${name}: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}\n`);
    return EXIT_ERROR;
  }
}
