import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeBoilerplate } from './boilerplate.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const seeds = join(import.meta.dirname, '..', '..', 'seeds');
/** The evaluation's gold file sits beside the repository (../shared/eval), not in it. */
const goldFile = join(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'seeds-gold.json');

/** A paragraph of article prose to put around a line, so position rules see a real article. */
const PROSE =
  'The foreign ministers of both countries met in the capital on Tuesday and agreed to resume talks next month, officials said.';

function removedLines(text: string): string[] {
  const r = removeBoilerplate(text);
  return r.removed.map((s) => text.slice(s.start, s.end).trim());
}

/** Whether `line` is removed when it sits in the middle of an article. */
function removedInMiddle(line: string): boolean {
  const text = `Headline of the story here\n\n${PROSE}\n\n${line}\n\n${PROSE}\n\n${PROSE}\n`;
  return removedLines(text).includes(line.trim());
}

describe('boilerplate', () => {
  describe('removeBoilerplate', () => {
    it.each([
      ['share-button list entry', 'twitter sharing button twitter'],
      ['share bar label', 'Share on:'],
      ['share bar label, capitals', 'SHARE THIS ARTICLE'],
      ['share count', 'Facebook 50'],
      ['follow line', 'Follow us on Twitter and Facebook'],
      ['date line with bullet', '• Monday, Mar 27, 2023'],
      ['last update line', 'Last Update : 09:24 am'],
      ['published at line', 'Published at 03:46 am February 28th, 2020'],
      ['updated line', 'Updated: 14:05 GMT, Tuesday 3 March 2020'],
      ['breadcrumb with slashes', 'News \u00a0 / \u00a0 Syria \u00a0 / \u00a0 Turkey'],
      ['breadcrumb with chevrons', 'Home › World › Middle East'],
      ['lone URL', 'https://www.example.com/world/article-123'],
      ['lone domain', 'www.presstv.co.uk'],
      ['image slug', 'WEB_Syria'],
      ['copyright line', '© 2021 Example Media Group. All rights reserved.'],
      ['copyright word and year', 'Copyright 2019 The Daily Example'],
      ['comment form notice', 'Your email address will not be published. Required fields are marked *'],
      ['cookie notice', 'We use cookies to give you the best experience. By continuing to browse you accept our use of cookies.'],
      ['newsletter notice', 'Sign up for our morning newsletter'],
      ['advertisement label', 'ADVERTISEMENT'],
      ['continue reading', 'Continue reading the main story'],
      ['read more link', 'Read more: Ceasefire collapses as shelling resumes'],
      ['see also link', 'SEE ALSO: Five things to know about the offensive'],
      ['agency credit line', '(Reporting by Ali Kaya; Editing by Mark Heinrich)'],
      ['image credit', 'Image copyright Getty Images'],
      ['photo credit alone', '(Photo by AFP)'],
      ['tags line', 'Tags: Syria, Turkey, Idlib'],
      ['javascript notice', 'Please enable JavaScript to view the comments'],
      ['player notice', 'Media playback is unsupported on your device'],
      ['lone share count', '50'],
      ['long share bar', 'Share this with Email Facebook Messenger Twitter Pinterest WhatsApp LinkedIn Copy this link'],
      ['WordPress share link', 'Click to share on Twitter (Opens in new window)'],
      ['WordPress like widget', 'Like this:'],
      ['article navigation', 'Next article'],
      ['relative time', '2 hours ago'],
      ['modified date', 'Last modified on Tue 3 Mar 2020 14.05 GMT'],
      ['short photo credit', 'Photo: Reuters/Umit Bektas'],
      ['hashtags', '#Syria #Turkey #Idlib'],
      ['follow line', 'Follow Example News on Twitter'],
      ['posted-by byline', 'Posted by Admin on March 3, 2020'],
      ['reading time', '4 min read'],
      ['gift link', 'Gift this article'],
      ['show comments', 'View 12 comments'],
      ['read the full story', 'Read the full story at Example News'],
      ['agency standards footer', 'Our Standards: The Trust Principles.'],
      ['updated line with two time zones', 'Updated 1208 GMT (2008 HKT) February 28, 2020'],
      ['author label', 'Author: Jane Holloway'],
      ['source label', 'Source: Reuters'],
      ['agency in parentheses', '(AFP)'],
      ['video player notice', 'Video Player is loading.'],
      ['modal window notice', 'This is a modal window.'],
      ['ad feedback', 'Ad Feedback'],
      ['sign in to comment', 'Sign in to comment'],
      ['recommendation widget', 'Sponsored Links by Taboola'],
      ['WhatsApp group invitation', 'Join our WhatsApp group for breaking news'],
    ])('should remove a %s in the middle of an article', (_label, line) => {
      expect(removedInMiddle(line)).toBe(true);
    });

    it.each([
      ['sentence about shares', 'Share prices fell 3% on Monday after the company warned on profits.'],
      ['sentence naming Facebook', 'Facebook said it would appeal against the ruling.'],
      ['sentence naming Twitter and a number', 'Twitter had 50 million users in the country by 2020, the regulator said.'],
      ['sentence starting with Copyright', 'Copyright lawyers said the case could take years to resolve.'],
      ['sentence with a date', 'On Monday, March 27, the ministers met again in Ankara.'],
      ['sentence about comments', 'Comments by the minister drew sharp criticism from opposition parties.'],
      ['sentence about cookies', 'The bakery sold more than 2,000 cookies on the first day, its owner said.'],
      ['sentence about subscribers', 'The newspaper said 2 million readers subscribe to its daily newsletter.'],
      ['quote ending with a colon', 'The statement, read out by a spokesman, said:'],
      ['headline-cased subheading', 'More civilians killed'],
      ['subheading with a place', 'UN powerlessness'],
      ['image caption ending with a credit', 'Turkish soldiers deploy at a position near the village of al-Nayrab on February 20, 2020. (Photo by AFP)'],
      ['caption ending with an agency name', 'A rebel tank patrols the streets of Saraqeb after weeks of fighting AFP'],
      ['sentence with slashes', 'The 2019/2020 budget was cut by a third, the ministry said.'],
      ['sentence starting with By', 'By Thursday evening, more than 30 soldiers had been killed.'],
      ['question headline', 'He left and won\u2019t come back? The general in Port Sudan'],
      ['sentence mentioning a website', 'The agency said its website had been hacked on Friday.'],
      ['reported speech with said', 'Reporting by state media said the convoy was hit twice.'],
      ['line wrapped after a comma', 'On Tuesday,'],
      ['sentence starting with Follow', 'Follow the money on Wall Street and you will find the answer, he said.'],
      ['short follow-the phrase', 'Follow the money on Wall Street'],
      ['photo caption with a label', 'Photo: Soldiers stand guard at the border crossing near Reyhanli on Friday.'],
      ['sentence about a video', 'The video showed soldiers crossing the border at night, witnesses said.'],
      ['sentence with a hashtag', 'The hashtag #Idlib trended on Twitter for three days after the attack.'],
      ['next-steps sentence', 'Next, the ministers will meet in Geneva, officials said.'],
      ['ago in a sentence', 'Two hours ago, the convoy crossed into Syria, the ministry said.'],
      ['sentence naming a source', 'Source: a senior official told the agency the talks had failed.'],
      ['agency in a sentence', 'The agency (AFP) reported the strike first.'],
      ['author sentence', 'Author Elif Shafak said the novel was banned in 2006.'],
    ])('should keep a %s', (_label, line) => {
      expect(removedInMiddle(line)).toBe(false);
    });

    it.each([
      ['"Related posts" and the headlines after it', 'Related posts\n\nThe absurdity of it all\n\nWhy markets fell on Friday\n', ['Related posts', 'The absurdity of it all', 'Why markets fell on Friday']],
      ['a comment section at the end', 'Leave a Reply\nYour email address will not be published.\nName *\nPost Comment\n', ['Leave a Reply', 'Your email address will not be published.', 'Name *', 'Post Comment']],
      ['a line introducing URLs, and the footer after a share bar', 'Our website can also be reached at the following addresses:\nwww.example.co.uk\nSHARE THIS ARTICLE\nExample TV News App\n', ['Our website can also be reached at the following addresses:', 'www.example.co.uk', 'SHARE THIS ARTICLE', 'Example TV News App']],
    ])('should remove %s', (_label, tail, expected) => {
      const text = `A headline for the story\n\n${PROSE}\n\n${PROSE}\n\n${tail}`;
      expect(removedLines(text)).toEqual(expected);
    });

    it('should keep every line of hard-wrapped wire copy, whatever words start or end its lines', () => {
      // Written for this test in the shape of 1980s wire copy: lines wrapped at about 60 characters.
      const text = [
        'Coffee exporters said shipments would recover by the end of',
        'December. Prices rose to',
        '1,986.',
        '    By contrast, the federal agency said it was able to',
        'by lowering the minimum deposit, comments from the ministry',
        'showed. It said the company would subscribe to',
        'ordinary shares and more -- reporting losses -- would follow in',
        'January',
        'Home sales fell, and the minister declined to make any',
        'comments.',
        ' REUTER',
      ].join('\n');
      expect(removedLines(text)).toEqual(['REUTER']);
    });

    it('should still remove a share label right under a headline without a blank line', () => {
      const text = `Ministers meet in Geneva as ceasefire talks resume\nShare on:\n${PROSE}\n`;
      expect(removedLines(text)).toEqual(['Share on:']);
    });

    it('should remove a masthead above the headline but keep the headline', () => {
      const text = `The Example Times\n\nAnkara hits back after soldiers killed in Idlib\n\n${PROSE}\n`;
      expect(removedLines(text)).toEqual(['The Example Times']);
    });

    it('should keep a short headline followed directly by the article', () => {
      const text = `Idlib crisis deepens\n\n${PROSE}\n\n${PROSE}\n`;
      expect(removedLines(text)).toEqual([]);
    });

    it('should stop a related-links list at the next paragraph of prose', () => {
      const text = `Headline here for it\n\n${PROSE}\n\nRelated\nMarkets fall on war fears\n${PROSE}\n`;
      expect(removedLines(text)).toEqual(['Related', 'Markets fall on war fears']);
    });

    it('should blank removed lines with spaces, keep newlines and the length, and keep the rest in place', () => {
      const text = `Share on:\r\n${PROSE}\r\nwww.example.com\n`;
      const r = removeBoilerplate(text);
      expect(r.text.length).toBe(text.length);
      expect(r.text).toBe(`         \r\n${PROSE}\r\n               \n`);
      for (const s of r.removed) expect(r.text.slice(s.start, s.end).trim()).toBe('');
    });

    it('should return the text unchanged when there is nothing to remove', () => {
      const text = `${PROSE}\n${PROSE}`;
      expect(removeBoilerplate(text)).toEqual({ text, removed: [] });
    });

    it.each([[''], ['\n\n\n'], ['   '], ['x']])('should cope with degenerate text %j', (text) => {
      expect(removeBoilerplate(text).text.length).toBe(text.length);
    });

    it('should remove the furniture of an invented blog page and nothing of its article (fixture)', () => {
      const text = readFileSync(join(fixtures, 'blog-article.txt'), 'utf8');
      const removed = removedLines(text);
      expect(removed).toEqual(
        expect.arrayContaining([
          'Example Courier',
          'Home › World › Middle East',
          'Share this:',
          'Facebook',
          'WhatsApp',
          'Advertisement',
          'Related articles',
          'Why the northern offensive matters',
          'Tags: Geneva, ceasefire, diplomacy',
          '© 2020 Example Courier Ltd. All rights reserved.',
          'Privacy Policy',
        ]),
      );
      const kept = removeBoilerplate(text).text;
      expect(kept).toContain('Ministers meet in Geneva as ceasefire talks resume');
      expect(kept).toContain('Foreign ministers from Turkey and Russia met in Geneva');
      expect(kept).toContain('"We have agreed to keep talking," Lindqvist told reporters');
      expect(kept).toContain('Aid groups, including the Red Crescent, warned');
    });

    it('should remove a comment section with its form and comments (fixture)', () => {
      const text = readFileSync(join(fixtures, 'comments-page.txt'), 'utf8');
      const kept = removeBoilerplate(text).text;
      expect(kept).toContain('Dock workers at the port of Valmora stayed off the job');
      expect(kept).toContain('according to the harbour master, Pietro Anselmi.');
      for (const gone of ['Leave a comment', 'Marco R.', 'This is going to hurt exporters', 'Save my name', 'Post Comment']) {
        expect(kept).not.toContain(gone);
      }
    });

    it.skipIf(!existsSync(goldFile))('should remove exactly the gold boilerplate lines of the seed articles', () => {
      const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as {
        boilerplate: string[];
      };
      const norm = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();
      const goldSet = new Set(gold.boilerplate.map(norm));
      const removedAll = new Set<string>();
      for (const f of readdirSync(seeds).filter((n) => n.endsWith('.txt'))) {
        const text = readFileSync(join(seeds, f), 'utf8');
        for (const line of removedLines(text)) removedAll.add(norm(line));
      }
      // Every gold string is removed; "50" (a share count) is the only extra.
      for (const g of goldSet) expect(removedAll, g).toContain(g);
      expect([...removedAll].filter((l) => !goldSet.has(l))).toEqual(['50']);
    });
  });
});
