/**
 * Column helpers for migrations, so one migration set builds the same schema on SQLite and PostgreSQL.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';
import type { DialectName } from './index.js';

/** An auto-increment integer primary key named `id`. */
export function withAutoId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Current time in milliseconds, as a column default. */
export function nowMsDefault(dialect: DialectName) {
  return dialect === 'postgres'
    ? sql`(floor(extract(epoch from clock_timestamp()) * 1000)::bigint)`
    : sql`(cast(unixepoch('subsec') * 1000 as integer))`;
}

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
