/**
 * Greedy left-to-right decoding for the averaged-perceptron entity tagger (BIO tags over PER, ORG,
 * LOC, MISC). Scoring is delegated, so training (scripts/train-ner.mjs, with weights that change)
 * and run time (a loaded, frozen model) decode with exactly the same code.
 */
import { emitTagFeatures, tagFeatures, wordShape, type EmitFeature } from './features.js';

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
 * @param statics per token, the features that do not depend on tags (`staticFeatures`), or a
 *   function computing them on demand (`featureExtractor`)
 * @param onToken called per token with its full feature list and the predicted label index; returns
 *   the label to continue with (training updates the weights there)
 * @param history the document's prediction history, updated with this sentence's labels
 * @param skipPlain label lower-case words and punctuation after an O as O without scoring them (a
 *   name never starts there); several times faster on ordinary text
 */
export function decode(
  words: readonly string[],
  statics: readonly (readonly string[])[] | ((i: number) => readonly string[]),
  score: ScoreFn,
  onToken?: (i: number, features: string[], predicted: number) => number,
  history?: History,
  skipPlain = false,
): string[] {
  const featuresAt = typeof statics === 'function' ? statics : (i: number) => statics[i] as readonly string[];
  let features: string[] = [];
  return greedy(
    words,
    history,
    skipPlain,
    (i, lower, shape, prev1, prev2, h, scores) => {
      const dyn = tagFeatures(prev1, prev2, lower, shape);
      if (h) dyn.push('h=' + h, 'hs=' + h + '|' + (i === 0 ? 'F' : '') + shape);
      const stat = featuresAt(i);
      score(stat, scores);
      score(dyn, scores);
      if (onToken) features = [...stat, ...dyn];
    },
    onToken ? (i, predicted) => onToken(i, features, predicted) : undefined,
  );
}

/**
 * The greedy left-to-right loop of both decoders: per token, `scoreToken` adds the weights of its
 * features to `scores` (zeroed), then the best label allowed after the previous one is taken (or the
 * one `choose` returns: training updates the weights there).
 * @param scoreToken gets the token's lower case and shape, the two previous labels and the history
 *   feature (`''` when none)
 */
function greedy(
  words: readonly string[],
  history: History | undefined,
  skipPlain: boolean,
  scoreToken: (i: number, lower: string, shape: string, prev1: string, prev2: string, h: string, scores: Float64Array) => void,
  choose?: (i: number, predicted: number) => number,
): string[] {
  const out: string[] = [];
  const scores = new Float64Array(LABELS.length);
  let prev1 = '<s>';
  let prev2 = '<s>';
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (skipPlain && (prev1 === 'O' || prev1 === '<s>') && isPlain(w)) {
      out.push('O');
      prev2 = prev1;
      prev1 = 'O';
      continue;
    }
    const lower = w.toLowerCase();
    const h = history ? historyFeature(history, lower) : '';
    scores.fill(0);
    scoreToken(i, lower, wordShape(w), prev1, prev2, h, scores);
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < LABELS.length; c++) {
      const sc = scores[c] as number;
      if (sc > bestScore && isValidTransition(prev1, LABELS[c] as string)) {
        best = c;
        bestScore = sc;
      }
    }
    if (choose) best = choose(i, best);
    const label = LABELS[best] as string;
    out.push(label);
    prev2 = prev1;
    prev1 = label;
  }
  if (history) recordHistory(history, words, out);
  return out;
}

/**
 * Extended prediction history: the entity types already given to a word earlier in the document
 * (Ratinov & Roth 2009). Keeps a name's type consistent across a document, which helps most where
 * local evidence is weak (all-caps headlines, sentence-initial names).
 */
export type History = Map<string, number[]>;

const HIST_TYPES = ['O', 'PER', 'ORG', 'LOC', 'MISC'];

function historyFeature(history: History, lower: string): string {
  const counts = history.get(lower);
  if (!counts) return '';
  let best = 0;
  let total = 0;
  for (let k = 0; k < counts.length; k++) {
    total += counts[k] as number;
    if ((counts[k] as number) > (counts[best] as number)) best = k;
  }
  return (HIST_TYPES[best] as string) + ((counts[best] as number) === total ? '' : '~');
}

function recordHistory(history: History, words: readonly string[], labels: readonly string[]): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const c = w.charCodeAt(0);
    // capitalised words only (A-Z or non-ASCII upper): lower-case words are not names
    if (w.length < 2 || !((c >= 65 && c <= 90) || (c > 127 && w[0] !== w[0]?.toLowerCase()))) continue;
    const lower = w.toLowerCase();
    let counts = history.get(lower);
    if (!counts) history.set(lower, (counts = [0, 0, 0, 0, 0]));
    const label = labels[i] as string;
    const k = label === 'O' ? 0 : HIST_TYPES.indexOf(label.slice(2));
    counts[k] = (counts[k] as number) + 1;
  }
}

/** A word no name starts with: lower case without capitals or digits, or punctuation. */
function isPlain(w: string): boolean {
  let letters = 0;
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c >= 97 && c <= 122) letters++;
    else if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return false;
    else if (c > 127) {
      const ch = w[k] as string;
      if (ch !== ch.toLowerCase() || /[\p{N}]/u.test(ch)) return false;
      if (ch !== ch.toUpperCase()) letters++;
    }
  }
  // a lower-case word, or pure punctuation ("," "--"); not "al-Assad", "eBay"? (has a capital), "3"
  return letters > 0 ? /^[\p{Ll}]/u.test(w) : true;
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

/** A model's features by their two parts (see `featureEmitter`): name with `=` → value → row offset. */
const partIndexes = new WeakMap<NerModel, Map<string, Map<string, number>>>();

function partIndexOf(model: NerModel): Map<string, Map<string, number>> {
  let byPrefix = partIndexes.get(model);
  if (!byPrefix) {
    byPrefix = new Map();
    for (const [feature, off] of model.index) {
      // the name ends at the first "=" (a value may hold one: "w==" is the word "=")
      const eq = feature.indexOf('=');
      const prefix = eq < 0 ? feature : feature.slice(0, eq + 1);
      const value = eq < 0 ? '' : feature.slice(eq + 1);
      let values = byPrefix.get(prefix);
      if (!values) byPrefix.set(prefix, (values = new Map()));
      values.set(value, off);
    }
    partIndexes.set(model, byPrefix);
  }
  return byPrefix;
}

/**
 * `decode` with a frozen model, for run time: the same labels, computed with the same sums in the same
 * order, but each feature is looked up by its two parts (`featureEmitter`), so most are found without
 * building their string — a word's "w=turkey" is the word's own string under "w=" (building and
 * hashing a fresh string per feature was half the tagger's time).
 */
export function decodeWithModel(
  words: readonly string[],
  emitAt: (i: number, emit: EmitFeature) => void,
  model: NerModel,
  history?: History,
  skipPlain = false,
): string[] {
  const byPrefix = partIndexOf(model);
  const { weights } = model;
  const L = model.labels.length;
  let scores: Float64Array = new Float64Array(0);
  const emit: EmitFeature = (prefix, value) => {
    const off = byPrefix.get(prefix)?.get(value);
    if (off === undefined) return;
    for (let c = 0; c < L; c++) scores[c] = (scores[c] as number) + (weights[off + c] as number);
  };
  return greedy(words, history, skipPlain, (i, lower, shape, prev1, prev2, h, into) => {
    scores = into;
    // as `decode` sums them: the static features, then the tag features, then the history's
    emitAt(i, emit);
    emitTagFeatures(prev1, prev2, lower, shape, emit);
    if (h) {
      emit('h=', h);
      emit('hs=', h + '|' + (i === 0 ? 'F' : '') + shape);
    }
  });
}
