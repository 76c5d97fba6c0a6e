// Words of a text with where they stand in it, compared loosely: what a quote or a keyword has
// to match, whatever the case, punctuation, spacing or quote marks (so "всё" matches "все" and
// "don’t" matches "don't"). Other diacritics are kept: stripping them would also turn Russian й
// into и, which the stemmer and the reader both need.

export type Word = {
  /** The word compared: NFKC, lower case, ё as е. */
  key: string;
  /** Where the word stands in the text it came from (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
};

// Letters with their combining marks, and digits; everything else (spaces, punctuation, quote
// marks of any kind, apostrophes, dashes) separates words.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

export function wordKey(word: string): string {
  return word.normalize("NFKC").toLowerCase().replace(/ё/g, "е");
}

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const key = wordKey(m[0]);
    if (key) out.push({ key, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
