import { describe, expect, it } from 'vitest';
import { acronymMatches, analyzeName, countryOf, describedGroup, initialsOf, institutionKey, junkTail, lookupLexicon, normalizeName, orgKey, personKeyOf, slugify } from './names.js';

describe('resolve/names', () => {
  describe('normalizeName', () => {
    it.each([
      ['Mevlüt Çavuşoğlu', 'mevlut cavusoglu'],
      ["Erdogan's", 'erdogan'],
      ['Erdogan’s', 'erdogan'],
      ['the Gulf of Aden', 'gulf of aden'],
      ['Sultanoğlu', 'sultanoglu'],
      ['Işık', 'isik'],
    ])('should normalise %s to %s', (input, out) => {
      expect(normalizeName(input)).toBe(out);
    });
  });

  describe('slugify', () => {
    it('should give a stable key', () => {
      expect(slugify('Recep Tayyip Erdoğan')).toBe('recep-tayyip-erdogan');
      expect(slugify('!!!')).toBe('unnamed');
    });
  });

  describe('analyzeName', () => {
    it.each([
      ['President Recep Tayyip Erdogan', 'Recep Tayyip Erdogan', 'president'],
      ['Turkish Foreign Minister Mevlut Cavusoglu', 'Mevlut Cavusoglu', 'foreign minister'],
      ['Nato Secretary General Jens Stoltenberg', 'Jens Stoltenberg', 'secretary general'],
      ['NATO chief Jens Stoltenberg', 'Jens Stoltenberg', 'chief'],
      ["Turkey’s President Recep Tayyip Erdogan", 'Recep Tayyip Erdogan', 'president'],
      ['Russian Foreign Ministry Spokeswoman Maria Zakharova', 'Maria Zakharova', 'foreign ministry spokeswoman'],
      ['Rear Admiral Oleg Zhuravlev', 'Oleg Zhuravlev', 'rear admiral'],
      ['Mr Dogan', 'Dogan', undefined],
      ['Gov.Sarah Palin', 'Sarah Palin', 'gov'],
      ['Billy King', 'Billy King', undefined],
      ["Erdogan's", 'Erdogan', undefined],
      ['Vincent "The Chin" Gigante', 'Vincent Gigante', undefined],
      ["Charles 'Lucky' Luciano", 'Charles Luciano', undefined],
      ['Vincent “the Chin” Gigante', 'Vincent Gigante', undefined],
      ["Tom O'Brien", "Tom O'Brien", undefined],
    ])('should read %s as the name %s with role %s', (surface, clean, role) => {
      const a = analyzeName(surface, 'person');
      expect(a.clean).toBe(clean);
      expect(a.role).toBe(role);
    });

    it('should not strip titles from organisations', () => {
      expect(analyzeName('General Motors', 'organization').clean).toBe('General Motors');
    });

    it('should flag a bare title', () => {
      expect(analyzeName('President', 'person').titleOnly).toBe(true);
    });
  });

  describe('personKeyOf', () => {
    it('should drop particles and keep generations apart', () => {
      expect(personKeyOf(['bashar', 'al-assad'])).toMatchObject({ given: ['bashar'], surname: 'assad' });
      expect(personKeyOf(['al-assad'])).toMatchObject({ given: [], surname: 'assad' });
      expect(personKeyOf(['mark', 'felt', 'jr'])).toMatchObject({ surname: 'felt', suffix: 'jr', key: 'mark felt jr' });
      expect(personKeyOf(["o'brien"])?.surname).toBe('obrien');
    });
  });

  describe('orgKey', () => {
    it.each([
      ['Microsoft Corp.', 'microsoft'],
      ['Anadolu news agency', 'anadolu'],
      ['Idlib province', 'idlib'],
      ['U.S.', 'us'],
      ["Russia's Defence Ministry", 'russia defense ministry'],
      ['Russian Defense Ministry', 'russia defense ministry'],
      ['The New Orleans Saints', 'new orleans saints'],
      ['Japan Inc.', 'japan inc'],
      ['South Africa Ltd', 'south africa ltd'],
      ['Islamic Republic of Iran News Agency', 'islamic republic of iran news agency'],
      ['Iran news agency', 'iran news agency'],
      ['Mt Cook', 'mount cook'],
      ['Mount Cook', 'mount cook'],
      ['the Mt Cook area', 'mount cook area'],
      ['Ft. Lauderdale', 'fort lauderdale'],
      ['FT', 'ft'],
    ])('should key %s as %s', (surface, key) => {
      expect(orgKey(surface)).toBe(key);
    });
  });

  describe('acronymMatches', () => {
    it.each([
      ['SOHR', 'Syrian Observatory for Human Rights', true],
      ['NATO', 'North Atlantic Treaty Organization', true],
      ['HTS', 'Hayat Tahrir al-Sham', true],
      ['CEC', 'Central Election and Referendum Commission', true],
      ['UN', 'European Union', false],
      ['PKK', 'Syrian Observatory for Human Rights', false],
    ])('should say %s abbreviates %s: %s', (acr, name, ok) => {
      expect(acronymMatches(acr, name)).toBe(ok);
    });
  });

  describe('lookupLexicon', () => {
    it('should find organisations by acronym in several languages and countries by alternative names', () => {
      expect(lookupLexicon('OSDH')?.canonical).toBe('Syrian Observatory for Human Rights');
      expect(lookupLexicon('OTAN')?.canonical).toBe('North Atlantic Treaty Organization');
      expect(lookupLexicon('Nato')?.canonical).toBe('North Atlantic Treaty Organization');
      expect(lookupLexicon('Türkiye')?.canonical).toBe('Turkey');
      expect(lookupLexicon('us')).toBeUndefined();
      expect(lookupLexicon('England')).toBeUndefined();
    });

    it('should not take an organisation named after a country for the country', () => {
      expect(lookupLexicon('Japan Inc.')).toBeUndefined();
      expect(lookupLexicon('Canada Ltd')).toBeUndefined();
      expect(lookupLexicon('Islamic Republic of Iran News Agency')).toBeUndefined();
      expect(lookupLexicon('Islamic Republic of Iran')?.canonical).toBe('Iran');
    });
  });

  describe('institutionKey', () => {
    it.each([
      ['Syrian government', 'gov:syria'],
      ['Damascus regime', 'gov:syria'],
      ['Assad regime', 'gov:syria'],
      ['Bashar Al-Assad regime', 'gov:syria'],
      ['Syrian army', 'mil:syria'],
      ['Turkish security personnel', 'mil:turkey'],
      ['Syrian government forces', 'mil:syria'],
      ['government forces', 'mil:?'],
      ['Syrian opposition forces', undefined],
      ['Syrian air defense forces', undefined],
      ['Syrian Observatory', undefined],
      ['Russian warplanes', 'mil:russia'],
      ['Syrian military aircraft', 'mil:syria'],
    ])('should key %s as %s', (surface, key) => {
      expect(institutionKey(surface)).toBe(key);
    });
  });

  describe('countryOf', () => {
    it.each([
      ['Syria', 'syria'],
      ['Damascus', 'syria'],
      ['Syrian army', 'syria'],
      ['Turkish-backed rebels', 'turkey'],
      ['the United States', 'united_states'],
      ['Idlib', undefined],
      ['rebels', undefined],
      ['Red Cross', undefined],
    ] as const)('should find the country of %s: %s', (surface, c) => {
      expect(countryOf(surface)).toBe(c);
    });
  });

  describe('describedGroup', () => {
    it.each([
      ['rebels', 'bare'],
      ['the rebel groups', 'bare'],
      ['opposition forces', 'bare'],
      ['armed groups', 'bare'],
      ['foreign-backed militants', 'bare'],
      ['Turkish-backed rebels', 'qualified'],
      ['Syrian opposition forces', 'qualified'],
      ['Takfiri militants', 'qualified'],
      ['government forces', undefined],
      ['pro-government militants', undefined],
      ['Syrian army', undefined],
      ['Turkish soldiers', undefined],
      ['Syrian Observatory', undefined],
    ] as const)('should describe %s as %s', (surface, kind) => {
      expect(describedGroup(surface)).toBe(kind);
    });
  });

  describe('junkTail', () => {
    it.each([
      ['Sixers hire Maurice Cheeks', 'Maurice Cheeks'],
      ['Colts beat Chiefs', 'Chiefs'],
      ['Bank of America', undefined],
      ['Hayat Tahrir al-Sham', undefined],
      ['Maurice Cheeks', undefined],
    ])('should cut %s to %s', (surface, tail) => {
      expect(junkTail(surface)).toBe(tail);
    });
  });

  describe('initialsOf', () => {
    it('should give the initials of a name with and without its small words', () => {
      expect(initialsOf('Syrian Observatory for Human Rights').sort()).toEqual(['sofhr', 'sohr']);
    });
    it('should give none for a name that is initials already ("S and P" is not what SAP stands for)', () => {
      expect(initialsOf('S and P')).toEqual([]);
      expect(initialsOf('A & P')).toEqual([]);
    });
  });
});

