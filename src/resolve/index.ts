/**
 * resolve/: cross-document entity resolution (aliases, acronyms, titles, type votes). Pure: extractions
 * in, entities out. See entities.ts for the merging steps and names.ts for name analysis.
 */
export { resolveEntities, type Resolution } from './entities.js';
export { normalizeName, slugify } from './names.js';
