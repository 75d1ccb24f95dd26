/**
 * Latin letters with diacritics (U+00C0-U+024F, both cases) and the plain lower-case letter each
 * folds to: the letters SQLite's `unicode61 remove_diacritics 2` folds (those whose canonical
 * decomposition is an ASCII letter plus marks, and ſ). PostgreSQL has no such folding without the
 * unaccent extension, so its text index applies this table with translate(), an immutable
 * function a generated column may use. Unicode's stability policy keeps these decompositions
 * fixed; the migration that embeds the table must not change once it ran.
 */
function foldTable(): { from: string; to: string } {
  let from = 'ſ';
  let to = 's';
  for (let code = 0xc0; code <= 0x24f; code++) {
    const letter = String.fromCodePoint(code);
    const base = letter.normalize('NFD').replace(/\p{M}/gu, '');
    if (base !== letter && /^[A-Za-z]$/.test(base)) {
      from += letter;
      to += base.toLowerCase();
    }
  }
  return { from, to };
}

const TABLE = foldTable();
/** translate()'s second argument: every letter that folds. Letters only, so safe inside an SQL literal. */
export const FOLD_FROM = TABLE.from;
/** translate()'s third argument: what each letter of FOLD_FROM becomes. */
export const FOLD_TO = TABLE.to;

const FOLDS = new Map([...FOLD_FROM].map((letter, i) => [letter, FOLD_TO[i]!]));

/** Folds a word as the PostgreSQL text index folds documents. */
export function foldDiacritics(word: string): string {
  return [...word].map((letter) => FOLDS.get(letter) ?? letter).join('');
}
