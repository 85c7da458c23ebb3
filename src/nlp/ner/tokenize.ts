/**
 * A fast regex tokenizer with exact offsets, consistent with CoNLL-2003's (Penn-style) tokens:
 * words keep inner hyphens, apostrophes and dots (`al-Assad`, `O'Brien`, `U.S.`, `3.5`), known
 * abbreviations keep their period (`Mr.`, `Feb.`, `Corp.`), the possessive `'s` and every other
 * punctuation mark are tokens of their own. It is ~100× cheaper than compromise's tokenizer, which is
 * why the recogniser uses it (issue 7: NER must cost a fraction of a full parse).
 */

/** One token: `text` is exactly the slice `[start, end)` of the text it came from. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations whose final period belongs to the word (lower case, without the period). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    'mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm maj brig gov sen rep rev hon pres supt insp cpl pvt ' +
    'messrs mme mlle esq ' +
    'inc corp co ltd plc llc bros assn dept univ est approx no nos vs etc al ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mon tue tues wed thu thur thurs fri sat sun ' +
    'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nebr nev ' +
    'okla ore pa penn tenn tex va vt wash wis wisc wyo ' +
    'e.g i.e a.m p.m u.s u.k u.n'
  ).split(' '),
);

// word: letters/digits with inner - ' ’ . & joiners; dotted acronyms (U.S., a.m.); any other single non-space char.
const TOKEN_RE =
  /(?:[\p{L}]\.){2,}|['’](?:[sS]|re|ve|ll|[dm])(?![\p{L}\p{N}])|[\p{L}\p{M}\p{N}_]+(?:(?:[-'’.&/]|(?<=\p{N}),(?=\p{N}{3}(?!\p{N})))[\p{L}\p{M}\p{N}_]+)*\.?|[^\s]/gu;

const POSSESSIVE_RE = /['’][sS]$/;

/**
 * Tokenizes `text.slice(start, end)`; offsets are into `text`.
 * @param start first character to read (default 0)
 * @param end character after the last one to read (default `text.length`)
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(slice)) !== null) {
    const t = m[0];
    const s = start + m.index;
    if (t.length > 1 && t.endsWith('.')) {
      const core = t.slice(0, -1);
      const keep =
        /^(?:\p{L}\.)+\p{L}$/u.test(core) || // dotted acronym missing its last period: U.S -> U.S.
        /^\p{Lu}$/u.test(core) || // an initial: J.
        ABBREVIATIONS.has(core.toLowerCase());
      if (!keep) {
        out.push(...splitPossessive(core, s));
        out.push({ text: '.', start: s + core.length, end: s + t.length });
        continue;
      }
    }
    if (t.length > 2 && POSSESSIVE_RE.test(t)) {
      out.push(...splitPossessive(t, s));
      continue;
    }
    out.push({ text: t, start: s, end: s + t.length });
  }
  return out;
}

function splitPossessive(t: string, s: number): Token[] {
  if (t.length > 2 && POSSESSIVE_RE.test(t)) {
    const n = t.length - 2;
    return [
      { text: t.slice(0, n), start: s, end: s + n },
      { text: t.slice(n), start: s + n, end: s + t.length },
    ];
  }
  return [{ text: t, start: s, end: s + t.length }];
}
