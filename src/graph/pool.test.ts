import { describe, expect, it } from 'vitest';
import { extractStream } from './pipeline.js';
import { createExtractPool } from './pool.js';
import type { Document } from '../types.js';

async function* items(docs: Document[]) {
  for (const document of docs) yield { kind: 'document' as const, document };
}

const doc = (id: string, text: unknown): Document => ({ id, path: id, title: '', source: '', published: null, url: null, text, hash: id }) as unknown as Document;

describe('extract pool', () => {
  it('should report a document whose extraction throws in a worker as skipped, naming its file, and extract the others', async () => {
    const pool = createExtractPool(2);
    try {
      const out = [];
      const docs = [doc('a/good-1.txt', 'Angela Merkel met Emmanuel Macron in Berlin.'), doc('b/broken.txt', 42), doc('a/good-2.txt', 'NATO said Turkey asked for talks.')];
      for await (const o of extractStream(items(docs), { pool })) out.push(o);
      expect(out.map((o) => o.kind)).toEqual(['record', 'skipped', 'record']);
      const skipped = out[1] as { kind: 'skipped'; skipped: { path: string; reason: string } };
      expect(skipped.skipped.path).toBe('b/broken.txt');
      expect(skipped.skipped.reason).toMatch(/^extraction failed: \S/);
    } finally {
      await pool.close();
    }
  });

  it('should reject documents after it is closed', async () => {
    const pool = createExtractPool(1);
    await pool.ready();
    await pool.close();
    await expect(pool.extract({ id: 'x.txt', text: 'Paris.' })).rejects.toThrow(/closed/);
  });
});
