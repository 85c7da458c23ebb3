/**
 * Sentence splitting with exact offsets into the text.
 * (Baseline on compromise's splitter; owned by the entity-recognition work.)
 */
import type { Sentence } from '../types.js';
import { nlp } from './compromise.js';

/** Splits text into sentences; offsets are exact, trailing whitespace excluded. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  if (!text.trim()) return out;
  const json = nlp.tokenize(text).json({ offset: true }) as { offset: { start: number; length: number } }[];
  for (const s of json) {
    let start = s.offset.start;
    let end = start + s.offset.length;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    if (end > start) out.push({ index: out.length, start, end });
  }
  return out;
}
