/**
 * Finding a document by what is typed: the document filter of a corpus of thousands (21,268 on the
 * full BBC + Reuters graph) is a search field with suggestions, not a list of every document.
 * Pure: no DOM.
 */
import type { Suggestion } from './search-index.js';

export interface DocEntry {
  id: string;
  /** As shown: `outlet: title`, or the id when there is no title. */
  label: string;
  /** What a search looks in: label and id, lower-case, accents folded. */
  hay: string;
}

const fold = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The label a document is shown by. */
export function docLabel(d: { id: string; title?: string | null; source?: string | null }): string {
  return `${d.source ? `${d.source}: ` : ''}${d.title || d.id}`;
}

export function docEntries(docs: readonly { id: string; title?: string | null; source?: string | null }[]): DocEntry[] {
  return docs.map((d) => {
    const label = docLabel(d);
    return { id: d.id, label, hay: fold(`${label} ${d.id}`) };
  });
}

/**
 * The documents whose label or id holds every word typed, best first: those whose title starts with
 * what was typed, then in the graph's order (sorted by id). At most `limit`.
 */
export function suggestDocs(entries: readonly DocEntry[], text: string, limit: number): Suggestion[] {
  const q = fold(text).trim();
  if (!q) return [];
  const words = q.split(/\s+/);
  const starts: DocEntry[] = [];
  const others: DocEntry[] = [];
  for (const e of entries) {
    if (!words.every((w) => e.hay.includes(w))) continue;
    const title = e.label.includes(': ') ? fold(e.label.slice(e.label.indexOf(': ') + 2)) : fold(e.label);
    (title.startsWith(q) || e.id.toLowerCase().startsWith(q) ? starts : others).push(e);
    if (starts.length >= limit) break;
  }
  return [...starts, ...others].slice(0, limit).map((e) => ({ node: e.id, label: e.label, type: 'document' }));
}
