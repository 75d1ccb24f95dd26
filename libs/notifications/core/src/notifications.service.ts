import { Injectable } from '@nestjs/common';
import {
  DEFAULT_DELIVERIES_PAGE,
  DeliveryList,
  DeliveryView,
  type ListDeliveriesInput,
  type NotificationsApi,
} from '@foodcourt/notifications-contract';
import { InjectDomainDatabase, type DomainDatabase } from '@foodcourt/platform-persistence';
import { DeliveryEntity } from './deliveries/delivery.entity';
import { NOTIFICATIONS_DOMAIN } from './notifications-domain';

/** The notifications port, in process: reads the delivery log. */
@Injectable()
export class NotificationsService implements NotificationsApi {
  constructor(@InjectDomainDatabase(NOTIFICATIONS_DOMAIN) private readonly database: DomainDatabase) {}

  async listDeliveries(input: ListDeliveriesInput): Promise<DeliveryList> {
    const [rows, total] = await this.database.read((manager) =>
      manager.findAndCount(DeliveryEntity, {
        where: recipientFilter(input),
        order: { createdAt: 'DESC', id: 'DESC' },
        take: input.limit ?? DEFAULT_DELIVERIES_PAGE,
        skip: input.offset ?? 0,
      }),
    );
    return Object.assign(new DeliveryList(), { items: rows.map(toView), total });
  }
}

/** Customers see only what was sent to them; admins and trusted callers filter as they ask. */
function recipientFilter({ caller, recipient }: ListDeliveriesInput): { recipient?: string } {
  if (caller && !caller.roles.includes('admin')) return { recipient: caller.email };
  return recipient ? { recipient } : {};
}

function toView(row: DeliveryEntity): DeliveryView {
  const { id, eventId, template, recipient, subject, status, transport, location, createdAt, sentAt } = row;
  return Object.assign(new DeliveryView(), { id, eventId, template, recipient, subject, status, transport, location, createdAt }, sentAt ? { sentAt } : {});
}
