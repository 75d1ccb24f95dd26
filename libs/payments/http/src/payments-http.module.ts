import { Module } from '@nestjs/common';
import { PaymentsController } from './payments.controller';

/** The payments HTTP API. Needs PAYMENTS_API bound in the application (local core or remote proxy). */
@Module({ controllers: [PaymentsController] })
export class PaymentsHttpModule {}
