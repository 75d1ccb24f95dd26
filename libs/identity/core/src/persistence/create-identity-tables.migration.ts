import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const isoDate = (name: string) => varchar(name, 24);

/** Accounts, refresh tokens and signing keys, built with the Table API so it runs on SQLite and PostgreSQL. */
export class CreateIdentityTables1764000000300 implements MigrationInterface {
  name = 'CreateIdentityTables1764000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'user_account',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('email', 254),
          varchar('name', 100),
          varchar('password_hash', 255),
          varchar('roles', 100),
          isoDate('created_at'),
        ],
        uniques: [new TableUnique({ name: 'user_account_email', columnNames: ['email'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'refresh_token',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('user_id', 36),
          varchar('family_id', 36),
          varchar('token_hash', 64),
          varchar('status', 10),
          isoDate('expires_at'),
          isoDate('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'refresh_token_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'refresh_token_user', columnNames: ['user_id'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'signing_key',
        columns: [{ ...varchar('kid', 64), isPrimary: true }, { name: 'private_key_pem', type: 'text' }, { name: 'public_jwk', type: 'text' }, isoDate('created_at')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('signing_key');
    await runner.dropTable('refresh_token');
    await runner.dropTable('user_account');
  }
}
