import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';

/** A module that provides (and exports) the NOTIFICATIONS_API token, local or remote. */
export type NotificationsPortModule = NonNullable<ModuleMetadata['imports']>[number];

/**
 * The notifications HTTP endpoints. Import it as is when NOTIFICATIONS_API is provided globally,
 * or with `withPort(module)` naming the module that exports the port.
 */
@Module({ controllers: [NotificationsController] })
export class NotificationsHttpModule {
  static withPort(portModule: NotificationsPortModule): DynamicModule {
    return { module: NotificationsHttpModule, imports: [portModule] };
  }
}
