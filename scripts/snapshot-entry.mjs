// The entry of newsgraph's V8 start-up snapshot (scripts/build-snapshot.mjs bundles it, with the
// compiled CLI in dist/ and its dependencies, into one CommonJS file and runs
// `node --build-snapshot` on it).
//
// While the snapshot is built, this loads the stages that `extract`, `add` and `remove` use
// (compromise and its lexicon, newsgraph's lexicons, the NER model decoded) and extracts one short
// text, so that compromise's lazily built state and the bytecode of the extraction code are in the
// heap too. Starting from the snapshot (`node --snapshot-blob BLOB -- ARGS`, what bin/newsgraph.mjs
// does when the blob is fresh) then only deserialises that heap and runs the CLI on ARGS.
//
// Run as a plain script (`node dist/snapshot/newsgraph.cjs ARGS`), the bundle is the CLI as well.
import v8 from 'node:v8';
import { onSignalsHandled, run } from '../dist/cli/main.js';
// Loaded by the CLI on demand; imported here so that they are part of the snapshot's heap.
import '../dist/graph/index.js';
import '../dist/ingest/index.js';
import '../dist/store/index.js';
import '../dist/cli/extract-json.js';
import { loadNerModel } from '../dist/nlp/ner/model.js';
import { extractDocument } from '../dist/nlp/index.js';

/** A short news-like text that reaches the main extraction paths (names, titles, quotes, places, counts). */
const WARM_UP =
  'The United Nations said on Monday that President Joe Biden met German Chancellor Olaf Scholz in Berlin. ' +
  '"We will not accept this," Scholz told reporters, according to Reuters. ' +
  'At least 12 people were killed when government forces shelled the town of Kherson, officials said.';

async function main(args) {
  // Output piped into `head` and the like: stop quietly when the reader goes away (as bin/newsgraph.mjs).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  // Started by bin/newsgraph.mjs with an IPC channel: when that process dies (even by SIGKILL), so
  // does this one, as the CLI would have in a single process.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
    // A signal that ends this process before the command handles signals itself is answered for by
    // that process (bin/newsgraph.mjs): it is told when the command does (SIGNALS_HANDLED in bin/snapshot.mjs).
    onSignalsHandled(() => {
      if (process.connected) process.send('newsgraph:signals-handled');
    });
  }
  process.exitCode = await run(args);
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  loadNerModel();
  extractDocument({ id: 'warm-up', text: WARM_UP });
  // From the snapshot, process.argv is [node, ...ARGS]: no script.
  v8.startupSnapshot.setDeserializeMainFunction(() => void main(process.argv.slice(1)));
} else {
  // A plain run of the bundle: process.argv is [node, bundle, ...ARGS].
  void main(process.argv.slice(2));
}
