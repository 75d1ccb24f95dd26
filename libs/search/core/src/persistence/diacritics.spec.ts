import { FOLD_FROM, FOLD_TO, foldDiacritics } from './diacritics';

describe('diacritics folding (PostgreSQL text index)', () => {
  it('pairs every folded letter with one plain lower-case letter', () => {
    expect([...FOLD_FROM]).toHaveLength([...FOLD_TO].length);
    expect(FOLD_TO).toMatch(/^[a-z]+$/);
    expect(FOLD_FROM).not.toMatch(/['\\]/);
  });

  it('folds what SQLite remove_diacritics 2 folds, in both cases', () => {
    expect(foldDiacritics('crème brûlée')).toBe('creme brulee');
    expect(foldDiacritics('ÉÀÇŠŽ')).toBe('eacsz');
    expect(foldDiacritics('ſ')).toBe('s');
  });

  it('leaves letters without a decomposition alone, as SQLite does', () => {
    expect(foldDiacritics('smørrebrød łódź æ ß')).toBe('smørrebrød łodz æ ß');
  });
});
