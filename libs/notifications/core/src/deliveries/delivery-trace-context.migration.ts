import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A delivery keeps the trace context of the event handling that recorded it, so its send appears in the same trace. */
export class DeliveryTraceContext1765000000200 implements MigrationInterface {
  name = 'DeliveryTraceContext1765000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('delivery', new TableColumn({ name: 'trace_context', type: 'text', isNullable: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('delivery', 'trace_context');
  }
}
