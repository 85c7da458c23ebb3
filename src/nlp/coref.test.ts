import { describe, expect, it } from 'vitest';
import { mentionsOf, sentencesOf } from './relations/__fixtures__/mentions.js';
import { extractRelationsStrict } from './relations.js';

function refs(text: string, names: string[]) {
  const mentions = mentionsOf(text, names);
  const ex = extractRelationsStrict(text, sentencesOf(text, mentions), mentions);
  const byId = new Map(ex.mentions.map((m) => [m.id, m]));
  return ex.mentions.filter((m) => m.kind !== 'name').map((m) => ({ text: m.text, kind: m.kind, to: byId.get(m.refersTo ?? '')?.text }));
}

describe('nlp/coref', () => {
  describe('resolveReferences', () => {
    const cases: { label: string; text: string; names: string[]; want: { text: string; kind: string; to: string } }[] = [
      { label: 'sentence-initial He → first person of the previous sentence', text: 'Jens Stoltenberg met with Mevlut Cavusoglu. He called Damascus.', names: ['Jens Stoltenberg|person', 'Mevlut Cavusoglu|person', 'Damascus|place'], want: { text: 'He', kind: 'pronoun', to: 'Jens Stoltenberg' } },
      { label: 'the Observatory → the organisation that contains the word', text: 'The Syrian Observatory for Human Rights counted the dead. The Observatory said more died.', names: ['Syrian Observatory for Human Rights'], want: { text: 'The Observatory', kind: 'description', to: 'Syrian Observatory for Human Rights' } },
      { label: 'the regime → the last regime group', text: 'Turkey struck the Syrian regime. Positions of the regime were hit.', names: ['Turkey|place'], want: { text: 'the regime', kind: 'description', to: 'Syrian regime' } },
      { label: 'the governor → the person with that role', text: 'Rahmi Dogan, governor of Hatay, spoke. The governor said the toll rose.', names: ['Rahmi Dogan|person', 'Hatay|place'], want: { text: 'The governor', kind: 'description', to: 'Rahmi Dogan' } },
    ];
    for (const c of cases) {
      it(`should resolve: ${c.label}`, () => {
        expect(refs(c.text, c.names)).toContainEqual(c.want);
      });
    }
    const negatives: [string, string, string[]][] = [
      ['no person before the pronoun', 'He called Damascus.', ['Damascus|place']],
      ['a description with no antecedent', 'The governor of Hatay announced the toll.', ['Hatay|place']],
      ['a person more than two sentences back', 'Erdogan spoke. It rained. Nothing happened. Then he left.', ['Erdogan|person']],
    ];
    for (const [label, text, names] of negatives) {
      it(`should not resolve: ${label}`, () => {
        expect(refs(text, names)).toEqual([]);
      });
    }
  });
});
