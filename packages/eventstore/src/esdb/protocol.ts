import { EventStoreDBClient } from '@eventstore/db-client';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { Position } from '../position.ts';

// The generated message modules are CommonJS that Node cannot expose as named ESM exports.
const { Empty, StreamIdentifier } = sharedPb;
const { ReadReq: ReadRequest } = streamsPb;
const Options = ReadRequest.Options;

/** The server-side filter of a `$all` read: one dimension only, as the protocol has it. */
export type ServerFilter =
  | { on: 'eventType'; regex: string }
  | { on: 'eventType'; prefixes: readonly string[] }
  | { on: 'stream'; prefixes: readonly string[] };

/** Every non-system event: system event types start with `$` (the client's `excludeSystemEvents`). */
export const NON_SYSTEM: ServerFilter = { on: 'eventType', regex: '^[^$].*' };

export interface AllRead {
  /** Where to start: `'start'`, `'end'` or a position (inclusive on forward reads, exclusive on subscriptions). */
  from: Position | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  filter: ServerFilter;
  /** A counted read; absent for a subscription. */
  count?: number;
  /** Subscriptions only: a checkpoint every `multiplier × 32` events the server considered. */
  checkpointMultiplier?: number;
}

/** A `Streams.Read` request over `$all`, counted (a read) or not (a subscription). */
export function allReadRequest(read: AllRead): ReadReq {
  const all = new Options.AllOptions();
  if (read.from === 'start') all.setStart(new Empty());
  else if (read.from === 'end') all.setEnd(new Empty());
  else
    all.setPosition(
      new Options.Position()
        .setCommitPosition(read.from.commit.toString())
        .setPreparePosition(read.from.prepare.toString()),
    );

  const expression = new Options.FilterOptions.Expression();
  if ('regex' in read.filter) expression.setRegex(read.filter.regex);
  else expression.setPrefixList([...read.filter.prefixes]);
  const filter = new Options.FilterOptions()
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(read.checkpointMultiplier ?? 1);
  if (read.filter.on === 'stream') filter.setStreamIdentifier(expression);
  else filter.setEventType(expression);

  const options = baseOptions(read.direction).setAll(all).setFilter(filter);
  if (read.count === undefined) options.setSubscription(new Options.SubscriptionOptions());
  else options.setCount(read.count.toString());
  return new ReadRequest().setOptions(options);
}

/** A counted forward read of one stream from a revision. */
export function streamReadRequest(stream: string, fromRevision: bigint, count: number): ReadReq {
  const options = new Options.StreamOptions()
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream, 'utf8')))
    .setRevision(fromRevision.toString());
  return new ReadRequest().setOptions(
    baseOptions('forwards').setStream(options).setCount(count.toString()).setNoFilter(new Empty()),
  );
}

function baseOptions(direction: 'forwards' | 'backwards' = 'forwards'): ReadReq.Options {
  return new Options()
    .setReadDirection(direction === 'forwards' ? Options.ReadDirection.FORWARDS : Options.ReadDirection.BACKWARDS)
    .setResolveLinks(false)
    .setUuidOption(new Options.UUIDOption().setString(new Empty()));
}

export interface ReadCall extends AsyncIterable<ReadResp> {
  on(event: 'data', listener: (message: ReadResp) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'end', listener: () => void): this;
  pause(): this;
  resume(): this;
  isPaused(): boolean;
  cancel(): void;
}

/**
 * Opens `Streams.Read` on the client's own channel. The 6.x client reads `$all`
 * only unfiltered, while the server filters counted reads too; so this goes
 * through the client's call plumbing (protected, hence the subclass), which keeps
 * its connection string, discovery, credentials and reconnection in charge.
 */
export class ReadingClient extends EventStoreDBClient {
  static openRead(client: EventStoreDBClient, request: ReadReq, { live }: { live: boolean }): Promise<ReadCall> {
    const self = client as ReadingClient;
    // A subscription lives as long as it is wanted; a counted read gets the client's default deadline.
    const callOptions = live ? { deadline: Number.POSITIVE_INFINITY } : undefined;
    return self.GRPCStreamCreator(StreamsClient, live ? 'subscribeToAll' : 'read', (grpc) =>
      grpc.read(request, ...self.callArguments({}, callOptions)),
    )();
  }
}

export type { ReadReq, ReadResp };
export type GrpcRecordedEvent = ReadResp.ReadEvent.RecordedEvent;
