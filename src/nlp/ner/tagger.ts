/**
 * Greedy left-to-right decoding for the averaged-perceptron entity tagger (BIO tags over PER, ORG,
 * LOC, MISC). Scoring is delegated, so training (scripts/train-ner.mjs, with weights that change)
 * and run time (a loaded, frozen model) decode with exactly the same code.
 */
import { tagFeatures, wordShape } from './features.js';

/** The tag set, in model order. */
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];

/** Adds the weights of `features` to `scores` (one slot per label). */
export type ScoreFn = (features: readonly string[], scores: Float64Array) => void;

/** Is `label` allowed after `prev`? (`I-X` only continues `B-X` or `I-X`.) */
export function isValidTransition(prev: string, label: string): boolean {
  if (!label.startsWith('I-')) return true;
  return prev.length > 2 && prev.slice(2) === label.slice(2);
}

/**
 * Tags one sentence.
 * @param words the sentence's tokens
 * @param statics per token, the features that do not depend on tags (`staticFeatures`)
 * @param onToken called per token with its full feature list, the predicted label index and the
 *   scores (training uses it to update the weights before the next token is decoded)
 */
export function decode(
  words: readonly string[],
  statics: readonly (readonly string[])[],
  score: ScoreFn,
  onToken?: (i: number, features: string[], predicted: number) => number,
): string[] {
  const out: string[] = [];
  const scores = new Float64Array(LABELS.length);
  let prev1 = '<s>';
  let prev2 = '<s>';
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const dyn = tagFeatures(prev1, prev2, w.toLowerCase(), wordShape(w));
    scores.fill(0);
    score(statics[i] as readonly string[], scores);
    score(dyn, scores);
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < LABELS.length; c++) {
      const s = scores[c] as number;
      if (s > bestScore && isValidTransition(prev1, LABELS[c] as string)) {
        best = c;
        bestScore = s;
      }
    }
    if (onToken) best = onToken(i, [...(statics[i] as readonly string[]), ...dyn], best);
    const label = LABELS[best] as string;
    out.push(label);
    prev2 = prev1;
    prev1 = label;
  }
  return out;
}

/** A frozen model: feature → row offset into `weights` (one column per label). */
export interface NerModel {
  labels: readonly string[];
  index: Map<string, number>;
  weights: Float32Array;
}

/** A score function over a frozen model. */
export function modelScorer(model: NerModel): ScoreFn {
  const L = model.labels.length;
  const { index, weights } = model;
  return (features, scores) => {
    for (let k = 0; k < features.length; k++) {
      const off = index.get(features[k] as string);
      if (off === undefined) continue;
      for (let c = 0; c < L; c++) scores[c] = (scores[c] as number) + (weights[off + c] as number);
    }
  };
}
