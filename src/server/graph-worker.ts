/**
 * server/graph-worker: the worker thread that holds the served graph for the server's main thread
 * (see graph-host.ts): it reads the graph folder, builds the GEXF export and reads documents'
 * records, one request at a time, and hands back bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { etagOf, GraphWork, type GraphReply, type GraphRequest } from './graph-host.js';

const encoder = new TextEncoder();
const post = (reply: GraphReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(reply, transfer);
const work = new GraphWork((workerData as { graphDir: string }).graphDir, (warning) => post({ warning }), true);

async function answer(request: GraphRequest): Promise<void> {
  try {
    if (request.kind === 'load') {
      const { json, counts } = await work.load();
      // Shared, not copied: the main thread serves these bytes and passes them on to its query workers.
      const body = new SharedArrayBuffer(Buffer.byteLength(json));
      const bytes = Buffer.from(body);
      bytes.write(json);
      work.serving(bytes);
      post({ id: request.id, kind: 'load', body, etag: etagOf(bytes), counts });
    } else if (request.kind === 'commit') {
      work.commit();
      post({ id: request.id, kind: 'commit' });
    } else if (request.kind === 'adopt') {
      work.adopt(new Uint8Array(request.body), (workerData as { graphDir: string }).graphDir);
      post({ id: request.id, kind: 'adopt' });
    } else if (request.kind === 'gexf') {
      const bytes = encoder.encode(work.gexf()); // its own buffer (Buffer.from may hand out its shared pool's)
      post({ id: request.id, kind: 'gexf', body: bytes }, [bytes.buffer]);
    } else if (request.kind === 'gzip') {
      const zipped = work.gzip();
      const bytes = new Uint8Array(zipped.byteLength);
      bytes.set(zipped); // its own buffer, to move (zlib's may be shared)
      post({ id: request.id, kind: 'gzip', body: bytes }, [bytes.buffer]);
    } else {
      post({ id: request.id, kind: 'document', body: await work.document(request.documentId) });
    }
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const extra = e as Error & { path?: unknown; holder?: unknown };
    post({
      id: request.id,
      error: {
        name: e.name,
        message: e.message,
        ...(typeof extra.path === 'string' ? { path: extra.path } : {}),
        ...(typeof extra.holder === 'string' ? { holder: extra.holder } : {}),
      },
    });
  }
}

// One request at a time, in order: an export asked for before a load is made from the graph before it.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: GraphRequest) => {
  queue = queue.then(() => answer(request));
});
