/**
 * A minimal SQL interface over either driver (pg Pool or PGlite), used by
 * the migration runner and by the SCIM queries that compile filters to SQL.
 * Prisma serves the typed, model-shaped queries; this serves raw SQL.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements (no parameters), e.g. a migration script. */
  exec(script: string): Promise<void>;
}

export interface Sql extends Queryable {
  /** Runs fn inside one transaction on one connection; rolls back on throw. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
