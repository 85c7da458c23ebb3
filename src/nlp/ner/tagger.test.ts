import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../sentences.js';
import { computeDocInfo, featureEmitter, featureExtractor } from './features.js';
import { loadNerModel, parseModel } from './model.js';
import { decode, decodeWithModel, LABELS, modelScorer, type History } from './tagger.js';
import { tokenize } from './tokenize.js';

const SEEDS = new URL('../../../seeds/', import.meta.url);

/** A text's sentences as words, as the entity stage tokenises them. */
function sentencesOf(text: string): string[][] {
  return splitSentences(text)
    .map((s) => tokenize(text, s.start, s.end).map((t) => t.text))
    .filter((w) => w.length > 0);
}

/** Tags a document's sentences both ways: `decode` over feature strings and `decodeWithModel` over their parts. */
function bothWays(sentences: string[][], model = loadNerModel()) {
  const info = computeDocInfo(sentences);
  const score = modelScorer(model);
  const strings: History = new Map();
  const parts: History = new Map();
  return sentences.map((w, k) => {
    const mode = info.modes[k] ?? 'N';
    return {
      strings: decode(w, featureExtractor(w, mode, info), score, undefined, strings, true),
      parts: decodeWithModel(w, featureEmitter(w, mode, info), model, parts, true),
    };
  });
}

describe('nlp/ner/tagger', () => {
  describe('decode', () => {
    it("should give training each token's full feature list and go on with the label it returns", () => {
      const words = ['Turkish', 'President', 'Tayyip', 'Erdogan', 'spoke', '.'];
      const info = computeDocInfo([words]);
      const statics = featureExtractor(words, info.modes[0] ?? 'N', info);
      const seen: { i: number; features: string[]; predicted: number }[] = [];
      // training's callback may overrule the prediction: here every token is forced to B-PER
      const labels = decode(words, statics, modelScorer(loadNerModel()), (i, features, predicted) => {
        seen.push({ i, features, predicted });
        return LABELS.indexOf('B-PER');
      });
      expect(labels).toEqual(words.map(() => 'B-PER'));
      expect(seen.map((x) => x.i)).toEqual([0, 1, 2, 3, 4, 5]);
      // the static features, then the tag features of the labels the callback chose
      expect(seen[0]!.features).toEqual([...statics(0), 't-1=<s>', 't-2=<s>|<s>', 't-1w=<s>|turkish', 't-1s=<s>|Xx']);
      expect(seen[2]!.features.slice(-4)).toEqual(['t-1=B-PER', 't-2=B-PER|B-PER', 't-1w=B-PER|tayyip', 't-1s=B-PER|Xx']);
      // unforced, the model tags the name (a prediction the callback saw)
      expect(seen[3]!.predicted).not.toBe(0);
    });
  });

  describe('decodeWithModel', () => {
    it('should tag every sentence of the seed articles exactly as decode over feature strings does', () => {
      const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
      expect(files.length).toBe(5);
      let names = 0;
      for (const f of files) {
        for (const { strings, parts } of bothWays(sentencesOf(readFileSync(path.join(SEEDS.pathname, f), 'utf8')))) {
          expect(parts).toEqual(strings);
          names += strings.filter((t) => t.startsWith('B-')).length;
        }
      }
      expect(names).toBeGreaterThan(100); // the comparison is over real tagging, not all "O"
    });

    it('should find features whose value holds "=" and features without one, as the string scorer does', () => {
      // "w==x" is the word "=X" (its name ends at the first "="); "b" (bias) has no value.
      const L = LABELS.length;
      const features = ['b', 'w==x', 'W==X', 'w=acme', 't-1=O'];
      const rows = new Int16Array(features.length * L);
      rows[0 * L + 0] = 1; // bias favours O
      rows[1 * L + 3] = 40; // the word "=X" is B-ORG (a made-up weight, to see it found)
      rows[3 * L + 5] = 20; // "acme" is B-LOC
      const weights = Buffer.from(rows.buffer).toString('base64');
      const model = parseModel(gzipSync(JSON.stringify({ version: 1, labels: [...LABELS], scale: 1, features, weights })));
      const tagged = bothWays([['=X', 'Acme', 'x']], model)[0]!;
      expect(tagged.parts).toEqual(tagged.strings);
      expect(tagged.parts).toEqual(['B-ORG', 'B-LOC', 'O']);
    });
  });
});
