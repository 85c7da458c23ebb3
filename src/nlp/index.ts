/**
 * nlp/: text in, extraction out. Pure (no file system, network, clock or unseeded randomness) and
 * total: odd or empty text yields an empty extraction, never a crash.
 *
 * Code shape: a rule set is one function per pattern or step, not one long loop body. Rule code meets
 * rare patterns long after V8 has optimised it; each first meeting deoptimises the function it is in
 * (with everything inlined into it) and V8 compiles it again, on a core that a second worker needs.
 * Small functions make each of those recompilations small: over all Reuters, TurboFan went from 8.5
 * to 5.0 s per worker when the largest rule functions were split (bench/README, "Sixth pass").
 */
import type { DocumentExtraction } from '../types.js';
import { extractFactualClaims } from './claims.js';
import { extractMentions } from './entities.js';
import { addNamedThings } from './named-things.js';
import { extractRelations } from './relations.js';
import { splitSentences } from './sentences.js';

export { splitSentences } from './sentences.js';
export { extractMentions } from './entities.js';
export { extractRelations } from './relations.js';

/** Extracts sentences, entity mentions, relations, attributions and claims from one document's text. */
export function extractDocument(doc: { id: string; text: string }): DocumentExtraction {
  const sentences = splitSentences(doc.text);
  const names = addNamedThings(doc.text, sentences, extractMentions(doc.text, sentences));
  const { mentions, relations, attributions, claims } = extractRelations(doc.text, sentences, names);
  // factual claims (where, who, which day, phone call or meeting) need the whole document's numeric claims
  let factual: typeof claims = [];
  try {
    factual = extractFactualClaims({ text: doc.text, sentences, mentions, numeric: claims });
  } catch {
    // extraction is total: a pattern bug on odd text must not lose the document
  }
  return { doc: doc.id, sentences, mentions, relations, attributions, claims: [...claims, ...factual] };
}
