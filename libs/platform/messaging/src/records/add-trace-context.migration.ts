import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The trace context an event carries from the outbox to each subscriber's inbox row (nullable: older rows have none). */
export class AddEventTraceContext1765000000000 implements MigrationInterface {
  name = 'AddEventTraceContext1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('outbox_event', new TableColumn({ name: 'trace_context', type: 'text', isNullable: true }));
    await runner.addColumn('inbox_message', new TableColumn({ name: 'trace_context', type: 'text', isNullable: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('inbox_message', 'trace_context');
    await runner.dropColumn('outbox_event', 'trace_context');
  }
}
