import { foldText } from './classifier/features';
import { rememberRecent } from './classifier/recent';
import { detectLanguage, warmUpLanguage } from './language';
import { readModelFile } from './model-files';

/**
 * Unreadable-text detection. The word lists are every form the Hunspell
 * dictionaries `dictionary-fr` and `dictionary-en` accept, expanded by `nspell`
 * once at training time (`npm run train:moderation`) and folded (case, accents),
 * so loading takes a fraction of a second instead of nspell's eight, and
 * "eleve" written without accents counts as the word it is.
 */
/** A sorted word list kept as one string with line offsets: loads in milliseconds, looked up by binary search. */
class SortedWords {
  private readonly starts: Uint32Array;
  constructor(private readonly text: string) {
    let n = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    this.starts = new Uint32Array(n + 1);
    let k = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts[k++] = i + 1;
    this.starts[n] = text.length + 1;
  }
  has(word: string): boolean {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.compare(this.starts[mid] as number, (this.starts[mid + 1] as number) - 1, word);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
  /** The line text[from, to) against a word, by UTF-16 code units as `<` compares strings (no slice made). */
  private compare(from: number, to: number, word: string): number {
    const n = Math.min(to - from, word.length);
    for (let i = 0; i < n; i++) {
      const d = this.text.charCodeAt(from + i) - word.charCodeAt(i);
      if (d !== 0) return d;
    }
    return to - from - word.length;
  }
}

type Lexicon = { fr: SortedWords; en: SortedWords };
let lexicon: Lexicon | undefined;

function load(): Lexicon {
  lexicon ??= { fr: new SortedWords(readModelFile('words-fr.txt.gz')), en: new SortedWords(readModelFile('words-en.txt.gz')) };
  return lexicon;
}

/** Loads the word lists now (at start-up) rather than on the first comment. */
export function warmUpReadability(): void {
  load();
  warmUpLanguage();
}

/**
 * Chat and text-message words no dictionary lists, in English ("ok lor, c u at
 * 8", "gonna b late", "idk tbh") and French ("mdr", "tkt", "jsp"): informal
 * readers write them, and they are not keyboard mash.
 */
const INFORMAL = new Set(
  `
  lol lmao lmfao rofl omg omfg wtf btw imo imho idk idc irl tbh fyi asap brb gtg ttyl cya bff bf gf bro bros sis fam
  thx thnx tnx ty tysm pls plz plss ppl coz cuz cos bcoz bcos ur urs msg msgs txt txts wat wot wut dunno gonna wanna
  gotta kinda sorta lemme gimme ya yah yea yeh yup yep nope nah naw ok okay okie okies kk lor lah leh hor meh dun
  nt bt jus juz abt tho thru luv wen wer hav gud gd da dat dis dem dey nite tonite tmr tmrw tmrrw tomoz smth sth
  hun bday wk wkend xx xxx xoxo btw bday fone nxt ltr pic pics vid vids fav fave prob probs obvs def srsly rly wud
  cud shud wiv ard hw aight ima imma ain yall ye yer cmon tho nvm np yw omw hbu wbu hmu smh ngl fr lowkey highkey
  mdr ptdr jsp jpp tkt wesh wsh stp svp bcp pk pq pcq dsl slt cc bjr bsr osef askip frero frerot oklm chui chuis
  jvais jsais jveux jpense jcrois chai tjrs tjs qd qqn qqch vrmt ptn bg relou chelou vener venere zarbi ouais ouai
  wallah wlh starfoullah hamdoulah inchallah frr nrv jte jme jle jsuis cmb bref mdrr mdrrr xptdr bae ahah ahahah
  cimer reuf renoi khey kheys steuple stoplait rdv mcdo covoit jvous jtai jtaime tmtc vazy vasy tg ntm chanme ouf
  relou keuf meuf teuf zinc ptit ptite dac daccord okk bjr bsr biz bisous jsp jss chepa chais ptdrr
  gr wif dnt cnt wnt knw sry soz yr hrs mins pple tht wht whr bcz thk thkz tks nd n im ive wan dont cant wont didnt
  doesnt isnt wasnt aint bruh shant havent hasnt couldnt wouldnt shouldnt youre theyre yall
  `.split(/\s+/).filter(Boolean),
);

/** Laughter and its variants ("hahaha", "hihi", "mdrrr"). */
const LAUGHTER = /^(?:a?(?:ha|he|hi|ho|ah|eh|xd)+h?|l+o+l+[lo]*|m+d+r+|p+t+d+r+)$/;

/** Whether a (folded) word is known, also once letters repeated for emphasis are squeezed ("trooop"). */
function known(word: string, lex: Lexicon): boolean {
  const has = (w: string) => lex.fr.has(w) || lex.en.has(w) || INFORMAL.has(w);
  if (has(word)) return true;
  if (LAUGHTER.test(word)) return true;
  // Dropped g's of spoken English: doin, feelin, goin.
  if (word.length >= 4 && word.endsWith('in') && lex.en.has(`${word}g`)) return true;
  if (/(\p{L})\1\1/u.test(word)) return has(word.replace(/(\p{L})\1+/gu, '$1$1')) || has(word.replace(/(\p{L})\1+/gu, '$1'));
  return false;
}

/** A word, or with an apostrophe: the whole (isn't, aujourd'hui) or its parts (l'homme, j'ai). */
function isKnownToken(tok: string, lex: Lexicon): boolean {
  const folded = foldText(tok).replace(/’/g, "'");
  if (known(folded, lex)) return true;
  // Informal French drops the apostrophe of elisions: jsuis, cest, quil.
  const elided = /^(qu|[ljmntsdc])(\p{L}{2,})$/u.exec(folded);
  if (elided && known(elided[2] as string, lex)) return true;
  if (!folded.includes("'")) return false;
  return folded.split("'").every((part) => part.length < 2 || known(part, lex));
}

/** The answer for the last few thousand words (the word lists never change once loaded; words repeat across comments). */
const knownToken = rememberRecent(8192, (tok) => isKnownToken(tok, load()));

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
/** Unknown words of one text checked for a slip (see englishTypo). */
const MAX_TYPO_CHECKS = 3;

/**
 * Whether an unknown word of an English text is one slip from an English word
 * ("bilion", "poeple", "awesom"): a typo, not gibberish. English only: French
 * has so many inflected forms that one slip from some form is almost any string,
 * and the invented words of garbled French ("eciulera") would pass.
 */
function isEnglishTypo(tok: string, lex: Lexicon): boolean {
  const w = foldText(tok);
  if (w.length < 4 || w.length > 15 || !/^[a-z]+$/.test(w)) return false;
  const has = (c: string) => lex.en.has(c);
  for (let i = 0; i < w.length; i++) {
    if (has(w.slice(0, i) + w.slice(i + 1))) return true;
    if (i + 1 < w.length && has(w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2))) return true;
  }
  for (let i = 0; i <= w.length; i++) {
    for (const ch of ALPHABET) {
      if (i < w.length && ch !== w[i] && has(w.slice(0, i) + ch + w.slice(i + 1))) return true;
      if (has(w.slice(0, i) + ch + w.slice(i))) return true;
    }
  }
  return false;
}

/** The answer for the last words checked (see isEnglishTypo). */
const englishTypo = rememberRecent(1024, (tok) => isEnglishTypo(tok, load()));

export interface Readability {
  /** Share of the letters of the checked words that belong to no known word (0–1). */
  unknownShare: number;
  unknownWords: string[];
  checkedLetters: number;
  /**
   * Letters of the longest run of at least two different invented words side by
   * side ("Obles eciulera"), all-capital words aside; 0 when there is none. Names
   * and slang come one at a time inside real words ("petit macbook rage pas avec
   * ton thinkpad"); garbled or mashed text runs them together.
   */
  inventedRunLetters: number;
  /** ISO 639-3 language franc detected, `und` when unsure. */
  lang: string;
}

/** Tracks runs of different invented words side by side (Readability.inventedRunLetters). */
class InventedRuns {
  longest = 0;
  private words = 0;
  private letters = 0;
  private last = '';
  /** A known word or a sentence's end breaks a run. */
  reset(): void {
    this.words = 0;
    this.letters = 0;
    this.last = '';
  }
  add(word: string): void {
    const w = foldText(word);
    if (w === this.last) return;
    this.words++;
    this.letters += w.length;
    this.last = w;
    if (this.words >= 2) this.longest = Math.max(this.longest, this.letters);
  }
}

/**
 * franc's language of a text (`und` when unsure), remembered for the last few hundred texts:
 * several phases ask about each comment, and a group of comments arriving together goes
 * through the phases side by side (one comment's second question comes after the others' first).
 */
const languageOf = rememberRecent(512, (clean) => detectLanguage(clean, { minLength: 20 }));

/** franc's language of a text without its links and addresses (`und` when unsure). */
export function languageOfText(text: string): string {
  return languageOf(text.replace(LINKS, ' '));
}

const LINKS = /<[^>]*>|\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+\.\w+|[@#]\w+/gi;

/**
 * Measures how much of a text is made of words no dictionary knows. Names are
 * spared: a capitalised word inside a sentence is taken for a proper noun, and
 * short all-capital words for acronyms.
 */
export function measureReadability(text: string): Readability {
  const clean = text.replace(LINKS, ' ');
  const lang = languageOf(clean);
  const unknownWords: string[] = [];
  let letters = 0;
  let unknownLetters = 0;
  const re = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|[.!?\n]+/gu;
  let sentenceStart = true;
  let typoChecks = 0;
  const runs = new InventedRuns();
  for (const m of clean.matchAll(re)) {
    const tok = m[0];
    if (/^[.!?\n]+$/.test(tok)) {
      sentenceStart = true;
      runs.reset();
      continue;
    }
    const atStart = sentenceStart;
    sentenceStart = false;
    if (tok.length < 2) continue;
    const isCapitalised = /^\p{Lu}/u.test(tok);
    const isAllCaps = tok === tok.toUpperCase();
    if (isAllCaps && tok.length <= 5) continue;
    if (isCapitalised && !isAllCaps && !atStart) continue;
    letters += tok.length;
    // One-slip checks cost a few hundred look-ups each: a few per text tell typos from mash.
    if (!knownToken(tok) && !(lang === 'eng' && typoChecks++ < MAX_TYPO_CHECKS && englishTypo(tok))) {
      unknownLetters += tok.length;
      unknownWords.push(tok);
      if (!isAllCaps) runs.add(tok);
    } else runs.reset();
  }
  return { unknownShare: letters ? unknownLetters / letters : 0, unknownWords, checkedLetters: letters, inventedRunLetters: runs.longest, lang };
}

/** Share of unknown letters that is gibberish in any language. */
const MASH_SHARE = 0.8;

/** Languages the dictionaries cover; text franc is sure is in another one is not judged. */
const COVERED = new Set(['fra', 'eng', 'und']);

/**
 * Whether the text looks garbled or keyboard-mashed: enough letters to judge, at
 * least two unknown words, and a large share of unknown letters. One typo in a
 * sentence is far from that; a sentence of invented words is not.
 */
export function isUnreadable(r: Readability, threshold: number): boolean {
  if (r.checkedLetters < 12) return false;
  // Another language is not judged by French and English dictionaries, unless
  // almost nothing is a word at all (franc names a language even for keyboard mash).
  if (!COVERED.has(r.lang) && r.unknownShare < MASH_SHARE) return false;
  return r.unknownWords.length >= 2 && r.unknownShare >= threshold;
}

/** Letters of a run of invented words side by side from which unreadable text is held. */
export const HOLD_RUN_LETTERS = 8;

/**
 * What the unreadable phase does with a text: `hold` when it is strongly
 * unreadable — a large share of unknown letters, and either two different
 * invented words side by side making HOLD_RUN_LETTERS letters ("Obles eciulera
 * a leur placé…") or almost nothing known at all (keyboard mash); `review`
 * when the share is there but the invented words come one at a time among real
 * ones (names, brands, slang: "petit macbook rage pas avec ton thinkpad");
 * else nothing.
 */
export function unreadableCall(r: Readability, threshold: number): 'hold' | 'review' | undefined {
  if (!isUnreadable(r, threshold)) return undefined;
  return r.inventedRunLetters >= HOLD_RUN_LETTERS || r.unknownShare >= MASH_SHARE ? 'hold' : 'review';
}

/**
 * Whether a text reads as French: franc's answer, or for a text too short for
 * franc, more words that only the French dictionary knows than words only the
 * English one knows.
 */
export function readsAsFrench(text: string): boolean {
  const lang = languageOf(text.replace(LINKS, ' '));
  if (lang !== 'und') return lang === 'fra';
  const lex = load();
  let fr = 0;
  let en = 0;
  for (const w of foldText(text).match(/\p{L}+/gu) ?? []) {
    const f = lex.fr.has(w);
    const e = lex.en.has(w);
    if (f && !e) fr++;
    else if (e && !f) en++;
  }
  return fr >= en;
}
