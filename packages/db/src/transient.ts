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
