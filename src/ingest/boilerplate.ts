/**
 * Line-level page-furniture removal for plain text saved from web pages: share-button lists, "Share
 * on:", "Related posts" and the headlines after it, comment forms, cookie / newsletter notices,
 * breadcrumbs, date-and-update lines, copyright lines, lone URLs, file-name slugs, credit lines.
 *
 * Removed lines are BLANKED with spaces (newlines kept), so the text keeps its length and every
 * offset still indexes into the original file. The detection looks at the shape of a line (short,
 * no sentence punctuation, made only of share / date / navigation words, link-like), at its
 * neighbours (a list of headlines after "Related posts", a short line introducing a list of URLs)
 * and at its position (site names and bylines at the top, furniture blocks at the bottom) — never
 * at the seed articles' exact strings. It is conservative: a line that reads like a sentence of an
 * article is kept unless a furniture phrase makes up the whole line.
 */
import type { Span } from '../types.js';

/** A removed line: its span in the text (without the newline) and why it was removed. */
export interface RemovedSpan extends Span {
  reason: string;
}

export interface BoilerplateResult {
  /** The input with furniture lines replaced by spaces; same length as the input. */
  text: string;
  /** Removed lines in text order. */
  removed: RemovedSpan[];
}

interface Line {
  start: number;
  end: number;
  /** Trimmed, spaces normalised. */
  t: string;
  /** Number of words. */
  n: number;
  /**
   * Lower-case words with surrounding punctuation stripped (empty strings dropped); computed only
   * for short lines (at most SHORT_WORDS words), where the word-list rules apply; [] otherwise.
   */
  words: string[];
  reason: string | null;
  /** Part of a hard-wrapped sentence: continues, or is continued by, an adjacent line of prose. */
  cont: boolean;
  /** True for share / link / copyright / comment-form furniture (not dates or lone numbers). */
  strong: boolean;
}

/* ------------------------------------------------------------------ lexicons */

/** Words that make a line a share bar when every word of the line is one of these. */
const SHARE_CORE = new Set(
  (
    'share sharing tweet retweet facebook twitter linkedin whatsapp telegram reddit pinterest ' +
    'email e-mail mail print tumblr messenger flipboard instagram youtube tiktok snapchat rss sms ' +
    'google+ skype viber vk vkontakte weibo wechat digg stumbleupon delicious pocket gmail copy ' +
    'bookmark pin threads mastodon bluesky copied'
  ).split(' '),
);
const SHARE_FILLER = new Set(
  (
    'on via this the article story post page link url with your friends it options button buttons ' +
    'us follow and or to | comments comment save more icon article: share: link: copied x ' +
    'feed subscribe facebook: twitter:'
  ).split(' '),
);

const WEEKDAYS =
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun';
const MONTHS =
  'january february march april may june july august september october november december ' +
  'jan feb mar apr jun jul aug sep sept oct nov dec';
const DATE_CORE = new Set(`${WEEKDAYS} ${MONTHS} am pm a.m. p.m. gmt utc bst cet cest eet eest est edt cst cdt mst mdt pst pdt ist hkt jst kst aest aedt msk trt sast eat wat cat pkt wib sgt today yesterday ago`.split(' '));
const DATE_FILLER = new Set(
  'last update updated published posted modified created date time on at | - – — , of ago hour hours minute minutes min mins day days week weeks first local'.split(
    ' ',
  ),
);
const DATE_NUMBER = /^\d{1,4}(?:[:/.-]\d{1,4})*(?:st|nd|rd|th|am|pm|h|hrs)?$/;

/** Whole-line phrases (lower case, without trailing `:.*»›>|` punctuation) that are furniture. */
const PHRASES: { re: RegExp; reason: string }[] = [
  { re: /^(?:skip|jump) to (?:main )?(?:content|navigation|search|footer)$/, reason: 'navigation' },
  { re: /^(?:back to top|toggle navigation|main menu|menu|search|close|home|homepage|open menu|close menu)$/, reason: 'navigation' },
  { re: /^(?:sign in|log in|login|register|sign up|subscribe(?: now| today)?|my account|log out|logout)$/, reason: 'navigation' },
  { re: /^(?:advertisement|advertising|sponsored(?: content| links?)?|promoted(?: content)?|paid content|ad|ads|skip ad|ad feedback|recommended by|.{0,30} by (?:taboola|outbrain))$/, reason: 'advertisement' },
  { re: /^(?:video player is loading.*|this is a modal window.*|beginning of dialog window.*|end of dialog window.*|close modal(?: dialog)?|play video.*|loaded: \d.*)$/, reason: 'player notice' },
  { re: /^(?:sign|log) in to (?:comment|continue|read|reply|post).*$/, reason: 'page control' },
  { re: /^(?:story continues below(?: advertisement)?|scroll (?:down )?to continue(?: reading)?|continue reading(?: the main story| below)?|article continues (?:below|after advertisement))$/, reason: 'advertisement' },
  { re: /^media playback is (?:unsupported|not supported) on your device$/, reason: 'player notice' },
  { re: /^(?:listen to (?:this )?(?:article|story)(?: [\d:]+ mins?)?|print this (?:page|article)|download (?:pdf|the app)|click (?:here )?to (?:read|view|watch|enlarge|see).{0,40})$/, reason: 'page control' },
  { re: /^(?:privacy policy|privacy|terms (?:of|and) (?:use|service|conditions)|terms|cookie policy|cookie settings|contact us|about us|advertise(?: with us)?|careers|sitemap|site map|accessibility|help|faq|rss feeds?)$/, reason: 'site footer' },
  { re: /^(?:previous|next|prev|older|newer)(?: article| post| story| page| entry)?$|^(?:«|‹|<)\s*(?:previous|prev)|(?:next)\s*(?:»|›|>)$/, reason: 'navigation' },
  { re: /^(?:loading|loading\.\.\.|like this|like loading|about the author|our standards.*|already (?:a )?(?:subscriber|registered|have an account).*)$/, reason: 'page control' },
  { re: /^(?:video|watch|watch video|play video|play|audio|listen|gallery|view gallery|photos|enlarge(?: this image)?|toggle caption|hide caption|show caption|expand|collapse)$/, reason: 'page control' },
  { re: /^(?:gift|give|save|share) this (?:article|story)$|^\d+ ?min(?:ute)?s? read$|^reading time:? .{1,20}$/, reason: 'page control' },
  { re: /^click to (?:share|email|print|tweet)\b.*$/, reason: 'share buttons' },
  { re: /^read the (?:full|original|whole) (?:story|article|report|interview)(?: (?:at|on|here) .{0,40})?$/, reason: 'link line' },
  { re: /^(?:show|view|hide|load|see all|read) (?:\d+ )?comments?(?: \(\d+\))?$/, reason: 'comments control' },
  { re: /^your email address will not be published.*$/, reason: 'comment form' },
  { re: /^required fields are marked.*$/, reason: 'comment form' },
  { re: /^save my name,? email,? and website in this browser.*$/, reason: 'comment form' },
  { re: /^notify me of (?:follow-?up comments|new (?:posts|comments)).*$/, reason: 'comment form' },
  { re: /^(?:post|submit|add|write|publish) (?:a |your )?(?:comment|reply)$|^cancel reply$|^reply$|^submit$/, reason: 'comment form' },
  { re: /^this site uses akismet to reduce spam.*$/, reason: 'comment form' },
  { re: /^(?:name|e-?mail|email address|website|comment|message)(?: \(required\))? ?\*$/, reason: 'comment form' },
  { re: /^you must be logged in to post a comment.*$/, reason: 'comment form' },
  { re: /^(?:comments are closed|comments? (?:are|is) (?:disabled|moderated).{0,40})$/, reason: 'comment form' },
];

/** Headers after which a list of links (headlines) follows. */
const RELATED_HEADER =
  /^(?:related(?: posts?| articles?| stories| news| content| coverage| links| topics| reading| videos?| items| to this story)?|(?:read|see) (?:more|also|next)(?: on this (?:story|topic)| stories| articles| news)?|also read|read also|more (?:stories|news|articles|headlines|on this (?:story|topic)|from (?:[a-z'’.& -]{1,40}))|(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy|be interested in)|(?:recommended|suggested)(?: for you| stories| articles| reading| videos)?|(?:most|also) (?:read|popular|viewed|shared|watched|commented)(?: now| today| articles| stories| this week)?|trending(?: now| stories| topics| today)?|(?:latest|top|popular|recent|other|more top|featured) (?:news|stories|posts|articles|headlines|videos)|editor'?s'? (?:picks?|choice)|don'?t miss|in (?:other|case you missed) (?:news|it)|what to read next|up next|(?:promoted|sponsored|partner) (?:stories|links|content)|(?:from )?around the web|explore more(?: on these topics)?|more in this (?:section|series))$/;

/** Headers of the comment section. */
const COMMENTS_HEADER =
  /^(?:leave a (?:reply|comment|response)|post a comment|add a comment|(?:\d+ )?comments?(?: \(\d+\))?|join the (?:conversation|discussion|debate)|reader comments|have your say|what do you think\??|discussion|responses?)$/;

/** Lines that introduce a link line: "Read more: Turkey vows to…" (the whole line is a link). */
const LINK_LINE = /^(?:read more|read also|also read|see also|related|more|watch|listen|click here|read next|recommended|more on this)\s*[:›»|>]\s*\S/;

/* ------------------------------------------------------------------ shapes */

const SENTENCE_END = /[.!?…"”’')\]]$/;

function normalise(line: string): string {
  return line.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

/** Lines up to this many words get a word list (share bars, date lines are shorter). */
const SHORT_WORDS = 20;

function countSpaces(t: string): number {
  let c = 0;
  for (let i = t.indexOf(' '); i !== -1; i = t.indexOf(' ', i + 1)) c++;
  return c;
}

function wordsOf(t: string): string[] {
  return t
    .toLowerCase()
    .split(' ')
    .map((w) => w.replace(/^[•·*●▪‣◦\-–—(["'“‘]+|[)\]"'”’,;!?]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** A line that reads like article prose: long, or a sentence of a dozen words and more. */
function isParagraph(l: Line): boolean {
  const n = l.n;
  return n >= 30 || (n >= 12 && SENTENCE_END.test(l.t));
}

/** A short line without sentence punctuation: a headline, a label, a name. */
function isShortNonSentence(l: Line, maxWords = 12): boolean {
  return l.n <= maxWords && !/[.!?…]["”’')\]]?$/.test(l.t);
}

/** Headline-shaped: what a list of related links looks like. */
function isHeadlineShaped(l: Line): boolean {
  return l.n <= 25 && !(l.n >= 12 && /[.]["”’')\]]?$/.test(l.t));
}

function isShareLine(words: string[], t: string, n: number): boolean {
  if (n <= 8 && /\bsharing buttons?\b/i.test(t)) return true;
  if (words.length === 0 || words.length > 16) return false;
  let core = 0;
  for (const w of words) {
    const bare = w.replace(/:$/, '');
    if (SHARE_CORE.has(bare)) core++;
    else if (SHARE_FILLER.has(bare) || SHARE_FILLER.has(w) || /^\d[\d.,]*[km]?$/.test(bare)) continue;
    else return false;
  }
  return core > 0;
}

function isDateLine(words: string[]): boolean {
  if (words.length === 0 || words.length > 14) return false;
  let core = 0;
  for (const raw of words) {
    const w = raw.replace(/[,:;|]+$/g, '').replace(/^[|]+/, '');
    if (w === '') continue;
    if (DATE_CORE.has(w) || DATE_CORE.has(w.replace(/\.$/, ''))) core++;
    else if (DATE_NUMBER.test(w)) {
      if (/[:/.-]/.test(w) || /^\d{4}$/.test(w) || /(?:st|nd|rd|th|am|pm)$/.test(w)) core++;
    } else if (!DATE_FILLER.has(w)) return false;
  }
  return core > 0;
}

function isBreadcrumb(t: string): boolean {
  if (/[.!?]$/.test(t) || /["“”]/.test(t)) return false;
  const parts = t.split(/\s+[/>»›|]\s+|\s*[»›]\s*/).filter((p) => p.trim() !== '');
  if (parts.length < 3) {
    if (parts.length !== 2 || !/^(?:home|news|start|index)$/i.test(parts[0]!.trim())) return false;
  }
  // each crumb is a label with a real word in it ("Home / News / World"), not a table header's "W D L G / F G / A P"
  return parts.every((p) => p.trim().split(/\s+/).length <= 4 && /\p{L}{2,}/u.test(p)) && t.split(/\s+/).length <= 20;
}

const URL_LINE =
  /^(?:<?(?:https?:\/\/|www\.)\S+>?|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|uk|info|tv|news|io|de|fr|ru|ir|tr|in|us|eu|gov|edu)(?:\/\S*)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$/i;

/** Classifies one line on its own; null when it is not furniture by itself. */
/** Words a long line must contain (one of) to be worth classifying at all. */
const LONG_LINE_CUES =
  /cookie|rights reserved|©|copyright|subscri|sign up|newsletter|javascript|browser|\bby\b|email address|save my name|notify me|akismet|logged in|comments? (?:are|is)|click to|our standards|read the|:/i;

function classify(t: string, words: string[], n: number): { reason: string; strong: boolean } | null {
  // Fast path: prose lines (most of any file) can only match a few sentence-shaped notices.
  if (n > SHORT_WORDS && !LONG_LINE_CUES.test(t)) return null;
  if (n > 60) return null;
  const lower = t.toLowerCase();
  const bare = stripEnds(lower);
  if (/^[\p{P}\p{S}\s]+$/u.test(t)) return { reason: 'punctuation', strong: false };
  // A number ending a sentence ("… rose to\n1986.") is prose, not a share count.
  if (/^[\d.,]*\d\s*[km%]?$/i.test(t)) return { reason: 'lone number', strong: false };
  if (URL_LINE.test(t)) return { reason: 'URL', strong: true };
  if (/^\S+$/.test(t) && (/[a-z]_[a-z0-9]/i.test(t) || /\.(?:jpe?g|png|gif|webp|svg|mp4|pdf)$/i.test(t))) {
    return { reason: 'file name or slug', strong: true };
  }
  if (isShareLine(words, t, n)) return { reason: 'share buttons', strong: true };
  for (const p of PHRASES) if (p.re.test(bare)) return { reason: p.reason, strong: true };
  if (/^(?:©|copyright\s*(?:©|\(c\)|\d{4})|\(c\)\s*(?:copyright|\d{4}))/i.test(t) || (/\ball rights reserved\b/i.test(t) && n <= 30)) {
    return { reason: 'copyright', strong: true };
  }
  if (/\bcookies?\b/i.test(t) && /\b(?:we use|this (?:web)?site uses|accept|consent|privacy|browsing experience|by continuing)\b/i.test(t) && n <= 60) {
    return { reason: 'cookie notice', strong: true };
  }
  if (
    /^(?:subscribe|sign up|signup|join|get|register|download|follow us|never miss)\b/i.test(bare) &&
    /\b(?:newsletters?|our app|alerts|inbox|notifications|breaking news emails|free trial|updates|(?:youtube|telegram|whatsapp) (?:channel|group)|podcast)\b/i.test(t) &&
    n <= 30
  ) {
    return { reason: 'subscription notice', strong: true };
  }
  if (/(?:enable|turn on) javascript|browser (?:does not|doesn'?t) support|update your browser/i.test(t) && n <= 30) {
    return { reason: 'browser notice', strong: true };
  }
  if (/^\(?(?:additional )?(?:reporting|writing|editing) by\s+\p{Lu}/iu.test(t) && n <= 30 && !/\bsaid\b/i.test(t)) {
    return { reason: 'credit line', strong: true };
  }
  if (/^(?:photo|image|picture|video|file photo|credit|photograph)s?\s*:\s*\S+(?:\s+\S+){0,3}$/i.test(t) && !/[.!?]$/.test(t)) {
    return { reason: 'credit line', strong: true };
  }
  if (/^(?:#[\p{L}\p{N}_]+[\s,]*)+$/u.test(t)) return { reason: 'hashtags', strong: true };
  if (/^(?:source|sources|via)\s*:\s*\S+(?:\s+\S+){0,3}$/i.test(t) && !/[.!?]$/.test(t)) return { reason: 'credit line', strong: true };
  if (/^\((?:afp|reuters|ap|upi|epa|dpa|anadolu(?: agency)?|getty images|xinhua|tass)\)$/i.test(t)) return { reason: 'credit line', strong: true };
  if (/^(?:author|authors|written by|words by|by)\s*:\s*\p{Lu}/iu.test(t) && n <= 8 && !/[.!?]$/.test(t)) return { reason: 'byline', strong: false };
  if (
    /^(?:follow|find|like) (?:us|me|him|her|them|@\S+|\p{Lu}\S*(?: \p{Lu}\S*){0,3}) on (?:twitter|x|facebook|instagram|linkedin|telegram|tiktok|youtube|threads|mastodon|bluesky|social media|google news)\b/iu.test(t) &&
    n <= 12
  ) {
    return { reason: 'follow line', strong: true };
  }
  if (/^(?:posted|written|published) by\s+\p{Lu}/iu.test(t) && n <= 14 && !/\bsaid\b/i.test(t)) return { reason: 'byline', strong: false };
  if (/^(?:image|photo|picture|video) (?:copyright|source|credit)s?\b/i.test(t) && n <= 10) {
    return { reason: 'credit line', strong: true };
  }
  if (/^\((?:photo|image|picture|file photo|credit)s?(?: by|:) [^()]{1,40}\)$|^(?:getty images|afp via getty images|ap photo)$/i.test(t)) {
    return { reason: 'credit line', strong: true };
  }
  if (/^(?:tags?|topics|categories|category|filed under|posted in|keywords)\s*:/i.test(t) && n <= 25) {
    return { reason: 'tags', strong: true };
  }
  if (LINK_LINE.test(bare) && n <= 25) return { reason: 'link line', strong: true };
  // Not when it ends like a sentence ("… by the end of\nDecember.") or goes on ("On Tuesday,").
  if (!/[,;]$|[^.][a-z]\.$/i.test(t) && isDateLine(words)) return { reason: 'date line', strong: false };
  if (isBreadcrumb(t)) return { reason: 'breadcrumb', strong: true };
  return null;
}

/**
 * Lower-case line without bullets in front and label punctuation (`:`, `*`, `»`, `…`, `...`) at the
 * end. A single final period is kept: "Home" is a link, "Home." ends a sentence.
 */
function stripEnds(lower: string): string {
  return lower
    .replace(/(?:[\s:*»›>|]|\.\.\.|…)+$/, '')
    .replace(/^[•·*●▪‣◦|>\-–—\s#]+/, '')
    .replace(/[’]/g, "'");
}

function headerKey(t: string): string {
  return stripEnds(t.toLowerCase());
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end);
    // Long lines are prose or one of a few sentence-shaped notices: trimming is enough for them.
    const t = raw.length > 400 ? raw.trim() : normalise(raw);
    let n = t === '' ? 0 : countSpaces(t) + 1;
    let words: string[] = [];
    if (n > 0 && n <= SHORT_WORDS) {
      words = wordsOf(t);
      n = words.length;
    }
    lines.push({ start, end, t, n, words, cont: false, reason: null, strong: false });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

/**
 * Blanks page furniture out of plain text, line by line.
 * @returns the text with furniture lines replaced by spaces (same length, newlines kept) and the
 *   removed lines' spans with a reason each.
 */
export function removeBoilerplate(text: string): BoilerplateResult {
  const all = splitLines(text);
  const lines = all.filter((l) => l.t !== '');
  if (lines.length === 0) return { text, removed: [] };

  // 0. Hard-wrapped prose ("… by the end of" / "December."; "… was able to" / "by lowering …"):
  //    a line that continues, or is continued by, an adjacent line of prose is part of a sentence.
  /** Short lines right after an open line of prose: "December." — or a real "Share on:" label. */
  const softCont = new Set<Line>();
  const openEnd = (x: Line): boolean => x.n >= 6 && !/[.!?:;…"”’')\]]$/.test(x.t);
  const startsLow = (x: Line): boolean => /^[\p{Ll}\d(,;]/u.test(x.t);
  for (let k = 0; k < all.length; k++) {
    const l = all[k]!;
    if (l.t === '') continue;
    const p = all[k - 1];
    const nx = all[k + 1];
    if (p && p.t !== '' && openEnd(p) && startsLow(l)) l.cont = true;
    else if (nx && nx.t !== '' && openEnd(l) && startsLow(nx)) l.cont = true;
    else if (p && p.t !== '' && openEnd(p) && l.n <= 3) softCont.add(l);
  }

  // 1. Lines that are furniture on their own.
  for (const l of lines) {
    if (l.cont) {
      // Inside wrapped prose only the unmistakable: share-button entries and bare URLs.
      if (l.n <= 8 && /\bsharing buttons?\b/i.test(l.t)) l.reason = 'share buttons';
      else if (URL_LINE.test(l.t)) l.reason = 'URL';
      l.strong = l.reason !== null;
      continue;
    }
    const c = classify(l.t, l.words, l.n);
    if (softCont.has(l) && !c?.strong) {
      // The end of a wrapped sentence ("… in\nJanuary", "… rose to\n1,200."), unless it is strong furniture.
      l.cont = true;
      continue;
    }
    if (c) {
      l.reason = c.reason;
      l.strong = c.strong;
    }
  }

  const last = lines.length - 1;
  let lastParagraph = -1;
  for (let i = last; i >= 0; i--) {
    if (!lines[i]!.reason && (isParagraph(lines[i]!) || lines[i]!.cont)) {
      lastParagraph = i;
      break;
    }
  }

  // 2. Sections: "Related posts" + headlines; "Leave a Reply" + the rest of the page.
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.n > 10 || l.cont) continue;
    const key = headerKey(l.t);
    if (RELATED_HEADER.test(key)) {
      l.reason = 'related-links header';
      l.strong = true;
      let j = i + 1;
      for (let n = 0; j < lines.length && n < 30; j++, n++) {
        const m = lines[j]!;
        if (m.reason) continue;
        if (m.cont || !isHeadlineShaped(m) || isParagraph(m)) break;
        m.reason = 'related link';
        m.strong = true;
      }
      i = j - 1;
    } else if (COMMENTS_HEADER.test(key)) {
      l.reason = 'comments header';
      l.strong = true;
      // At the end of the page, everything after the header is the form and the comments.
      if (i > lastParagraph || i >= lines.length * 0.6) {
        for (let j = i + 1; j < lines.length; j++) {
          const m = lines[j]!;
          if (!m.reason) {
            m.reason = 'comment section';
            m.strong = true;
          }
        }
        break;
      }
    }
  }

  // 3. A short line ending in ':' that introduces furniture ("Follow us on:", "… at the following addresses:").
  for (let i = last - 1; i >= 0; i--) {
    const l = lines[i]!;
    const next = lines[i + 1]!;
    if (!l.reason && !l.cont && /:$/.test(l.t) && l.n <= 25 && !/["“”]/.test(l.t) && next.reason && next.strong) {
      l.reason = 'introduces furniture';
      l.strong = true;
    }
  }

  // 4. The bottom of the page: after the last paragraph, a block of furniture and short labels is
  //    footer when it holds strong furniture (share bars, URLs, copyright, comment forms).
  {
    let i = last;
    let strong = false;
    while (i >= 0 && i > lastParagraph) {
      const l = lines[i]!;
      if (l.reason) strong ||= l.strong;
      else if (l.cont || !isShortNonSentence(l, 10)) break;
      i--;
    }
    if (strong) {
      for (let j = i + 1; j <= last; j++) {
        const l = lines[j]!;
        if (!l.reason) {
          l.reason = 'page footer';
          l.strong = true;
        }
      }
    }
  }

  // 5. The top of the page: bylines, and a site name above the headline.
  const firstContent = lines.findIndex((l) => !l.reason);
  for (let i = 0; i < Math.min(lines.length, 12); i++) {
    const l = lines[i]!;
    if (l.reason) continue;
    if (isParagraph(l) || l.cont) break;
    if (isByline(l)) l.reason = 'byline';
  }
  // An agency sign-off on the last line ("REUTER", "AFP").
  const end = lines[last]!;
  if (!end.reason && /^\(?(?:reuters?|afp|ap|upi|dpa|xinhua|ians|pti|efe|ansa)\)?$/i.test(end.t)) end.reason = 'agency sign-off';
  if (firstContent !== -1) {
    const site = lines[firstContent]!;
    const next = lines.slice(firstContent + 1).find((l) => !l.reason);
    if (
      next &&
      !site.cont &&
      (text.slice(site.end, next.start).match(/\n/g) ?? []).length >= 2 &&
      isSiteName(site) &&
      isShortNonSentence(next, 25) &&
      !isParagraph(next) &&
      next.n >= Math.max(4, site.n * 2)
    ) {
      site.reason = 'site name';
    }
  }

  // Blank what was found.
  const removed: RemovedSpan[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const l of lines) {
    if (!l.reason) continue;
    removed.push({ start: l.start, end: l.end, reason: l.reason });
    parts.push(text.slice(at, l.start), blank(text.slice(l.start, l.end)));
    at = l.end;
  }
  if (removed.length === 0) return { text, removed };
  parts.push(text.slice(at));
  return { text: parts.join(''), removed };
}

/** "By Jane Holloway", "By Jane Holloway and Ali Kaya, Reuters": capitalised names after "By". */
function isByline(l: Line): boolean {
  const m = /^by\s+(.+)$/i.exec(l.t);
  if (!m || l.n > 10 || /[.!?]$/.test(l.t)) return false;
  const small = /^(?:and|&|in|for|of|the|at|staff|correspondent|reporter|writer|editor|contributor|de|van|von|al|bin|el|la|le|with|\||[-–—])$/i;
  return m[1]!
    .split(/[\s,]+/)
    .filter((w) => w !== '')
    .every((w) => /^[\p{Lu}\p{Lt}@]/u.test(w) || small.test(w) || /^\d{1,2}[:.]\d{2}$/.test(w));
}

/** A masthead: one to four capitalised words, no digits, no sentence punctuation. */
function isSiteName(l: Line): boolean {
  const words = l.t.split(' ');
  if (words.length > 4 || /\d/.test(l.t) || /[.!?:,;]$/.test(l.t)) return false;
  const minor = /^(?:the|of|and|&|de|la|le|al|el|du|for|in)$/i;
  return words.every((w) => /^[\p{Lu}\p{Lt}]/u.test(w) || minor.test(w)) && /^[\p{Lu}\p{Lt}]/u.test(words[0]!);
}

/** Replaces every UTF-16 code unit but CR and LF by a space, keeping the length. */
export function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
