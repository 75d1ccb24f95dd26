import { ftsMatchExpression, queryWords, tsQueryExpression } from './query-words';

describe('queryWords', () => {
  it.each([
    ['Pizza Margherita', ['pizza', 'margherita']],
    ['  marg  ', ['marg']],
    ['"pizza" AND (tomato*) NEAR', ['pizza', 'and', 'tomato', 'near']],
    ["'; DROP TABLE search_product; --", ['drop', 'table', 'search', 'product']],
    ['description:tomato^2 -basil +x', ['description', 'tomato', '2', 'basil', 'x']],
    ["pizza & !tomato | 'x':*", ['pizza', 'tomato', 'x']],
    ['Crème BRÛLÉE', ['crème', 'brûlée']],
    ['ﬁsh ①', ['fish', '1']],
    ['"*()^:-+\\', []],
    ['', []],
  ])('cuts %j into %j', (q, words) => {
    expect(queryWords(q)).toEqual(words);
  });

  it('keeps a decomposed accent with its letter', () => {
    expect(queryWords('cafe\u0301 au lait')).toEqual(['café', 'au', 'lait']);
  });
});

describe('match expressions', () => {
  it('quote every word for FTS5 and make the last a prefix', () => {
    expect(ftsMatchExpression(['near', 'marg'])).toBe('"near" "marg"*');
    expect(ftsMatchExpression(['marg'])).toBe('"marg"*');
  });

  it('quote every word for to_tsquery, join them with &, and make the last a prefix', () => {
    expect(tsQueryExpression(['pizza', 'marg'])).toBe("'pizza' & 'marg':*");
  });
});
