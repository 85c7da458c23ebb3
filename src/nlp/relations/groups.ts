/**
 * Argument mentions the name recogniser does not produce but relations need: armed groups and
 * governments written as common nouns ("Turkish soldiers", "the Assad regime", "government forces",
 * "rebels"), and demonyms standing for their country ("Turkish" in "Turkish Foreign Minister X"),
 * which carry `canonical` so merging attaches them to the country.
 */
import type { EntityMention } from '../../types.js';
import { countryOfDemonym, type Unit } from './tokens.js';

/** Head nouns of group noun phrases. */
export const GROUP_HEADS = new Set([
  'government', 'regime', 'army', 'military', 'forces', 'troops', 'soldiers', 'rebels', 'militants', 'jihadists', 'fighters',
  'authorities', 'police', 'navy', 'coalition', 'militia', 'militias', 'insurgents', 'opposition', 'administration', 'units',
  'personnel', 'gunmen', 'separatists', 'groups', 'factions', 'warplanes', 'jets', 'aircraft', 'artillery', 'drones', 'drone', 'force',
]);
/** Heads that name a group even without a nationality or name in front ("rebels"). */
const BARE_HEADS = new Set(['rebels', 'militants', 'jihadists', 'insurgents', 'separatists', 'gunmen']);
const MODIFIERS = new Set([
  'government', 'opposition', 'rebel', 'security', 'armed', 'military', 'regime', 'pro-government', 'air', 'defense', 'defence',
  'special', 'ground', 'allied', 'militant', 'federal', 'state', 'islamist', 'jihadist', 'kurdish-led', 'strike', 'naval', 'army', 'coalition',
]);
const NOT_AFTER_ENTITY = new Set(['soldiers', 'troops', 'units', 'personnel', 'jets', 'aircraft', 'drones', 'drone', 'artillery', 'warplanes']);

export interface NewMention {
  start: number;
  end: number;
  type: EntityMention['type'];
  canonical?: string;
}

/**
 * Group noun phrases in one sentence's tokens that no mention covers (or that extend a name:
 * "Assad" + "regime"). Returns spans; the caller assigns ids.
 */
export function findGroups(tokens: readonly Unit[], covered: (start: number, end: number) => EntityMention | undefined): NewMention[] {
  const out: NewMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i]!;
    if (!GROUP_HEADS.has(head.l) || covered(head.start, head.end)) continue;
    if (head.l === 'military' && /^[a-z]/.test(tokens[i + 1]?.l ?? '') && !/^(and|or|has|have|had|is|was|said|says|on|in|of|to|for)$/.test(tokens[i + 1]!.l)) continue; // adjective: "military support"
    if (tokens[i + 1] && GROUP_HEADS.has(tokens[i + 1]!.l)) continue; // "government forces": the later head wins
    if (head.l === 'force' && tokens[i - 1]?.l !== 'air') continue;
    const j = groupStart(tokens, i, head, covered);
    if (j < 0) continue;
    const start = tokens[j]!.start;
    out.push({ start, end: head.end, type: 'organization' });
  }
  return out;
}

/** Where the group phrase headed by token `i` starts ("Assad regime", "Turkish-backed rebels", "government forces"); -1 when it names no group. */
function groupStart(tokens: readonly Unit[], i: number, head: Unit, covered: (start: number, end: number) => EntityMention | undefined): number {
  let j = i;
  let named = false;
  while (j > 0) {
    const p = tokens[j - 1]!;
    const inName = covered(p.start, p.end);
    if (inName && (inName.type === 'person' || inName.type === 'place' || inName.type === 'organization') && !NOT_AFTER_ENTITY.has(head.l)) {
      // "Assad regime", "Damascus government": extend over the whole name
      j -= 1;
      while (j > 0 && covered(tokens[j - 1]!.start, tokens[j - 1]!.end) === inName) j--;
      named = true;
      break;
    }
    if (inName) break;
    const compound = /^(\p{L}+)-(backed|led|supported|sponsored|allied|funded)$/u.exec(p.t);
    if (compound && j === i && countryOfDemonym(compound[1]!)) {
      j--;
      named = true;
      break;
    }
    if (countryOfDemonym(p.t) && /^\p{Lu}/u.test(p.t)) {
      j--;
      named = true;
      continue;
    }
    if (MODIFIERS.has(p.l) && !(p.l === 'government' && head.l === 'government')) {
      j--;
      continue;
    }
    break;
  }
  const mods = tokens.slice(j, i).map((t) => t.l);
  const ok = (named && head.l !== 'groups' && head.l !== 'factions') || (mods.some((x) => /^(rebel|opposition|jihadist|islamist|armed|militant)$/.test(x)) && /^(groups|factions|fighters|forces)$/.test(head.l)) || BARE_HEADS.has(head.l) || (mods.includes('government') && head.l === 'forces') || (mods.includes('opposition') && head.l === 'forces');
  return ok ? j : -1;
}
