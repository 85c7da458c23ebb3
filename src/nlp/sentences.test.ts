import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('nlp/sentences', () => {
  describe('splitSentences', () => {
    const cases: [label: string, input: string, sentences: string[]][] = [
      ['two plain sentences', 'Turkey struck back. Syria denied it.', ['Turkey struck back.', 'Syria denied it.']],
      ['question and exclamation', 'Why now? Nobody knows! It was late.', ['Why now?', 'Nobody knows!', 'It was late.']],
      ['title abbreviation', 'Mr. Dogan said it. He left.', ['Mr. Dogan said it.', 'He left.']],
      ['military title abbreviation', 'Gen. Akar arrived. He spoke.', ['Gen. Akar arrived.', 'He spoke.']],
      ['initial inside a name', 'John F. Kennedy spoke. Crowds cheered.', ['John F. Kennedy spoke.', 'Crowds cheered.']],
      ['month abbreviation before a number', 'It began on Feb. 28 in Idlib. Then it spread.', ['It began on Feb. 28 in Idlib.', 'Then it spread.']],
      ['acronym mid-sentence', 'The U.S. State Department condemned it. Ankara agreed.', ['The U.S. State Department condemned it.', 'Ankara agreed.']],
      ['acronym ending a sentence', 'He flew to the U.S. The talks failed.', ['He flew to the U.S.', 'The talks failed.']],
      ['quote after the period', 'He said: "We will respond." Then he left.', ['He said: "We will respond."', 'Then he left.']],
      ['question inside a quote, lower case after', '"Why?" he asked. Nobody answered.', ['"Why?" he asked.', 'Nobody answered.']],
      ['quoted question, then its named speaker', '\u201cWho would have believed it?\u201d Donald Trump said, looking out. Nobody answered.', ['\u201cWho would have believed it?\u201d Donald Trump said, looking out.', 'Nobody answered.']],
      ['quoted question, then a new sentence', '\u201cIs it over?\u201d Nobody knows. It was late.', ['\u201cIs it over?\u201d', 'Nobody knows.', 'It was late.']],
      ['decimal number', 'Growth was 3.5 per cent. Prices rose.', ['Growth was 3.5 per cent.', 'Prices rose.']],
      ['headline line without final punctuation', '33 Turkish soldiers killed in Idlib\nAt least 33 soldiers died.', ['33 Turkish soldiers killed in Idlib', 'At least 33 soldiers died.']],
      ['abbreviation at a line end before an indented paragraph', 'The shares were sold to a unit of Northwind\nBrothers Inc.\n    BP said it would buy them back.', ['The shares were sold to a unit of Northwind\nBrothers Inc.', 'BP said it would buy them back.']],
      ['blank-line paragraphs', 'First paragraph\n\nSecond paragraph', ['First paragraph', 'Second paragraph']],
      [
        'a short wire story whose lines mostly end sentences: wrapped lines still run on',
        'The source, who declined to be identified, said Iran had\nfired the missile at a hulk off its southern Gulf\nnaval port and scored a hit.\n    "These missiles pack a fairly big punch," he told Reuters.\n"There is no doubt they could be used to target (shipping)\nacross the Strait of Hormuz."',
        [
          'The source, who declined to be identified, said Iran had\nfired the missile at a hulk off its southern Gulf\nnaval port and scored a hit.',
          '"These missiles pack a fairly big punch," he told Reuters.',
          '"There is no doubt they could be used to target (shipping)\nacross the Strait of Hormuz."',
        ],
      ],
      [
        'wire copy saved with CRLF line ends',
        'Iran has set up two launching sites in the area, a naval source said.\r\n    The source said Iran had fired the missile at a hulk in the southern\r\nGulf near Bandar Abbas.\r\n    The missiles pack a punch, the source told\r\nReuters on Friday.\r\n    Officials in Tehran declined to comment.\r\n    Shipping was not affected.',
        [
          'Iran has set up two launching sites in the area, a naval source said.',
          'The source said Iran had fired the missile at a hulk in the southern\r\nGulf near Bandar Abbas.',
          'The missiles pack a punch, the source told\r\nReuters on Friday.',
          'Officials in Tehran declined to comment.',
          'Shipping was not affected.',
        ],
      ],
      [
        'a line ending on a comma or on a word that ends nothing runs on',
        'He set up two launching sites in the area, a\nBritish naval source said.\nSterling Drug said it sold the\nassets of its subsidiary.',
        ['He set up two launching sites in the area, a\nBritish naval source said.', 'Sterling Drug said it sold the\nassets of its subsidiary.'],
      ],
      [
        'a heading before a sentence, in text with one indented line, is no wire copy',
        'Background\nThe war began in 2011 and has not ended.\n    A quoted line from the report.\nMore text follows here.',
        ['Background', 'The war began in 2011 and has not ended.', 'A quoted line from the report.', 'More text follows here.'],
      ],
      [
        "an indented table row is a line of its own, whatever its first letter",
        'Mellon Bank said its results were in line.\n    Net profit 219.2 mln vs profit 211.5 mln\n    loans 33.93 billion vs 35.33 billion\n    deposits 45.68 billion vs 41.22 billion',
        ['Mellon Bank said its results were in line.', 'Net profit 219.2 mln vs profit 211.5 mln', 'loans 33.93 billion vs 35.33 billion', 'deposits 45.68 billion vs 41.22 billion'],
      ],
      ['one sentence per line (CoNLL rendering)', 'EU rejects German call\nPeter Blackburn\nBRUSSELS 1996-08-22\n', ['EU rejects German call', 'Peter Blackburn', 'BRUSSELS 1996-08-22']],
      [
        'hard-wrapped paragraph is not cut at each line break',
        'Showers continued throughout the week in the Bahia cocoa\nzone, alleviating the drought since early January and\nimproving prospects for the coming temporao, although\nnormal humidity levels have not been restored.\n',
        ['Showers continued throughout the week in the Bahia cocoa\nzone, alleviating the drought since early January and\nimproving prospects for the coming temporao, although\nnormal humidity levels have not been restored.'],
      ],
    ];
    it.each(cases)('should split: %s', (_label, input, sentences) => {
      expect(split(input)).toEqual(sentences);
    });

    it('should give exact, ordered, non-overlapping offsets without surrounding whitespace', () => {
      const text = '  Mr. Dogan said so.  Ankara agreed!\n\n  Moscow? No.  ';
      const sents = splitSentences(text);
      let last = 0;
      sents.forEach((s, i) => {
        expect(s.index).toBe(i);
        expect(s.start).toBeGreaterThanOrEqual(last);
        expect(s.end).toBeLessThanOrEqual(text.length);
        expect(text[s.start]).not.toMatch(/\s/);
        expect(text[s.end - 1]).not.toMatch(/\s/);
        last = s.end;
      });
      expect(sents).toHaveLength(4);
    });

    const odd: [label: string, input: string][] = [
      ['empty', ''],
      ['whitespace only', ' \n\n\t '],
    ];
    it.each(odd)('should give no sentences for %s input', (_label, input) => {
      expect(splitSentences(input)).toEqual([]);
    });

    it('should not crash on punctuation-only or very long input', () => {
      expect(split('...!!!???')).toEqual(['...!!!???']);
      const long = 'Word. '.repeat(5000);
      expect(splitSentences(long)).toHaveLength(5000);
    });
  });
});
