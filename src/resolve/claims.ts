/**
 * Groups the claims of all documents by what they are about, marking those where documents
 * report different values as disputed. Pure.
 * (Baseline: group by `about`; to be refined by the claims work.)
 */
import type { ClaimGroup, DocumentExtraction } from '../types.js';

/** Groups per-document claims across documents; sorted by `about`. */
export function groupClaims(extractions: DocumentExtraction[]): ClaimGroup[] {
  const groups = new Map<string, ClaimGroup>();
  for (const ex of extractions) {
    for (const c of ex.claims) {
      const g = groups.get(c.about) ?? groups.set(c.about, { about: c.about, property: c.property, subject: c.subject, values: [], disputed: false }).get(c.about)!;
      let v = g.values.find((x) => x.value === c.value);
      if (!v) g.values.push((v = { value: c.value, docs: [], surfaces: [] }));
      if (!v.docs.includes(ex.doc)) v.docs.push(ex.doc);
      if (!v.surfaces.includes(c.surface)) v.surfaces.push(c.surface);
    }
  }
  const out = [...groups.values()].sort((a, b) => (a.about < b.about ? -1 : 1));
  for (const g of out) {
    g.values.sort((a, b) => (a.value < b.value ? -1 : 1));
    for (const v of g.values) v.docs.sort(), v.surfaces.sort();
    g.disputed = g.values.length > 1;
  }
  return out;
}
