/** export/: the formats the graph leaves in. */
export { toGexf } from './gexf.js';
export { toJson, toSerialized } from './json.js';
