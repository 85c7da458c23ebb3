import { describe, expect, it } from 'vitest';
import type { DocumentExtraction, DocumentInfo, EntityMention, EntityType } from '../types.js';
import { resolveEntities, RESOLVE_MEMO_FORMAT, type ResolveMemo, type ResolveOptions } from './index.js';

/** A mention spec: [text, type] or a full partial mention. */
type Spec = [string, EntityType] | (Partial<EntityMention> & { text: string; type: EntityType });

/** Builds an extraction whose text is the mention texts joined by " ... " (offsets exact). */
function doc(id: string, specs: Spec[]): { ex: DocumentExtraction; text: string } {
  let text = '';
  const mentions: EntityMention[] = [];
  specs.forEach((spec, i) => {
    const s = Array.isArray(spec) ? { text: spec[0], type: spec[1] } : spec;
    if (text) text += ' ... ';
    const start = text.length;
    text += s.text;
    mentions.push({ id: `m${i}`, start, end: start + s.text.length, sentence: 0, kind: 'name', ...s } as EntityMention);
  });
  return { ex: { doc: id, sentences: [], mentions, relations: [], attributions: [], claims: [] }, text };
}

function resolve(docs: Record<string, Spec[]>) {
  const built = Object.entries(docs).map(([id, specs]) => doc(id, specs));
  const res = resolveEntities(
    built.map((b) => b.ex),
    [],
    new Map(built.map((b) => [b.ex.doc, b.text])),
  );
  return { ...res, built };
}

/** The entity id of the mention with this text in this document. */
function idOf(r: ReturnType<typeof resolve>, docId: string, text: string): string | undefined {
  const b = r.built.find((x) => x.ex.doc === docId)!;
  const m = b.ex.mentions.find((x) => x.text === text);
  return m ? r.entityOf.get(`${docId}#${m.id}`) : undefined;
}

describe('resolve/entities', () => {
  describe('resolveEntities', () => {
    const mustMerge: { label: string; docs: Record<string, Spec[]>; a: [string, string]; b: [string, string] }[] = [
      { label: 'surname → full name, other document', docs: { d1: [['Recep Tayyip Erdogan', 'person']], d2: [['Erdogan', 'person']] }, a: ['d1', 'Recep Tayyip Erdogan'], b: ['d2', 'Erdogan'] },
      { label: 'title + full name', docs: { d1: [['President Recep Tayyip Erdogan', 'person']], d2: [['Recep Tayyip Erdogan', 'person']] }, a: ['d1', 'President Recep Tayyip Erdogan'], b: ['d2', 'Recep Tayyip Erdogan'] },
      { label: 'demonym + title + name', docs: { d1: [['Turkish Foreign Minister Mevlut Cavusoglu', 'person']], d2: [['Mevlüt Cavusoglu', 'person']] }, a: ['d1', 'Turkish Foreign Minister Mevlut Cavusoglu'], b: ['d2', 'Mevlüt Cavusoglu'] },
      { label: "possessive country + title", docs: { d1: [["Turkey’s President Recep Tayyip Erdogan", 'person']], d2: [['Erdogan', 'person']] }, a: ['d1', "Turkey’s President Recep Tayyip Erdogan"], b: ['d2', 'Erdogan'] },
      { label: 'given names contained', docs: { d1: [['Recep Tayyip Erdogan', 'person']], d2: [['Tayyip Erdogan', 'person']] }, a: ['d1', 'Recep Tayyip Erdogan'], b: ['d2', 'Tayyip Erdogan'] },
      { label: 'honorific + surname', docs: { d1: [['Rahmi Dogan', 'person']], d2: [['Mr Dogan', 'person']] }, a: ['d1', 'Rahmi Dogan'], b: ['d2', 'Mr Dogan'] },
      { label: 'acronym + title + name', docs: { d1: [['NATO chief Jens Stoltenberg', 'person']], d2: [['Nato Secretary General Jens Stoltenberg', 'person']] }, a: ['d1', 'NATO chief Jens Stoltenberg'], b: ['d2', 'Nato Secretary General Jens Stoltenberg'] },
      { label: 'particle al- dropped for the surname', docs: { d1: [['Bashar al-Assad', 'person']], d2: [['Assad', 'person']] }, a: ['d1', 'Bashar al-Assad'], b: ['d2', 'Assad'] },
      { label: 'Al-Assad / al-Assad', docs: { d1: [['Bashar Al-Assad', 'person']], d2: [['al-Assad', 'person']] }, a: ['d1', 'Bashar Al-Assad'], b: ['d2', 'al-Assad'] },
      { label: 'possessive', docs: { d1: [['Recep Tayyip Erdogan', 'person']], d2: [["Erdogan's", 'person']] }, a: ['d1', 'Recep Tayyip Erdogan'], b: ['d2', "Erdogan's"] },
      { label: 'middle initial', docs: { d1: [['Richard M. Nixon', 'person']], d2: [['Richard Nixon', 'person']] }, a: ['d1', 'Richard M. Nixon'], b: ['d2', 'Richard Nixon'] },
      { label: 'generational suffix', docs: { d1: [['W. Mark Felt Sr.', 'person']], d2: [['Mark Felt', 'person']] }, a: ['d1', 'W. Mark Felt Sr.'], b: ['d2', 'Mark Felt'] },
      { label: 'all caps', docs: { d1: [['Gary Ross', 'person']], d2: [['GARY ROSS', 'person']] }, a: ['d1', 'Gary Ross'], b: ['d2', 'GARY ROSS'] },
      {
        label: 'a word written in capitals in a headline and as a word below it is a short form, not an acronym',
        docs: { d1: [['Kansas City', 'place'], ['Kansas City Chiefs', 'organization']], d2: [['CHIEFS', 'organization'], ['Kansas City', 'place'], ['Chiefs', 'organization']] },
        a: ['d1', 'Kansas City Chiefs'],
        b: ['d2', 'Chiefs'],
      },
      { label: 'case of an acronym', docs: { d1: [['NATO', 'organization']], d2: [['Nato', 'organization']] }, a: ['d1', 'NATO'], b: ['d2', 'Nato'] },
      { label: 'acronym ↔ expansion (lexicon)', docs: { d1: [['North Atlantic Treaty Organization', 'organization']], d2: [['NATO', 'organization']] }, a: ['d1', 'North Atlantic Treaty Organization'], b: ['d2', 'NATO'] },
      { label: 'foreign acronym (lexicon)', docs: { d1: [['Syrian Observatory for Human Rights', 'organization']], d2: [['OSDH', 'organization']] }, a: ['d1', 'Syrian Observatory for Human Rights'], b: ['d2', 'OSDH'] },
      { label: 'French acronym OTAN', docs: { d1: [['NATO', 'organization']], d2: [['OTAN', 'organization']] }, a: ['d1', 'NATO'], b: ['d2', 'OTAN'] },
      { label: 'acronym defined in text (adjacent mentions)', docs: { d1: [['Zorbian Widget Makers Union', 'organization'], ['ZWMU', 'organization']], d2: [['ZWMU', 'organization']] }, a: ['d1', 'Zorbian Widget Makers Union'], b: ['d2', 'ZWMU'] },
      {
        label: 'a country-qualified name and its short form in one story, however often the corpus writes the short one alone',
        docs: {
          d1: [['U.S. Widget Department', 'organization'], ['Widget Department', 'organization']],
          d2: [['Widget Department', 'organization']],
          d3: [['Widget Department', 'organization']],
          d4: [['Widget Department', 'organization']],
        },
        a: ['d1', 'U.S. Widget Department'],
        b: ['d1', 'Widget Department'],
      },
      {
        label: 'a body of a known organisation, written alone in more stories than in full',
        docs: { d1: [['UN Security Council', 'organization']], d2: [['Security Council', 'organization']], d3: [['Security Council', 'organization']], d4: [['Security Council', 'organization']] },
        a: ['d1', 'UN Security Council'],
        b: ['d4', 'Security Council'],
      },
      { label: 'a misspelt title before a full name', docs: { d1: [['Secertary James Bakerson', 'person']], d2: [['James Bakerson', 'person']] }, a: ['d1', 'Secertary James Bakerson'], b: ['d2', 'James Bakerson'] },
      {
        label: 'a known acronym expanded in the text with a spelling of its own (lexicon)',
        docs: { d1: [['Organisation of Petroleum Exporting Countries', 'organization'], { text: 'OPEC', type: 'organization', expands: 'm0' }], d2: [['OPEC', 'organization']] },
        a: ['d1', 'Organisation of Petroleum Exporting Countries'],
        b: ['d2', 'OPEC'],
      },
      {
        label: 'a known acronym expanded as the known organisation, while another story expands it otherwise (lexicon)',
        docs: {
          d1: [['Economic Planning Agency', 'organization'], { text: 'EPA', type: 'organization', expands: 'm0' }],
          d2: [['Environmental Protection Agency', 'organization']],
          d3: [['U.S. Environmental Protection Agency', 'organization'], { text: 'EPA', type: 'organization', expands: 'm0' }],
        },
        a: ['d2', 'Environmental Protection Agency'],
        b: ['d3', 'EPA'],
      },
      {
        label: 'an acronym defined once each as a name and the same name spelt otherwise',
        docs: {
          d1: [['Zorbian Inter-Bank Offered Rate', 'organization'], { text: 'ZIBOR', type: 'organization', expands: 'm0' }],
          d2: [['Zorbian Interbank Offered Rates', 'organization'], { text: 'ZIBOR', type: 'organization', expands: 'm0' }],
        },
        a: ['d1', 'Zorbian Inter-Bank Offered Rate'],
        b: ['d2', 'Zorbian Interbank Offered Rates'],
      },
      { label: 'a former state and its acronym (lexicon)', docs: { d1: [['Soviet Union', 'place']], d2: [['USSR', 'place']] }, a: ['d1', 'Soviet Union'], b: ['d2', 'USSR'] },
      { label: 'the head of an "X of …" place named in full in the same document', docs: { d1: [['Gulf of Aden', 'place'], ['Gulf', 'place']] }, a: ['d1', 'Gulf of Aden'], b: ['d1', 'Gulf'] },
      { label: 'a bare kind of organisation in the document of the lexicon one', docs: { d1: [['World Bank', 'organization'], ['Bank', 'organization']], d2: [['World', 'place']] }, a: ['d1', 'World Bank'], b: ['d1', 'Bank'] },
      { label: 'acronym by initials, stop words ignored', docs: { d1: [['Committee for Blue Rivers', 'organization'], ['Paris', 'place'], ['CBR', 'organization']] }, a: ['d1', 'Committee for Blue Rivers'], b: ['d1', 'CBR'] },
      { label: 'prefix of a unique organisation', docs: { d1: [['Syrian Observatory for Human Rights', 'organization']], d2: [['Syrian Observatory', 'organization']] }, a: ['d1', 'Syrian Observatory for Human Rights'], b: ['d2', 'Syrian Observatory'] },
      { label: 'organisation minus its country', docs: { d1: [['UN Security Council', 'organization']], d2: [['Security Council', 'organization']] }, a: ['d1', 'UN Security Council'], b: ['d2', 'Security Council'] },
      { label: "possessive country ↔ demonym", docs: { d1: [["Russia's Defense Ministry", 'organization']], d2: [['Russian Defence Ministry', 'organization']] }, a: ['d1', "Russia's Defense Ministry"], b: ['d2', 'Russian Defence Ministry'] },
      { label: 'British / American spelling', docs: { d1: [['Defence Ministry', 'organization']], d2: [['Defense Ministry', 'organization']] }, a: ['d1', 'Defence Ministry'], b: ['d2', 'Defense Ministry'] },
      { label: 'corporate suffix', docs: { d1: [['Microsoft Corp.', 'organization']], d2: [['Microsoft', 'organization']] }, a: ['d1', 'Microsoft Corp.'], b: ['d2', 'Microsoft'] },
      { label: 'news agency', docs: { d1: [['Anadolu news agency', 'organization']], d2: [['Anadolu', 'organization']] }, a: ['d1', 'Anadolu news agency'], b: ['d2', 'Anadolu'] },
      { label: 'leading "the"', docs: { d1: [['the Gulf of Aden', 'place']], d2: [['Gulf of Aden', 'place']] }, a: ['d1', 'the Gulf of Aden'], b: ['d2', 'Gulf of Aden'] },
      { label: 'generic "province"', docs: { d1: [['Idlib province', 'place']], d2: [['Idlib', 'place']] }, a: ['d1', 'Idlib province'], b: ['d2', 'Idlib'] },
      { label: 'country typed organisation once', docs: { d1: [['Turkey', 'place']], d2: [['Turkey', 'organization']] }, a: ['d1', 'Turkey'], b: ['d2', 'Turkey'] },
      { label: 'country acronym', docs: { d1: [['United States', 'place']], d2: [['U.S.', 'place']] }, a: ['d1', 'United States'], b: ['d2', 'U.S.'] },
      { label: 'same-document surname typed otherwise by the tagger', docs: { d1: [['Tyler Hansbrough', 'person'], ['Hansbrough', 'place']] }, a: ['d1', 'Tyler Hansbrough'], b: ['d1', 'Hansbrough'] },
      { label: 'ambiguous surname: the one in the same document', docs: { d1: [['Kim Jong-un', 'person'], ['Kim Yo-jong', 'person']], d2: [['Laura Bush', 'person'], ['Bush', 'person']], d3: [['George Bush', 'person']] }, a: ['d2', 'Laura Bush'], b: ['d2', 'Bush'] },
      { label: 'nickname in brackets', docs: { d1: [['Luis Gerardo (Jerry) Ortiz', 'person']], d2: [['Jerry Ortiz', 'person']] }, a: ['d1', 'Luis Gerardo (Jerry) Ortiz'], b: ['d2', 'Jerry Ortiz'] },
      { label: 'clipped given name', docs: { d1: [['Frederick Cheney LaRue', 'person']], d2: [['Fred LaRue', 'person']] }, a: ['d1', 'Frederick Cheney LaRue'], b: ['d2', 'Fred LaRue'] },
      { label: 'nickname', docs: { d1: [['Kathryn Jenkin', 'person']], d2: [['Katie Jenkin', 'person']] }, a: ['d1', 'Kathryn Jenkin'], b: ['d2', 'Katie Jenkin'] },
      { label: 'typo in a long given name', docs: { d1: [['Jermayne Timmons', 'person']], d2: [['Jerymayne Timmons', 'person']] }, a: ['d1', 'Jermayne Timmons'], b: ['d2', 'Jerymayne Timmons'] },
      { label: 'surname with a particle typed organisation, in the document of the full name', docs: { d1: [['Marine Le Pen', 'person'], ['Le Pen', 'organization']], d2: [['Marine Le Pen', 'person']] }, a: ['d1', 'Marine Le Pen'], b: ['d1', 'Le Pen'] },
      { label: 'title + name typed organisation', docs: { d1: [['Interior Secretary Dirk Kempthorne', 'organization']], d2: [['Dirk Kempthorne', 'person']] }, a: ['d1', 'Interior Secretary Dirk Kempthorne'], b: ['d2', 'Dirk Kempthorne'] },
      { label: 'span ending in a person named elsewhere', docs: { d1: [['Alaska Governor Sarah Palin', 'organization']], d2: [['Sarah Palin', 'person']] }, a: ['d1', 'Alaska Governor Sarah Palin'], b: ['d2', 'Sarah Palin'] },
      { label: 'span that swallowed a verb', docs: { d1: [['Colts beat Chiefs', 'organization']], d2: [['Chiefs', 'organization']] }, a: ['d1', 'Colts beat Chiefs'], b: ['d2', 'Chiefs'] },
      { label: 'team without its city', docs: { d1: [['Indianapolis', 'place'], ['Indianapolis Colts', 'organization']], d2: [['Colts', 'organization']] }, a: ['d1', 'Indianapolis Colts'], b: ['d2', 'Colts'] },
      { label: 'prefix of a unique organisation (same document)', docs: { d1: [['Staunton Police Department', 'organization'], ['Staunton Police', 'organization']] }, a: ['d1', 'Staunton Police Department'], b: ['d1', 'Staunton Police'] },
      { label: 'head word of "X of …" in the same document', docs: { d1: [['Academy of Motion Picture Arts and Sciences', 'organization'], ['Academy', 'organization']] }, a: ['d1', 'Academy of Motion Picture Arts and Sciences'], b: ['d1', 'Academy'] },
      { label: 'government by demonym, capital and leader', docs: { d1: [['Syrian government', 'organization']], d2: [['Damascus regime', 'organization']], d3: [['Assad regime', 'organization']] }, a: ['d1', 'Syrian government'], b: ['d3', 'Assad regime'] },
      { label: 'military by several names', docs: { d1: [['Syrian army', 'organization']], d2: [['Syrian troops', 'organization']], d3: [['Syrian government forces', 'organization']] }, a: ['d2', 'Syrian troops'], b: ['d3', 'Syrian government forces'] },
      { label: '"government forces" with one state in the document', docs: { d1: [['Syrian forces', 'organization'], ['government forces', 'organization']] }, a: ['d1', 'Syrian forces'], b: ['d1', 'government forces'] },
      { label: 'dominant candidate for a surname', docs: { d1: [['Jerry Ortiz', 'person'], ['Chela Ortiz', 'person'], ['Ortiz', 'person']], d2: [['Jerry Ortiz', 'person']], d3: [['Jerry Ortiz', 'person']], d4: [['Ortiz', 'person'], ['Jerry Ortiz', 'person']] }, a: ['d2', 'Jerry Ortiz'], b: ['d1', 'Ortiz'] },
      {
        // The counts are where each candidate's name is written (Jerry Ortiz: a1, d1, d2, d3), not a
        // snapshot of the entities taken at the first such decision anywhere (a0's "Kim", between two
        // Kims): a1's "Ortiz", joined to Jerry Ortiz after that snapshot, made the merged entity
        // count as one document.
        label: 'dominant candidate counted where its name is written, whatever was merged before',
        docs: {
          a0: [['Kim Jong-un', 'person'], ['Kim Yo-jong', 'person'], ['Kim', 'person']],
          a1: [['Ortiz', 'person'], ['Jerry Ortiz', 'person']],
          d1: [['Jerry Ortiz', 'person'], ['Chela Ortiz', 'person'], ['Ortiz', 'person']],
          d2: [['Jerry Ortiz', 'person']],
          d3: [['Jerry Ortiz', 'person']],
        },
        a: ['d2', 'Jerry Ortiz'],
        b: ['d1', 'Ortiz'],
      },
      {
        label: 'titled surname, the only bearer written with that title',
        docs: { d0: [['President Ronald Reagan', 'person']], d1: [['President Ronald Reagan', 'person']], d2: [['Nancy Reagan', 'person']], d3: [['President Reagan', 'person']] },
        a: ['d1', 'President Ronald Reagan'],
        b: ['d3', 'President Reagan'],
      },
      {
        label: 'untitled surname, titled for one bearer only in three documents',
        docs: { d0: [['President Ronald Reagan', 'person']], d1: [['President Ronald Reagan', 'person']], d2: [['Nancy Reagan', 'person']], d3: [['President Reagan', 'person']], d4: [['President Reagan', 'person']], d5: [['President Reagan', 'person']], d6: [['Reagan', 'person']] },
        a: ['d1', 'President Ronald Reagan'],
        b: ['d6', 'Reagan'],
      },
      { label: 'surname the tagger called a place, unique person in the corpus', docs: { d1: [['Bashar al-Assad', 'person']], d2: [['Assad', 'place']] }, a: ['d1', 'Bashar al-Assad'], b: ['d2', 'Assad'] },
      { label: 'armed-opposition descriptions across documents about the same country', docs: { d1: [['Syria', 'place'], { text: 'rebels', type: 'organization', group: true }], d2: [['Syrian army', 'organization'], ['Turkey', 'place'], ['Syria', 'place'], { text: 'opposition forces', type: 'organization', group: true }], d3: [['Damascus', 'place'], { text: 'armed groups', type: 'organization', group: true }] }, a: ['d1', 'rebels'], b: ['d3', 'armed groups'] },
      { label: 'armed-opposition descriptions in one document', docs: { d1: [{ text: 'rebels', type: 'organization', group: true }, { text: 'opposition forces', type: 'organization', group: true }] }, a: ['d1', 'rebels'], b: ['d1', 'opposition forces'] },
      { label: "the document's only qualified armed group joins its bare description", docs: { d1: [{ text: 'Zorbian-backed rebels', type: 'organization', group: true }, { text: 'rebels', type: 'organization', group: true }] }, a: ['d1', 'Zorbian-backed rebels'], b: ['d1', 'rebels'] },
      { label: '"government forces" beside the state force written out in full', docs: { d1: [['Syrian government forces', 'organization'], ['Turkish troops', 'organization'], ['Turkish government', 'organization'], ['Syrian government', 'organization'], { text: 'government forces', type: 'organization', group: true }] }, a: ['d1', 'Syrian government forces'], b: ['d1', 'government forces'] },
      { label: 'a name cut short before a body word', docs: { d1: [['Zorbian Senate Agriculture Committee', 'organization']], d2: [['Zorbian Senate Agriculture', 'organization']] }, a: ['d1', 'Zorbian Senate Agriculture Committee'], b: ['d2', 'Zorbian Senate Agriculture'] },
      { label: 'a board not followed by "of" is its organisation', docs: { d1: [['Zorbian Reserve Bank Board', 'organization']], d2: [['Zorbian Reserve Bank', 'organization']] }, a: ['d1', 'Zorbian Reserve Bank Board'], b: ['d2', 'Zorbian Reserve Bank'] },
      { label: 'short form whose own group went to a longer name', docs: { d1: [['Turkish Institute for Clean Water', 'organization'], ['Turkish Institute', 'organization']], d2: [['Turkish Institute for Clean Water', 'organization'], ['Institute', 'organization']] }, a: ['d1', 'Turkish Institute for Clean Water'], b: ['d2', 'Institute'] },
      { label: "a state's military aircraft act for its military", docs: { d1: [['Syrian army', 'organization']], d2: [{ text: 'Syrian military aircraft', type: 'organization', group: true }] }, a: ['d1', 'Syrian army'], b: ['d2', 'Syrian military aircraft'] },
      { label: "a company's own name beside its line of business, same document", docs: { d1: [['Samsung Electronics Co Ltd', 'organization'], ['Samsung', 'organization']] }, a: ['d1', 'Samsung Electronics Co Ltd'], b: ['d1', 'Samsung'] },
      { label: 'acronym by looser initials in the same document', docs: { d1: [['Central Election and Referendum Commission', 'organization'], ['CEC', 'organization']] }, a: ['d1', 'Central Election and Referendum Commission'], b: ['d1', 'CEC'] },
    ];
    it.each(mustMerge)('should merge: $label', ({ docs, a, b }) => {
      const r = resolve(docs);
      const ia = idOf(r, ...a);
      expect(ia).toBeDefined();
      expect(idOf(r, ...b)).toBe(ia);
    });

    const mustNotMerge: typeof mustMerge = [
      {
        label: 'a given name that is also a particle opens a name of its own ("Ben Thatcher" is no Margaret Thatcher)',
        docs: { d1: [['Margaret Thatcher', 'person'], ['Thatcher', 'person']], d2: [['Ben Thatcher', 'person'], ['Thatcher', 'person']], d3: [['Thatcher', 'person']] },
        a: ['d1', 'Margaret Thatcher'],
        b: ['d2', 'Ben Thatcher'],
      },
      {
        label: "a company's name with its legal form is no person's surname",
        docs: { d1: [['Hilary Swank', 'person'], ['Swank', 'person']], d2: [['Swank Inc', 'organization'], ['Swank', 'organization']], d3: [['Swank', 'person']] },
        a: ['d1', 'Hilary Swank'],
        b: ['d2', 'Swank Inc'],
      },
      { label: 'a known place with a particle is not the surname of a person in the document', docs: { d1: [['Victor Paz', 'person'], ['La Paz', 'place']], d2: [['Victor Paz', 'person']] }, a: ['d1', 'Victor Paz'], b: ['d1', 'La Paz'] },
      { label: 'different first names, same surname', docs: { d1: [['George Bush', 'person']], d2: [['Laura Bush', 'person']] }, a: ['d1', 'George Bush'], b: ['d2', 'Laura Bush'] },
      { label: 'father and son by initials', docs: { d1: [['George W. Bush', 'person']], d2: [['George H. W. Bush', 'person']] }, a: ['d1', 'George W. Bush'], b: ['d2', 'George H. W. Bush'] },
      { label: 'ambiguous surname in a third document', docs: { d1: [['George Bush', 'person']], d2: [['Laura Bush', 'person']], d3: [['Bush', 'person']] }, a: ['d1', 'George Bush'], b: ['d3', 'Bush'] },
      { label: 'ambiguous surname, other candidate', docs: { d1: [['George Bush', 'person']], d2: [['Laura Bush', 'person']], d3: [['Bush', 'person']] }, a: ['d2', 'Laura Bush'], b: ['d3', 'Bush'] },
      {
        label: 'titled surname, two bearers written with that title',
        docs: { d1: [['President George Bush', 'person']], d2: [['President Jeb Bush', 'person']], d3: [['President Bush', 'person']] },
        a: ['d1', 'President George Bush'],
        b: ['d3', 'President Bush'],
      },
      {
        label: 'untitled surname, titled for one bearer in two documents only',
        docs: { d0: [['President Ronald Reagan', 'person']], d1: [['President Ronald Reagan', 'person']], d2: [['Nancy Reagan', 'person']], d3: [['President Reagan', 'person']], d4: [['President Reagan', 'person']], d6: [['Reagan', 'person']] },
        a: ['d1', 'President Ronald Reagan'],
        b: ['d6', 'Reagan'],
      },
      {
        label: 'titled surname, the bearer written with that title once only',
        docs: { d1: [{ text: 'Keith Brown', type: 'person', role: 'analyst' }], d2: [['Gordon Brown', 'person']], d3: [{ text: 'Brown', type: 'person', role: 'analyst' }] },
        a: ['d1', 'Keith Brown'],
        b: ['d3', 'Brown'],
      },
      {
        label: 'titled surname, no bearer written with that title',
        docs: { d1: [['President Ronald Reagan', 'person']], d2: [['Nancy Reagan', 'person']], d3: [['Senator Reagan', 'person']] },
        a: ['d1', 'President Ronald Reagan'],
        b: ['d3', 'Senator Reagan'],
      },
      { label: 'two people with the same surname in one document', docs: { d1: [['Kim Jong-un', 'person'], ['Kim Yo-jong', 'person']] }, a: ['d1', 'Kim Jong-un'], b: ['d1', 'Kim Yo-jong'] },
      { label: 'country ≠ organisation named after it', docs: { d1: [['Syria', 'place'], ['Syrian Observatory for Human Rights', 'organization']] }, a: ['d1', 'Syria'], b: ['d1', 'Syrian Observatory for Human Rights'] },
      { label: 'demonym ≠ country', docs: { d1: [['Russia', 'place']], d2: [['Russian', 'other']] }, a: ['d1', 'Russia'], b: ['d2', 'Russian'] },
      { label: 'city ≠ team named after it', docs: { d1: [['New Orleans', 'place'], ['New Orleans Saints', 'organization']] }, a: ['d1', 'New Orleans'], b: ['d1', 'New Orleans Saints'] },
      { label: 'country ≠ company named after it', docs: { d1: [['Japan', 'place'], ['Japan Inc.', 'organization']] }, a: ['d1', 'Japan'], b: ['d1', 'Japan Inc.'] },
      { label: 'country ≠ its news agency', docs: { d1: [['Iran', 'place']], d2: [['Islamic Republic of Iran News Agency', 'organization']] }, a: ['d1', 'Iran'], b: ['d2', 'Islamic Republic of Iran News Agency'] },
      { label: 'city ≠ company named after it', docs: { d1: [['New York', 'place']], d2: [['New York Corp', 'organization']] }, a: ['d1', 'New York'], b: ['d2', 'New York Corp'] },
      { label: 'city ≠ newspaper named after it', docs: { d1: [['New York', 'place']], d2: [['New York Times', 'organization']] }, a: ['d1', 'New York'], b: ['d2', 'New York Times'] },
      { label: 'short form of two organisations', docs: { d1: [['Russian Foreign Ministry', 'organization']], d2: [['Turkish Foreign Ministry', 'organization']], d3: [['Foreign Ministry', 'organization']] }, a: ['d1', 'Russian Foreign Ministry'], b: ['d3', 'Foreign Ministry'] },
      { label: 'an organisation ≠ a body inside it named after it', docs: { d1: [['Zorbian Medical Association Board of Trustees', 'organization']], d2: [['Zorbian Medical Association', 'organization']] }, a: ['d1', 'Zorbian Medical Association Board of Trustees'], b: ['d2', 'Zorbian Medical Association'] },
      { label: "a university ≠ its press", docs: { d1: [['Zorbia University Press', 'organization']], d2: [['Zorbia University', 'organization']] }, a: ['d1', 'Zorbia University Press'], b: ['d2', 'Zorbia University'] },
      { label: 'two organisations sharing a prefix', docs: { d1: [['Syrian Observatory for Human Rights', 'organization']], d2: [['Syrian Network for Human Rights', 'organization']] }, a: ['d1', 'Syrian Observatory for Human Rights'], b: ['d2', 'Syrian Network for Human Rights'] },
      { label: 'person ≠ company on a surname in another document', docs: { d1: [['Gerald Ford', 'person']], d2: [['Ford', 'organization']] }, a: ['d1', 'Gerald Ford'], b: ['d2', 'Ford'] },
      { label: 'acronym with two expansions', docs: { d1: [['Committee for Blue Rivers', 'organization']], d2: [['Council of Black Rabbits', 'organization']], d3: [['CBR', 'organization']] }, a: ['d1', 'Committee for Blue Rivers'], b: ['d3', 'CBR'] },
      { label: 'England ≠ United Kingdom', docs: { d1: [['England', 'place']], d2: [['United Kingdom', 'place']] }, a: ['d1', 'England'], b: ['d2', 'United Kingdom'] },
      { label: 'father and son (Sr / Jr)', docs: { d1: [['Mark Felt Jr.', 'person']], d2: [['W. Mark Felt Sr.', 'person']] }, a: ['d1', 'Mark Felt Jr.'], b: ['d2', 'W. Mark Felt Sr.'] },
      { label: 'Paul ≠ Paula', docs: { d1: [['Paul Smith', 'person']], d2: [['Paula Smith', 'person']] }, a: ['d1', 'Paul Smith'], b: ['d2', 'Paula Smith'] },
      { label: 'government ≠ military', docs: { d1: [['Syrian government', 'organization'], ['Syrian army', 'organization']] }, a: ['d1', 'Syrian government'], b: ['d1', 'Syrian army'] },
      { label: 'opposition forces ≠ the army', docs: { d1: [['Syrian army', 'organization'], ['Syrian opposition forces', 'organization']] }, a: ['d1', 'Syrian army'], b: ['d1', 'Syrian opposition forces'] },
      { label: 'air defence ≠ the army', docs: { d1: [['Syrian army', 'organization'], ['Syrian air defense forces', 'organization']] }, a: ['d1', 'Syrian army'], b: ['d1', 'Syrian air defense forces'] },
      { label: 'two governments', docs: { d1: [['Syrian government', 'organization']], d2: [['Turkish government', 'organization']] }, a: ['d1', 'Syrian government'], b: ['d2', 'Turkish government'] },
      { label: 'generic lower-case groups keep their words', docs: { d1: [['government forces', 'organization'], ['opposition forces', 'organization']] }, a: ['d1', 'government forces'], b: ['d1', 'opposition forces'] },
      { label: "a company's own name and another company's line of business, other documents", docs: { d1: [['Samsung Electronics', 'organization']], d2: [['Samsung', 'organization']] }, a: ['d1', 'Samsung Electronics'], b: ['d2', 'Samsung'] },
      { label: 'a parent written out beside its sector-named subsidiary', docs: { d1: [['Amoco Corp', 'organization'], ['Amoco Chemicals Co', 'organization'], ['Amoco', 'organization']] }, a: ['d1', 'Amoco Chemicals Co'], b: ['d1', 'Amoco'] },
      { label: 'a name before a word that is no line of business', docs: { d1: [['Apple Music', 'organization'], ['Apple', 'organization']] }, a: ['d1', 'Apple Music'], b: ['d1', 'Apple'] },
      { label: 'one-word head of an organisation in another document', docs: { d1: [['Academy of Motion Picture Arts and Sciences', 'organization']], d2: [['Academy', 'organization']] }, a: ['d1', 'Academy of Motion Picture Arts and Sciences'], b: ['d2', 'Academy'] },
      { label: 'a common word is not short for the one name that ends in it after a place named once', docs: { d1: [['Higashi Nippon', 'place']], d2: [['Higashi Nippon House', 'organization']], d3: [['House', 'organization']], d4: [['House', 'organization']], d5: [['House', 'organization']], d6: [['House', 'organization']], d7: [['House', 'organization']] }, a: ['d2', 'Higashi Nippon House'], b: ['d3', 'House'] },
      { label: 'two qualified armed groups in one document stay apart', docs: { d1: [{ text: 'Zorbian-backed rebels', type: 'organization', group: true }, { text: 'Kurdish militants', type: 'organization', group: true }, { text: 'rebels', type: 'organization', group: true }] }, a: ['d1', 'Zorbian-backed rebels'], b: ['d1', 'Kurdish militants'] },
      { label: 'rebels ≠ government forces', docs: { d1: [{ text: 'rebels', type: 'organization', group: true }, { text: 'government forces', type: 'organization', group: true }, ['Syrian army', 'organization']] }, a: ['d1', 'rebels'], b: ['d1', 'government forces'] },
      { label: 'Syrian rebels ≠ Syrian government forces', docs: { d1: [{ text: 'Syrian rebels', type: 'organization', group: true }, { text: 'rebels', type: 'organization', group: true }, ['Syrian government forces', 'organization']] }, a: ['d1', 'Syrian rebels'], b: ['d1', 'Syrian government forces'] },
      { label: 'a named group is not a description ("Rebels" team)', docs: { d1: [['Rebels', 'organization']], d2: [{ text: 'rebels', type: 'organization', group: true }] }, a: ['d1', 'Rebels'], b: ['d2', 'rebels'] },
      { label: 'rebels in two unrelated stories (different countries)', docs: { d1: [['Syria', 'place'], ['Idlib', 'place'], ['Syrian army', 'organization'], { text: 'rebels', type: 'organization', group: true }], d2: [['Colombia', 'place'], ['Bogota', 'place'], { text: 'rebels', type: 'organization', group: true }] }, a: ['d1', 'rebels'], b: ['d2', 'rebels'] },
      { label: 'rebels in stories that name no country', docs: { d1: [['Idlib', 'place'], { text: 'rebels', type: 'organization', group: true }], d2: [['Cauca', 'place'], { text: 'rebels', type: 'organization', group: true }] }, a: ['d1', 'rebels'], b: ['d2', 'rebels'] },
      { label: 'known place typed person ≠ a person with that surname elsewhere', docs: { d1: [['George Washington', 'person']], d2: [['Washington', 'place']] }, a: ['d1', 'George Washington'], b: ['d2', 'Washington'] },
      // two names run together by a line break ("Canada\nParis accord"), and a place named for a known one
      { label: 'a capital is not short for two places run together', docs: { d1: [['Canada Paris', 'place']], d2: [['Paris', 'place']], d3: [['Paris', 'place']] }, a: ['d1', 'Canada Paris'], b: ['d2', 'Paris'] },
      { label: 'a continent is not short for a country named after it', docs: { d1: [['South Africa', 'place']], d2: [['Africa', 'place']], d3: [['South', 'place']] }, a: ['d1', 'South Africa'], b: ['d2', 'Africa'] },
      {
        label: 'a name written alone in far more stories is no short form of the longer name across documents',
        docs: {
          d1: [['Export-Import Bank of Nordland', 'organization']],
          d2: [['Bank of Nordland', 'organization']],
          d3: [['Bank of Nordland', 'organization']],
          d4: [['Bank of Nordland', 'organization']],
          d5: [['Export-Import', 'place']], // the recogniser's slip that makes "Export-Import" a qualifying place
        },
        a: ['d1', 'Export-Import Bank of Nordland'],
        b: ['d2', 'Bank of Nordland'],
      },
      {
        label: 'a name in its own right stays apart in the story that also writes a longer name starting with it',
        docs: { d1: [['Zorbia Telecom Marine', 'organization'], ['Zorbia Telecom', 'organization']], d2: [['Zorbia Telecom', 'organization']], d3: [['Zorbia Telecom', 'organization']] },
        a: ['d1', 'Zorbia Telecom Marine'],
        b: ['d1', 'Zorbia Telecom'],
      },
      {
        label: 'a room of a building named once is not what the building is called elsewhere',
        docs: { d1: [['Zorbia House East Room', 'place']], d2: [['Zorbia House', 'place']], d3: [['Zorbia House', 'place']], d4: [['Zorbia House', 'place']] },
        a: ['d1', 'Zorbia House East Room'],
        b: ['d3', 'Zorbia House'],
      },
      { label: "a former state's acronym ≠ a name with its initials", docs: { d1: [['U.S. Senate Republican', 'organization']], d2: [['USSR', 'organization']], d3: [['Russia', 'place']] }, a: ['d1', 'U.S. Senate Republican'], b: ['d2', 'USSR'] },
      {
        label: "a story's own expansion of a known acronym ≠ the known organisation",
        docs: { d1: [['Economic Planning Agency', 'organization'], { text: 'EPA', type: 'organization', expands: 'm0' }], d2: [['Environmental Protection Agency', 'organization']] },
        a: ['d1', 'Economic Planning Agency'],
        b: ['d2', 'Environmental Protection Agency'],
      },
      {
        label: 'an acronym each of two documents defines once, as names with no words in common',
        docs: {
          d1: [['British Zorbian Party', 'organization'], { text: 'BZP', type: 'organization', expands: 'm0' }],
          d2: [['Banque Zorbienne de Paris', 'organization'], { text: 'BZP', type: 'organization', expands: 'm0' }],
        },
        a: ['d1', 'British Zorbian Party'],
        b: ['d2', 'Banque Zorbienne de Paris'],
      },
      { label: 'the Soviet Union ≠ Russia', docs: { d1: [['Soviet Union', 'place']], d2: [['Russia', 'place']] }, a: ['d1', 'Soviet Union'], b: ['d2', 'Russia'] },
      { label: 'East Germany ≠ West Germany', docs: { d1: [['West Germany', 'place']], d2: [['East Germany', 'place']] }, a: ['d1', 'West Germany'], b: ['d2', 'East Germany'] },
      { label: 'a bare kind of organisation in another document ≠ the lexicon organisation ending in it', docs: { d1: [['World Bank', 'organization']], d2: [['World', 'place']], d3: [['Bank', 'organization']] }, a: ['d1', 'World Bank'], b: ['d3', 'Bank'] },
      {
        label: "two cities' exchanges, though the recogniser typed the bare name a person's elsewhere",
        docs: {
          d1: [['London Stock Exchange', 'organization']],
          d2: [['Tokyo Stock Exchange', 'organization']],
          d3: [['Stock Exchange', 'person']],
          d4: [['Stock Exchange', 'person']],
          d5: [['Stock Exchange', 'person']],
        },
        a: ['d1', 'London Stock Exchange'],
        b: ['d2', 'Tokyo Stock Exchange'],
      },
      {
        label: 'two exchanges whose names, cut short before their acronyms, read the same',
        docs: {
          d1: [['London Stock Exchange', 'organization']],
          d2: [['Tokyo Stock Exchange', 'organization']],
          d3: [['Stock Exchange', 'organization'], { text: 'LSE', type: 'organization', expands: 'm0' }],
          d4: [['Stock Exchange', 'organization'], { text: 'TSE', type: 'organization', expands: 'm0' }],
        },
        a: ['d3', 'LSE'],
        b: ['d4', 'TSE'],
      },
      {
        label: 'an acronym documents define as two different names does not join them',
        docs: {
          d1: [['Zorbian Development Bank', 'organization'], { text: 'ZDB', type: 'organization', expands: 'm0' }],
          d2: [['Zorbian Development Bank', 'organization'], { text: 'ZDB', type: 'organization', expands: 'm0' }],
          d3: [['Zanzibar Dairy Board', 'organization'], { text: 'ZDB', type: 'organization', expands: 'm0' }],
          d4: [['Zanzibar Dairy Board', 'organization'], { text: 'ZDB', type: 'organization', expands: 'm0' }],
        },
        a: ['d1', 'Zorbian Development Bank'],
        b: ['d3', 'Zanzibar Dairy Board'],
      },
    ];
    it.each(mustNotMerge)('should not merge: $label', ({ docs, a, b }) => {
      const r = resolve(docs);
      const ia = idOf(r, ...a);
      expect(ia).toBeDefined();
      expect(idOf(r, ...b)).not.toBe(ia);
    });

    it("should follow an acronym defined as two names to each document's own, and elsewhere to the one most documents define", () => {
      const define = (full: string): Spec[] => [[full, 'organization'], { text: 'ZDB', type: 'organization', expands: 'm0' }];
      const r = resolve({
        d1: define('Zorbian Development Bank'),
        d2: define('Zorbian Development Bank'),
        d3: define('Zorbian Development Bank'),
        d4: define('Zorbian Development Bank'),
        d5: define('Zorbian Development Bank'),
        d6: define('Zorbian Development Bank'),
        d7: define('Zanzibar Dairy Board'),
        d8: define('Zanzibar Dairy Board'),
        d9: [['ZDB', 'organization']],
      });
      const bank = idOf(r, 'd1', 'Zorbian Development Bank');
      const board = idOf(r, 'd7', 'Zanzibar Dairy Board');
      expect(bank).not.toBe(board);
      expect(idOf(r, 'd2', 'ZDB')).toBe(bank);
      expect(idOf(r, 'd8', 'ZDB')).toBe(board);
      // no document around says which: 6 documents define it as the bank, 2 as the board
      expect(idOf(r, 'd9', 'ZDB')).toBe(bank);
    });

    it('should not split an acronym over a name defined once only, which may be a slip ("Chicago Boad of Trade")', () => {
      const r = resolve({
        d1: [['Chicago Board of Trade', 'organization'], { text: 'CBT', type: 'organization', expands: 'm0' }],
        d2: [['Chicago Board of Trade', 'organization'], { text: 'CBT', type: 'organization', expands: 'm0' }],
        d3: [['Chicago Boad of Trade', 'organization'], { text: 'CBT', type: 'organization', expands: 'm0' }],
        d4: [['CBT', 'organization']],
      });
      expect(idOf(r, 'd4', 'CBT')).toBe(idOf(r, 'd1', 'Chicago Board of Trade'));
    });

    it('should join an acronym defined on a name cut short to the one longer name that has its initials', () => {
      const r = resolve({
        d1: [['London Stock Exchange', 'organization']],
        d2: [['Stock Exchange', 'organization'], { text: 'LSE', type: 'organization', expands: 'm0' }],
        d3: [['LSE', 'organization']],
      });
      const lse = idOf(r, 'd1', 'London Stock Exchange');
      expect(idOf(r, 'd2', 'LSE')).toBe(lse);
      expect(idOf(r, 'd2', 'Stock Exchange')).toBe(lse);
      expect(idOf(r, 'd3', 'LSE')).toBe(lse);
      expect(r.entities.find((e) => e.id === lse)?.type).toBe('organization');
    });

    it('should count the "The" a name is written with in its acronym ("THR" = "The Hollywood Reporter")', () => {
      const texts = new Map([
        ['d1', 'Sources told The Hollywood Reporter on Monday.'],
        ['d2', 'Gary Ross will direct the sequel, THR reports.'],
      ]);
      const mention = (doc: string, text: string, type: EntityType): EntityMention => {
        const start = texts.get(doc)!.indexOf(text);
        return { id: 'm0', start, end: start + text.length, text, type, sentence: 0, kind: 'name' };
      };
      const ex = (doc: string, m: EntityMention): DocumentExtraction => ({ doc, sentences: [], mentions: [m], relations: [], attributions: [], claims: [] });
      const r = resolveEntities([ex('d1', mention('d1', 'The Hollywood Reporter', 'organization')), ex('d2', mention('d2', 'THR', 'organization'))], [], texts);
      expect(r.entityOf.get('d1#m0')).toBe(r.entityOf.get('d2#m0'));
      // only when no name has the letters without it: "TWA" stays Trans World Airways beside "The World Almanac"
      texts.set('d3', 'Trans World Airways said fares rose.');
      texts.set('d4', 'Readers of The World Almanac disagreed.');
      texts.set('d5', 'TWA said it would cut fares.');
      const r2 = resolveEntities(
        [ex('d3', mention('d3', 'Trans World Airways', 'organization')), ex('d4', mention('d4', 'The World Almanac', 'organization')), ex('d5', mention('d5', 'TWA', 'organization'))],
        [],
        texts,
      );
      expect(r2.entityOf.get('d5#m0')).toBe(r2.entityOf.get('d3#m0'));
    });

    it('should type a name ending in a corporate suffix an organisation, whatever the recogniser said', () => {
      const r = resolve({ d1: [['Martin Marietta Corp', 'person']], d2: [['Electric Co', 'person']] });
      expect(r.entities.map((e) => [e.label, e.type]).sort()).toEqual([
        ['Electric Co', 'organization'],
        ['Martin Marietta Corp', 'organization'],
      ]);
    });

    it("should label a lexicon entity with the lexicon's name when the documents write it, not the longest name", () => {
      const r = resolve({ d1: [['Islamic Republic of Iran', 'place']], d2: [['Iran', 'place']], d3: [['IRAN', 'place']] });
      const id = idOf(r, 'd1', 'Islamic Republic of Iran');
      expect(id).toBe(idOf(r, 'd2', 'Iran'));
      expect(r.entities.find((e) => e.id === id)?.label).toBe('Iran');
      expect(id).toBe('place:iran');
    });

    it('should label a person without a misspelt or cut-off title, and record the title meant as the role', () => {
      const r = resolve({ d1: [['Secertary James Bakerson', 'person']], d2: [['Exchequer Nigel Lawsonby', 'person']], d3: [['Nigel Lawsonby', 'person']] });
      const baker = r.entities.find((e) => e.id === idOf(r, 'd1', 'Secertary James Bakerson'));
      expect(baker?.label).toBe('James Bakerson');
      expect(baker?.roles).toEqual([{ role: 'secretary', docs: ['d1'] }]);
      expect(r.entities.find((e) => e.id === idOf(r, 'd2', 'Exchequer Nigel Lawsonby'))?.label).toBe('Nigel Lawsonby');
    });

    it('should not take a name in a title for a misspelt title ("Marshall", "Premiere")', () => {
      const r = resolve({ d1: [['Marshall Bruce Mathers', 'person']], d2: [['Generale Zorbia Holdings', 'person']] });
      expect(r.entities.map((e) => e.label).sort()).toEqual(['Generale Zorbia Holdings', 'Marshall Bruce Mathers']);
    });

    it("should not count a corporate suffix as a word of the label: the name written most, not the one with 'Ltd' once", () => {
      const r = resolve({ d1: [['Zorbia Motors Ltd', 'organization'], ['Zorbia Motors', 'organization']], d2: [['Zorbia Motors', 'organization']], d3: [['Zorbia Motors', 'organization']] });
      const e = r.entities.find((x) => x.id === idOf(r, 'd1', 'Zorbia Motors Ltd'));
      expect(e?.label).toBe('Zorbia Motors');
      expect(e?.aliases).toContain('Zorbia Motors Ltd');
      expect(idOf(r, 'd3', 'Zorbia Motors')).toBe(e?.id);
    });

    it('should give the longest full name without titles as the label, and every surface name as an alias', () => {
      const r = resolve({
        d1: [['Turkish President Recep Tayyip Erdogan', 'person']],
        d2: [['Tayyip Erdogan', 'person'], ['Erdogan', 'person']],
        d3: [["Erdogan's", 'person']],
      });
      const e = r.entities.find((x) => x.label === 'Recep Tayyip Erdogan');
      expect(e?.id).toBe('person:recep-tayyip-erdogan');
      expect(e?.aliases).toEqual(expect.arrayContaining(['Turkish President Recep Tayyip Erdogan', 'Recep Tayyip Erdogan', 'Tayyip Erdogan', 'Erdogan']));
      expect(e?.mentions).toHaveLength(4);
      expect(e?.roles).toEqual([{ role: 'president', docs: ['d1'] }]);
      expect(e?.mergeReasons.some((x) => x.includes('surname of'))).toBe(true);
      expect(e?.mergeReasons.length).toBeGreaterThan(0);
    });

    it('should add an acronym defined in the text to the aliases even when it is no mention', () => {
      const built = doc('d1', [['Zorbian Widget Makers Union', 'organization']]);
      const text = `${built.text} (ZWMU) said`;
      const r = resolveEntities([built.ex], [], new Map([['d1', text]]));
      expect(r.entities[0]?.aliases).toContain('ZWMU');
      expect(r.entities[0]?.mergeReasons[0]).toMatch(/acronym of "Zorbian Widget Makers Union" \(defined in text\)/);
    });

    it('should explain lexicon and acronym merges', () => {
      const r = resolve({ d1: [['Syrian Observatory for Human Rights', 'organization']], d2: [['OSDH', 'organization']] });
      const e = r.entities.find((x) => x.aliases.includes('OSDH'));
      expect(e?.label).toBe('Syrian Observatory for Human Rights');
      expect(e?.type).toBe('organization');
      expect(e?.mergeReasons.join(' ')).toMatch(/OSDH/);
    });

    it('should vote the type, with country names always places', () => {
      const r = resolve({ d1: [['Turkey', 'organization']], d2: [['Turkey', 'organization']], d3: [['Turkey', 'place']] });
      expect(r.entities).toHaveLength(1);
      expect(r.entities[0]?.type).toBe('place');
      const v = resolve({ d1: [['Zorblax Industries', 'organization']], d2: [['Zorblax Industries', 'organization']], d3: [['Zorblax Industries', 'place']] });
      expect(v.entities[0]?.type).toBe('organization');
    });

    it('should type a name with a corporate suffix an organisation, and keep it off the country it names', () => {
      const r = resolve({ d1: [['Ferrotherm Co.', 'place']], d2: [['Canada', 'place']], d3: [['Canada Ltd', 'place'], ['Canada', 'place']] });
      expect(r.entities.find((e) => e.label === 'Ferrotherm Co.')?.type).toBe('organization');
      expect(idOf(r, 'd2', 'Canada')).toBe('place:canada');
      expect(idOf(r, 'd3', 'Canada Ltd')).toBe('organization:canada-ltd');
    });

    it('should attach pronouns and descriptions through refersTo', () => {
      const r = resolve({
        d1: [['Jens Stoltenberg', 'person'], { text: 'He', type: 'person', kind: 'pronoun', refersTo: 'm0' }, { text: 'the NATO chief', type: 'person', kind: 'description', refersTo: 'm0' }],
      });
      expect(r.entities).toHaveLength(1);
      expect(r.entities[0]?.mentions).toHaveLength(3);
      expect(r.entityOf.get('d1#m1')).toBe('person:jens-stoltenberg');
      expect(r.entityOf.get('d1#m2')).toBe('person:jens-stoltenberg');
      expect(r.entities[0]?.aliases).toEqual(['Jens Stoltenberg']);
    });

    it('should index every mention of an entity, as a map in document order, whichever way it is asked', () => {
      // Documents filled on demand: asking one first must not change what the others or the whole map say.
      const specs: Record<string, Spec[]> = {
        'feed.jsonl#2': [['Jens Stoltenberg', 'person'], { text: 'He', type: 'person', kind: 'pronoun', refersTo: 'm0' }, ['NATO', 'organization']],
        a: [['Recep Tayyip Erdogan', 'person'], { text: 'it', type: 'other', kind: 'pronoun' }],
        'feed.jsonl#10': [['Erdogan', 'person']],
      };
      const fresh = resolve(specs);
      const all = [...fresh.entityOf];
      expect(all).toEqual([
        ['a#m0', 'person:recep-tayyip-erdogan'],
        ['feed.jsonl#10#m0', 'person:recep-tayyip-erdogan'],
        ['feed.jsonl#2#m0', 'person:jens-stoltenberg'],
        ['feed.jsonl#2#m2', 'organization:nato'],
        ['feed.jsonl#2#m1', 'person:jens-stoltenberg'],
      ]);
      expect(fresh.entityOf.size).toBe(5);
      const byOne = resolve(specs);
      expect(byOne.entityOf.of('feed.jsonl#2', 'm1')).toBe('person:jens-stoltenberg');
      expect(byOne.entityOf.get('feed.jsonl#10#m0')).toBe('person:recep-tayyip-erdogan');
      expect(byOne.entityOf.has('a#m1')).toBe(false); // a mention that names nothing
      expect(byOne.entityOf.of('nowhere', 'm0')).toBeUndefined();
      expect([...byOne.entityOf.keys()]).toEqual(all.map(([k]) => k));
      expect([...byOne.entityOf.values()]).toEqual(all.map(([, v]) => v));
      expect(byOne.entityOf.size).toBe(5);
      // asking for documents that are not there (as `get` does, trying each '#' of a ref) fills nothing
      const unknownFirst = resolve(specs);
      for (const ref of ['feed.jsonl#10#nope', 'x#m0', 'y#m0', 'z#m0']) expect(unknownFirst.entityOf.get(ref)).toBeUndefined();
      expect([...unknownFirst.entityOf]).toEqual(all);
    });

    it('should merge a demonym with its country only through canonical', () => {
      const r = resolve({ d1: [['Turkey', 'place'], { text: 'Turkish', type: 'place', canonical: 'Turkey' }], d2: [{ text: 'Syrian', type: 'place', canonical: 'Syria' }] });
      expect(r.entityOf.get('d1#m1')).toBe(r.entityOf.get('d1#m0'));
      expect(r.entityOf.get('d2#m0')).toBe('place:syria');
      expect(r.entities.find((e) => e.id === 'place:syria')?.label).toBe('Syria');
    });

    it('should honour expands set by the recogniser', () => {
      const r = resolve({ d1: [['Quorvian Liberation Front', 'organization'], { text: 'QLF', type: 'organization', expands: 'm0' }], d2: [['QLF', 'organization']] });
      expect(r.entityOf.get('d2#m0')).toBe(r.entityOf.get('d1#m0'));
    });

    it('should not make an entity of a bare title', () => {
      const r = resolve({ d1: [['President', 'person'], ['Jens Stoltenberg', 'person']] });
      expect(r.entityOf.has('d1#m0')).toBe(false);
    });

    it('should not depend on the order of documents or mentions', () => {
      const docs: Record<string, Spec[]> = {
        a: [['President Recep Tayyip Erdogan', 'person'], ['Turkey', 'place'], ['NATO', 'organization'], ['Kim Jong-un', 'person'], ['Kim', 'person']],
        b: [['Erdogan', 'person'], ['Syrian Observatory', 'organization'], ['Kim Yo-jong', 'person'], ['Kim', 'person']],
        c: [['Syrian Observatory for Human Rights', 'organization'], ['OSDH', 'organization'], ['Nato', 'organization'], ['Mr Dogan', 'person']],
        d: [['Rahmi Dogan', 'person'], ['Kim', 'person'], ['Turkey', 'organization']],
      };
      const built = Object.entries(docs).map(([id, specs]) => doc(id, specs));
      const base = resolveEntities(built.map((b) => b.ex), []);
      const seeds = [1, 2, 3, 4, 5];
      for (const seed of seeds) {
        let x = seed;
        const rand = (): number => ((x = (x * 16807) % 2147483647) / 2147483647);
        const shuffled = built
          .map((b) => ({ ...b.ex, mentions: [...b.ex.mentions].sort(() => rand() - 0.5) }))
          .sort(() => rand() - 0.5);
        const again = resolveEntities(shuffled, []);
        expect(again.entities).toEqual(base.entities);
        expect([...again.entityOf].sort()).toEqual([...base.entityOf].sort());
      }
    });

    it('should give deterministic distinct ids when two entities share a label', () => {
      const r = resolve({ d1: [['Kim Jong-un', 'person'], ['Kim Yo-jong', 'person']], d2: [['Kim', 'person']], d3: [['Kim', 'person']] , d4: [['Kim', 'organization']]});
      const ids = r.entities.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort());
    });
  });

  describe('entityOf', () => {
    it('should find mentions by "doc#id" and by document and id, also when document ids contain "#"', () => {
      const r = resolve({
        'feed.jsonl#1': [['Recep Tayyip Erdogan', 'person'], ['Ankara', 'place']],
        'feed.jsonl#2': [['Erdogan', 'person']],
        feed: [['Ankara', 'place']],
      });
      const erdogan = r.entityOf.get('feed.jsonl#1#m0');
      expect(erdogan).toMatch(/^person:/);
      expect(r.entityOf.get('feed.jsonl#2#m0')).toBe(erdogan);
      expect(r.entityOf.of('feed.jsonl#2', 'm0')).toBe(erdogan);
      expect(r.entityOf.get('feed#m0')).toBe(r.entityOf.get('feed.jsonl#1#m1'));
      expect(r.entityOf.has('feed.jsonl#1#m9')).toBe(false);
      expect(r.entityOf.get('nope#m0')).toBeUndefined();
      const entries = [...r.entityOf].sort();
      expect(entries.map(([k]) => k)).toEqual(['feed#m0', 'feed.jsonl#1#m0', 'feed.jsonl#1#m1', 'feed.jsonl#2#m0']);
      expect(r.entityOf.size).toBe(4);
      for (const [k, v] of entries) expect(r.entityOf.get(k)).toBe(v);
    });
  });

  describe('memo', () => {
    type Built = ReturnType<typeof doc>;
    const docsOf = (specs: Record<string, Spec[]>): Built[] => Object.entries(specs).map(([id, list]) => doc(id, list));
    const info = (b: Built): DocumentInfo => ({ id: b.ex.doc, path: b.ex.doc, title: '', source: '', published: null, url: null, hash: `sha-${b.text.length}-${b.ex.doc}` });
    const run = (built: Built[], options: ResolveOptions = {}) =>
      resolveEntities(built.map((b) => b.ex), built.map(info), new Map(built.map((b) => [b.ex.doc, b.text])), options);
    /** As written to and read from disk. */
    const roundTrip = (memo: ResolveMemo | undefined): ResolveMemo => JSON.parse(JSON.stringify(memo));
    const expectSame = (a: ReturnType<typeof run>, b: ReturnType<typeof run>): void => {
      expect(a.entities).toEqual(b.entities);
      expect([...a.entityOf]).toEqual([...b.entityOf]);
    };
    const corpus = docsOf({
      d1: [['Recep Tayyip Erdogan', 'person'], ['Syrian Observatory for Human Rights', 'organization'], ['SOHR', 'organization'], ['Turkish', 'place']],
      d2: [['Erdogan', 'person'], ['Syrian Observatory', 'organization'], ['NATO', 'organization'], { text: 'Turkish', type: 'place', kind: 'description', canonical: 'Turkey' }],
      d3: [['Tayyip Erdogan', 'person'], ['SOHR', 'organization'], ['rebels', 'organization'], ['Idlib', 'place']],
    });

    it('should give what a resolve without it gives, reusing the documents it describes', () => {
      const first = run(corpus.slice(0, 2), { keepMemo: true });
      expect(first.memo?.format).toBe(RESOLVE_MEMO_FORMAT);
      expect(first.memo?.docs.map((d) => d.doc)).toEqual(['d1', 'd2']);
      const again = run(corpus, { memo: roundTrip(first.memo), keepMemo: true });
      expectSame(again, run(corpus));
      expect(again.memoReused).toBe(2);
      // and the memo it returns serves the next resolve (here: one document fewer)
      const fewer = run([corpus[0]!, corpus[2]!], { memo: roundTrip(again.memo) });
      expectSame(fewer, run([corpus[0]!, corpus[2]!]));
      expect(fewer.memoReused).toBe(2);
    });

    it('should say how the memo it returns differs from the one it was given', () => {
      const first = run(corpus.slice(0, 2), { keepMemo: true });
      expect(first.memo?.delta).toBeUndefined();
      const given = { ...roundTrip(first.memo), source: { file: 'x' } };
      const next = run([corpus[1]!, corpus[2]!], { memo: given, keepMemo: true });
      expect(next.memo?.delta).toEqual({ source: { file: 'x' }, changed: ['d3'], removed: ['d1'] });
      // the given memo's part of every other document is the returned memo's
      const part = (m: ResolveMemo, id: string) => {
        const d = m.docs.find((x) => x.doc === id)!;
        return { ...d, classes: d.classes.map((i) => m.classes[i]) };
      };
      expect(part(next.memo!, 'd2')).toEqual(part(given, 'd2'));
    });

    it('should classify a document again when a full name it consulted becomes a person’s', () => {
      // The recogniser typed the name organisation in d1; once d2 types it person twice, the corpus
      // says it is a person's name, and d1's mention must follow.
      const d1 = doc('d1', [['Dana Whitfield', 'organization'], ['Acme Widgets', 'organization']]);
      const d2 = doc('d2', [['Dana Whitfield', 'person'], ['Dana Whitfield', 'person']]);
      const alone = run([d1], { keepMemo: true });
      expect(alone.entities.find((e) => e.label === 'Dana Whitfield')?.type).toBe('organization');
      const both = run([d1, d2], { memo: roundTrip(alone.memo) });
      expectSame(both, run([d1, d2]));
      expect(both.memoReused).toBe(0);
      const entity = both.entities.find((e) => e.label === 'Dana Whitfield');
      expect(entity?.type).toBe('person');
      expect(both.entityOf.get('d1#m0')).toBe(entity?.id);
    });

    it('should classify a document again when a surname it consulted becomes a person’s of the document', () => {
      // "Whitfield's" typed organisation is the person when the document names a person Whitfield
      // whom the corpus knows as one: not yet with d2, which types the full name otherwise twice.
      const d1 = doc('d1', [['Dana Whitfield', 'person'], ["Whitfield's", 'organization']]);
      const d2 = doc('d2', [['Dana Whitfield', 'organization'], ['Dana Whitfield', 'organization']]);
      const d3 = doc('d3', [['Dana Whitfield', 'person'], ['Dana Whitfield', 'person']]);
      const before = run([d1, d2], { keepMemo: true });
      expect(before.memo!.docs[0]!.otherSurnames).toEqual(['whitfield']);
      const after = run([d1, d2, d3], { memo: roundTrip(before.memo), keepMemo: true });
      expectSame(after, run([d1, d2, d3]));
      expect(after.memoReused).toBe(0); // both consulted whether the full name is a person's
      expect(after.memo!.docs[0]!.surnames).toEqual(['whitfield']);
      expect(after.entityOf.get('d1#m1')).toBe(after.entityOf.get('d1#m0'));
    });

    it('should not reuse the memo of other mentions under the same document id', () => {
      const before = run([doc('d1', [['Acme Widgets', 'organization']])], { keepMemo: true });
      const after = [doc('d1', [['Dana Whitfield', 'person']])];
      const r = run(after, { memo: roundTrip(before.memo) });
      expectSame(r, run(after));
      expect(r.memoReused).toBe(0);
    });

    it('should take over the entities whose inputs are unchanged from the resolve that returned the memo', () => {
      const first = run(corpus, { keepMemo: true, holdMemo: true });
      // d3 changed: its entities (Erdogan's, the Observatory's, its own) are assembled again, NATO is not
      const changed = [corpus[0]!, corpus[1]!, doc('d3', [['Erdogan', 'person'], ['Idlib', 'place'], ['Ankara', 'place']])];
      const next = run(changed, { memo: first.memo, keepMemo: true, holdMemo: true });
      expectSame(next, run(changed));
      expect(next.assembledAgain).toBeGreaterThan(0);
      expect(next.assembledAgain).toBeLessThan(next.entities.length);
      // a memo read from disk has none to take over, nor one returned to a caller that does not hold it
      expect(run(changed, { memo: roundTrip(first.memo) }).assembledAgain).toBe(next.entities.length);
      expect(run(changed, { memo: run(corpus, { keepMemo: true }).memo }).assembledAgain).toBe(next.entities.length);
      // and what it hands out is its own: changing the entities it returned changes nothing after
      for (const e of next.entities) {
        e.aliases.push('changed');
        e.mentions.pop();
        e.mergeReasons.push('changed');
        e.roles.push({ role: 'changed', docs: [] });
      }
      const again = run(changed, { memo: next.memo });
      expect(again.assembledAgain).toBe(0);
      expectSame(again, run(changed));
    });

    it('should assemble again an entity whose members are unchanged but whose merge reasons are not', () => {
      // b's "Syrian Observatory" is short for b's full name; h writes the same name otherwise (and
      // longer-sorting first) in a story of its own, which changes how the reason writes it
      const before = docsOf({
        a: [['Syrian Observatory for Human Rights', 'organization']],
        b: [['Syrian Observatory for Human Rights', 'organization'], ['Syrian Observatory', 'organization']],
        c: [['Syrian Observatory for Democracy', 'organization']],
      });
      const after = [...before, doc('h', [['SYRIAN OBSERVATORY', 'organization']])];
      const first = run(before, { keepMemo: true, holdMemo: true });
      const next = run(after, { memo: first.memo, keepMemo: true, holdMemo: true });
      expectSame(next, run(after));
      const reasons = (r: ReturnType<typeof run>) => r.entities.find((e) => e.label === 'Syrian Observatory for Human Rights')!.mergeReasons;
      expect(reasons(next)).not.toEqual(reasons(first));
    });

    it('should give what a resolve without it gives along any chain of updates', () => {
      const pool = docsOf({
        a: [['Syrian Observatory for Human Rights', 'organization'], ['SOHR', 'organization'], ['Bashar al-Assad', 'person']],
        b: [['Assad', 'person'], ['Syrian Observatory', 'organization'], ['Observatory', 'organization']],
        c: [['Hafez al-Assad', 'person'], ['Assad', 'person'], { text: 'he', type: 'person', kind: 'pronoun', refersTo: 'm1' }],
        d: [['Syrian Observatory for Human Rights (SOHR)', 'organization'], ['Rami Abdel Rahman', 'person'], ['Abdel Rahman', 'person']],
        e: [['NATO', 'organization'], ['North Atlantic Treaty Organization', 'organization'], ['Stoltenberg', 'person']],
        f: [['Jens Stoltenberg', 'person'], ['NATO', 'organization'], ['rebels', 'organization'], ['Syria', 'place']],
      });
      let seed = 7;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      let memo: ResolveMemo | undefined;
      for (let step = 0; step < 25; step++) {
        const set = pool.filter(() => random() < 0.6);
        const r = run(set, { memo, keepMemo: true, holdMemo: true });
        expectSame(r, run(set));
        memo = r.memo;
      }
    });

    it('should ignore a memo of another format or with indexes out of range', () => {
      const first = run(corpus, { keepMemo: true });
      const other = { ...roundTrip(first.memo), format: RESOLVE_MEMO_FORMAT + 1 };
      expect(run(corpus, { memo: other }).memoReused).toBe(0);
      const broken = roundTrip(first.memo);
      broken.docs[0]!.classes = broken.docs[0]!.classes.map(() => broken.classes.length + 5);
      const r = run(corpus, { memo: broken });
      expectSame(r, run(corpus));
      expect(r.memoReused).toBe(2);
    });
  });
});
