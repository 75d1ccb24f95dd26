import 'reflect-metadata';
import { violatedFields, messagePattern, toDtoInstance, validateDto } from '@foodcourt/platform-kernel';
import {
  MAX_QUERY_LENGTH,
  MAX_REBUILD_PAGE,
  MAX_SEARCH_PAGE,
  RebuildIndexInput,
  RebuildResult,
  SEARCH_API,
  SearchHit,
  SearchPort,
  SearchProductsInput,
  SearchResult,
} from './index';


describe('SearchProductsInput', () => {
  it('accepts an empty query', () => {
    expect(validateDto(SearchProductsInput, {})).toBeInstanceOf(SearchProductsInput);
  });

  it('turns query-string numbers and booleans into numbers and booleans', () => {
    const input = validateDto(SearchProductsInput, { q: 'marg', minPrice: '100', maxPrice: '900', inStock: 'true', limit: '5', offset: '10' });
    expect(input).toEqual({ q: 'marg', minPrice: 100, maxPrice: 900, inStock: true, limit: 5, offset: 10 });
    expect(validateDto(SearchProductsInput, { inStock: 'false' }).inStock).toBe(false);
  });

  it('accepts typed values from a port call', () => {
    expect(validateDto(SearchProductsInput, { minPrice: 0, maxPrice: 0, inStock: false, limit: MAX_SEARCH_PAGE, offset: 0 })).toEqual({
      minPrice: 0,
      maxPrice: 0,
      inStock: false,
      limit: MAX_SEARCH_PAGE,
      offset: 0,
    });
  });

  it('accepts any characters in q, FTS syntax included', () => {
    for (const q of ['"', '*', '(', 'NEAR', "'; DROP TABLE search_product; --", 'a'.repeat(MAX_QUERY_LENGTH)]) {
      expect(violatedFields(SearchProductsInput, { q })).toEqual([]);
    }
  });

  it.each([
    [{ q: '' }, 'q'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ minPrice: '-1' }, 'minPrice'],
    [{ minPrice: '1.5' }, 'minPrice'],
    [{ minPrice: 'cheap' }, 'minPrice'],
    [{ maxPrice: '-1' }, 'maxPrice'],
    [{ minPrice: '500', maxPrice: '100' }, 'maxPrice'],
    [{ inStock: 'maybe' }, 'inStock'],
    [{ inStock: '1' }, 'inStock'],
    [{ inStock: 'TRUE' }, 'inStock'],
    [{ limit: '0' }, 'limit'],
    [{ limit: String(MAX_SEARCH_PAGE + 1) }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ sort: 'price' }, 'sort'],
  ])('rejects %j naming %s', (query, field) => {
    expect(violatedFields(SearchProductsInput, query)).toEqual([field]);
  });

  it(`rejects a q longer than ${MAX_QUERY_LENGTH} characters`, () => {
    expect(violatedFields(SearchProductsInput, { q: 'a'.repeat(MAX_QUERY_LENGTH + 1) })).toEqual(['q']);
  });

  it('names the message of inStock plainly', () => {
    expect(() => validateDto(SearchProductsInput, { inStock: 'maybe' })).toThrow('inStock must be true or false');
  });
});

describe('RebuildIndexInput', () => {
  it('accepts no page size and one within the catalog limit', () => {
    expect(violatedFields(RebuildIndexInput, {})).toEqual([]);
    expect(violatedFields(RebuildIndexInput, { pageSize: 1 })).toEqual([]);
    expect(violatedFields(RebuildIndexInput, { pageSize: MAX_REBUILD_PAGE })).toEqual([]);
  });

  it.each([[{ pageSize: 0 }], [{ pageSize: MAX_REBUILD_PAGE + 1 }], [{ pageSize: '10' }], [{ pageSize: 2.5 }]])('rejects %j', (input) => {
    expect(violatedFields(RebuildIndexInput, input)).toEqual(['pageSize']);
  });

  it('rejects an unknown field', () => {
    expect(violatedFields(RebuildIndexInput, { force: true })).toEqual(['force']);
  });
});

describe('search outputs', () => {
  const hit = { sku: 'PIZZA-MARGHERITA', name: 'Margherita', description: 'Tomato', price: 950, currency: 'EUR', stock: 3, score: 4.25 };

  it('SearchResult rebuilds nested hits from wire JSON', () => {
    const result = toDtoInstance(SearchResult, JSON.parse(JSON.stringify({ items: [hit], total: 1 })));
    expect(result.items[0]).toBeInstanceOf(SearchHit);
    expect(validateDto(SearchResult, { items: [hit], total: 1 })).toEqual({ items: [hit], total: 1 });
    expect(violatedFields(SearchResult, { items: [{ ...hit, score: 'high' }], total: 1 })).toEqual(['items.0.score']);
  });

  it('RebuildResult carries a non-negative count', () => {
    expect(violatedFields(RebuildResult, { indexed: 250 })).toEqual([]);
    expect(violatedFields(RebuildResult, { indexed: -1 })).toEqual(['indexed']);
  });
});

describe('SearchPort', () => {
  it('is registered under the SEARCH_API token', () => {
    expect(SEARCH_API).toBe(SearchPort.token);
    expect(SearchPort.domain).toBe('search');
    expect(messagePattern(SearchPort, 'search')).toBe('search.search');
  });

  it('declares search (short timeout) and rebuild (long timeout), both idempotent', () => {
    const m = SearchPort.methods;
    expect(Object.keys(m).sort()).toEqual(['rebuild', 'search']);
    expect(m.search).toMatchObject({ input: SearchProductsInput, output: SearchResult, idempotent: true, timeoutMs: 2_000 });
    expect(m.rebuild).toMatchObject({ input: RebuildIndexInput, output: RebuildResult, idempotent: true, timeoutMs: 120_000 });
  });
});
