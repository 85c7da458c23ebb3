/**
 * Text helpers for the viewer: accent-insensitive name normalisation (search, path fields) and
 * splitting a sentence into plain / highlighted pieces. Pure: no DOM.
 */

const EXTRA: Record<string, string> = {
  ı: 'i', İ: 'i', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe',
  đ: 'd', Đ: 'd', ð: 'd', þ: 'th', '’': "'", '‘': "'",
};

/** Lower-case, strip accents, map a few letters NFD does not split, collapse non-alphanumerics. */
export function normalizeName(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD')) {
    const mapped = EXTRA[ch];
    out += mapped ?? ch;
  }
  return out
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface TextPiece {
  text: string;
  /** Index of the name that matched (into the `names` argument), or -1 for plain text. */
  mark: number;
}

/**
 * Split `text` into pieces where any of `names` occurs (case- and accent-insensitive, whole words),
 * longest names first, so the caller can render matches as <mark> text nodes.
 * @param names groups of names (e.g. [sourceAliases, targetAliases]); `mark` is the group index.
 */
export function splitHighlights(text: string, names: string[][]): TextPiece[] {
  // Fold each char to a comparable form while keeping a map back to original offsets.
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]!);
    for (let k = 0; k < f.length; k++) {
      folded += f[k];
      map.push(i);
    }
  }
  map.push(text.length);
  const candidates: { needle: string; group: number }[] = [];
  names.forEach((group, g) => {
    for (const n of group) {
      let needle = '';
      for (const ch of n) needle += foldChar(ch);
      needle = needle.trim();
      if (needle.length >= 2) candidates.push({ needle, group: g });
    }
  });
  candidates.sort((a, b) => b.needle.length - a.needle.length);
  const taken: { start: number; end: number; group: number }[] = [];
  for (const { needle, group } of candidates) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(needle, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + needle.length;
      const before = folded[at - 1];
      const after = folded[end];
      if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
      if (taken.some((t) => at < t.end && end > t.start)) continue;
      taken.push({ start: at, end, group });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  const pieces: TextPiece[] = [];
  let pos = 0;
  for (const t of taken) {
    const s = map[t.start]!;
    const e = map[t.end]!;
    if (s > pos) pieces.push({ text: text.slice(pos, s), mark: -1 });
    pieces.push({ text: text.slice(s, e), mark: t.group });
    pos = e;
  }
  if (pos < text.length || pieces.length === 0) pieces.push({ text: text.slice(pos), mark: -1 });
  return pieces;
}

function foldChar(ch: string): string {
  const mapped = EXTRA[ch];
  if (mapped !== undefined) return mapped;
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  // Keep a one-to-one-ish mapping: an empty fold (lone combining mark) becomes a space.
  return base.length ? base : ' ';
}
