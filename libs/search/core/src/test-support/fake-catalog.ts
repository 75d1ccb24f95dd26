import type { CatalogApi, ListProductsInput, ProductList, ProductView } from '@foodcourt/catalog-contract';

const unused = (method: string) => () => Promise.reject(new Error(`the search domain does not call catalog.${method}`));

/** The catalog as search sees it: a fixed list of products, paged by list(); records each list call. */
export class FakeCatalog implements CatalogApi {
  readonly listCalls: ListProductsInput[] = [];
  products: ProductView[] = [];
  /** Runs before each list call answers: lets a test change the index while a rebuild is under way. */
  beforeList: (() => Promise<void>) | undefined;

  async list(input: ListProductsInput): Promise<ProductList> {
    this.listCalls.push({ ...input });
    await this.beforeList?.();
    const offset = input.offset ?? 0;
    const items = this.products.slice(offset, offset + (input.limit ?? 20));
    return { items, total: this.products.length };
  }

  create = unused('create');
  update = unused('update');
  get = unused('get');
  getMany = unused('getMany');
  reserveStock = unused('reserveStock');
  releaseStock = unused('releaseStock');
}
