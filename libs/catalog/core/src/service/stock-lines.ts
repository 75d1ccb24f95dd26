/** A stock line as stored and compared: plain data, no DTO class. */
export interface PlainStockLine {
  sku: string;
  quantity: number;
}

/** The lines with duplicate SKUs merged (quantities summed), sorted by SKU: what a reservation takes per product. */
export function mergeLines(lines: readonly PlainStockLine[]): PlainStockLine[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of lines) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sku, quantity]) => ({ sku, quantity }));
}

/** True when both take the same quantity of the same products, whatever the order or splitting of the lines. */
export function sameLines(a: readonly PlainStockLine[], b: readonly PlainStockLine[]): boolean {
  const left = mergeLines(a);
  const right = mergeLines(b);
  return left.length === right.length && left.every((line, i) => line.sku === right[i]!.sku && line.quantity === right[i]!.quantity);
}

/** The JSON a reservation row stores: only sku and quantity, in the order requested. */
export function serializeLines(lines: readonly PlainStockLine[]): string {
  return JSON.stringify(lines.map(({ sku, quantity }) => ({ sku, quantity })));
}

export function parseLines(json: string): PlainStockLine[] {
  return JSON.parse(json) as PlainStockLine[];
}
