/**
 * Markdown kept as text, with the markup that would create junk blanked (same length, offsets kept):
 * link and image targets `](http…)`, heading `#` marks, emphasis markers, code fences and HTML
 * comments. Link texts stay: they are words of the article. Every pattern has bounded repetition so
 * that a hostile line (`[x](` or a backtick repeated 100,000 times) costs linear time.
 */
import { blank } from './boilerplate.js';

/** Blanks markdown markup that is not article text; the result has the input's length. */
export function blankMarkdown(text: string): string {
  return (
    text
      // [text](url "title") and ![alt](url): blank the target, then the brackets and the bang.
      .replace(/(!?)\[([^\]\n]{0,300})\]\(([^)\n]{0,1000})\)/g, (_all, bang: string, label: string, target: string) =>
        blank(bang) + ' ' + label + '  ' + blank(target) + ' ',
      )
      // Reference definitions: [1]: http://…
      .replace(/^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$/gm, (s) => blank(s))
      // Bare autolinks <http://…>
      .replace(/<https?:\/\/[^>\s]+>/g, (s) => blank(s))
      .replace(/<!--[\s\S]*?-->/g, (s) => blank(s))
      // Heading marks, block quotes and fences at the start of a line.
      .replace(/^ {0,3}(#{1,6})(?=[ \t]|$)/gm, (s) => blank(s))
      .replace(/^ {0,3}(?:```|~~~).*$/gm, (s) => blank(s))
      .replace(/^ {0,3}>[ \t]?/gm, (s) => blank(s))
      // Setext underlines and horizontal rules.
      .replace(/^ {0,3}(?:=+|-{3,}|\*{3,}|_{3,})[ \t]*$/gm, (s) => blank(s))
      // Emphasis markers around words.
      .replace(/(\*\*|__|\*|`)(?=\S)([^\n]{0,500}?\S)\1/g, (_all, mark: string, inner: string) => blank(mark) + inner + blank(mark))
  );
}
