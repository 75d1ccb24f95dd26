/**
 * The words of a user's query, as the full-text engines tokenize text: runs of letters, digits
 * and combining marks, lower-cased. Everything else (quotes, `*`, parentheses, `:`, `-`, `^`,
 * `+`, `&`, `|`, `!`, `<`, `>`, …) separates words, so no query syntax of either engine survives.
 */
export function queryWords(q: string): string[] {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * An FTS5 MATCH expression: every word a quoted string (so `NEAR`, `AND`, `OR`, `NOT` are plain
 * words), all of them required, the last one a prefix ("marg" finds "Margherita").
 * `words` come from queryWords and hold no double quote.
 */
export function ftsMatchExpression(words: readonly string[]): string {
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * The same query for PostgreSQL's to_tsquery: every word quoted, all required (`&`), the last
 * one a prefix (`:*`). `words` come from queryWords and hold no quote or backslash.
 */
export function tsQueryExpression(words: readonly string[]): string {
  return words.map((word, i) => `'${word}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');
}
