/**
 * The interactive query console (`newsgraph console`): a read–eval–print loop over one graph.
 * Statements in newsgraph's query language (accepting openCypher syntax for what it supports) may
 * span several lines and end with `;` or a blank line; the shortcuts (`path A -> B`, `paths A -> B
 * max 3`, `neighbors A`, `find TEXT`) and `:commands` run when their line ends. History is kept in
 * `historyFile` when one is given.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AbstractGraph as Graph } from 'graphology-types';
import { NewsgraphError, QuerySyntaxError } from '../errors.js';
import { formatResult, runQuery, type QueryOptions } from '../query/index.js';

export interface ConsoleOptions {
  graph: Graph;
  input: Readable;
  output: Writable;
  /** File the history is read from and appended to (one statement per line). */
  historyFile?: string;
  /** Options for every query (time and row budgets). */
  queryOptions?: QueryOptions;
  /** Initial output format (`:format` changes it). */
  format?: 'table' | 'json' | 'csv';
}

/** Entries kept in the history file. */
export const HISTORY_SIZE = 1000;

const PROMPT = 'newsgraph> ';
const CONTINUE = '       ...> ';
const SHORTCUT = /^\s*(paths?|neighbou?rs|find)\b(?!\s*\()/i;

export const CONSOLE_HELP = `newsgraph console — newsgraph's query language, accepting openCypher syntax for what it supports.
A statement may span lines; end it with ";" or an empty line. Shortcuts and :commands run at once.

Shortcuts (names match labels and aliases, ignoring case and accents; quotes optional):
  path Stoltenberg -> Assad                   shortest path, edges followed either way, with evidence
  path A -> B without family role, support    …avoiding event families (or: without NATO, Turkey)
  paths Erdogan -> Syria max 3                every simple path up to 3 hops (bounded)
  neighbors Erdogan                           every relationship of a node
  find erdo                                   nodes whose name or alias contains the text

Queries:
  MATCH (a:person {name: 'Erdogan'})-[r:condemn|criticise]->(b) RETURN b.name, r.weight;
  MATCH p = shortestPath((a {name: 'NATO'})-[*..4]-(b {name: 'Assad'})) RETURN p;
  MATCH (a)-[r]->(b) WHERE r.family = 'attack' RETURN a.name, count(*) AS n ORDER BY n DESC LIMIT 10;
  Labels are entity types (person, organization, place); relationship types are predicates
  (\`retaliate against\` or retaliate_against) or event families (attack, criticise, support, role…).

Commands:
  :help                 this text
  :format table|json|csv
  :clear                discard the statement being typed
  :quit                 leave (also :exit, Ctrl+D)
`;

function errorText(e: unknown, statement: string): string {
  if (e instanceof QuerySyntaxError) {
    const lines = statement.split('\n');
    const line = lines[e.position.line - 1] ?? '';
    return `error: ${e.message}\n  ${line}\n  ${' '.repeat(Math.max(0, e.position.column - 1))}^\n`;
  }
  if (e instanceof NewsgraphError) return `error: ${e.message}\n`;
  return `error: ${e instanceof Error ? e.message : String(e)}\n`;
}

async function loadHistory(file: string | undefined): Promise<string[]> {
  if (!file) return [];
  try {
    const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    if (lines.length > HISTORY_SIZE) await writeFile(file, lines.slice(-HISTORY_SIZE).join('\n') + '\n');
    return lines.slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/**
 * Run the console until `:quit` or the end of input. Resolves when it has finished; never
 * exits the process. Query errors are printed and the loop goes on.
 */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { graph, input, output } = opts;
  let format = opts.format ?? 'table';
  const write = (s: string): void => {
    output.write(s);
  };
  const history = await loadHistory(opts.historyFile);
  const terminal = Boolean((output as { isTTY?: boolean }).isTTY && (input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output, terminal, history, historySize: HISTORY_SIZE, prompt: PROMPT });
  write(`newsgraph console: ${graph.order} nodes, ${graph.size} edges. Type :help for help, :quit to leave.\n`);

  const remember = async (statement: string): Promise<void> => {
    if (!opts.historyFile) return;
    try {
      await appendFile(opts.historyFile, statement.replace(/\s*\n\s*/g, ' ') + '\n');
    } catch (e) {
      write(`warning: cannot write the history to ${opts.historyFile}: ${(e as Error).message}\n`);
      opts = { ...opts, historyFile: undefined };
    }
  };

  const execute = async (statement: string): Promise<void> => {
    const text = statement.trim();
    if (text === '' || text === ';') return;
    await remember(text);
    try {
      const result = runQuery(graph, text, opts.queryOptions);
      write(formatResult(result, format));
      for (const n of result.notices) write(`note: ${n}\n`);
    } catch (e) {
      write(errorText(e, text));
    }
  };

  let buffer: string[] = [];
  let quit = false;
  // Ctrl+C discards the statement being typed; on an empty prompt it leaves.
  rl.on('SIGINT', () => {
    if (buffer.length > 0) {
      buffer = [];
      write('^C\n');
      rl.setPrompt(PROMPT);
      rl.prompt();
    } else {
      rl.close();
    }
  });
  rl.prompt();
  for await (const line of rl) {
    const trimmed = line.trim();
    if (buffer.length === 0 && trimmed.startsWith(':')) {
      const [cmd, arg] = trimmed.slice(1).split(/\s+/, 2);
      switch ((cmd ?? '').toLowerCase()) {
        case 'q':
        case 'quit':
        case 'exit':
          quit = true;
          break;
        case 'help':
        case 'h':
        case '?':
          write(CONSOLE_HELP);
          break;
        case 'format':
          if (arg === 'table' || arg === 'json' || arg === 'csv') {
            format = arg;
            write(`format: ${format}\n`);
          } else write('error: :format expects table, json or csv\n');
          break;
        case 'clear':
          break;
        default:
          write(`error: unknown command :${cmd}; type :help\n`);
      }
      if (quit) break;
      rl.setPrompt(PROMPT);
      rl.prompt();
      continue;
    }
    if (buffer.length > 0 && trimmed === ':clear') {
      buffer = [];
      rl.setPrompt(PROMPT);
      rl.prompt();
      continue;
    }
    if (trimmed === '') {
      if (buffer.length > 0) {
        await execute(buffer.join('\n'));
        buffer = [];
      }
    } else {
      buffer.push(line);
      const isShortcut = buffer.length === 1 && SHORTCUT.test(line);
      if (isShortcut || /;\s*$/.test(line)) {
        await execute(buffer.join('\n'));
        buffer = [];
      }
    }
    rl.setPrompt(buffer.length > 0 ? CONTINUE : PROMPT);
    rl.prompt();
  }
  if (buffer.length > 0 && !quit) await execute(buffer.join('\n'));
  rl.close();
  write('\n');
}
