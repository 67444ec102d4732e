import { term, words, type SearchLang } from './search.text';

/** A piece of text; `mark` pieces matched the query. Views render them as <mark>, escaped like any text. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Words shown in a snippet. */
export const SNIPPET_WORDS = 32;
// Words of context kept before the first match of the snippet.
const LEAD = 8;

function matcher(wanted: Set<string>, lang: SearchLang): (word: string) => string | undefined {
  // term() remembers the words it has seen, so a snippet of a long body costs a map lookup a word.
  return (word) => {
    const t = term(word, lang);
    return wanted.has(t) ? t : undefined;
  };
}

/**
 * The text (or, with maxWords, the window of it with the most distinct matched terms)
 * cut into plain and matched pieces. `wanted` holds index terms (see search.text.term).
 */
export function highlight(text: string, lang: SearchLang, wanted: Set<string>, maxWords?: number): Segment[] {
  const ws = words(text);
  const match = matcher(wanted, lang);
  const hits = ws.map((w) => match(w.word));
  let first = 0;
  let last = ws.length;
  if (maxWords !== undefined && ws.length > maxWords) {
    let best = -1;
    for (let i = 0; i < ws.length; i++) {
      if (hits[i] === undefined) continue;
      const start = Math.max(0, Math.min(i - LEAD, ws.length - maxWords));
      const distinct = new Set(hits.slice(start, start + maxWords).filter((h) => h !== undefined)).size;
      if (distinct > best) {
        best = distinct;
        first = start;
      }
    }
    last = Math.min(ws.length, first + maxWords);
  }
  const from = first === 0 ? 0 : (ws[first]?.start ?? 0);
  const to = last === ws.length ? text.length : (ws[last - 1]?.end ?? text.length);
  const out: Segment[] = [];
  const plain = (s: string) => {
    const t = s.replace(/\s+/g, ' ');
    if (t) out.push({ text: t, mark: false });
  };
  if (from > 0) plain('… ');
  let at = from;
  for (let i = first; i < last; i++) {
    const w = ws[i];
    if (!w || hits[i] === undefined) continue;
    plain(text.slice(at, w.start));
    out.push({ text: w.word, mark: true });
    at = w.end;
  }
  plain(text.slice(at, to));
  if (to < text.length) plain(' …');
  return out;
}
