/**
 * resolve/: cross-document entity resolution. Pure: extractions in, entities out.
 * (Baseline: merge mentions with the same normalised name; to be replaced by the merging work.)
 */
import type { DocumentExtraction, DocumentInfo, Entity, EntityType, MentionRef } from '../types.js';

export interface Resolution {
  /** Entities sorted by id. */
  entities: Entity[];
  /** `${doc}#${mentionId}` → entity id, for every mention that belongs to an entity. */
  entityOf: Map<string, string>;
}

/** Normalises a name for comparison: accents, case, quotes, possessive, punctuation. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/'s$/, '')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Slug for stable node keys: `recep-tayyip-erdogan`. */
export function slugify(name: string): string {
  return normalizeName(name).replace(/\s+/g, '-') || 'unnamed';
}

/** Merges the mentions of all documents into entities. Order of the inputs does not matter. */
export function resolveEntities(extractions: DocumentExtraction[], documents: DocumentInfo[]): Resolution {
  void documents;
  const groups = new Map<string, { refs: { key: string; ref: MentionRef; text: string; type: EntityType }[] }>();
  const sorted = [...extractions].sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
  for (const ex of sorted) {
    const byId = new Map(ex.mentions.map((m) => [m.id, m]));
    for (const m of ex.mentions) {
      const named = m.kind === 'name' ? m : m.refersTo ? byId.get(m.refersTo) : undefined;
      if (!named) continue;
      const norm = normalizeName(named.text);
      if (!norm) continue;
      const g = groups.get(norm) ?? groups.set(norm, { refs: [] }).get(norm)!;
      g.refs.push({ key: `${ex.doc}#${m.id}`, ref: { doc: ex.doc, start: m.start, end: m.end }, text: m.text, type: named.type });
    }
  }
  const entities: Entity[] = [];
  const entityOf = new Map<string, string>();
  const used = new Set<string>();
  for (const [norm, g] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const votes = new Map<EntityType, number>();
    for (const r of g.refs) votes.set(r.type, (votes.get(r.type) ?? 0) + 1);
    const type = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const names = g.refs.filter((r) => !/^(he|she|it|they|him|her|them)$/i.test(r.text)).map((r) => r.text);
    const label = [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0] ?? norm;
    let id = `${type}:${slugify(label)}`;
    for (let i = 2; used.has(id); i++) id = `${type}:${slugify(label)}-${i}`;
    used.add(id);
    for (const r of g.refs) entityOf.set(r.key, id);
    entities.push({
      id,
      type,
      label,
      aliases: [...new Set(names)].sort(),
      mentions: g.refs.map((r) => r.ref),
      roles: [],
      mergeReasons: [],
    });
  }
  entities.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { entities, entityOf };
}
