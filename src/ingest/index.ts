/**
 * ingest/: read paths into Documents. Formats (.txt, .md, .html/.htm, .jsonl/.ndjson), encodings,
 * binary detection, front matter, HTML main-text extraction and line-level boilerplate removal.
 * Bad input is never thrown: it comes out as `skipped` items naming the path and the reason.
 */
export {
  readDocuments,
  reasonOf,
  resolveReadOptions,
  DEFAULT_MAX_FILE_BYTES,
  SUPPORTED_EXTENSIONS,
  type IngestItem,
  type ReadOptions,
  type ResolvedReadOptions,
} from './read.js';
export { compareScans, sameScan, scanInputs, type InputScan, type ScanChanges } from './scan.js';
export { documentFromText, guessTitle, type TextFormat, type TextMeta } from './document.js';
export { removeBoilerplate, type BoilerplateResult, type RemovedSpan } from './boilerplate.js';
export { extractHtml, type HtmlArticle } from './html.js';
export { normaliseDate } from './dates.js';
export { decodeText, sniffBinary } from './decode.js';
