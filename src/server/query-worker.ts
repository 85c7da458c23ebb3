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
const graph = parseGraph(data.graphJson, data.graphFile);
data.graphJson = ''; // the parsed graph is all a worker keeps

parentPort?.on('message', (job: QueryJob) => {
  parentPort?.postMessage(runQueryJob(graph, job));
});
parentPort?.postMessage({ ready: true });
