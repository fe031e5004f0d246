/**
 * The one seam between the server and its database, so the same SQL runs on PostgreSQL
 * (production, several instances) and on PGlite (embedded default, tests).
 * Parameters are positional ($1, $2 …); bigint columns should be selected as text, since the two
 * drivers return them differently.
 */
export interface SqlRunner {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A connection of its own (SqlClient.session); close() ends it. */
export interface SqlSession extends SqlRunner {
  close(): Promise<void>;
}

export interface SqlClient extends SqlRunner {
  /** Runs fn in one transaction on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to an unlisten function. Absent where unsupported. */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * A connection outside the pool, for work that must not queue behind requests (the live
   * channel reads for every subscriber at once). Connects on its first query and again after
   * losing its connection. Absent where there is one connection anyway (PGlite).
   */
  session?(): SqlSession;
  close(): Promise<void>;
}

/** The drivers give timestamptz as Date (or text in some paths); the API speaks ISO strings. */
export function isoInstant(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}
