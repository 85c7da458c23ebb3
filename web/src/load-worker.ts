/// <reference lib="webworker" />
/**
 * Loader worker: parses graph.json off the main thread (the page hands over the response body, or
 * the URL where streams cannot be transferred), ranks the edges and posts
 * everything in small chunks, so that no task on the page has much to do (see load.ts).
 */
import type { SerializedGraph } from '../../src/types.js';
import { toLoadMessages } from './load-chunks.js';

self.onmessage = async (ev: MessageEvent<{ url: string } | { body: ReadableStream<Uint8Array> }>) => {
  try {
    let res: Response;
    if ('body' in ev.data) res = new Response(ev.data.body);
    else {
      res = await fetch(ev.data.url);
      if (!res.ok) throw new Error(`GET ${ev.data.url}: HTTP ${res.status}`);
    }
    // As JSON text: the page's JSON.parse of a chunk is cheaper than structured-clone decoding of
    // the same objects, and the stringifying happens here, off the page's thread.
    for (const m of toLoadMessages((await res.json()) as SerializedGraph)) postMessage(JSON.stringify(m));
  } catch (e) {
    postMessage(JSON.stringify({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
  }
};
