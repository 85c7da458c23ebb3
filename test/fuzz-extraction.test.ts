/**
 * Property-based tests of extraction (issue 8.7): for arbitrary strings — unicode, control
 * characters, long runs, HTML-ish markup, news-like sentences with noise — `extractDocument`
 * never throws anything but a NewsgraphError (it should not throw at all: extraction is total),
 * and every offset it returns lies inside the text with start ≤ end; mention texts are exactly
 * their slice of the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NewsgraphError } from '../src/errors.js';
import { extractDocument } from '../src/nlp/index.js';
import type { DocumentExtraction, Span } from '../src/types.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Every problem with the extraction's offsets, as readable strings (empty when all is well). */
function offsetProblems(text: string, x: DocumentExtraction): string[] {
  const problems: string[] = [];
  const check = (what: string, span: Span | undefined) => {
    if (!span) return problems.push(`${what}: missing span`);
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end)) problems.push(`${what}: non-integer offsets ${start}..${end}`);
    else if (start < 0 || end > text.length || start > end) problems.push(`${what}: ${start}..${end} outside 0..${text.length} or reversed`);
    return undefined;
  };
  const sentenceOk = (what: string, i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= x.sentences.length) problems.push(`${what}: sentence index ${i} of ${x.sentences.length}`);
  };
  x.sentences.forEach((s, i) => check(`sentence ${i}`, s));
  const ids = new Set(x.mentions.map((m) => m.id));
  for (const m of x.mentions) {
    check(`mention ${m.id}`, m);
    if (text.slice(m.start, m.end) !== m.text) problems.push(`mention ${m.id}: text ${JSON.stringify(m.text)} ≠ slice ${JSON.stringify(text.slice(m.start, m.end))}`);
    sentenceOk(`mention ${m.id}`, m.sentence);
    if (m.refersTo !== undefined && !ids.has(m.refersTo)) problems.push(`mention ${m.id}: refersTo unknown ${m.refersTo}`);
  }
  x.relations.forEach((r, i) => {
    check(`relation ${i} subject`, r.subject);
    check(`relation ${i} object`, r.object);
    sentenceOk(`relation ${i}`, r.sentence);
    for (const ref of [r.subject.mention, r.object.mention]) if (ref !== undefined && !ids.has(ref)) problems.push(`relation ${i}: unknown mention ${ref}`);
  });
  x.attributions.forEach((a, i) => {
    check(`attribution ${i} subject`, a.subject);
    check(`attribution ${i} cue`, a.cue);
    check(`attribution ${i} content`, a.content);
    sentenceOk(`attribution ${i}`, a.sentence);
  });
  x.claims.forEach((c, i) => {
    check(`claim ${i}`, c.span);
    sentenceOk(`claim ${i}`, c.sentence);
  });
  return problems;
}

/** Runs extraction; returns the outcome instead of throwing. */
function extract(text: string): { ok: true; x: DocumentExtraction } | { ok: false; error: unknown } {
  try {
    return { ok: true, x: extractDocument({ id: 'fuzz.txt', text }) };
  } catch (error) {
    return { ok: false, error };
  }
}

function assertTotal(text: string): void {
  const outcome = extract(text);
  if (!outcome.ok) {
    // Only newsgraph's own errors may escape, and ideally none do.
    expect(outcome.error, `threw on ${JSON.stringify(text.slice(0, 200))}`).toBeInstanceOf(NewsgraphError);
    return;
  }
  expect(outcome.x.doc).toBe('fuzz.txt');
  expect(offsetProblems(text, outcome.x), `on ${JSON.stringify(text.slice(0, 200))}`).toEqual([]);
}

const NAMES = ['Recep Tayyip Erdogan', 'NATO', 'Jens Stoltenberg', 'the Syrian Observatory for Human Rights (SOHR)', 'Idlib', 'Mr. Putin', 'U.S.', 'Dr. Ana María Núñez', 'Al-Assad', "O'Brien"];
const VERBS = ['condemned', 'said', 'met', 'attacked', 'told reporters', 'accused', 'warned', 'retaliated against', 'did not support', 'vowed to hit'];
const NOISE = ['\u0000', '\u0007', '\t', '\r\n', '\n\n\n', '\u00a0', '\u200b', '\u202e', '\ufeff', '\ud800', '\udfff', '😀', '👩‍👩‍👧', 'e\u0301', '…', '“', '”', '—', '.', '!?', '...', '"', "'", '(', ')', '<', '>', '&amp;', '%', '$', '33', '1,000', 'thirty-four', '2020-02-28'];

/** News-like sentences with names, verbs and numbers, broken up by noise. */
const newsish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...NAMES),
      fc.constantFrom(...VERBS),
      fc.constantFrom(...NOISE),
      fc.constantFrom(' ', ' ', ' ', '. ', ', ', ' said ', ' killed ', ' at least '),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** HTML-ish markup with scripts, entities and unbalanced tags. */
const htmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom('<p>', '</p>', '<script>alert(1)</script>', '<style>p{}</style>', '<a href="javascript:x">', '</a>', '<img src=x onerror=alert(1)>', '<!--', '-->', '<![CDATA[', ']]>', '&lt;', '&#x27;', '&nbsp;', '<br/>', '<div class="x">'),
      fc.constantFrom(...NAMES),
      fc.constantFrom(...VERBS),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

/** Long runs of one character or short pattern (tokenizer and regex stress). */
const runs = fc
  .tuple(fc.constantFrom('a', '.', ' ', '\n', 'A', '-', '"', '(', 'Mr. ', 'U.S. ', 'NATO ', '1', '😀', '\u0301', 'ab. '), fc.integer({ min: 1, max: 250 }), fc.string({ maxLength: 20 }))
  .map(([unit, n, tail]) => unit.repeat(n).slice(0, 500) + tail);

describe('nlp', () => {
  describe('extractDocument', () => {
    it('should be total and keep offsets inside the text for arbitrary unicode strings', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), assertTotal), { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261121) });
    });

    it('should be total and keep offsets inside the text for news-like text with noise', () => {
      fc.assert(fc.property(newsish, assertTotal), { numRuns: RUNS, seed: 8 });
    });

    it('should be total and keep offsets inside the text for HTML-ish text', () => {
      fc.assert(fc.property(htmlish, assertTotal), { numRuns: Math.ceil(RUNS / 2), seed: 87 });
    });

    it('should be total and keep offsets inside the text for long runs', () => {
      fc.assert(fc.property(runs, assertTotal), { numRuns: Math.ceil(RUNS / 2), seed: 7 });
    });

    const edge: [string, string][] = [
      ['empty', ''],
      ['one space', ' '],
      ['only punctuation', '.!?…'],
      ['lone surrogates', '\ud800\udc00\ud800 Erdogan \udfff said.'],
      ['NUL bytes', 'NATO\u0000 condemned\u0000 Russia.'],
      ['right-to-left override', '\u202eNATO condemned Russia.'],
      ['byte-order mark', '\ufeffErdogan met Putin in Moscow.'],
      ['combining marks', 'Erdog\u0306an met Pu\u0301tin.'],
      ['only newlines', '\n'.repeat(300)],
      ['a 500-character word', 'x'.repeat(500)],
      ['a run of abbreviations', 'U.S. '.repeat(100)],
    ];
    it.each(edge)('should be total on %s', (_label, text) => {
      assertTotal(text);
    });
  });
});
