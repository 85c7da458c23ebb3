import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../types.js';
import { addRepeats, cutShort, extractMentions, isPlausibleName, joinLetterNames, mergeAdjacentPeople, type RawSpan } from './entities.js';
import { splitSentences } from './sentences.js';

const extract = (text: string) => extractMentions(text, splitSentences(text));
const pairs = (text: string) => extract(text).map((m) => [m.text, m.type]);

describe('nlp/entities', () => {
  describe('mergeAdjacentPeople', () => {
    const span = (first: number, last: number, type: RawSpan['type']): RawSpan => ({ first, last, type, locked: false });
    const merged = (words: string, spans: RawSpan[]) => mergeAdjacentPeople(spans, words.split(' ')).map((s) => [s.first, s.last, s.type]);
    it('should join a given name and a surname opening with a particle that the tagger read as an organisation', () => {
      expect(merged('dance DJ Rob Da Bank on Thursdays', [span(2, 2, 'person'), span(3, 4, 'organization')])).toEqual([[2, 4, 'person']]);
      expect(merged('Marine Le Pen said', [span(0, 0, 'person'), span(1, 2, 'organization')])).toEqual([[0, 2, 'person']]);
    });
    it('should not join across a word, a name without a particle, or a one-word organisation', () => {
      expect(merged('Rob and Da Bank said', [span(0, 0, 'person'), span(2, 3, 'organization')])).toEqual([[0, 0, 'person'], [2, 3, 'organization']]);
      expect(merged('Rob Deutsche Bank said', [span(0, 0, 'person'), span(1, 2, 'organization')])).toEqual([[0, 0, 'person'], [1, 2, 'organization']]);
      expect(merged('Rob Le said', [span(0, 0, 'person'), span(1, 1, 'organization')])).toEqual([[0, 0, 'person'], [1, 1, 'organization']]);
    });
  });

  describe('isPlausibleName', () => {
    const one = (words: string, at: number) => isPlausibleName(words.split(' '), { first: at, last: at, type: 'person', locked: false });
    it('should not take a short month before a day for a name, but a given name', () => {
      expect(one('Jan 05 , 2011', 0)).toBe(false);
      expect(one('on Dec. 3 , 2010', 1)).toBe(false);
      expect(one('Jan Egeland said', 0)).toBe(true);
    });
  });

  describe('addRepeats', () => {
    const sentences = (text: string) => splitSentences(text);
    const name = (text: string, at: string, type: EntityMention['type'] = 'place') => {
      const start = text.indexOf(at);
      return { start, end: start + at.length, text: at, type, sentence: 0, kind: 'name' as const };
    };

    it('a name the tagger found once is a mention where the same words recur, with its type', () => {
      const text = 'Shelling hit the streets of Qaminas. Rebels on Thursday re-entered Qaminas, a key crossroads. The road to qaminas was cut.';
      const out = [name(text, 'Qaminas')];
      addRepeats(text, out, sentences(text));
      expect(out.map((m) => [m.start, m.type, m.sentence])).toEqual([
        [text.indexOf('Qaminas'), 'place', 0],
        [text.lastIndexOf('Qaminas'), 'place', 1],
      ]);
    });

    it('leaves recurrences inside longer names, hyphenated words, sentence openings and page furniture alone', () => {
      const text = 'Troops shelled Qaminas. Qaminas was quiet later. A Qaminas-based group and the Qaminas Water Authority spoke to New Qaminas residents of the pre-Qaminas era. Share on: Qaminas';
      const out = [name(text, 'Qaminas')];
      const prose = sentences(text).filter((s) => !text.slice(s.start, s.end).startsWith('Share'));
      addRepeats(text, out, prose);
      expect(out).toHaveLength(1);
    });

    it('a person named in full is found by the surname alone, unless the surname is also a lower-case word', () => {
      const text = 'Marla Quennick checked into a clinic. Later, Quennick left the clinic.';
      const out = [name(text, 'Marla Quennick', 'person')];
      addRepeats(text, out, sentences(text));
      expect(out.map((m) => [m.text, m.type])).toEqual([['Marla Quennick', 'person'], ['Quennick', 'person']]);
      const rice = 'Condoleezza Rice visited Japan. Later, Rice met farmers who grow rice.';
      const out2 = [name(rice, 'Condoleezza Rice', 'person')];
      addRepeats(rice, out2, sentences(rice));
      expect(out2).toHaveLength(1);
      const url = 'https://example.com/marla-quennick-checks-in\nMarla Quennick checked into a clinic. Later, Quennick left the clinic.';
      const out3 = [name(url, 'Marla Quennick', 'person')];
      addRepeats(url, out3, sentences(url));
      expect(out3.map((m) => m.text)).toContain('Quennick');
    });

    it("a person's surname opens sentences too, unless the document writes it in lower case", () => {
      const text = 'Arcade Joseph Quennick Jr. escaped on Monday. Quennick was serving a life sentence. Officers said Quennick ran.';
      const out = [name(text, 'Arcade Joseph Quennick Jr.', 'person')];
      addRepeats(text, out, sentences(text));
      expect(out.map((m) => [m.start, m.text, m.type]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
        [0, 'Arcade Joseph Quennick Jr.', 'person'],
        [text.indexOf('Quennick was'), 'Quennick', 'person'],
        [text.indexOf('Quennick ran'), 'Quennick', 'person'],
      ]);
      const young = 'Marla Young checked into a clinic. Young people waited outside. Later, Young left the clinic, looking young.';
      const out2 = [name(young, 'Marla Young', 'person')];
      addRepeats(young, out2, sentences(young));
      expect(out2).toHaveLength(1);
      // a place's name, or a name voted both ways, stays out of sentence openings
      const place = 'Troops reached Port Quennick. Quennick was quiet.';
      const out3 = [name(place, 'Port Quennick')];
      addRepeats(place, out3, sentences(place));
      expect(out3).toHaveLength(1);
    });

    it("a person's full name is found in a headline in title case, among capitalised words", () => {
      const text = 'Marla Quennick Checks Into Clinic In Newport Beach\nMarla Quennick checked into a clinic on Friday.';
      const out = [name(text, 'Marla Quennick', 'person')];
      out[0] = { ...out[0]!, start: text.lastIndexOf('Marla Quennick'), end: text.lastIndexOf('Marla Quennick') + 14, sentence: 1 };
      addRepeats(text, out, sentences(text));
      expect(out.map((m) => m.start).sort((a, b) => a - b)).toEqual([0, text.lastIndexOf('Marla Quennick')]);
    });

    it('a multi-word name is found at a sentence opening too, and an existing mention is never overlapped', () => {
      const text = 'Police in Port Harcourt made arrests. Port Harcourt was calm on Friday, a Port Harcourt official said.';
      const official = text.lastIndexOf('Port Harcourt');
      const out = [name(text, 'Port Harcourt'), { ...name(text, 'Port Harcourt official'), start: official, end: official + 'Port Harcourt official'.length, text: 'Port Harcourt official', type: 'person' as const }];
      addRepeats(text, out, sentences(text));
      expect(out.map((m) => m.start).sort((a, b) => a - b)).toEqual([text.indexOf('Port Harcourt'), text.indexOf('Port Harcourt was'), official]);
    });
  });

  describe('extractMentions', () => {
    // [label, sentence, expected [span text, type] pairs that must be among the mentions]
    const positives: [label: string, text: string, expected: [string, EntityMention['type']][]][] = [
      ['person with title and demonym', 'Turkish Foreign Minister Mevlut Cavusoglu spoke to reporters in Ankara.', [['Mevlut Cavusoglu', 'person'], ['Ankara', 'place']]],
      ['organisation acronym and person', 'NATO chief Jens Stoltenberg condemned the attacks by Russia.', [['NATO', 'organization'], ['Jens Stoltenberg', 'person'], ['Russia', 'place']]],
      ['possessive place is trimmed', "At least 33 soldiers were killed in Syria's Idlib province.", [['Syria', 'place'], ['Idlib', 'place']]],
      ['curly possessive is trimmed', 'Turkey’s President Recep Tayyip Erdogan spoke on Friday.', [['Turkey', 'place'], ['Recep Tayyip Erdogan', 'person']]],
      ['multi-word organisation with "for"', 'The Syrian Observatory for Human Rights said 20 people died.', [['Syrian Observatory for Human Rights', 'organization']]],
      ['name before a comma', 'Rahmi Dogan, governor of Hatay, said Friday that the wounded were in hospital.', [['Rahmi Dogan', 'person'], ['Hatay', 'place']]],
      ['name with particle', 'Syrian President Bashar al-Assad met the envoy in Damascus.', [['Bashar al-Assad', 'person'], ['Damascus', 'place']]],
      ['full organisation name', 'The European Commission said on Thursday it disagreed with the advice.', [['European Commission', 'organization']]],
      ['a gulf named after a place, whole', 'Pirates tried to board a vessel in the Gulf of Aden when they were stopped.', [['Gulf of Aden', 'place']]],
      ['a gulf named after a place, at the end of a sentence', 'The navy patrols the Gulf of Aden.', [['Gulf of Aden', 'place']]],
      ['the European Community and its acronym', 'The European Community (EC) said on Tuesday it would cut farm prices.', [['European Community', 'organization'], ['EC', 'organization']]],
      ['United Nations and a country', 'The United Nations called on Russia and Turkey to de-escalate.', [['United Nations', 'organization'], ['Russia', 'place'], ['Turkey', 'place']]],
      ['city and company', 'Shares of Microsoft rose in New York on Tuesday.', [['Microsoft', 'organization'], ['New York', 'place']]],
      ['sentence-initial person', 'Zakharova said Ankara had violated the Sochi agreement.', [['Ankara', 'place'], ['Sochi', 'place']]],
      ['diacritics', 'Mevlüt Çavuşoğlu met Sergei Lavrov in Moscow.', [['Mevlüt Çavuşoğlu', 'person'], ['Sergei Lavrov', 'person'], ['Moscow', 'place']]],
      ['acronym with dots', 'The U.N. Security Council met in New York.', [['New York', 'place']]],
      ['broadcaster with channel number', 'The state-owned Zvezda 12 television channel reported the strike on Monday.', [['Zvezda 12', 'organization']]],
      ['broadcaster followed by a one-word qualifier', 'The minister told CNN Turk broadcaster on Friday that talks would go on.', [['CNN Turk', 'organization']]],
      ['company written with and without its suffix', 'Vellmar Holdings Inc said profits rose. Analysts said Vellmar would buy more plants. Vellmar shares rose 3 percent.', [['Vellmar', 'organization']]],
      ['place after "the village of"', 'Troops moved near the village of al-Qarmeen on Tuesday.', [['al-Qarmeen', 'place']]],
      ['patronymic particle inside a name', 'Emirates chairman Sheikh Ahmed bin Saeed al-Maktoum signed the deal in Dubai.', [['Ahmed bin Saeed al-Maktoum', 'person'], ['Dubai', 'place']]],
      ['nationality before an acronym stays apart', 'He met the Portuguese UN envoy Ana Ferreira in Geneva.', [['UN', 'organization'], ['Ana Ferreira', 'person']]],
    ];
    it.each(positives)('should find: %s', (_label, text, expected) => {
      const found = pairs(text);
      for (const e of expected) expect(found).toContainEqual(e);
    });

    const headlines: [label: string, text: string, expected: [string, EntityMention['type']][]][] = [
      ['headline case', 'Erdogan Warns Russia Over Idlib As Turkish Troops Die\n', [['Erdogan', 'person'], ['Russia', 'place']]],
      ['all caps', 'BRUSSELS 1996-08-22\nThe European Commission met in Brussels on Thursday.\n', [['BRUSSELS', 'place'], ['European Commission', 'organization']]],
      ['all-caps headline with body', 'TURKEY SAYS SYRIA MUST WITHDRAW\nTurkey said on Friday that Syria must withdraw.\n', [['TURKEY', 'place'], ['SYRIA', 'place']]],
      ['sports table line', 'Manchester United 3 Liverpool 1\n', [['Manchester United', 'organization'], ['Liverpool', 'organization']]],
      ['a generation after a name', 'Arcade Joseph Comeaux Jr., 49, is serving a life sentence. Lyons said that Comeaux used a wheelchair. W. Mark Felt Sr. died.', [['Arcade Joseph Comeaux Jr.', 'person'], ['Comeaux', 'person'], ['W. Mark Felt Sr.', 'person']]],
      ['headline verb after a speaker', 'Trump Could Address Clean Energy, Lindsey Graham Says.\n\nGraham spoke on Thursday.', [['Lindsey Graham', 'person']]],
    ];
    it('should cut a person named in a title-case headline back to the name the story writes', () => {
      const text = 'Director Gary Ross Still in Negotiations for Hunger Games Sequel\nAs I said many times, Gary Ross directed the first film well.\n';
      const people = pairs(text).filter(([, t]) => t === 'person').map(([n]) => n);
      expect(people).toContain('Gary Ross');
      expect(people).not.toContain('Gary Ross Still');
    });

    it.each(headlines)('should handle casing: %s', (_label, text, expected) => {
      const found = pairs(text);
      for (const e of expected) expect(found).toContainEqual(e);
    });

    // sentences or page furniture that must yield no entity at all
    const falsePositives: [label: string, text: string][] = [
      ['share-button list', 'github sharing button github'],
      ['share-button list, capitalised', 'Twitter sharing button Twitter'],
      ['related posts heading', 'Related posts'],
      ['leave a reply', 'Leave a Reply'],
      ['required fields notice', 'Your email address will not be published. Required fields are marked *'],
      ['weekday alone', 'Monday'],
      ['date line', 'Monday, Mar 27, 2023'],
      ['capitalised common word at sentence start', 'Dozens more soldiers were injured and taken for treatment.'],
      ['sentence-initial adverb', 'Meanwhile, prices rose sharply across the region.'],
      ['lower-case text', 'the soldiers were killed in an air strike on thursday.'],
      ['numbers only', '33 34 2020 1,200'],
      ['punctuation only', '*** --- !!!'],
      ['adjective before a group noun', 'The army fought Wahhabist militants near the border. Wahhabist militants fled.'],
    ];
    it.each(falsePositives)('should find nothing in: %s', (_label, text) => {
      expect(extract(text)).toEqual([]);
    });

    it('should not tag page furniture words like "github" or share buttons in a real article', () => {
      const text = 'Turkey said on Friday it would respond.\n\nfacebook sharing button facebook\ntwitter sharing button twitter\n';
      const found = extract(text).map((m) => m.text);
      expect(found).toContain('Turkey');
      expect(found.some((t) => /facebook|twitter/i.test(t))).toBe(false);
    });

    const roles: [label: string, text: string, name: string, role: string | undefined][] = [
      ['title with demonym before', 'Turkish Foreign Minister Mevlut Cavusoglu said so.', 'Mevlut Cavusoglu', 'foreign minister'],
      ['organisation then title', 'NATO Secretary General Jens Stoltenberg said so.', 'Jens Stoltenberg', 'secretary general'],
      ['president', 'President Recep Tayyip Erdogan said so.', 'Recep Tayyip Erdogan', 'president'],
      ['apposition after the name', 'Rahmi Dogan, governor of Hatay, said so.', 'Rahmi Dogan', 'governor'],
      ['honorific is not a role', 'Mr Dogan said so.', 'Dogan', undefined],
      ['no title', 'Fahrettin Altun said so.', 'Fahrettin Altun', undefined],
      ['portfolio title after a country', 'U.S. Commerce Secretary Gina Raimondo visited Beijing.', 'Gina Raimondo', 'commerce secretary'],
    ];
    it.each(roles)('should read the role: %s', (_label, text, name, role) => {
      const m = extract(text).find((x) => x.type === 'person');
      expect(m?.text).toBe(name);
      expect(m?.role).toBe(role);
    });

    it('should not make an organisation of the start of a title ("U.S. Trade Representative", "Commerce Secretary")', () => {
      const found = pairs('U.S. Trade Representative Katherine Tai met Commerce Secretary Gina Raimondo and the Labour Party leader.');
      expect(found).toContainEqual(['U.S.', 'place']);
      expect(found).toContainEqual(['Katherine Tai', 'person']);
      expect(found).toContainEqual(['Gina Raimondo', 'person']);
      expect(found.filter((p) => /Trade|Commerce/.test(p[0] ?? ''))).toEqual([]);
      // an organisation before a title that does not begin inside it keeps its whole name
      expect(found).toContainEqual(['Labour Party', 'organization']);
    });

    it('should not make an organisation of an agreement\'s name, nor of what it is "on"', () => {
      const found = pairs('The Lisbon Interstate Agreement on Fighting Piracy was signed by Portugal and Spain.');
      expect(found.filter(([, t]) => t === 'organization')).toEqual([]);
      expect(found).toContainEqual(['Portugal', 'place']);
    });

    it('should type a dateline\'s names as places', () => {
      const found = pairs('PORTLAND , Maine 1996-08-30\nPortland said on Friday it would cut 300 jobs at its Maine plant.');
      expect(found.slice(0, 2)).toEqual([['PORTLAND', 'place'], ['Maine', 'place']]);
    });

    // wire copy wrapped at a fixed width, paragraphs indented: names run on over the wraps, never over a paragraph's end
    const wrapped =
      'Shares of the exchange rose after it elected Gerald\n' +
      'Clancy as chairman; shares of Zorbia Metal Industries\n' +
      'Corp fell, said a trader at the London Metal Exchange in the city.\n' +
      '    Northwind Trading Co said it sold its stake to Meridian\n' +
      'Holdings Inc for an undisclosed sum, a price analysts called high.\n' +
      '    Meridian said it would keep the unit, its chairman told reporters.\n';

    it('should read a name over the line break of hard-wrapped prose, a company over its legal form on the next line', () => {
      const found = pairs(wrapped).map(([t]) => String(t).replace(/\s+/g, ' '));
      expect(found).toContain('Gerald Clancy');
      expect(found).toContain('Zorbia Metal Industries Corp');
      expect(found).toContain('Meridian Holdings Inc');
      expect(found).not.toContain('Gerald');
      expect(found).not.toContain('Corp');
    });

    it('should end a name at an indented line (a new paragraph) and at a short line', () => {
      const found = pairs('The loan was arranged by Salomon Brothers Inc and Meridian\n    Northwind Trading Co said it had no comment on the loan.\n').map(([t]) => t);
      expect(found.some((t) => String(t).includes('\n'))).toBe(false);
      const short = pairs('Talks in Zorbia\nZorbian officials said an agreement would be signed soon, and\nthe ministers of both countries were expected to attend it, and\nthe talks would go on.\n');
      expect(short.some(([t]) => String(t).includes('\n'))).toBe(false);
    });

    it("should read a company named as a possessive with its legal form (\"Standard and Poor's Corp\"), and no legal form alone as a name", () => {
      const found = pairs("Zorbia Rating's Corp said it cut the debt of Northwind Trading. The sale of its unit, Ltd, was not affected.").map(([t]) => t);
      expect(found).toContain("Zorbia Rating's Corp");
      expect(found).not.toContain('Corp');
      expect(found).not.toContain('Ltd');
    });

    it('should not take a pronoun with its verb, a holiday or a nationality before a noun or a title for a name', () => {
      const found = pairs("West German officials said West German Finance Minister Gerhard Stoltenberg met them. I'm sure, he said at Christmas.");
      expect(found.filter(([, type]) => type !== 'other')).toEqual([['Gerhard Stoltenberg', 'person']]);
    });

    it("should read a one-word company after what only a company is (\"regulator Zorcom\", \"research firm Quillner\"), and a partnership's name over its comma", () => {
      const found = pairs('The move came after telecom regulator Zorcom said the firm must change. Zorcom is carrying out a review. A study by research firm Quillner said sales rose, and the bonds were sold through Kidder, Peabody and Co Inc on Friday.');
      expect(found.filter(([t]) => t === 'Zorcom').map(([, type]) => type)).toEqual(['organization', 'organization']);
      expect(found.filter(([t]) => t === 'Quillner').map(([, type]) => type)).toEqual(['organization']);
      expect(found).toContainEqual(['Kidder, Peabody and Co Inc', 'organization']);
    });

    it('should not run a headline into the next line', () => {
      const found = pairs('SOCCER - KOVALENKO SCORES TWICE\nAndriy Kovalenko scored twice for the visitors in Lviv on Sunday.');
      expect(found).toContainEqual(['Andriy Kovalenko', 'person']);
      expect(found.map(([t]) => t).some((t) => String(t).includes('\n'))).toBe(false);
    });

    it('should make teams of cities in a results line, but keep countries places', () => {
      const found = pairs('Results on Sunday :\nTacoma 5 Fresno 3\nNorway 2 Belgium 1');
      expect(found).toContainEqual(['Tacoma', 'organization']);
      expect(found).toContainEqual(['Fresno', 'organization']);
      expect(found).toContainEqual(['Norway', 'place']);
    });

    it('should make a company of a one-word name whose shares or board are mentioned', () => {
      const found = pairs('Kestrelo said on Tuesday that Ana Ruiz would join Kestrelo \'s board of directors. Kestrelo expects a loss.');
      expect(found.filter(([t]) => t === 'Kestrelo').map(([, ty]) => ty)).toEqual(['organization', 'organization', 'organization']);
    });

    it('should keep two companies joined by "and" apart', () => {
      const found = pairs('Toyota and Ford Motor Company said they would share engines.');
      expect(found.map(([t]) => t)).not.toContain('Toyota and Ford Motor Company');
    });

    it('should not make a place of a compass point in brackets', () => {
      const found = pairs('The motorway links Damascus to Aleppo (North).');
      expect(found).toContainEqual(['Aleppo', 'place']);
      expect(found.map(([t]) => t)).not.toContain('North');
    });

    it('should keep a compass point written as "the North"', () => {
      expect(pairs('Fighting spread to the North on Friday.')).toContainEqual(['North', 'place']);
    });

    it('should link an acronym in brackets to its expansion', () => {
      const text = 'The North Atlantic Treaty Organization (NATO) met. The Syrian Observatory for Human Rights (OSDH) said so.';
      const ms = extract(text);
      const nato = ms.find((m) => m.text === 'NATO');
      const osdh = ms.find((m) => m.text === 'OSDH');
      expect(nato?.expands).toBe(ms.find((m) => m.text === 'North Atlantic Treaty Organization')?.id);
      expect(osdh?.expands).toBe(ms.find((m) => m.text === 'Syrian Observatory for Human Rights')?.id);
      expect(osdh?.type).toBe('organization');
    });

    it('should give spans that are exact, trimmed, in order and inside the text', () => {
      const text =
        "Turkey's army hit back. Russia's Defence Ministry said: \"Ankara's troops, not ours.\" (Reuters) Erdogan's aide, Ibrahim Kalin, spoke.\n";
      const ms = extract(text);
      expect(ms.length).toBeGreaterThan(3);
      let last = -1;
      ms.forEach((m, i) => {
        expect(m.id).toBe(`m${i}`);
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.end).toBeLessThanOrEqual(text.length);
        expect(m.start).toBeGreaterThanOrEqual(last);
        expect(m.text).toBe(text.slice(m.start, m.end));
        expect(m.text).not.toMatch(/['’]s$|[\s.,;:!?"'()]$|^[\s"'(]/);
        expect(m.kind).toBe('name');
        last = m.end;
      });
    });

    it('should give a surname the type of the person named in full', () => {
      const text = 'Mike McGuire, research director at Gartner, said so. McGuire added that prices would fall.';
      const ms = extract(text);
      expect(ms.filter((m) => /McGuire/.test(m.text)).map((m) => m.type)).toEqual(['person', 'person']);
    });

    it('should give the last words of a longer name the type of the person named in full', () => {
      // CoNLL-2003's tokenisation (dev document 189), where the tagger reads the short name as an organisation's
      const text = [
        "Burma 's democracy leader Aung San Suu Kyi hit out at the government on Saturday for recent arrests and jailing of activists , saying the military abused the law to try to crush the democracy movement .",
        '" The main purpose of this press conference is to make it known to the world that the authorities are misusing the law all the time in order to try to crush the democracy movement , " Suu Kyi told reporters at her Rangoon home .',
        'Suu Kyi said at least 61 democracy supporters had been arrested since May , and about 30 of them had been sentenced , most to long prison terms .',
        "In May the government launched a sweeping crackdown on the democracy movement , detaining over 260 members of Suu Kyi 's National League for Democracy ( NLD ) ahead of a party congress .",
        'Most were released but several dozen remain in custody .',
      ].join('\n');
      const ms = extract(text).filter((m) => /Suu Kyi/.test(m.text));
      expect(ms.map((m) => m.text)).toEqual(['Aung San Suu Kyi', 'Suu Kyi', 'Suu Kyi', 'Suu Kyi']);
      expect(new Set(ms.map((m) => m.type))).toEqual(new Set(['person']));
    });

    it('should type every reading of a one-word name as a company once a company cue follows it', () => {
      const text =
        'Sales fell because of Petofi, one of its units. Cofinec said Petofi general manager Laszlo Sebesvari had resigned. He will remain on Petofi\'s board of directors. Petofi printing house is in Kecskemet.';
      const types = extract(text).filter((m) => m.text === 'Petofi').map((m) => m.type);
      expect(types.length).toBeGreaterThanOrEqual(3);
      expect(new Set(types)).toEqual(new Set(['organization']));
    });

    it('should type a later word of a company name with a legal form as that company, every reading of it', () => {
      const text = [
        'Ericsson says wins China order .',
        'Swedish telecoms group LM Ericsson AB said on Friday it won an order worth 1.2 billion crowns .',
        'Ericsson said in a statement the order was from the provincial administration .',
        'The order included switching equipment and training , Ericsson spokesman Per Zetterquist told Reuters .',
      ].join('\n');
      const types = extract(text).filter((m) => m.text === 'Ericsson').map((m) => m.type);
      expect(types).toEqual(['organization', 'organization', 'organization']);
      // not a place the company's name carries
      const bank = extract(
        'Singapore bonds rose. Lawrence Yeo, director of trading for Citicorp Investment Bank (Singapore) Ltd, told Reuters there was a shortage. Traders in Singapore said Avimo Singapore Ltd. would sell bonds.',
      );
      expect(new Set(bank.filter((m) => m.text === 'Singapore').map((m) => m.type))).toEqual(new Set(['place']));
    });

    it('should type a name ending in a legal form as an organisation whatever the tagger said, and its words alone with it', () => {
      const text = [
        'The Fried. Krupp GmbH',
        '<KRPG.D> steel and engineering group said it had a satisfactory',
        '1986 despite a provisional 12 pct fall in total group sales to',
        '18.1 billion marks from 20.7 billion the previous year.',
        '    Krupp added that some areas of the mechanical engineering',
        'sector had done well in the year.',
        '    Turnover in the steel sector',
        'rose by four mln marks last year to 6.9 billion, Krupp said.',
      ].join('\n');
      const ms = extract(text).filter((m) => /Krupp/.test(m.text));
      expect(ms.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ms.map((m) => m.type))).toEqual(new Set(['organization']));
    });

    it("should type a one-word name whose output or earnings are reported as a company", () => {
      const text = [
        'BUCHAREST 1996-08-30',
        'Romanian listed state engineer Comelf said it almost doubled six-month output , with net profit rising by 33 percent to 1.069 billion lei .',
        "Comelf 's six-month output rose to 4,378 tonnes of equipment from 2,684 tonnes in the equivalent period in 1995 .",
        'Comelf , based in the central Transylvanian town of Bistrita , manufactures water purification equipment .',
        'From January to June Comelf exported 59 percent of its output , up from 37.3 percent in the same period last year .',
      ].join('\n');
      expect(new Set(extract(text).filter((m) => m.text === 'Comelf').map((m) => m.type))).toEqual(new Set(['organization']));
    });

    it('should type a name defined by an organisation acronym and headed by an organisation word as that organisation', () => {
      const text = [
        'Suu Kyi said at least 61 democracy supporters had been arrested since May .',
        "In May the government launched a sweeping crackdown , detaining over 260 members of Suu Kyi 's National League for Democracy ( NLD ) ahead of a party congress .",
      ].join('\n');
      expect(pairs(text)).toContainEqual(['National League for Democracy', 'organization']);
    });

    it('should end a person\'s name on a capitalised word', () => {
      expect(pairs('1914 - James Alfred Van Allen born . U.S. physicist who discovered the radiation belts .')).toContainEqual(['James Alfred Van Allen', 'person']);
    });

    it('should cut a name in the title-case headline a story opens with back to the name the story writes', () => {
      const text = [
        'Microsoft Issues Emergency Patch to Curb Password-Stealing Hackers',
        'Microsoft today issued an emergency update to plug a critical security hole in its Internet Explorer browser .',
        'The patch was released by Microsoft on Wednesday .',
      ].join('\n');
      expect(pairs(text)[0]).toEqual(['Microsoft', 'organization']);
      // a name the story writes whole stays whole
      const whole = ['Boston Red Sox Beat Yankees', 'The Boston Red Sox beat the Yankees 5-3 in Boston on Friday .'].join('\n');
      expect(pairs(whole)[0]).toEqual(['Boston Red Sox', 'organization']);
      // wire copy whose first line runs on is not a headline
      const wire = ['Coastal Corp and TransAmerican Natural', 'Gas Corp have proposed settling lawsuits , a lawyer for', 'TransAmerican said .'].join('\n');
      expect(pairs(wire).map(([t]) => t)).toContain('TransAmerican Natural\nGas Corp');
    });

    it("should split an organisation run on over a title only people hold into the organisation and the title's holder", () => {
      const ms = pairs('Notes : Chiefs WR Terrance Copper ( left knee ) left with injuries .');
      expect(ms).toContainEqual(['Chiefs', 'organization']);
      expect(ms).toContainEqual(['Terrance Copper', 'person']);
      // and a title no office is named after, before a common noun
      expect(pairs('If there was ever an indictment of the Chiefs QB situation , it came on the next series of downs .')).toEqual([['Chiefs', 'organization']]);
    });

    it("should leave a player's position out of the person's name", () => {
      const text = [
        'RUGBY UNION - SPRINGBOKS FINALLY BREAK ALL BLACK SPELL .',
        'JOHANNESBURG 1996-08-31',
        'South Africa managed to avoid a fifth successive defeat in 1996 at the hands of the All Blacks with an emphatic 32-22 victory in front of an ecstatic Ellis Park crowd on Saturday .',
        "Springbok scrum-half Joost van der Westhuizen was his side 's inspiration , scoring their opening try and making the third for flanker Andre Venter from a quickly taken penalty to give his side a 29-8 lead after 54 minutes .",
        'Fullback Andre Joubert scored the other , scorching in from 40 metres at the start of the second half to add to his three long-range penalties .',
      ].join('\n');
      expect(pairs(text)).toContainEqual(['Andre Joubert', 'person']);
    });

    it('should type a name followed by an apposition only a person fits as a person', () => {
      const text = [
        '" I am ready to go to jail , " Suu Kyi said .',
        'Hla Than , an elected member of parliament , died in Insein Prison on Friday .',
      ].join('\n');
      expect(pairs(text)).toContainEqual(['Hla Than', 'person']);
    });

    it('should read capitalised words the tagger missed before a kind of place as that place', () => {
      const text =
        'The federation said on Friday that a schedule reshuffle had allowed organisers to hold a men \'s triple jump as well as the women \'s long jump on the " one usable runway at the war-devastated " Kosevo stadium .';
      expect(pairs(text)).toContainEqual(['Kosevo', 'place']);
    });

    it('should type every reading of a name said to be a town or a village as a place', () => {
      const text = [
        'More than a thousand women gathered in a field to the north of the town of Urus-Martan on Saturday to wait for a column of rebels to withdraw .',
        '" We really want the war to end , " said Dudayeva , adding that she was from Urus-Martan .',
        'Urus-Martan is a traditionally anti-separatist pocket in Chechnya .',
      ].join('\n');
      expect(new Set(extract(text).filter((m) => m.text === 'Urus-Martan').map((m) => m.type))).toEqual(new Set(['place']));
    });

    it('should keep an exchange or a fleet named after a place whole, as an organisation', () => {
      expect(pairs('Shares rose 2 percent on the New York Stock Exchange on Friday.')).toContainEqual(['New York Stock Exchange', 'organization']);
      expect(pairs('Heating oil on the New York Mercantile Exchange closed higher.')).toContainEqual(['New York Mercantile Exchange', 'organization']);
      expect(pairs("Interfax cited Russia's Black Sea Fleet as saying so on Friday.")).toContainEqual(['Black Sea Fleet', 'organization']);
    });

    it('should type a name after a title only people hold as a person, not a company named with a title word', () => {
      expect(pairs('Jaafari said Erdogan and Turkish UN ambassador Ayşe Cihan Sultanoğlu have no right to talk.')).toContainEqual(['Ayşe Cihan Sultanoğlu', 'person']);
      expect(pairs('Jaafari said Turkish ambassador Feridun Sinirlioglu has no right to talk.')).toContainEqual(['Feridun Sinirlioglu', 'person']);
      expect(pairs('The pact establishes General Automation Iberica S.A. as a local manufacturer.').map(([, type]) => type)).not.toContain('person');
    });

    it('should give the names opening the rows of a results list one type', () => {
      const rows = [
        'Michelle Freeman ( Jamaica ) 12.71 seconds',
        'Ludmila Engquist ( Sweden ) 12.74',
        'Aliuska Lopez ( Cuba ) 12.92',
        'Brigita Bokovec ( Slovenia ) 12.92',
        'Dionne Rose ( Jamaica ) 12.92',
      ];
      const text = "Leading results at the Berlin Grand Prix athletics meeting on Friday :\nWomen 's 100 metres hurdles\n" + rows.map((r, i) => `${i + 1}. ${r}`).join('\n') + '\n';
      const names = extract(text).filter((m) => rows.some((r) => r.startsWith(m.text + ' (')));
      expect(names.length).toBe(5);
      expect(names.map((m) => m.type)).toEqual(Array(5).fill('person'));
    });

    it('should set the sentence index of each mention', () => {
      const text = 'Turkey struck back. Later, Russia denied it.';
      const ms = extract(text);
      expect(ms.find((m) => m.text === 'Turkey')?.sentence).toBe(0);
      expect(ms.find((m) => m.text === 'Russia')?.sentence).toBe(1);
    });

    const odd: [label: string, text: string][] = [
      ['empty', ''],
      ['whitespace', '  \n\n '],
      ['control characters', '\u0000\u0001\u0002'],
      ['emoji', '😀😀 🎉'],
    ];
    it.each(odd)('should return [] for odd input: %s', (_label, text) => {
      expect(extract(text)).toEqual([]);
    });

    it('should return [] when there are no sentences and survive sentences past the end', () => {
      expect(extractMentions('Turkey', [])).toEqual([]);
      const ms = extractMentions('Turkey', [{ index: 0, start: 0, end: 99 }]);
      for (const m of ms) expect(m.end).toBeLessThanOrEqual(6);
    });

    it('should return MISC names as type other only when asked', () => {
      const text = 'The Turkish and German ministers met.';
      expect(extract(text).some((m) => m.type === 'other')).toBe(false);
      const withMisc = extractMentions(text, splitSentences(text), { includeMisc: true });
      expect(withMisc.some((m) => m.type === 'other')).toBe(true);
    });
  });

  describe('cutShort', () => {
    it.each<[string, string, string, boolean]>([
      ['LSE', 'Stock Exchange', 'Shares fell on the London ', true],
      ['TSE', 'Stock Exchange', 'trading on the Tokyo ', true],
      ['LSE', 'London Stock Exchange', 'Shares fell on the ', false],
      ['NATO', 'North Atlantic Treaty Organization', 'The ', false],
      ['OSDH', 'Syrian Observatory for Human Rights', 'according to the ', false],
      ['SE', 'Stock Exchange', 'the London ', false],
    ])('should say whether %s is the initials of the word before "%s" and its own', (acronym, name, before, expected) => {
      expect(cutShort(acronym, name, before)).toBe(expected);
    });
  });

  describe('addTeamNicknames', () => {
    it('should read a team called by its nickname alone as an organisation in a story about sport', () => {
      const text =
        'The Saints placed Reggie Bush on injured reserve after the team lost in Dallas. Chargers lineman Jamal Williams played on. ' +
        'The coach said the season was not over and the players had won before.';
      const found = pairs(text);
      expect(found).toContainEqual(['Saints', 'organization']);
      expect(found).toContainEqual(['Chargers', 'organization']);
      expect(found).toContainEqual(['Dallas', 'place']);
      // the nickname read as a player's first name
      const glued = pairs('Another Charger, Chargers Jamal Williams was arrested after the team lost the game. The coach said the players had played their best game of the season.');
      expect(glued).toContainEqual(['Chargers', 'organization']);
      expect(glued).toContainEqual(['Jamal Williams', 'person']);
      // one of its players: the word is left out of the player's name, and a given name that is also a team's is not
      const player = pairs('Another Charger, Charger Vincent Jackson was arrested after the team lost the game. Ray Rae Marshall sang at the season opener.');
      expect(player).toContainEqual(['Vincent Jackson', 'person']);
      expect(player.some(([name]) => name === 'Charger Vincent Jackson')).toBe(false);
    });
    it('should leave the same words alone in a story that is not about sport, unless a word for their people follows', () => {
      const found = pairs('The Saints were honoured in the cathedral on Sunday, the bishop said.');
      expect(found).not.toContainEqual(['Saints', 'organization']);
      const arrest = pairs('Chargers lineman Jamal Williams was arrested early Sunday on suspicion of drunken driving, police said.');
      expect(arrest).toContainEqual(['Chargers', 'organization']);
    });
  });

  describe('the lexicon of organisations', () => {
    it("should find the resolver lexicon's organisations whole where the tagger found part of them", () => {
      const found = pairs('The New Orleans Saints placed Reggie Bush on the injured list on Wednesday, ending the National Football League season for the star running back.');
      expect(found).toContainEqual(['National Football League', 'organization']);
    });
  });

  describe('whoever was told', () => {
    it('should split an outlet from the name run into it after "told", but keep a broadcaster\'s channels', () => {
      const found = pairs('An official told Reuters Japan is likely to approve the loan. Sources told the BBC Michael Howard has always been in favour. She told BBC Radio Five Live the team was ready.');
      expect(found).toContainEqual(['Reuters', 'organization']);
      expect(found).toContainEqual(['Japan', 'place']);
      expect(found).toContainEqual(['Michael Howard', 'person']);
      expect(found).toContainEqual(['BBC Radio Five Live', 'organization']);
    });
  });

  describe('firms named for their partners', () => {
    it('should find a firm named for its partners whole, with "and" or "&"', () => {
      const found = pairs("Analysts at Phillips and Drew said prices would rise. Cable and Wireless shares fell, while Procter & Gamble gained and Standard and Poor's cut its rating.");
      expect(found).toContainEqual(['Phillips and Drew', 'organization']);
      expect(found).toContainEqual(['Cable and Wireless', 'organization']);
      expect(found).toContainEqual(['Procter & Gamble', 'organization']);
      expect(found).toContainEqual(['Standard and Poor', 'organization']);
    });
  });

  describe('office names', () => {
    it('should read an untyped name ending in an office word as an organisation, taking in a head word the tagger left out', () => {
      const found = pairs('The ship was under the operational control of the Western Naval Command, officials said. The World Anti-Doping Authority and the Canadian Import Tribunal agreed.');
      expect(found).toContainEqual(['Western Naval Command', 'organization']);
      expect(found).toContainEqual(['World Anti-Doping Authority', 'organization']);
      expect(found).toContainEqual(['Canadian Import Tribunal', 'organization']);
    });
  });

  describe('companies named for their line of business', () => {
    it("should read a person's or place's name ending in a business word as a company, but not a given name's", () => {
      const found = pairs('Magna, Johnson Controls and Lear have been working on it. Analysts said Daniels Pharmaceuticals would gain, and Chevron sold Gulf Oil.');
      expect(found).toContainEqual(['Johnson Controls', 'organization']);
      expect(found).toContainEqual(['Daniels Pharmaceuticals', 'organization']);
      expect(found).toContainEqual(['Gulf Oil', 'organization']);
      const steel = pairs('The Liberal leader David Steel said on Monday that he would stand down.');
      expect(steel).toContainEqual(['David Steel', 'person']);
    });
    it("should read the first word of a company named for its line of business as the company in the same story", () => {
      const found = pairs('Shares in Irish oil company Petrel Resources have lost more than 50% of their value. Petrel said that it has not received any information.');
      expect(found).toContainEqual(['Petrel Resources', 'organization']);
      expect(found).toContainEqual(['Petrel', 'organization']);
    });
    it("should read a place's name ending in a word for a body as that body, but not a bank, union or federation", () => {
      const court = pairs('Chen Chun-yeh told the High Court after sentencing on Friday that he was innocent.');
      expect(court).toContainEqual(['High Court', 'organization']);
      const places = pairs('Israeli troops raided the West Bank, and the Russian Federation sent envoys to the Soviet Union summit.');
      expect(places).toContainEqual(['West Bank', 'place']);
      expect(places).toContainEqual(['Russian Federation', 'place']);
    });
  });

  describe("a company's first word left out", () => {
    it('should join an untyped word to the company name after it, but not a modifier', () => {
      const found = pairs('FilmTec Corp, a subsidiary of Dow Chemical Co, said the agency had approved its product.');
      expect(found).toContainEqual(['Dow Chemical Co', 'organization']);
      const rated = pairs("Standard and Poor's Corp said it cut to CCC-plus from B-minus Coleco Industries Inc's 300 mln dlrs of debt.");
      expect(rated).toContainEqual(['Coleco Industries Inc', 'organization']);
    });
  });

  describe('headlines', () => {
    it("should keep a person's given name and surname whole in the opening headline when the story writes them apart", () => {
      const found = pairs('Lindsay Lohan Checks Into Rehab\n\nThe actress has checked into a clinic, a friend of Lindsay said on Monday. Lohan has said so.\n');
      expect(found[0]).toEqual(['Lindsay Lohan', 'person']);
    });
    it('should read a headline with a date line under it as a headline', () => {
      const found = pairs('Microsoft Rushes Emergency Fix To Address Internet Explorer Attacks\nSeptember 17 , 2013 4 : 16 PM ET\nMicrosoft has rushed out a temporary fix to address attacks on Internet Explorer .\n');
      expect(found[0]).toEqual(['Microsoft', 'organization']);
    });
    it("should learn nothing about a name's case from the words of a link", () => {
      // the link's "kowalczyk" in lower case had ended the headline's name at "Marla"
      const text =
        'http : / / www . example . com / news / marla - kowalczyk - rehab _ 1234567\nMarla Kowalczyk Checks Out Of Rehab . . . To Check Into Another Clinic\n14 June 2013\n' +
        'The singer has left the Betty Ford Centre and gone to a resort in Malibu .\nOne place Marla is finding this particularly difficult though is the Betty Ford Centre , where the singer has just finished 30 days of treatment and has decided that the facilities there will not be enough to keep her around for her court - ordered 90 - day stay in rehab , so she has gone elsewhere .\n';
      expect(pairs(text)[0]).toEqual(['Marla Kowalczyk', 'person']);
    });
  });

  describe('coordinated names', () => {
    it("should read an unknown name joined by \"and\" to a person's name as a person's, but not a possessor's work", () => {
      const found = pairs('The United States granted political asylum to two opposition leaders, Zenon Poznyak and Sergei Naumchik.');
      expect(found).toContainEqual(['Zenon Poznyak', 'person']);
      const works = pairs("Her productions included Giuseppe Verdi's La Traviata and Richard Strauss's Ariadne auf Naxos.");
      expect(works).not.toContainEqual(['La Traviata', 'person']);
    });
  });

  describe('ships', () => {
    it("should make no person, organisation or place of a ship's name, in any sentence of the story", () => {
      const found = pairs('Fighter planes, including 79 on the aircraft carrier Carl Vinson, were in the Gulf. The aircraft carriers Vinson and Enterprise were near. The Carl Vinson leads a battle group.');
      expect(found.some(([name]) => /Vinson|Enterprise/.test(String(name)))).toBe(false);
      expect(found).toContainEqual(['Gulf', 'place']);
    });
    it('should leave an airline after "carrier" and a known place after a word for a ship', () => {
      const found = pairs('The carrier Lufthansa said it would cut flights. The tanker Iran seized last week was freed on Monday.');
      expect(found).toContainEqual(['Lufthansa', 'organization']);
      expect(found).toContainEqual(['Iran', 'place']);
    });
  });

  describe('publications', () => {
    it('should read a name beside a word for a publication as the publication, in every sentence of the story', () => {
      const found = pairs('The consortium plans to bid for Ruch SA, Zycie Warszawy daily said on Saturday. Zycie Warszawy said its own publisher would join. According to the daily Al-Ahram, he left.');
      expect(found.filter(([name]) => name === 'Zycie Warszawy')).toEqual([['Zycie Warszawy', 'organization'], ['Zycie Warszawy', 'organization']]);
      expect(found).toContainEqual(['Al-Ahram', 'organization']);
    });
    it("should leave a place that says where a paper is, and a people's name before a named agency", () => {
      const found = pairs('A Cairo daily said on Monday that the talks had failed. The Yugoslav news agency Tanjug reported the attack late on Friday.');
      expect(found).toContainEqual(['Cairo', 'place']);
      expect(found).not.toContainEqual(['Yugoslav', 'organization']);
      expect(found).toContainEqual(['Tanjug', 'organization']);
    });
  });

  describe('"X-based" modifiers', () => {
    it('should make no name of a modifier saying where a company is based', () => {
      const found = pairs('Shares of St. Louis-based Mercantile Bancorp Inc. rose, and London-based Levy gained.');
      expect(found.some(([name]) => /based|^St\.$/.test(String(name)))).toBe(false);
      expect(found).toContainEqual(['Mercantile Bancorp Inc.', 'organization']);
      // the first words of a place's name that runs into the modifier are no name of their own
      const south = pairs('Shares of South San Francisco-based Genentech Inc rose on Monday.');
      expect(south.some(([name]) => /^South San$|based/.test(String(name)))).toBe(false);
    });
  });

  describe('party members', () => {
    it("should leave a party's member before a name out of the name, and make no organisation of it", () => {
      const found = pairs('Democrat Walter Mondale promised higher taxes. In 1984, Democrat Walter Mondale said so. Conservative Graham Brady and Tory David Heathcoat-Amory spoke.');
      expect(found.filter(([, type]) => type === 'person').map(([name]) => name)).toEqual(['Walter Mondale', 'Walter Mondale', 'Graham Brady', 'David Heathcoat-Amory']);
      expect(found.some(([name]) => name === 'Democrat')).toBe(false);
    });
  });

  describe('joinQuotedNicknames', () => {
    it("should read a person's name with a nickname quoted inside it as one person", () => {
      const found = pairs('Mob boss Vincent "The Chin" Gigante died on Monday. He faced Puerto Rico\'s Hector "Macho" Camacho in a rematch.');
      expect(found).toContainEqual(['Vincent "The Chin" Gigante', 'person']);
      expect(found).toContainEqual(['Hector "Macho" Camacho', 'person']);
    });
    it('should read a quoted nickname with small words inside it ("Hands of Stone")', () => {
      expect(pairs('Panamanian boxing legend Roberto "Hands of Stone" Duran climbs into the ring.')).toContainEqual(['Roberto "Hands of Stone" Duran', 'person']);
    });
    it('should leave a quoted word between two names alone', () => {
      const found = pairs('Obama called the report "Fake" Tuesday, and Smith said "No" Johnson replied.');
      expect(found.some(([name]) => /"/.test(String(name)))).toBe(false);
      // a title after a full name
      const title = pairs("The Hunger Games director Gary Ross 'Catching Fire' talks go on, the studio said.");
      expect(title.some(([name]) => /'/.test(String(name)))).toBe(false);
      expect(pairs("Gary Ross 'Catching Fire' Negotiations Reportedly Continue\n\nThe studio said so.").some(([name]) => /'/.test(String(name)))).toBe(false);
      // a nickname after a word that is no given name
      expect(pairs('The series starred actor Barry Nelson as an Americanised "Jimmy" Bond in a remake of the film.').some(([name]) => /"/.test(String(name)))).toBe(false);
    });
  });

  describe('joinBodyNames', () => {
    it('should find a body named after its subject whole', () => {
      const found = pairs(
        'Richard Haass of the Council on Foreign Relations spoke. The House Committee on Oversight and Government Reform met. ' +
          'She chaired the AMA Council on Ethical and Judicial Affairs. The Center on Budget and Policy Priorities and the Council on American-Islamic Relations said so.',
      );
      for (const name of [
        'Council on Foreign Relations',
        'House Committee on Oversight and Government Reform',
        'AMA Council on Ethical and Judicial Affairs',
        'Center on Budget and Policy Priorities',
        'Council on American-Islamic Relations',
      ]) {
        expect(found).toContainEqual([name, 'organization']);
      }
    });
    it('should not run a body on over a day, a name of its own or a named body', () => {
      const found = pairs(
        'The Security Council on Syria voted. The Board on Monday approved it. Staff of the Joint Economic Committee on the Justice Department inquiry wrote it.',
      );
      expect(found).toContainEqual(['Security Council', 'organization']);
      expect(found).toContainEqual(['Syria', 'place']);
      expect(found).toContainEqual(['Joint Economic Committee', 'organization']);
      expect(found).toContainEqual(['Justice Department', 'organization']);
      expect(found.some(([name]) => / on /.test(String(name)))).toBe(false);
    });
  });

  describe('joinLetterNames', () => {
    const span = (first: number, last: number): RawSpan => ({ first, last, type: 'organization', locked: false });
    const joined = (words: string, spans: RawSpan[]) => joinLetterNames(spans, words.split(' ')).map((s) => [s.first, s.last, s.type]);
    it('should join initials written apart around "and" or "&" into one organisation', () => {
      expect(joined('S and P said the debt was cut', [span(0, 0), span(2, 2)])).toEqual([[0, 2, 'organization']]);
      expect(joined('shares of AT and T rose', [span(4, 4)])).toEqual([[2, 4, 'organization']]);
      expect(joined('P & G said', [span(0, 0)])).toEqual([[0, 2, 'organization']]);
    });
    it('should leave letters the tagger did not mark, runs of letters and longer spans alone', () => {
      expect(joined('options A and B were studied', [])).toEqual([]);
      expect(joined('A , B and C said', [span(2, 2), span(4, 4)])).toEqual([[2, 2, 'organization'], [4, 4, 'organization']]);
      expect(joined('the S and P 500 index', [span(1, 1)])).toEqual([[1, 3, 'organization']]);
      expect(joined('S and P A ratings', [span(0, 0)])).toEqual([[0, 0, 'organization']]);
      expect(joined('Marks and Spencer said', [span(0, 2)])).toEqual([[0, 2, 'organization']]);
    });
  });
});

