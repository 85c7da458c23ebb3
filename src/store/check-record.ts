// The shape of an extraction record read from a file (extractions.jsonl, `build --from-extractions`):
// what the later stages index into, checked once when the line is read, so that a damaged or foreign
// line is refused with its file, line and field instead of failing deep inside resolution.
type Obj = Record<string, unknown>;

// Fields each item must have as strings, and may have as strings.
const DOCUMENT_STRINGS = ['path', 'title', 'source', 'hash'];
const MENTION_STRINGS = ['id', 'text', 'type', 'kind'];
const MENTION_OPTIONAL = ['refersTo', 'role', 'expands', 'canonical'];
const SPAN_OPTIONAL = ['mention'];
const RELATION_STRINGS = ['predicate', 'verb', 'family', 'quad'];
const RELATION_OPTIONAL = ['assertedBy'];
const CLAIM_STRINGS = ['about', 'property', 'subject', 'value', 'surface'];
const CLAIM_OPTIONAL = ['qualifier', 'assertedBy', 'bound', 'event', 'content', 'key'];
const NONE: readonly string[] = [];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const describe = (v: unknown): string => (v === undefined ? 'missing' : Array.isArray(v) ? 'an array' : v === null ? 'null' : JSON.stringify(v)?.slice(0, 40) ?? typeof v);

/** Checks a span `{ start, end }` against the text; the problem, or undefined. */
function spanProblem(v: unknown, where: string, textLength: number): string | undefined {
  if (!isObj(v)) return `${where} is ${describe(v)}, expected { start, end }`;
  if (!isIndex(v.start)) return `${where}.start is ${describe(v.start)}, expected a character offset`;
  if (!isIndex(v.end)) return `${where}.end is ${describe(v.end)}, expected a character offset`;
  if (v.end < v.start) return `${where} ends (${v.end}) before it starts (${v.start})`;
  if (v.end > textLength) return `${where}.end is ${v.end}, past the end of the text (${textLength} characters)`;
  return undefined;
}

function stringsProblem(v: Obj, where: string, required: readonly string[], optional: readonly string[] = NONE): string | undefined {
  for (const k of required) if (typeof v[k] !== 'string') return `${where}.${k} is ${describe(v[k])}, expected a string`;
  for (const k of optional) if (v[k] !== undefined && typeof v[k] !== 'string') return `${where}.${k} is ${describe(v[k])}, expected a string`;
  return undefined;
}

function sentenceProblem(v: unknown, where: string, sentences: number): string | undefined {
  return isIndex(v) && v < sentences ? undefined : `${where} is ${describe(v)}, expected the index of one of the ${sentences} sentences`;
}

/** The first problem of a list's items (each an object), named `extraction.<name>[i]…`. */
function listProblem(list: unknown[], name: string, n: number, s: number, check: (item: Obj, n: number, s: number) => string | undefined): string | undefined {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const p = isObj(item) ? check(item, n, s) : ` is ${describe(item)}, expected an object`;
    if (p) return `extraction.${name}[${i}]${p}`;
  }
  return undefined;
}

/**
 * What is wrong with a parsed line that should be an extraction record — `{ document, text,
 * extraction }` with extraction.doc the document's id, and every span inside the text, every
 * sentence index inside the sentences, every field the graph reads of the right type — or undefined
 * when it is one. Linear in the record's size, no allocation when it is right.
 */
export function recordProblem(rec: unknown): string | undefined {
  if (!isObj(rec)) return `it is ${describe(rec)}, expected { document, text, extraction }`;
  const doc = rec.document;
  if (!isObj(doc)) return `document is ${describe(doc)}, expected an object`;
  if (typeof doc.id !== 'string' || !doc.id) return `document.id is ${describe(doc.id)}, expected a non-empty string`;
  const problem = stringsProblem(doc, 'document', DOCUMENT_STRINGS);
  if (problem) return problem;
  if (doc.published !== null && typeof doc.published !== 'string') return `document.published is ${describe(doc.published)}, expected a date or null`;
  if (doc.url !== undefined && doc.url !== null && typeof doc.url !== 'string') return `document.url is ${describe(doc.url)}, expected a string or null`;
  if (typeof rec.text !== 'string') return `text is ${describe(rec.text)}, expected the document's text`;
  const ex = rec.extraction;
  if (!isObj(ex)) return `extraction is ${describe(ex)}, expected an object`;
  if (ex.doc !== doc.id) return `extraction.doc is ${describe(ex.doc)}, but document.id is ${JSON.stringify(doc.id)} (a record must describe one document)`;
  for (const k of ['sentences', 'mentions', 'relations', 'attributions', 'claims']) {
    if (!Array.isArray(ex[k])) return `extraction.${k} is ${describe(ex[k])}, expected an array`;
  }
  const n = rec.text.length;
  const s = (ex.sentences as unknown[]).length;
  return (
    listProblem(ex.sentences as unknown[], 'sentences', n, s, (v) => spanProblem(v, '', n)) ??
    listProblem(ex.mentions as unknown[], 'mentions', n, s, mentionProblem) ??
    listProblem(ex.relations as unknown[], 'relations', n, s, relationProblem) ??
    listProblem(ex.attributions as unknown[], 'attributions', n, s, attributionProblem) ??
    listProblem(ex.claims as unknown[], 'claims', n, s, claimProblem)
  );
}

// The item checks: problems named from the item (`.end is …`), which listProblem prefixes with
// `extraction.<list>[i]`; `n` is the text's length, `s` the number of sentences.

const mentionProblem = (m: Obj, n: number, s: number): string | undefined =>
  spanProblem(m, '', n) ??
  stringsProblem(m, '', MENTION_STRINGS, MENTION_OPTIONAL) ??
  sentenceProblem(m.sentence, '.sentence', s);

const relationProblem = (r: Obj, n: number, s: number): string | undefined =>
  spanProblem(r.subject, '.subject', n) ??
  spanProblem(r.object, '.object', n) ??
  stringsProblem(r.subject as Obj, '.subject', NONE, SPAN_OPTIONAL) ??
  stringsProblem(r.object as Obj, '.object', NONE, SPAN_OPTIONAL) ??
  stringsProblem(r, '', RELATION_STRINGS, RELATION_OPTIONAL) ??
  sentenceProblem(r.sentence, '.sentence', s) ??
  (typeof r.negated === 'boolean' && typeof r.hedged === 'boolean' ? undefined : '.negated and .hedged must be true or false');

const attributionProblem = (a: Obj, n: number, s: number): string | undefined =>
  spanProblem(a.subject, '.subject', n) ??
  spanProblem(a.cue, '.cue', n) ??
  spanProblem(a.content, '.content', n) ??
  stringsProblem(a.subject as Obj, '.subject', NONE, SPAN_OPTIONAL) ??
  sentenceProblem(a.sentence, '.sentence', s);

const claimProblem = (c: Obj, n: number, s: number): string | undefined =>
  stringsProblem(c, '', CLAIM_STRINGS, CLAIM_OPTIONAL) ??
  spanProblem(c.span, '.span', n) ??
  sentenceProblem(c.sentence, '.sentence', s) ??
  (c.amount !== undefined && typeof c.amount !== 'number' ? `.amount is ${describe(c.amount)}, expected a number` : undefined) ??
  (c.rank !== undefined && typeof c.rank !== 'number' ? `.rank is ${describe(c.rank)}, expected a number` : undefined) ??
  (c.actors !== undefined && !(Array.isArray(c.actors) && c.actors.every((x) => typeof x === 'string')) ? `.actors is ${describe(c.actors)}, expected mention ids` : undefined);
