import type { ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { Position } from '../position.ts';
import type { NewEvent, RecordedEvent } from '../types.ts';

type GrpcRecordedEvent = ReadResp.ReadEvent.RecordedEvent;

/**
 * A `$all` position from the wire: uint64 commit/prepare, sent as decimal strings
 * (the client's protos are generated with `jstype = JS_STRING`), kept exact as bigint.
 *
 * @example esdbPositionOf('18446744073709551000', '18446744073709550900')
 */
export function esdbPositionOf(commit: string | bigint, prepare: string | bigint): Position {
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}

/** Metadata keys EventStoreDB's own projections read (`$by_correlation_id`); mirrored from the port's fields. */
const ESDB_CORRELATION = '$correlationId';
const ESDB_CAUSATION = '$causationId';

/** The JSON metadata stored with an event: the port's metadata plus ESDB's `$`-conventions. */
export function metadataOf(event: NewEvent): Record<string, unknown> {
  const metadata = { ...(event.metadata ?? {}) };
  if (typeof metadata.correlationId === 'string') metadata[ESDB_CORRELATION] = metadata.correlationId;
  if (typeof metadata.causationId === 'string') metadata[ESDB_CAUSATION] = metadata.causationId;
  return metadata;
}

const TICKS_PER_MS = 10_000n;

function parseJson(bytes: Uint8Array, what: string, id: string): Record<string, unknown> {
  if (bytes.length === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: not ours to guess at
  }
  throw new Error(`event ${id}: ${what} is not a JSON object (written by something other than this tracker?)`);
}

/** A recorded event from the wire, as the port has it. */
export function recordedOf(e: GrpcRecordedEvent): RecordedEvent {
  const id = e.getId()?.getString() ?? '';
  const fields = e.getMetadataMap();
  const metadata = parseJson(e.getCustomMetadata_asU8(), 'metadata', id);
  delete metadata[ESDB_CORRELATION];
  delete metadata[ESDB_CAUSATION];
  // `created` is .NET ticks (100 ns) since the Unix epoch.
  const created = fields.get('created');
  return {
    id,
    type: fields.get('type') ?? '',
    data: parseJson(e.getData_asU8(), 'data', id),
    metadata,
    streamId: Buffer.from(e.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8'),
    revision: BigInt(e.getStreamRevision()),
    position: esdbPositionOf(e.getCommitPosition(), e.getPreparePosition()),
    recordedAt: new Date(created ? Number(BigInt(created) / TICKS_PER_MS) : 0),
  };
}
