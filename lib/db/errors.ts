/**
 * Database errors that mean "unreachable or restarting", as opposed to a bad
 * query: the caller answers 503 and retries later instead of failing hard.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  if (UNAVAILABLE_CODES.has(e?.code ?? '')) return true;
  if (UNAVAILABLE_MESSAGE.test(e?.message ?? '')) return true;
  return e?.cause !== undefined && e.cause !== err ? isDatabaseUnavailable(e.cause) : false;
}
