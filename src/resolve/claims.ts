/**
 * Groups the claims of all documents by what they are about, marking those where documents
 * report different values as disputed. Pure.
 *
 * Claims are about the same fact when their property and the class of what they count agree
 * ("killed: turkish soldiers"). A claim that leaves the nationality out ("34 soldiers killed") joins
 * the one group of that property and head that names a nationality, when there is exactly one;
 * otherwise it stays on its own.
 */
import type { Claim, ClaimGroup, DocumentExtraction } from '../types.js';

/** The head class of a normalised claim subject: its last word (`turkish soldiers` → `soldiers`). */
function headOf(subject: string): string {
  const words = subject.split(' ');
  return words[words.length - 1] ?? subject;
}

/** Groups per-document claims across documents; sorted by `about`. */
export function groupClaims(extractions: readonly DocumentExtraction[]): ClaimGroup[] {
  const all: { doc: string; claim: Claim }[] = [];
  for (const ex of extractions) for (const claim of ex.claims) all.push({ doc: ex.doc, claim });
  // which qualified subjects exist per property + head
  const qualified = new Map<string, Set<string>>();
  for (const { claim } of all) {
    if (claim.subject.includes(' ')) {
      const k = `${claim.property}\u0000${headOf(claim.subject)}`;
      (qualified.get(k) ?? qualified.set(k, new Set()).get(k)!).add(claim.subject);
    }
  }
  const groups = new Map<string, ClaimGroup>();
  for (const { doc, claim: c } of all) {
    let subject = c.subject;
    if (!subject.includes(' ')) {
      const options = qualified.get(`${c.property}\u0000${headOf(subject)}`);
      if (options?.size === 1) subject = [...options][0]!;
    }
    const about = `${c.property}: ${subject}`;
    const g = groups.get(about) ?? groups.set(about, { about, property: c.property, subject, values: [], disputed: false }).get(about)!;
    let v = g.values.find((x) => x.value === c.value);
    if (!v) g.values.push((v = { value: c.value, docs: [], surfaces: [] }));
    if (!v.docs.includes(doc)) v.docs.push(doc);
    if (!v.surfaces.includes(c.surface)) v.surfaces.push(c.surface);
  }
  const out = [...groups.values()].sort((a, b) => (a.about < b.about ? -1 : a.about > b.about ? 1 : 0));
  for (const g of out) {
    g.values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    for (const v of g.values) v.docs.sort(), v.surfaces.sort();
    // disputed: documents disagree, i.e. at least two values each reported by a different document
    const docsOf = g.values.map((v) => new Set(v.docs));
    g.disputed = g.values.length > 1 && docsOf.some((a, i) => docsOf.some((b, j) => j !== i && [...b].some((d) => !a.has(d))));
  }
  return out;
}
