/*
 * Deckbook's Korean search, the query side (the index side is search_ko.py).
 *
 * Sphinx puts this into language_data.js after searchtools.js, prefixed with
 * `const DECKBOOK_KO = {suffixes, minStem, ranges}`: the very table the index used.
 */

const deckbookKorean = (() => {
  const isHangul = (char) => {
    const code = char.codePointAt(0);
    return DECKBOOK_KO.ranges.some(([low, high]) => low <= code && code <= high);
  };

  const suffixes = new Set(DECKBOOK_KO.suffixes);
  const longest = Math.max(...DECKBOOK_KO.suffixes.map((suffix) => suffix.length));

  /** strip_endings() of search_ko.py: the longest suffix that fits, repeatedly. */
  const stripEndings = (word, minStem = DECKBOOK_KO.minStem) => {
    let stripped = true;
    while (stripped) {
      stripped = false;
      for (let length = Math.min(longest, word.length - minStem); length > 0; length--) {
        if (suffixes.has(word.slice(-length))) {
          word = word.slice(0, -length);
          stripped = true;
          break;
        }
      }
    }
    return word;
  };

  // Runs of letters, digits and "_" (Python's \w), cut between Hangul and the rest.
  const pieces = (run) => {
    const out = [];
    for (const char of run) {
      const last = out.length ? out[out.length - 1] : "";
      if (last && isHangul(last[last.length - 1]) === isHangul(char))
        out[out.length - 1] = last + char;
      else out.push(char);
    }
    return out;
  };

  /** split_korean() of search_ko.py. */
  const split = (text) => {
    const words = [];
    for (const run of text.match(/[\p{L}\p{N}_]+/gu) || []) {
      pieces(run).forEach((piece, position) => {
        if (!isHangul(piece[0])) words.push(piece.toLowerCase());
        else if (position > 0 && !stripEndings(piece, 0)) return; // Lambda를
        else words.push(stripEndings(piece));
      });
    }
    return words;
  };

  const asList = (files) =>
    files === undefined ? [] : Array.isArray(files) ? files : [files];
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

  // How `key` of the index matches the query word `word`: 0 (no), 1 (partly), 2 (fully).
  const match = (key, word) => {
    if (key === word) return 2;
    if (isHangul(word[0])) {
      // One syllable: words are never stripped below two, so 책 matches 책을 whole.
      if (word.length < DECKBOOK_KO.minStem)
        return key.startsWith(word) && suffixes.has(key.slice(word.length)) ? 2 : 0;
      return key.includes(word) ? 1 : 0; // two syllables and more: 서버 in 서버리스
    }
    return word.length > 2 && key.includes(word) ? 1 : 0; // as searchtools.js does
  };

  /**
   * Search.performTermsSearch with every word required, partial matches for Korean
   * words of two syllables, and searchtools.js's own scores (titles first).
   */
  const performTermsSearch = (searchTerms, excludedTerms) => {
    const index = Search._index;
    const tables = [
      [index.terms, Scorer.term, Scorer.partialTerm],
      [index.titleterms, Scorer.title, Scorer.partialTitle],
    ];
    let scores = null; // file -> best score over the words, once every word is found
    for (const word of searchTerms) {
      const found = new Map();
      for (const [table, full, partial] of tables) {
        for (const key of Object.keys(table)) {
          const how = match(key, word);
          if (!how) continue;
          const score = how === 2 ? full : partial;
          for (const file of asList(table[key]))
            found.set(file, Math.max(found.get(file) || 0, score));
        }
      }
      if (scores === null) scores = found;
      else
        for (const [file, score] of scores)
          if (found.has(file)) scores.set(file, Math.max(score, found.get(file)));
          else scores.delete(file);
    }
    const excluded = (file) =>
      [...excludedTerms].some((word) =>
        [index.terms, index.titleterms].some(
          (table) => own(table, word) && asList(table[word]).includes(file),
        ),
      );
    const results = [];
    for (const [file, score] of scores || []) {
      if (excluded(file)) continue;
      results.push([
        index.docnames[file],
        index.titles[file],
        "",
        null,
        score,
        index.filenames[file],
        SearchResultKind.text,
      ]);
    }
    return results;
  };

  return { isHangul, split, performTermsSearch };
})();

// searchtools.js defines its default splitQuery only when none exists; it is loaded
// before language_data.js, so this assignment replaces that default.
var splitQuery = deckbookKorean.split;

// A declaration, hoisted: Sphinx's stemmer code above already ran
// `window.Stemmer = KoreanStemmer;`. Hangul words were stemmed by split().
function KoreanStemmer() {
  const english = new EnglishStemmer();
  this.stemWord = (word) =>
    word && deckbookKorean.isHangul(word[0]) ? word : english.stemWord(word);
}

if (typeof Search !== "undefined")
  Search.performTermsSearch = deckbookKorean.performTermsSearch;
