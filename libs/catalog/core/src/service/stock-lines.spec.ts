import { mergeLines, parseLines, sameLines, serializeLines } from './stock-lines';

describe('stock lines', () => {
  it('merges duplicate SKUs by summing and sorts by SKU', () => {
    expect(
      mergeLines([
        { sku: 'TEA', quantity: 1 },
        { sku: 'PIZZA', quantity: 2 },
        { sku: 'TEA', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'PIZZA', quantity: 2 },
      { sku: 'TEA', quantity: 4 },
    ]);
  });

  it('compares lines whatever their order or splitting', () => {
    const stored = [
      { sku: 'PIZZA', quantity: 2 },
      { sku: 'TEA', quantity: 1 },
    ];
    expect(sameLines(stored, [{ sku: 'TEA', quantity: 1 }, { sku: 'PIZZA', quantity: 1 }, { sku: 'PIZZA', quantity: 1 }])).toBe(true);
    expect(sameLines(stored, [{ sku: 'PIZZA', quantity: 2 }])).toBe(false);
    expect(sameLines(stored, [{ sku: 'PIZZA', quantity: 2 }, { sku: 'TEA', quantity: 2 }])).toBe(false);
    expect(sameLines(stored, [{ sku: 'PIZZA', quantity: 2 }, { sku: 'CAKE', quantity: 1 }])).toBe(false);
    expect(sameLines([], [])).toBe(true);
  });

  it('stores only sku and quantity, in the order requested', () => {
    const json = serializeLines([{ sku: 'TEA', quantity: 1, extra: true } as never, { sku: 'CAKE', quantity: 2 }]);
    expect(json).toBe('[{"sku":"TEA","quantity":1},{"sku":"CAKE","quantity":2}]');
    expect(parseLines(json)).toEqual([
      { sku: 'TEA', quantity: 1 },
      { sku: 'CAKE', quantity: 2 },
    ]);
  });
});
