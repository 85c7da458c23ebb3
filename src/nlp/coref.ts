/**
 * Within-document reference, conservatively: third-person singular pronouns ("He called Damascus…")
 * and short definite descriptions ("the Observatory", "the regime", "the governor") resolved to an
 * earlier name mention. Each resolution becomes a mention of kind 'pronoun' | 'description' with
 * `refersTo` set. First-person plural in quotes ("We stand by…") is resolved by the attribution pass.
 */
import { dict } from './relations/tokens.js';
import type { EntityMention } from '../types.js';
import type { DocContext, SentenceState } from './relations/context.js';

const PERSONAL = new Set(['he', 'she', 'him', 'his', 'her']);
/** Description heads that stand for an organisation or group named earlier. */
const ORG_HEADS = new Set([
  'regime', 'government', 'army', 'military', 'ministry', 'alliance', 'council', 'agency', 'organization', 'organisation',
  'observatory', 'monitor', 'party', 'company', 'administration', 'group', 'coalition', 'committee', 'commission', 'union',
  'bank', 'court', 'department', 'militia', 'movement', 'presidency', 'kremlin', 'firm', 'network',
]);
/** Description heads that stand for a person named earlier with that role. */
const PERSON_HEADS = new Set([
  'president', 'governor', 'minister', 'spokesman', 'spokeswoman', 'spokesperson', 'ambassador', 'envoy', 'secretary-general',
  'chancellor', 'senator', 'mayor', 'leader', 'chief', 'diplomat', 'premier', 'king', 'queen', 'general', 'commander', 'candidate',
]);
const SYNONYMS: Record<string, string[]> = dict({
  monitor: ['observatory', 'monitor'],
  alliance: ['alliance', 'nato', 'treaty'],
  regime: ['regime', 'government'],
  government: ['government', 'regime', 'administration'],
  military: ['military', 'army', 'forces'],
  army: ['army', 'military', 'forces'],
});

/** Resolves pronouns and descriptions in every sentence; adds the resolved mentions to the context. */
export function resolveReferences(ctx: DocContext, states: readonly SentenceState[]): void {
  const names = () => ctx.mentions.filter((m) => m.kind === 'name' && !m.canonical);
  let pool = names().sort((a, b) => a.start - b.start);
  let poolSize = ctx.mentions.length;
  for (let si = 0; si < states.length; si++) {
    const s = states[si]!;
    if (ctx.mentions.length !== poolSize) {
      pool = names().sort((a, b) => a.start - b.start);
      poolSize = ctx.mentions.length;
    }
    const T = s.tokens;
    const own = ctx.inSentence(s.index);
    for (let i = 0; i < T.length; i++) {
      const t = T[i]!;
      if (!PERSONAL.has(t.l) && t.l !== 'the') continue;
      if (own.some((m) => m.start <= t.start && t.end <= m.end && m.kind === 'name')) continue;
      if (PERSONAL.has(t.l)) {
        const ante = personAntecedent(pool, states, si, t.start);
        if (ante) ctx.add(t.start, t.end, 'person', 'pronoun', s.index, { refersTo: ante.id });
        continue;
      }
      if (t.l !== 'the' || !T[i + 1]) continue;
      definiteDescription(ctx, s, own, pool, i);
    }
  }
}

/** "the Observatory", "the regime", "the governor" at token `i` ("the"): a description of a name mentioned before. */
function definiteDescription(ctx: DocContext, s: SentenceState, own: readonly EntityMention[], pool: readonly EntityMention[], i: number): void {
  const T = s.tokens;
  const t = T[i]!;
  // "the Observatory", "the regime", "the governor", "the Syrian regime" is a group mention already
  let j = i + 1;
  if (/^(local|ruling|country's|syrian|turkish|russian|american|us|un)$/.test(T[j]!.l) && T[j + 1] && /^[a-z]/i.test(T[j + 1]!.t)) j++;
  // "the London-based monitor", "the New York-based group": where it is based is a modifier
  else {
    const b = basedModifierEnd(T, j, own);
    if (b > j && T[b] && /^[a-z]/.test(T[b]!.t)) j = b;
  }
  const head = T[j]!;
  if (own.some((m) => m.start <= head.start && head.end <= m.end)) return;
  const next = T[j + 1];
  if (next && /^[a-z]/.test(next.t) && !/^(further|earlier|later|previously|separately|meanwhile|reportedly|recently|repeatedly|immediately|currently|initially|subsequently|quickly|said|says|has|had|have|is|was|were|are|will|would|could|can|may|might|should|must|also|announced|reported|added|told|noted|and|or|but|on|in|of|to|for|at|after|before|with|by|from|into|as|since|which|who|that|than|then|itself|would|did|does|do|not|again|over|under|during|while|when|where|because|if|until|against|about|across|through|via|per)$/.test(next.l) && !/(ed|s)$/.test(next.l)) return;
  if (next?.l === 'of' && PERSON_HEADS.has(head.l)) return; // "the governor of Hatay": an apposition, not a reference
  let ante: EntityMention | undefined;
  if (ORG_HEADS.has(head.l) || (/^\p{Lu}/u.test(head.t) && !PERSON_HEADS.has(head.l))) ante = orgAntecedent(pool, head.l, t.start);
  else if (PERSON_HEADS.has(head.l)) ante = roleAntecedent(pool, head.l, t.start);
  if (ante) ctx.add(t.start, head.end, ante.type, 'description', s.index, { refersTo: ante.id });
}

/**
 * After "X-based" at `j` (one token "London-based", or a name mention then "-based"): the index of
 * the next token; `j` when there is none.
 */
export function basedModifierEnd(T: readonly { t: string; l: string; start: number; end: number }[], j: number, own: readonly EntityMention[]): number {
  const t = T[j];
  if (!t) return j;
  if (/^\p{Lu}[\p{L}.']*-based$/u.test(t.t)) return j + 1;
  const m = own.find((x) => x.kind === 'name' && x.start === t.start);
  if (!m) return j;
  let k = j;
  while (T[k] && T[k]!.end <= m.end) k++;
  return T[k]?.t === '-based' && T[k]!.start === m.end ? k + 1 : j;
}

/** The person a pronoun most likely refers to: the last person in this sentence before it, else the first person of the closest earlier sentence that has one (within two). */
function personAntecedent(pool: readonly EntityMention[], states: readonly SentenceState[], si: number, at: number): EntityMention | undefined {
  const s = states[si]!;
  const here = pool.filter((m) => m.type === 'person' && m.start >= s.start && m.end <= at);
  if (here.length) return here[here.length - 1];
  for (let k = si - 1; k >= Math.max(0, si - 2); k--) {
    const p = states[k]!;
    const there = pool.filter((m) => m.type === 'person' && m.start >= p.start && m.end <= p.end);
    if (there.length) return there[0];
  }
  return undefined;
}

function orgAntecedent(pool: readonly EntityMention[], head: string, at: number): EntityMention | undefined {
  const words = SYNONYMS[head] ?? [head];
  for (let k = pool.length - 1; k >= 0; k--) {
    const m = pool[k]!;
    if (m.end > at || m.type === 'person') continue;
    const toks = m.text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    if (words.some((w) => toks.includes(w))) return m;
  }
  return undefined;
}

function roleAntecedent(pool: readonly EntityMention[], head: string, at: number): EntityMention | undefined {
  for (let k = pool.length - 1; k >= 0; k--) {
    const m = pool[k]!;
    if (m.end > at || m.type !== 'person') continue;
    if (m.role && m.role.split(' ').includes(head)) return m;
  }
  return undefined;
}
