import { definePort, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import {
  CreateProductInput,
  GetProductInput,
  GetProductsInput,
  ListProductsInput,
  ProductList,
  ProductView,
  ReleaseStockInput,
  ReservationView,
  ReserveStockInput,
  UpdateProductInput,
} from './product.dto';

/** The catalog's synchronous API. */
export const CatalogPort = definePort('catalog', {
  create: portMethod({ input: CreateProductInput, output: ProductView, idempotent: false }),
  update: portMethod({ input: UpdateProductInput, output: ProductView, idempotent: true }),
  get: portMethod({ input: GetProductInput, output: ProductView, idempotent: true, timeoutMs: 2_000 }),
  getMany: portMethod({ input: GetProductsInput, output: ProductList, idempotent: true, timeoutMs: 2_000 }),
  list: portMethod({ input: ListProductsInput, output: ProductList, idempotent: true, timeoutMs: 2_000 }),
  reserveStock: portMethod({ input: ReserveStockInput, output: ReservationView, idempotent: true }),
  releaseStock: portMethod({ input: ReleaseStockInput, output: ReservationView, idempotent: true }),
});

export type CatalogApi = PortApi<typeof CatalogPort>;
/** DI token of the catalog port. */
export const CATALOG_API = CatalogPort.token;
