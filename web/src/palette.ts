/**
 * Colours: entity types (legend built from the types present in the data) and event families,
 * grouped as conflict / cooperation / statement / role.
 */
import type { EventFamily } from '../../src/types.js';

export const TYPE_COLORS: Record<string, string> = {
  person: '#e4572e',
  organization: '#2e86ab',
  place: '#3bb273',
  event: '#a23b72',
  other: '#8a8a8a',
};
const EXTRA_TYPE_COLORS = ['#f3a712', '#6c4ab6', '#1b998b', '#c7a27c', '#5c6f7b'];

export type FamilyGroup = 'conflict' | 'cooperation' | 'statement' | 'role' | 'other';

export const FAMILY_GROUP: Record<EventFamily, FamilyGroup> = {
  statement: 'statement',
  criticise: 'conflict',
  demand: 'conflict',
  threaten: 'conflict',
  attack: 'conflict',
  accuse: 'conflict',
  reject: 'conflict',
  support: 'cooperation',
  consult: 'cooperation',
  aid: 'cooperation',
  role: 'role',
  other: 'other',
};

export const FAMILY_COLORS: Record<EventFamily, string> = {
  attack: '#c0392b',
  threaten: '#e74c3c',
  criticise: '#e67e22',
  accuse: '#d35400',
  demand: '#f39c12',
  reject: '#b9770e',
  support: '#27ae60',
  aid: '#16a085',
  consult: '#2980b9',
  statement: '#7f8c9a',
  role: '#8e44ad',
  other: '#b0b0b0',
};

export const FAMILY_ORDER: EventFamily[] = [
  'attack', 'threaten', 'criticise', 'accuse', 'demand', 'reject',
  'support', 'aid', 'consult', 'statement', 'role', 'other',
];

export function familyColor(family: string): string {
  return FAMILY_COLORS[family as EventFamily] ?? FAMILY_COLORS.other;
}

export function familyGroup(family: string): FamilyGroup {
  return FAMILY_GROUP[family as EventFamily] ?? 'other';
}

/** A stable colour per entity type, including types this build does not know. */
export function typeColor(type: string, known: string[] = []): string {
  const c = TYPE_COLORS[type];
  if (c) return c;
  const extra = known.filter((t) => !TYPE_COLORS[t]).sort();
  const i = Math.max(0, extra.indexOf(type));
  return EXTRA_TYPE_COLORS[i % EXTRA_TYPE_COLORS.length]!;
}
