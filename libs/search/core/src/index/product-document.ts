/** One product's state as the index stores it, whichever way it arrived (event or rebuild). */
export interface ProductDocument {
  sku: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  stock: number;
  /** The catalog's version; 0 when unknown (a rebuild reads products without their version). */
  version: number;
  /** When the catalog changed the product to this state. */
  changedAt: Date;
}

/** What one search asks of the index: words already cut from the user's text, filters, a page. */
export interface IndexQuery {
  /** Words every hit must contain (the last as a prefix); undefined for no text query. */
  words?: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  limit: number;
  offset: number;
}

/** One row the index found. */
export interface IndexHit {
  sku: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  stock: number;
  score: number;
}
