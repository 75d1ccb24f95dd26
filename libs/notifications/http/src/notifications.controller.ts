import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { callerInput, type Caller } from '@foodcourt/platform-kernel';
import { CurrentCaller } from '@foodcourt/platform-auth';
import { DeliveryList, ListDeliveriesQuery, NOTIFICATIONS_API, type NotificationsApi } from '@foodcourt/notifications-contract';

/** HTTP face of the notifications port: the delivery log. Works with a local or a remote port. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NOTIFICATIONS_API) private readonly notifications: NotificationsApi) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'E-mails sent to you, newest first (admins: to anyone, or to one recipient)' })
  @ApiOkResponse({ type: DeliveryList })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid (code VALIDATION_FAILED)' })
  @ApiServiceUnavailableResponse({ description: 'The notifications domain cannot answer now' })
  listDeliveries(@Query() query: ListDeliveriesQuery, @CurrentCaller() caller: Caller): Promise<DeliveryList> {
    return this.notifications.listDeliveries({ ...query, caller: callerInput(caller) });
  }
}
