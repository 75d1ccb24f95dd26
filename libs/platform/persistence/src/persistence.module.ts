import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DomainDatabase } from './domain-database';
import { openDomainDatabase, type DomainDatabaseDefinition } from './open-domain-database';
import { persistenceConfigFromEnv, PersistenceConfig } from './persistence-config';

/** Every domain database this process opened; closed last on shutdown. */
@Injectable()
export class DomainDatabases implements OnApplicationShutdown {
  private readonly opened = new Map<string, DomainDatabase>();
  private readonly opening = new Set<string>();

  constructor(readonly config: PersistenceConfig) {}

  async open(definition: DomainDatabaseDefinition): Promise<DomainDatabase> {
    // Claimed before the first await: Nest runs provider factories concurrently.
    if (this.opening.has(definition.domain)) throw new Error(`database of domain "${definition.domain}" is opened twice`);
    this.opening.add(definition.domain);
    const database = await openDomainDatabase(this.config, definition);
    this.opened.set(definition.domain, database);
    return database;
  }

  get(domain: string): DomainDatabase {
    const database = this.opened.get(domain);
    if (!database) throw new Error(`database of domain "${domain}" is not open in this process`);
    return database;
  }

  all(): DomainDatabase[] {
    return [...this.opened.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((db) => db.dataSource.destroy()));
    this.opened.clear();
  }
}

/** DI token of one domain's DomainDatabase. */
export function domainDatabaseToken(domain: string): string {
  return `foodcourt.database.${domain}`;
}

/** Injects the DomainDatabase of `domain`. */
export const InjectDomainDatabase = (domain: string) => Inject(domainDatabaseToken(domain));

/** Persistence for a process (forRoot, once) and for each domain it hosts (forDomain). */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(config: PersistenceConfig = persistenceConfigFromEnv()): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: PersistenceConfig, useValue: config }, DomainDatabases],
      exports: [PersistenceConfig, DomainDatabases],
    };
  }

  static forDomain(definition: DomainDatabaseDefinition): DynamicModule {
    const token = domainDatabaseToken(definition.domain);
    return {
      module: DomainPersistenceModule,
      providers: [{ provide: token, useFactory: (databases: DomainDatabases) => databases.open(definition), inject: [DomainDatabases] }],
      exports: [token],
    };
  }
}

/** Holder module of one domain's database provider. */
@Module({})
export class DomainPersistenceModule {}
