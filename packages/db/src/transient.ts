/**
 * Whether an error is the database being away (retry after a pause) rather than
 * something wrong with an event (park it). PostgreSQL classes 08 (connection),
 * 57P0x (shutdown), 53 (resources), 40 (serialisation), and socket errors.
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  const code = e?.code ?? '';
  if (/^(08|53|40)/.test(code) || /^57P0[1-3]$/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    e?.message ?? '',
  );
}

/**
 * Whether an error is the database refusing to wait any longer: a lock wait past
 * `lock_timeout` (55P03, the event log's append lock held by a stalled session) or a
 * statement past `statement_timeout` (57014). Nothing was done; a retry may succeed.
 */
export function isDatabaseBusyError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code === '55P03' || code === '57014';
}
