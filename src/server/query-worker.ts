/**
 * server/query-worker: the worker thread that runs queries off the server's event loop. It holds
 * its own copy of the graph (parsed from the graph.json text it is started with), runs one query
 * at a time, and answers with the result already serialised, so the main thread only copies bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseGraph } from '../store/index.js';
import type { QueryJob, WorkerData } from './query-protocol.js';
import { runQueryJob } from './query-run.js';

const data = workerData as WorkerData;
const text = typeof data.graphJson === 'string' ? data.graphJson : Buffer.from(data.graphJson.buffer, data.graphJson.byteOffset, data.graphJson.byteLength).toString('utf8');
const graph = parseGraph(text, data.graphFile);
data.graphJson = ''; // the parsed graph is all a worker keeps

const encoder = new TextEncoder();

parentPort?.on('message', (job: QueryJob) => {
  const reply = runQueryJob(graph, job);
  // Encoded here and its buffer moved, not copied: the main thread only writes bytes to the socket.
  const bytes = typeof reply.body === 'string' ? encoder.encode(reply.body) : reply.body;
  parentPort?.postMessage({ ...reply, body: bytes }, [bytes.buffer as ArrayBuffer]);
});
parentPort?.postMessage({ ready: true });
