/**
 * "Where is it mentioned": the sentences that mention a node, read from the server's documents
 * (`GET /api/documents/:id` → { document, text, sentences }), fetched lazily and cached.
 */
import type { MentionRef, Sentence } from '../../src/types.js';
import { el } from './dom.js';

interface DocumentText {
  text: string;
  sentences: Sentence[];
}

const cache = new Map<string, Promise<DocumentText | null>>();

function fetchDocument(id: string): Promise<DocumentText | null> {
  let p = cache.get(id);
  if (!p) {
    p = fetch(`api/documents/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } })
      .then(async (r) => (r.ok ? ((await r.json()) as DocumentText) : null))
      .catch(() => null);
    cache.set(id, p);
  }
  return p;
}

/** The sentence around a mention, with the mention itself as a <mark>. */
function mentionSentence(doc: DocumentText, m: MentionRef): HTMLElement | null {
  if (typeof doc.text !== 'string' || m.start < 0 || m.end > doc.text.length) return null;
  const s = (doc.sentences ?? []).find((x) => x.start <= m.start && m.end <= x.end);
  const start = s ? s.start : Math.max(0, m.start - 120);
  const end = s ? s.end : Math.min(doc.text.length, m.end + 120);
  const lead = doc.text.slice(start, m.start);
  const tail = doc.text.slice(m.end, end);
  return el('q', { class: 'sentence' }, lead.trimStart(), el('mark', { class: 'm0' }, doc.text.slice(m.start, m.end)), tail.trimEnd());
}

/**
 * Fill `list` with up to `limit` sentences mentioning the node, one per sentence, in document order.
 * @param caption renders the document line under each sentence.
 */
export async function fillMentions(list: HTMLElement, mentions: MentionRef[], caption: (doc: string) => Node, limit = 12): Promise<void> {
  const seen = new Set<string>();
  let shown = 0;
  const byDoc = new Map<string, MentionRef[]>();
  for (const m of mentions) {
    const list = byDoc.get(m.doc);
    if (list) list.push(m);
    else byDoc.set(m.doc, [m]);
  }
  for (const [docId, ms] of byDoc) {
    if (shown >= limit) break;
    const doc = await fetchDocument(docId);
    if (!doc) continue;
    for (const m of ms) {
      if (shown >= limit) break;
      const s = (doc.sentences ?? []).find((x) => x.start <= m.start && m.end <= x.end);
      const key = `${docId}:${s ? s.start : m.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const q = mentionSentence(doc, m);
      if (!q) continue;
      list.append(el('li', null, q, ' ', caption(docId)));
      shown++;
    }
  }
  const total = mentions.length;
  if (!shown) list.append(el('li', { class: 'empty' }, 'The document texts are not available.'));
  else if (total > shown) list.append(el('li', { class: 'count' }, `${shown} of ${total} mentions shown`));
}
