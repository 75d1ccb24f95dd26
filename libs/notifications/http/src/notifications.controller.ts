import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DeliveryList, ListDeliveriesInput, NOTIFICATIONS_API, type NotificationsApi } from '@foodcourt/notifications-contract';

/** HTTP face of the notifications port: the delivery log. Works with a local or a remote port. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NOTIFICATIONS_API) private readonly notifications: NotificationsApi) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'E-mails sent, newest first, optionally only those to one recipient' })
  @ApiOkResponse({ type: DeliveryList })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid (code VALIDATION_FAILED)' })
  @ApiServiceUnavailableResponse({ description: 'The notifications domain cannot answer now' })
  listDeliveries(@Query() query: ListDeliveriesInput): Promise<DeliveryList> {
    return this.notifications.listDeliveries(query);
  }
}
