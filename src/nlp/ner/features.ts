/**
 * Features of the named-entity tagger: word identity, word shape, affixes, neighbours, gazetteer and
 * compromise-lexicon lookups, the casing mode of the sentence (ordinary / headline / all caps) and
 * document-level evidence (is this word seen in lower case, or capitalised mid-sentence, elsewhere in
 * the document?). The same code computes the features for training (scripts/train-ner.mjs, on dist/)
 * and at run time, so the two cannot drift apart.
 */
import { HONORIFIC_WORDS, TITLE_WORDS } from '../../lexicon/titles.js';
import { lookupGazetteer, lookupWord } from './gazetteer.js';

/** Casing of a sentence: N ordinary, T headline (most words capitalised), U all caps. */
export type CaseMode = 'N' | 'T' | 'U';

/** What the tagger knows about the whole document. */
export interface DocInfo {
  modes: CaseMode[];
  /** Lower-cased words seen written in lower case in an ordinary sentence. */
  seenLower: Set<string>;
  /** Lower-cased words seen capitalised, not sentence-initially, in an ordinary sentence. */
  seenCapMid: Set<string>;
  /**
   * Context aggregation (Ratinov & Roth 2009): for each capitalised word (lower-cased), the words seen
   * just before (`p:`) and after (`n:`) its occurrences anywhere in the document, so "Pirelli 's
   * cables division" informs every other "Pirelli". At most MAX_CONTEXTS per word.
   */
  contexts: Map<string, string[]>;
  /**
   * Is the document a sports report (sports words, match scores)? There a city's name is usually a
   * team ("Genoa beat Lecce 3-0") — an organisation, not a place.
   */
  sport: boolean;
}

/** Words that mark a sports report. */
const SPORT_WORDS = new Set([
  'soccer', 'football', 'rugby', 'cricket', 'tennis', 'golf', 'baseball', 'basketball', 'hockey', 'cycling',
  'athletics', 'league', 'cup', 'match', 'matches', 'innings', 'goal', 'goals', 'scored', 'halftime',
  'half-time', 'championship', 'tournament', 'coach', 'striker', 'midfielder', 'defender', 'goalkeeper',
  'playoff', 'playoffs', 'semifinal', 'semi-final', 'quarter-final', 'quarterfinal', 'final', 'wickets',
  'runs', 'homer', 'pitcher', 'inning', 'seeded', 'beat', 'drew', 'draw', 'standings', 'division', 'played',
  'won', 'lost', 'points', 'season', 'team', 'squad', 'player', 'players', 'olympic', 'medal', 'race',
]);
const SCORE = /^\d{1,3}-\d{1,3}$/;

const MAX_CONTEXTS = 12;

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;

/** Short word shape: `Xx`, `X`, `x`, `d`, `X.X.`, `Xx-Xx`, `d,d`… (runs of one class collapsed). */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i] as string;
    let k: string;
    if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (UPPER.test(c)) k = 'X';
    else if (LOWER.test(c)) k = 'x';
    else if (LETTER.test(c)) k = 'x';
    else k = c;
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

function isCapitalised(w: string): boolean {
  const c = w[0] ?? '';
  return UPPER.test(c);
}

/** The casing mode of a sentence's words. */
export function caseMode(words: readonly string[]): CaseMode {
  let alpha = 0;
  let allCaps = 0;
  let caps = 0;
  for (const w of words) {
    if (w.length < 2 || !LETTER.test(w[0] ?? '')) continue;
    alpha++;
    if (!LOWER.test(w)) allCaps++;
    else if (isCapitalised(w)) caps++;
  }
  if (alpha >= 2 && allCaps >= 0.8 * alpha) return 'U';
  if (alpha >= 3 && caps + allCaps >= 0.75 * alpha) return 'T';
  return 'N';
}

/** Collects the document-level evidence used by the tagger. */
export function computeDocInfo(sentences: readonly (readonly string[])[]): DocInfo {
  const modes = sentences.map(caseMode);
  const seenLower = new Set<string>();
  const seenCapMid = new Set<string>();
  const contexts = new Map<string, string[]>();
  let sportCues = 0;
  sentences.forEach((words, s) => {
    for (const w of words) if (SCORE.test(w) || SPORT_WORDS.has(w.toLowerCase())) sportCues++;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (!isCapitalised(w)) continue;
      const lower = w.toLowerCase();
      let list = contexts.get(lower);
      if (!list) contexts.set(lower, (list = []));
      if (list.length >= MAX_CONTEXTS) continue;
      const p = 'p:' + (i > 0 ? (words[i - 1] as string).toLowerCase() : '<s>');
      const n = 'n:' + (i + 1 < words.length ? (words[i + 1] as string).toLowerCase() : '</s>');
      if (!list.includes(p)) list.push(p);
      if (list.length < MAX_CONTEXTS && !list.includes(n)) list.push(n);
    }
    // a link's words are no prose ("http : / / www . contactmusic . com / news / lindsay - lohan - rehab"): its lower
    // case says nothing about how names are written
    if (modes[s] !== 'N' || isLinkLine(words)) return;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const c = w[0] ?? '';
      if (!LETTER.test(c)) continue;
      if (LOWER.test(c)) seenLower.add(w.toLowerCase());
      else if (i > 0 && UPPER.test(c) && !/^["'“‘(\[-]$/.test(words[i - 1] ?? '')) seenCapMid.add(w.toLowerCase());
    }
  });
  return { modes, seenLower, seenCapMid, contexts, sport: sportCues >= 4 };
}

/** Whether a line's words are a web address, written whole or token by token ("http : / / www . bbc . co . uk / …"). */
function isLinkLine(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if ((w === 'http' || w === 'https') && words[i + 1] === ':' && words[i + 2] === '/') return true;
    if (/^(?:https?:\/\/|www\.)/.test(w)) return true;
  }
  return false;
}

/** Per-token attributes computed once and shared by the neighbours' features. */
interface TokenAttrs {
  lower: string;
  shape: string;
  lex: string;
  gz: string;
}

function attrs(words: readonly string[]): TokenAttrs[] {
  const lowers = words.map((w) => w.toLowerCase());
  const gz = lookupGazetteer(lowers);
  return words.map((w, i) => ({
    lower: lowers[i] as string,
    shape: wordShape(w),
    lex: lookupWord(lowers[i] as string),
    gz: gz[i] as string,
  }));
}

const BOS: TokenAttrs = { lower: '<s>', shape: '<s>', lex: '', gz: '' };
const EOS: TokenAttrs = { lower: '</s>', shape: '</s>', lex: '', gz: '' };

/**
 * The features of each token of a sentence that do not depend on predicted tags.
 * @param mode the sentence's casing mode
 */
export function staticFeatures(words: readonly string[], mode: CaseMode, doc: DocInfo): string[][] {
  const at = featureExtractor(words, mode, doc);
  return words.map((_, i) => at(i));
}

/** Lower-case words that may join two capitalised words inside one name ("Bank of England"). */
const CONNECTORS = new Set(['of', 'for', 'and', '&', 'de', 'du', 'des', 'der', 'la', 'le', 'von', 'van', 'del', 'di']);

/** Role titles and honorifics: one starts a new run ("Foreign Ministry | Spokeswoman Maria Zakharova"). */
const RUN_BREAKS = new Set([...TITLE_WORDS, ...HONORIFIC_WORDS]);

/**
 * Runs of capitalised words (with connectors between them) in an ordinary sentence: for each token in
 * a run, the run's first and last word and the token's position in it. The word that ends a run is
 * the best single cue for the whole name ("Southern California Edison Co", "Taiwan Flour Mills
 * Assn", "University of Pennsylvania"), so every word of the run sees it. A role title starts a new
 * run, so a name after a title does not end the organisation before it. Empty strings outside runs
 * and in headline / all-caps sentences, where nearly every word is capitalised.
 */
function capitalRuns(words: readonly string[], lowers: readonly string[], mode: CaseMode): string[] {
  const n = words.length;
  const out: string[] = new Array<string>(n).fill('');
  if (mode !== 'N') return out;
  let i = 0;
  while (i < n) {
    if (!isCapitalised(words[i] as string)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < n && isCapitalised(words[j] as string) && !RUN_BREAKS.has(lowers[j] as string)) j++;
      else if (
        j + 1 < n &&
        CONNECTORS.has(lowers[j] as string) &&
        isCapitalised(words[j + 1] as string) &&
        !RUN_BREAKS.has(lowers[j + 1] as string)
      )
        j += 2;
      else break;
    }
    const first = lowers[i] as string;
    const last = lowers[j - 1] as string;
    const len = j - i;
    for (let k = i; k < j; k++) {
      const pos = len === 1 ? 'S' : k === i ? 'B' : k === j - 1 ? 'E' : 'I';
      out[k] = pos + (len > 3 ? '4' : String(len)) + '|' + first + '|' + last;
    }
    i = j;
  }
  return out;
}

/** Receives one feature as its name with `=` (or the whole feature, `b`, `punct`) and its value. */
export type EmitFeature = (prefix: string, value: string) => void;

/**
 * Like `staticFeatures`, but lazy: returns a function computing one token's features on demand, so
 * the tagger can skip the strings of tokens it does not need to score.
 */
export function featureExtractor(words: readonly string[], mode: CaseMode, doc: DocInfo): (i: number) => string[] {
  const emitAt = featureEmitter(words, mode, doc);
  return (i: number): string[] => {
    const f: string[] = [];
    emitAt(i, (prefix, value) => f.push(prefix + value));
    return f;
  };
}

/**
 * The features of `featureExtractor`, in the same order, given in two parts (`w=` and the word) so
 * that a scorer can look them up without building each feature's string (`modelPartScorer`): the
 * single source of the tagger's static features.
 */
export function featureEmitter(words: readonly string[], mode: CaseMode, doc: DocInfo): (i: number, emit: EmitFeature) => void {
  const a = attrs(words);
  const n = words.length;
  const runs = capitalRuns(words, a.map((t) => t.lower), mode);
  return (i: number, emit: EmitFeature): void => {
    const t = a[i] as TokenAttrs;
    const p1 = i > 0 ? (a[i - 1] as TokenAttrs) : BOS;
    const p2 = i > 1 ? (a[i - 2] as TokenAttrs) : BOS;
    const n1 = i + 1 < n ? (a[i + 1] as TokenAttrs) : EOS;
    const n2 = i + 2 < n ? (a[i + 2] as TokenAttrs) : EOS;
    const w = t.lower;
    emit('b', '');
    emit('w=', w);
    emit('s=', t.shape);
    emit('m=', mode + t.shape);
    emit('p3=', w.slice(0, 3));
    emit('x2=', w.slice(-2));
    emit('x3=', w.slice(-3));
    emit('x4=', w.slice(-4));
    emit('w-1=', p1.lower);
    emit('w-2=', p2.lower);
    emit('w+1=', n1.lower);
    emit('w+2=', n2.lower);
    emit('ww-1=', p1.lower + '|' + w);
    emit('ww+1=', w + '|' + n1.lower);
    emit('s-1=', mode + p1.shape + '|' + t.shape);
    emit('s+1=', mode + t.shape + '|' + n1.shape);
    emit('sss=', mode + p1.shape + '|' + t.shape + '|' + n1.shape);
    emit('lx=', t.lex);
    emit('lx-1=', p1.lex);
    emit('lx+1=', n1.lex);
    emit('gz=', t.gz);
    emit('gz-1=', p1.gz);
    emit('gz+1=', n1.gz);
    emit('gzs=', t.gz + '|' + mode + t.shape);
    emit('W=', words[i] as string);
    emit('lx-2=', p2.lex);
    emit('lx+2=', n2.lex);
    emit('w-1s=', p1.lower + '|' + t.shape);
    emit('sw+1=', t.shape + '|' + n1.lower);
    emit('lxx=', p1.lex + '|' + t.lex + '|' + n1.lex);
    if (i === 0) emit('first=', mode + t.shape);
    const run = runs[i] as string;
    if (run) {
      const [pos, first, last] = run.split('|') as [string, string, string];
      if (pos[1] !== '1') {
        emit('re=', last);
        emit('rs=', first);
        emit('rp=', pos);
      }
    }
    if (w.length === 1 && !LETTER.test(w)) emit('punct', '');
    else {
      const dl = doc.seenLower.has(w);
      const dc = doc.seenCapMid.has(w);
      emit('d=', mode + (dl ? 'l' : '') + (dc ? 'c' : '') + '|' + (isCapitalised(words[i] as string) ? 'C' : 'c'));
      const cap = isCapitalised(words[i] as string);
      if (cap && doc.sport) {
        emit('sp=', mode + '|' + t.lex + '|' + t.gz);
        emit('spn=', mode + '|' + t.gz + '|' + n1.shape);
      }
      const ctx = cap ? doc.contexts.get(w) : undefined;
      if (ctx) for (const c of ctx) emit('ca=', c);
    }
  };
}

/** Features that depend on the tags already predicted for the two previous tokens. */
export function tagFeatures(prev1: string, prev2: string, lower: string, shape: string): string[] {
  return ['t-1=' + prev1, 't-2=' + prev2 + '|' + prev1, 't-1w=' + prev1 + '|' + lower, 't-1s=' + prev1 + '|' + shape];
}

/** `tagFeatures` in two parts, in the same order (see `featureEmitter`). */
export function emitTagFeatures(prev1: string, prev2: string, lower: string, shape: string, emit: EmitFeature): void {
  emit('t-1=', prev1);
  emit('t-2=', prev2 + '|' + prev1);
  emit('t-1w=', prev1 + '|' + lower);
  emit('t-1s=', prev1 + '|' + shape);
}
