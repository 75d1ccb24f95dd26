import { Column, type ValueTransformer } from 'typeorm';

const isoDate: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.toISOString() : value),
  from: (value: string | null) => (value === null || value === undefined ? value : new Date(value)),
};

/**
 * A Date column stored as an ISO-8601 UTC string (sorts correctly as text). One type that
 * SQLite and PostgreSQL both accept keeps every entity and migration driver-independent.
 */
export function IsoDateColumn(options: { nullable?: boolean; name?: string } = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: 24, transformer: isoDate, ...options });
}
