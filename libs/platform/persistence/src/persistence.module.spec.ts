import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DomainDatabase } from './domain-database';
import { DomainDatabases, InjectDomainDatabase, PersistenceModule, domainDatabaseToken } from './persistence.module';
import { PersistenceConfig } from './persistence-config';
import { tempDataDir, Thing, THING_DEFINITION } from './spec-fixtures';

@Injectable()
class KitchenService {
  constructor(@InjectDomainDatabase('kitchen') readonly db: DomainDatabase) {}
}

@Module({ imports: [PersistenceModule.forDomain({ domain: 'kitchen', ...THING_DEFINITION })], providers: [KitchenService] })
class KitchenModule {}

@Module({ imports: [PersistenceModule.forDomain({ domain: 'cellar', ...THING_DEFINITION })] })
class CellarModule {}

describe('PersistenceModule', () => {
  let data: ReturnType<typeof tempDataDir>;
  let app: TestingModule | undefined;

  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    data.remove();
  });

  it('provides each domain database under domainDatabaseToken(domain), opened and migrated', async () => {
    app = await Test.createTestingModule({ imports: [PersistenceModule.forRoot(data.config), KitchenModule, CellarModule] }).compile();
    const kitchen = app.get<DomainDatabase>(domainDatabaseToken('kitchen'));
    const cellar = app.get<DomainDatabase>(domainDatabaseToken('cellar'));
    expect(kitchen).toBeInstanceOf(DomainDatabase);
    expect(kitchen.domain).toBe('kitchen');
    expect(cellar.domain).toBe('cellar');
    expect(kitchen).not.toBe(cellar);
    expect(app.get(KitchenService).db).toBe(kitchen);
    expect(app.get(DomainDatabases).get('kitchen')).toBe(kitchen);
    expect(app.get(PersistenceConfig)).toBe(data.config);
    await kitchen.transaction((m) => m.insert(Thing, { id: '1', name: 'pan' }));
    expect(await kitchen.read((m) => m.count(Thing))).toBe(1);
    expect(await cellar.read((m) => m.count(Thing))).toBe(0);
  });

  it('refuses to open the same domain twice, naming it', async () => {
    app = await Test.createTestingModule({ imports: [PersistenceModule.forRoot(data.config), KitchenModule] }).compile();
    await expect(app.get(DomainDatabases).open({ domain: 'kitchen', ...THING_DEFINITION })).rejects.toThrow(
      'database of domain "kitchen" is opened twice',
    );
    expect(() => app!.get(DomainDatabases).get('attic')).toThrow('database of domain "attic" is not open in this process');
  });

  it('destroys every DataSource when the application closes', async () => {
    app = await Test.createTestingModule({ imports: [PersistenceModule.forRoot(data.config), KitchenModule, CellarModule] }).compile();
    const databases = [app.get<DomainDatabase>(domainDatabaseToken('kitchen')), app.get<DomainDatabase>(domainDatabaseToken('cellar'))];
    expect(databases.map((db) => db.dataSource.isInitialized)).toEqual([true, true]);
    await app.close();
    app = undefined;
    expect(databases.map((db) => db.dataSource.isInitialized)).toEqual([false, false]);
  });
});
