/**
 * nlp/: text in, extraction out. Pure (no file system, network, clock or unseeded randomness) and
 * total: odd or empty text yields an empty extraction, never a crash.
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
