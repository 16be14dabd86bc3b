import { EventStoreUnavailableError } from '../errors.ts';

/** gRPC status codes this adapter tells apart. */
const CANCELLED = 1;
const DEADLINE_EXCEEDED = 4;
const UNAUTHENTICATED = 16;
const PERMISSION_DENIED = 7;
const UNAVAILABLE = 14;

interface GrpcLike {
  code?: number;
  details?: string;
  type?: string;
  message?: string;
}

const asGrpc = (err: unknown): GrpcLike => (err && typeof err === 'object' ? (err as GrpcLike) : {});

/** The URL without credentials, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

/** The one useful clause of a gRPC error: `connect ECONNREFUSED 127.0.0.1:2113`, not three lines of context. */
function reasonOf(err: GrpcLike): string {
  const text = (err.details || err.message || String(err)).replace(/\s+/g, ' ').trim();
  const last = /Last error: (.*?)(?: \(\d{4}-\d\d-\d\dT[^)]*\))?$/.exec(text);
  return (last?.[1] ?? text.replace(/^\d+ [A-Z_]+: /, '')).trim();
}

/**
 * True for errors a dropped connection or a restarting server gives: worth a
 * reconnect and a resume from the checkpoint. A client-side cancel is not one.
 */
export function isTransient(err: unknown): boolean {
  const e = asGrpc(err);
  if (e.type === 'unavailable' || e.type === 'not-leader' || e.type === 'deadline-exceeded') return true;
  if (e.type === 'cancelled') return true; // cancelled by the server (a client cancel maps to 'unknown')
  return (
    e.code === UNAVAILABLE ||
    e.code === DEADLINE_EXCEEDED ||
    (e.code === CANCELLED && e.details !== 'Cancelled on client')
  );
}

/**
 * The store's error for a failed call: a connection problem becomes an
 * `EventStoreUnavailableError` whose message is one line naming the server and the
 * cause; anything else passes through.
 */
export function toStoreError(err: unknown, url: string): unknown {
  if (err instanceof EventStoreUnavailableError) return err;
  const e = asGrpc(err);
  const where = `EventStoreDB at ${redactUrl(url)}`;
  if (isTransient(err)) {
    return new EventStoreUnavailableError(`${where} is unreachable: ${reasonOf(e)}`, { cause: err });
  }
  if (e.type === 'access-denied' || e.code === UNAUTHENTICATED || e.code === PERMISSION_DENIED) {
    return new EventStoreUnavailableError(
      `${where} refused access (check the credentials in EVENTSTORE_URL): ${reasonOf(e)}`,
      { cause: err },
    );
  }
  return err;
}
