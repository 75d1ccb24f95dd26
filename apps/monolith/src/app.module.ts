import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '@foodcourt/platform-auth';
import { MessagingModule } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import type { ResolvedUnit } from '@foodcourt/platform-runtime';
import { HealthController } from './health/health.controller';
import { DOMAIN_MODULES } from './hosted-domains';

/** The hosted domains' core modules, re-exported globally so each bound port is injectable anywhere. */
@Global()
@Module({})
class HostedPortsModule {}

/** The module of one unit: platform, the domains it hosts, and the HTTP API when it serves one. */
@Module({})
export class AppModule {
  static forUnit({ unit }: ResolvedUnit): DynamicModule {
    const hosted = unit.domains.map((domain) => DOMAIN_MODULES[domain]!);
    const ports: DynamicModule = { module: HostedPortsModule, imports: hosted.map((d) => d.core), exports: hosted.map((d) => d.core) };
    const servesHttp = unit.http !== false;
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(),
        MessagingModule.forRoot(),
        AuthModule.forRoot(),
        ports,
        TerminusModule,
        ...(servesHttp ? hosted.map((d) => d.http) : []),
      ],
      controllers: [HealthController],
    };
  }
}
