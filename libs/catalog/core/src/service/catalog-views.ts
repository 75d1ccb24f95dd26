import { ProductView, ReservationView, StockLine, type ProductChangedPayload } from '@foodcourt/catalog-contract';
import type { ProductEntity } from '../persistence/product.entity';
import type { StockReservationEntity } from '../persistence/stock-reservation.entity';
import { parseLines } from './stock-lines';

/** A product row as callers see it. */
export function toProductView(product: ProductEntity): ProductView {
  const view = new ProductView();
  view.sku = product.sku;
  view.name = product.name;
  view.description = product.description;
  view.price = product.price;
  view.currency = product.currency;
  view.stock = product.stock;
  view.createdAt = product.createdAt;
  view.updatedAt = product.updatedAt;
  return view;
}

/** Payload of catalog.product-changed: the full state of the product after the change. */
export function changedPayload(product: ProductEntity): ProductChangedPayload {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description,
    price: product.price,
    currency: product.currency,
    stock: product.stock,
    version: product.version,
    changedAt: product.updatedAt,
  };
}

/** A reservation row as callers see it: the lines as they were requested. */
export function toReservationView(reservation: StockReservationEntity): ReservationView {
  const view = new ReservationView();
  view.orderId = reservation.orderId;
  view.status = reservation.status;
  view.lines = parseLines(reservation.lines).map(({ sku, quantity }) => Object.assign(new StockLine(), { sku, quantity }));
  return view;
}
