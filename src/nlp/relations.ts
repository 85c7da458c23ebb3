/**
 * Relations, attributions and claims between the entity mentions of one document.
 * (Baseline: none; to be replaced by the relation-extraction work.)
 */
import type { Attribution, Claim, EntityMention, RelationMention, Sentence } from '../types.js';

export interface RelationExtraction {
  /** The input mentions plus any pronoun / description mentions resolved within the document. */
  mentions: EntityMention[];
  relations: RelationMention[];
  attributions: Attribution[];
  claims: Claim[];
}

/** Extracts relations, attributions and claims. Pure and total. */
export function extractRelations(text: string, sentences: Sentence[], mentions: EntityMention[]): RelationExtraction {
  void text;
  void sentences;
  return { mentions, relations: [], attributions: [], claims: [] };
}
