import { ConfigError } from '@foodcourt/platform-kernel';
import { domainDatabaseLocation, domainPlaceholderProblem, hasDomainPlaceholder } from './domain-database-url';

describe('domainDatabaseLocation', () => {
  it('returns a URL without the placeholder unchanged, with no database of its own', () => {
    const url = 'postgres://u:p@db:5432/fc?sslmode=require';
    expect(hasDomainPlaceholder(url)).toBe(false);
    expect(domainDatabaseLocation(url, 'kitchen')).toEqual({ url });
  });

  it('substitutes the domain name for {domain} and points the maintenance URL at the postgres database', () => {
    expect(domainDatabaseLocation('postgres://postgres@127.0.0.1:5432/foodcourt_{domain}', 'kitchen')).toEqual({
      url: 'postgres://postgres@127.0.0.1:5432/foodcourt_kitchen',
      ownDatabase: { name: 'foodcourt_kitchen', maintenanceUrl: 'postgres://postgres@127.0.0.1:5432/postgres' },
    });
  });

  it('keeps credentials and parameters, and takes the placeholder anywhere in the name, any number of times', () => {
    const location = domainDatabaseLocation('postgresql://app:s%40cret@[::1]:6432/{domain}_fc_{domain}?sslmode=require&application_name=fc', 'cellar');
    expect(location.url).toBe('postgresql://app:s%40cret@[::1]:6432/cellar_fc_cellar?sslmode=require&application_name=fc');
    expect(location.ownDatabase).toEqual({
      name: 'cellar_fc_cellar',
      maintenanceUrl: 'postgresql://app:s%40cret@[::1]:6432/postgres?sslmode=require&application_name=fc',
    });
    expect(domainDatabaseLocation('postgres:///fc_{domain}?host=/var/run/postgresql', 'kitchen')).toEqual({
      url: 'postgres:///fc_kitchen?host=/var/run/postgresql',
      ownDatabase: { name: 'fc_kitchen', maintenanceUrl: 'postgres:///postgres?host=/var/run/postgresql' },
    });
  });

  it('gives two domains two databases', () => {
    const template = 'postgres://db/foodcourt_{domain}';
    expect([domainDatabaseLocation(template, 'kitchen').ownDatabase?.name, domainDatabaseLocation(template, 'cellar').ownDatabase?.name]).toEqual([
      'foodcourt_kitchen',
      'foodcourt_cellar',
    ]);
  });

  it.each([
    ['user', 'postgres://{domain}@db/fc'],
    ['password', 'postgres://u:{domain}@db/fc'],
    ['host', 'postgres://u@{domain}.db:5432/fc'],
    ['port', 'postgres://db:{domain}/fc'],
    ['parameters', 'postgres://db/fc?application_name={domain}'],
    ['fragment', 'postgres://db/fc#{domain}'],
    ['host and name', 'postgres://{domain}.db/fc_{domain}'],
  ])('rejects {domain} in the %s, naming DATABASE_URL', (_part, url) => {
    expect(domainPlaceholderProblem(url)).toBe(
      'databaseUrl may contain {domain} only in the database name, not in the user, password, host, port or parameters',
    );
    expect(() => domainDatabaseLocation(url, 'kitchen')).toThrow(ConfigError);
    expect(() => domainDatabaseLocation(url, 'kitchen')).toThrow('invalid configuration: DATABASE_URL: databaseUrl may contain {domain} only in the database name');
  });

  it('rejects a malformed URL with the placeholder, naming DATABASE_URL', () => {
    expect(domainPlaceholderProblem('postgres://db host/fc_{domain}')).toBe('databaseUrl must be a valid URL');
    expect(() => domainDatabaseLocation('postgres://db host/fc_{domain}', 'kitchen')).toThrow('invalid configuration: DATABASE_URL: databaseUrl must be a valid URL');
  });

  it('rejects a database name PostgreSQL would truncate, naming the domain', () => {
    const template = `postgres://db/${'x'.repeat(55)}_{domain}`;
    expect(domainDatabaseLocation(template, 'kitchen').ownDatabase?.name).toHaveLength(63);
    expect(() => domainDatabaseLocation(template, 'kitchens')).toThrow(/DATABASE_URL: database name "x+_kitchens" of domain "kitchens" is longer than 63 bytes/);
  });
});
