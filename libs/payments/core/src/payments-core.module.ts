import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { bindLocalPort } from '@foodcourt/platform-ports';
import { PaymentsPort } from '@foodcourt/payments-contract';
import { CreatePaymentTables1764000000100 } from './persistence/create-payment-tables.migration';
import { PaymentEntity } from './persistence/payment.entity';
import { PAYMENT_PROVIDER } from './provider/payment-provider';
import { SimulatedPaymentProvider } from './provider/simulated-payment-provider';
import { simulatedProviderConfigFromEnv } from './provider/simulated-provider.config';
import { PaymentsService } from './service/payments.service';

/**
 * The payments domain hosted in this process: its database, the simulated provider (configured
 * from PAYMENTS_SIM_*) and the local binding of PaymentsPort. Needs PersistenceModule.forRoot and
 * MessagingModule.forRoot in the application.
 */
@Module({
  imports: [
    PersistenceModule.forDomain({
      domain: 'payments',
      entities: [PaymentEntity, ...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, CreatePaymentTables1764000000100],
    }),
  ],
  providers: [
    PaymentsService,
    { provide: PAYMENT_PROVIDER, useFactory: () => new SimulatedPaymentProvider(simulatedProviderConfigFromEnv()) },
    bindLocalPort(PaymentsPort, PaymentsService),
  ],
  exports: [PaymentsPort.token],
})
export class PaymentsCoreModule {}
