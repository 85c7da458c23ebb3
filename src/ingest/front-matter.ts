/**
 * Front matter at the top of .txt / .md files (`---\ntitle: …\nsource: …\ndate: …\nurl: …\n---`):
 * a small YAML subset (one `key: value` a line, optional quotes). The block is blanked with spaces
 * in the returned text, so offsets still index into the file.
 */
import { blank } from './boilerplate.js';

export interface FrontMatter {
  /** Lower-case keys → values, quotes removed. */
  fields: Record<string, string>;
  /** The text with the front-matter block blanked (same length). */
  text: string;
}

const OPEN = /^(?:\ufeff)?---[ \t]*\r?\n/;

/** Parses and blanks a leading front-matter block; returns null when the text has none. */
export function parseFrontMatter(text: string): FrontMatter | null {
  const open = OPEN.exec(text);
  if (!open) return null;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) return null;
  const body = rest.slice(0, end.index);
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let lines = 0;
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    // Not `key: value`: this was a horizontal rule, not front matter.
    if (!m) return null;
    lines++;
    let v = m[2]!.trim();
    if ((v.startsWith('"') && v.endsWith('"') && v.length >= 2) || (v.startsWith("'") && v.endsWith("'") && v.length >= 2)) {
      v = v.slice(1, -1);
    }
    fields[m[1]!.toLowerCase()] = v;
  }
  if (lines === 0) return null;
  const blockEnd = open[0].length + end.index + end[0].length;
  return { fields, text: blank(text.slice(0, blockEnd)) + text.slice(blockEnd) };
}
