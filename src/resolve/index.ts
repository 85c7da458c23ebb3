/**
 * resolve/: cross-document entity resolution (aliases, acronyms, titles, type votes). Pure: extractions
 * in, entities out. See entities.ts for the merging steps and names.ts for name analysis.
 */
export { resolveEntities, RESOLVE_MEMO_FORMAT, type Resolution, type ResolveMemo, type ResolveOptions } from './entities.js';
export { normalizeName, slugify } from './names.js';
