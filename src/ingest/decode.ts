/**
 * Bytes → text for ingest/: recognises binary files by their content (magic numbers, NUL bytes,
 * control characters) before anything parses them, and decodes text as UTF-8 (BOM stripped),
 * UTF-16 LE/BE (with a BOM, or without one when the NUL pattern says so), or — for bytes that are
 * not valid UTF-8 — with U+FFFD replacement or as Windows-1252 (see `decodeText`).
 *
 * Offsets in a Document index into the DECODED text (JavaScript string), never into the bytes: a
 * UTF-8 BOM is dropped, so offsets start at the first character after it.
 */

/** What `sniffBinary` found: a short human name for the kind of binary file. */
export type BinaryKind = string;

interface Magic {
  name: string;
  bytes: number[];
  /** Offset of the signature in the file. */
  at?: number;
}

/** Signatures of common non-text files people drop into article folders. */
const MAGIC: Magic[] = [
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { name: 'WebP/RIFF media', bytes: [0x52, 0x49, 0x46, 0x46] }, // RIFF
  { name: 'ZIP archive (or .docx/.xlsx/.epub)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'bzip2 archive', bytes: [0x42, 0x5a, 0x68] },
  { name: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'OLE2 document (.doc/.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Windows executable', bytes: [0x4d, 0x5a] },
  { name: 'WebAssembly', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66] },
  { name: 'MP4/MOV video', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { name: 'MP3 audio', bytes: [0x49, 0x44, 0x33] }, // ID3
  { name: 'Ogg media', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { name: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

/** How many leading bytes the content checks look at. */
export const SNIFF_BYTES = 64 * 1024;

/** Share of control characters above which a file without a text BOM counts as binary. */
const CONTROL_RATIO = 0.1;
/** Share of invalid UTF-8 sequences (per character) up to which a file is read with U+FFFD. */
const REPLACEMENT_RATIO = 0.01;

export type Bom = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The byte order mark at the start of `bytes`, if any. */
export function detectBom(bytes: Uint8Array): Bom | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a BOM, recognised by NULs in every other byte of ASCII-heavy text. */
function detectBomlessUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Returns a short name for the kind of binary file `sample` (the first bytes of a file) is, or null
 * when it looks like text. Text BOMs win: UTF-16 text is full of NULs but is text.
 */
export function sniffBinary(sample: Uint8Array): BinaryKind | null {
  for (const m of MAGIC) {
    const at = m.at ?? 0;
    if (sample.length < at + m.bytes.length) continue;
    if (m.bytes.every((b, i) => sample[at + i] === b)) return m.name;
  }
  const bom = detectBom(sample);
  if (bom === 'utf-16le' || bom === 'utf-16be') return null;
  if (detectBomlessUtf16(sample)) return null;
  const n = Math.min(sample.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i]!;
    if (b === 0) return 'binary data (NUL bytes)';
    // Tab, LF, VT, FF, CR and ESC (ANSI colour codes in logs) are fine in text.
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) || b === 0x7f) {
      control++;
    }
  }
  if (n > 0 && control / n > CONTROL_RATIO) return 'binary data (control characters)';
  return null;
}

/** The result of decoding a file's bytes. */
export type DecodeResult =
  | { ok: true; text: string; encoding: string; warning?: string }
  | { ok: false; reason: string };

/** `charset` named in an HTML `<meta>` within the first KB, lower-case, or null. */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** Windows-1252's characters for bytes 0x80–0x9F (undefined positions keep their C1 code). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Decodes Windows-1252. Node's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x93 → U+0093
 * instead of “), so the 0x80–0x9F block is mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/**
 * Decodes a text file's bytes. Policy (documented in the README's ingest section):
 * - a BOM decides (UTF-8 BOM stripped; UTF-16 LE/BE decoded); UTF-16 without a BOM is recognised
 *   by its NUL pattern;
 * - otherwise strict UTF-8 (or the `charset` an HTML page declares, when `hint` names one);
 * - bytes that are not valid UTF-8: when at most 1% of the characters are invalid sequences, the
 *   text is read with U+FFFD in their place and a warning says how many; when more, the file is a
 *   legacy 8-bit file and is read as Windows-1252 (a superset of Latin-1), with a warning — unless
 *   that gives control characters, in which case it is not text and is refused.
 */
export function decodeText(bytes: Uint8Array, hint?: string | null): DecodeResult {
  const bom = detectBom(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    const text = new TextDecoder(bom, { ignoreBOM: false }).decode(bytes);
    return { ok: true, text, encoding: bom };
  }
  if (bom === null) {
    const u16 = detectBomlessUtf16(bytes.subarray(0, 4096));
    if (u16) return { ok: true, text: new TextDecoder(u16).decode(bytes), encoding: u16 };
  }
  if (bom === null && hint && /^(?:windows-1252|cp-?1252|x-cp1252|iso[-_]?8859-1|latin-?1|l1|us-ascii|ascii)$/i.test(hint)) {
    // WHATWG maps all of these labels to Windows-1252.
    return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
  if (bom === null && hint && !/^utf-?8$/i.test(hint)) {
    try {
      const text = new TextDecoder(hint, { fatal: true }).decode(bytes);
      return { ok: true, text, encoding: hint };
    } catch {
      // unknown label or bytes not in that charset: fall through to UTF-8
    }
  }
  try {
    // ignoreBOM: false → the decoder strips a UTF-8 BOM.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
    const bad = countReplacements(text);
    if (bad <= Math.max(1, text.length * REPLACEMENT_RATIO)) {
      return {
        ok: true,
        text,
        encoding: 'utf-8',
        warning: `invalid UTF-8: ${bad} byte sequence${bad === 1 ? '' : 's'} replaced by U+FFFD`,
      };
    }
    const legacy = decodeWindows1252(bytes);
    // eslint-disable-next-line no-control-regex
    const controls = (legacy.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f-\u009f]/g) ?? []).length;
    if (controls > legacy.length * 0.001) {
      return { ok: false, reason: 'not text: invalid UTF-8 and control characters (binary data?)' };
    }
    return {
      ok: true,
      text: legacy,
      encoding: 'windows-1252',
      warning: `not valid UTF-8 (${bad} invalid sequences); read as Windows-1252`,
    };
  }
}
