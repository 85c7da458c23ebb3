import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NewsgraphError } from '../../errors.js';
import { loadNerModel, parseModel } from './model.js';
import { LABELS } from './tagger.js';

describe('nlp/ner/model', () => {
  describe('loadNerModel', () => {
    it('should load the committed model with one weight row per feature', () => {
      const model = loadNerModel();
      expect(model.labels).toEqual([...LABELS]);
      expect(model.index.size).toBeGreaterThan(1000);
      expect(model.weights.length).toBe(model.index.size * LABELS.length);
      expect(model.index.has('b')).toBe(true);
    });
  });

  describe('parseModel', () => {
    it('should decode a small model file', () => {
      const weights = Buffer.from(new Int16Array([1, 2, -3, 4]).buffer).toString('base64');
      const file = { version: 1, labels: ['O', 'B-PER'], scale: 0.5, features: ['b', 'w=x'], weights };
      const model = parseModel(gzipSync(JSON.stringify(file)));
      expect(model.index.get('w=x')).toBe(2);
      expect(Array.from(model.weights)).toEqual([0.5, 1, -1.5, 2]);
    });

    const bad: [label: string, bytes: Uint8Array][] = [
      ['not gzip', new Uint8Array([1, 2, 3])],
      ['gzip of non-JSON', gzipSync('hello')],
      ['wrong weight count', gzipSync(JSON.stringify({ version: 1, labels: ['O'], scale: 1, features: ['b', 'c'], weights: '' }))],
    ];
    it.each(bad)('should throw NewsgraphError for %s', (_label, bytes) => {
      expect(() => parseModel(bytes)).toThrow(NewsgraphError);
    });
  });
});
