import { Controller, Get, HttpCode, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@foodcourt/platform-http';
import { ApiBearerAuth } from '@nestjs/swagger';
import { callerInput, type Caller } from '@foodcourt/platform-kernel';
import { CurrentCaller } from '@foodcourt/platform-auth';
import { ListPaymentsQuery, PAYMENTS_API, PaymentList, PaymentView, type PaymentsApi } from '@foodcourt/payments-contract';

// A malformed id fails like any other validated input: 400 VALIDATION_FAILED naming the field.
const paymentIdPipe = uuidParam('id');

/** Read-only payments over HTTP (orders drives the writes through the port); talks to the port only. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(@Inject(PAYMENTS_API) private readonly payments: PaymentsApi) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Payments of one order, oldest first' })
  @ApiOkResponse({ type: PaymentList })
  @ApiBadRequestResponse({ description: 'orderId missing or not a UUID (code VALIDATION_FAILED)' })
  list(@Query() query: ListPaymentsQuery, @CurrentCaller() caller: Caller): Promise<PaymentList> {
    return this.payments.listForOrder({ ...query, caller: callerInput(caller) });
  }

  @Get(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'One payment' })
  @ApiOkResponse({ type: PaymentView })
  @ApiBadRequestResponse({ description: 'id is not a UUID (code VALIDATION_FAILED)' })
  @ApiNotFoundResponse({ description: 'No such payment (code PAYMENT_NOT_FOUND)' })
  get(@Param('id', paymentIdPipe) paymentId: string, @CurrentCaller() caller: Caller): Promise<PaymentView> {
    return this.payments.get({ paymentId, caller: callerInput(caller) });
  }
}
