/**
 * Loading the trained tagger model (models/ner-model.json.gz, written by `npm run train:ner`).
 * The file sits at the package root; this module finds it relative to itself, which works from src/
 * (vitest) and from dist/ (the CLI, an installed package) alike. Loaded once, lazily.
 *
 * File format (gzip'd JSON): `{ version, labels, scale, features: string[], weights: base64 Int16
 * little-endian, features.length × labels.length, row-major }`; a weight is `int16 * scale`.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { NewsgraphError } from '../../errors.js';
import type { NerModel } from './tagger.js';

/** Where the model lives, relative to this module (src/nlp/ner or dist/nlp/ner). */
export const MODEL_URL = new URL('../../../models/ner-model.json.gz', import.meta.url);

interface ModelFile {
  version: number;
  labels: string[];
  scale: number;
  features: string[];
  weights: string;
}

let cached: NerModel | null = null;

/** Decodes a model file's bytes. @throws NewsgraphError when the bytes are not a model. */
export function parseModel(bytes: Uint8Array): NerModel {
  let file: ModelFile;
  try {
    file = JSON.parse(gunzipSync(bytes).toString('utf8')) as ModelFile;
  } catch (err) {
    throw new NewsgraphError(`loadNerModel: cannot read the NER model: ${(err as Error).message}. Run \`npm run train:ner\`.`);
  }
  const L = file.labels.length;
  const buf = Buffer.from(file.weights, 'base64');
  const ints = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
  if (ints.length !== file.features.length * L) {
    throw new NewsgraphError(`loadNerModel: model is corrupt: expected ${file.features.length * L} weights, found ${ints.length}. Run \`npm run train:ner\`.`);
  }
  const weights = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i++) weights[i] = (ints[i] as number) * file.scale;
  const index = new Map<string, number>();
  file.features.forEach((f, i) => index.set(f, i * L));
  return { labels: file.labels, index, weights };
}

/** The trained model, loaded on first use. @throws NewsgraphError when the model file is missing. */
export function loadNerModel(): NerModel {
  if (cached) return cached;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(MODEL_URL);
  } catch {
    throw new NewsgraphError(`loadNerModel: cannot find the NER model at ${MODEL_URL.pathname}. Run \`npm run train:ner\`.`);
  }
  cached = parseModel(bytes);
  return cached;
}
