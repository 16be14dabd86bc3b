/**
 * TEST DOUBLE — an in-process gRPC server that speaks the subset of the
 * EventStoreDB protocol `EsdbEventStore` uses, so its contract suite runs in CI
 * where no EventStoreDB can. It is not EventStoreDB: see ./README.md for what it
 * covers, what it does not, and the documentation each behaviour follows.
 *
 * Built on the service definitions and messages `@eventstore/db-client` ships
 * (`generated/*_pb.js`) and on `@grpc/grpc-js`; no .proto files, no codegen.
 */
import { randomUUID } from 'node:crypto';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type { UUID } from '@eventstore/db-client/generated/shared_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import * as grpc from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import {
  type Expected,
  InMemoryLog,
  type LogFilter,
  type LogOptions,
  type LogPosition,
  matches,
  type ProposedEvent,
  type StoredRecord,
} from './log.ts';
import { parse as parseUuid, stringify as stringifyUuid } from './uuid.ts';

const { Empty, StreamIdentifier, UUID: UuidMessage, AllStreamPosition, WrongExpectedVersion } = sharedPb;
const { ReadResp: ReadResponse, AppendResp: AppendResponse, BatchAppendResp: BatchAppendResponse } = streamsPb;
const ReadOptions = streamsPb.ReadReq.Options;

/** The server answers `GetSupportedMethods` with this version; clients only log it. */
export const DOUBLE_VERSION = '0.0.0-test-double';

export interface EsdbDoubleOptions extends LogOptions {
  /** Advertise and serve `BatchAppend` (servers since 21.10 do; the client then prefers it). Default true. */
  batchAppend?: boolean;
  /** Write a few `$`-system events first, as a real node does on start. Default true. */
  systemEvents?: boolean;
  /** Port to listen on (127.0.0.1). Default: any free one. */
  port?: number;
}

export interface EsdbDouble {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly url: string;
  readonly port: number;
  readonly log: InMemoryLog;
  /** Appends an event the way the server's own subsystems do (`$`-types, `$`-streams). */
  appendSystemEvent(stream: string, type: string): void;
  /** Ends every open subscription with UNAVAILABLE, as a node that loses leadership does. */
  dropSubscriptions(): number;
  /** Kills the listener and its connections, then listens again on the same port with the same log. */
  restart(): Promise<void>;
  /** How many subscriptions are open now. */
  subscriptions(): number;
  stop(): Promise<void>;
}

type ServiceImplementation = grpc.UntypedServiceImplementation;

const fail = (code: grpc.status, details: string): grpc.ServiceError =>
  Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });

function uuidOf(message: UUID | undefined): string {
  if (!message) return randomUUID();
  if (message.hasStructured()) {
    const s = message.getStructured()!;
    return stringifyUuid(BigInt(s.getMostSignificantBits()), BigInt(s.getLeastSignificantBits()));
  }
  return message.getString().toLowerCase();
}

function uuidMessage(id: string, structured: boolean): UUID {
  if (!structured) return new UuidMessage().setString(id);
  const { most, least } = parseUuid(id);
  return new UuidMessage().setStructured(
    new UuidMessage.Structured()
      .setMostSignificantBits(BigInt.asIntN(64, most).toString())
      .setLeastSignificantBits(BigInt.asIntN(64, least).toString()),
  );
}

function proposedOf(p: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const fields = p.getMetadataMap();
  return {
    id: uuidOf(p.getId()),
    type: fields.get('type') ?? '',
    contentType: fields.get('content-type') ?? 'application/octet-stream',
    data: p.getData_asU8(),
    metadata: p.getCustomMetadata_asU8(),
  };
}

function eventMessage(r: StoredRecord, structured: boolean): ReadResp {
  const recorded = new ReadResponse.ReadEvent.RecordedEvent()
    .setId(uuidMessage(r.id, structured))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(r.streamId, 'utf8')))
    .setStreamRevision(r.revision.toString())
    .setCommitPosition(r.position.commit.toString())
    .setPreparePosition(r.position.prepare.toString())
    .setData(r.data)
    .setCustomMetadata(r.metadata);
  recorded.getMetadataMap().set('type', r.type).set('content-type', r.contentType).set('created', r.created.toString());
  return new ReadResponse().setEvent(
    new ReadResponse.ReadEvent().setEvent(recorded).setCommitPosition(r.position.commit.toString()),
  );
}

const checkpointMessage = (p: LogPosition) =>
  new ReadResponse().setCheckpoint(
    new ReadResponse.Checkpoint().setCommitPosition(p.commit.toString()).setPreparePosition(p.prepare.toString()),
  );

function filterOf(options: ReadReq.Options): LogFilter {
  if (!options.hasFilter()) return null;
  const f = options.getFilter()!;
  const on = f.hasStreamIdentifier() ? 'stream' : 'eventType';
  const expression = f.hasStreamIdentifier() ? f.getStreamIdentifier()! : f.getEventType()!;
  // The server takes .NET regular expressions; the ones clients send (`^[^$].*`, alternations) read the same in JS.
  return expression.getRegex()
    ? { on, regex: new RegExp(expression.getRegex()) }
    : { on, prefixes: expression.getPrefixList() };
}

/** Writes with flow control: waits for `drain`, gives up quietly when the call is gone. */
async function send(call: grpc.ServerWritableStream<ReadReq, ReadResp>, message: ReadResp): Promise<boolean> {
  if (call.cancelled || call.writableEnded) return false;
  if (call.write(message)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      for (const e of ['drain', 'cancelled', 'close'] as const) call.off(e, done);
      resolve();
    };
    for (const e of ['drain', 'cancelled', 'close'] as const) call.once(e, done);
  });
  return !call.cancelled && !call.writableEnded;
}

export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const log = new InMemoryLog(options);
  const batchAppend = options.batchAppend ?? true;
  const open = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>();

  const appendSystemEvent = (stream: string, type: string) => {
    const data = Buffer.from(JSON.stringify({ $maxAge: 2_592_000 }));
    log.append(stream, { kind: 'any' }, [
      { id: randomUUID(), type, contentType: 'application/json', data, metadata: new Uint8Array() },
    ]);
  };
  if (options.systemEvents ?? true) {
    appendSystemEvent('$$$stats-127.0.0.1:2113', '$metadata');
    appendSystemEvent('$$$scavenges', '$metadata');
  }

  function readStream(call: grpc.ServerWritableStream<ReadReq, ReadResp>, o: ReadReq.Options, structured: boolean) {
    const s = o.getStream()!;
    const name = Buffer.from(s.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
    const records = log.stream(name);
    if (records.length === 0) {
      call.write(
        new ReadResponse().setStreamNotFound(
          new ReadResponse.StreamNotFound().setStreamIdentifier(s.getStreamIdentifier()),
        ),
      );
      call.end();
      return;
    }
    const count = Number(o.getCount());
    const forwards = o.getReadDirection() === ReadOptions.ReadDirection.FORWARDS;
    // Revisions are inclusive in both directions.
    const from = s.hasRevision() ? Number(s.getRevision()) : s.hasEnd() ? records.length - 1 : 0;
    const out = forwards
      ? records.slice(from, from + count)
      : records.slice(Math.max(0, from - count + 1), from + 1).reverse();
    for (const r of out) call.write(eventMessage(r, structured));
    call.end();
  }

  function readAll(call: grpc.ServerWritableStream<ReadReq, ReadResp>, o: ReadReq.Options, structured: boolean) {
    const all = o.getAll()!;
    const filter = filterOf(o);
    const count = Number(o.getCount());
    const records = log.records;
    const out: StoredRecord[] = [];
    if (o.getReadDirection() === ReadOptions.ReadDirection.FORWARDS) {
      // Forward reads include the event at the position given ("for forward pass position is inclusive", AllReader).
      let i = all.hasStart() ? 0 : all.hasEnd() ? records.length : log.indexOf(positionOf(all.getPosition()!), true);
      // A filtered read keeps scanning until it has `count` events or reaches the end (ReadAllForwardsFiltered).
      for (; i < records.length && out.length < count; i++) if (matches(records[i]!, filter)) out.push(records[i]!);
    } else {
      let i = all.hasEnd()
        ? records.length - 1
        : all.hasStart()
          ? -1
          : log.indexOf(positionOf(all.getPosition()!), true) - 1;
      for (; i >= 0 && out.length < count; i--) if (matches(records[i]!, filter)) out.push(records[i]!);
    }
    for (const r of out) call.write(eventMessage(r, structured));
    call.end();
  }

  /**
   * A `$all` subscription: confirmation, catch-up, a checkpoint and `CaughtUp` at
   * the head, then live events. Positions given are exclusive ("You will only
   * receive the next event after the subscribed position", client docs). Filtered
   * subscriptions also get a checkpoint every `multiplier × 32` events the server
   * looked at ("the checkpoint notification is sent after every 32 … events"), so a
   * reader moves past what the filter left out.
   */
  async function subscribeAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    o: ReadReq.Options,
    structured: boolean,
  ) {
    const all = o.getAll()!;
    const filter = filterOf(o);
    const every = filter ? 32 * Math.max(1, o.getFilter()!.getCheckpointintervalmultiplier()) : 0;
    let i = all.hasStart() ? 0 : all.hasEnd() ? log.records.length : log.indexOf(positionOf(all.getPosition()!), false);
    let considered = 0;
    let last: LogPosition | null = null;
    let checkpointed: LogPosition | null = null;
    let live = false;
    open.add(call);
    const gone = new Promise<void>((resolve) => {
      for (const e of ['cancelled', 'close', 'finish', 'error'] as const) call.once(e, () => resolve());
    });
    try {
      if (
        !(await send(
          call,
          new ReadResponse().setConfirmation(
            new ReadResponse.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
          ),
        ))
      )
        return;
      while (!call.cancelled && !call.writableEnded) {
        while (i < log.records.length) {
          const r = log.records[i++]!;
          considered++;
          last = r.position;
          if (matches(r, filter) && !(await send(call, eventMessage(r, structured)))) return;
          if (every > 0 && considered % every === 0) {
            if (!(await send(call, checkpointMessage(r.position)))) return;
            checkpointed = r.position;
          }
        }
        if (!live) {
          live = true;
          // One at the head when going live, unless the interval just gave that one (the server sends no repeats).
          if (every > 0 && last && last !== checkpointed && !(await send(call, checkpointMessage(last)))) return;
          if (!(await send(call, new ReadResponse().setCaughtUp(new ReadResponse.CaughtUp())))) return;
        }
        await Promise.race([log.changed(), gone]);
      }
    } finally {
      open.delete(call);
    }
  }

  const streams: ServiceImplementation = {
    read(call: grpc.ServerWritableStream<ReadReq, ReadResp>) {
      const o = call.request.getOptions();
      if (!o) return call.emit('error', fail(grpc.status.INVALID_ARGUMENT, 'read without options'));
      const structured = o.getUuidOption()?.hasStructured() ?? false;
      if (o.hasStream() && o.hasCount()) return readStream(call, o, structured);
      if (o.hasAll() && o.hasCount()) return readAll(call, o, structured);
      if (o.hasAll() && o.hasSubscription()) {
        subscribeAll(call, o, structured).catch((err) => call.emit('error', fail(grpc.status.INTERNAL, String(err))));
        return;
      }
      call.emit('error', fail(grpc.status.UNIMPLEMENTED, 'test double: stream subscriptions are not implemented'));
    },

    append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) {
      let options: AppendReq.Options | undefined;
      const events: ProposedEvent[] = [];
      call.on('data', (m: AppendReq) => {
        if (m.hasOptions()) options = m.getOptions();
        else if (m.hasProposedMessage()) events.push(proposedOf(m.getProposedMessage()!));
      });
      call.on('end', () => {
        if (!options) return callback(fail(grpc.status.INVALID_ARGUMENT, 'append without options'));
        const name = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString(
          'utf8',
        );
        const expected: Expected = options.hasRevision()
          ? { kind: 'revision', revision: BigInt(options.getRevision()) }
          : options.hasNoStream()
            ? { kind: 'no_stream' }
            : options.hasStreamExists()
              ? { kind: 'stream_exists' }
              : { kind: 'any' };
        const outcome = log.append(name, expected, events);
        const response = new AppendResponse();
        if (outcome.ok) {
          const success = new AppendResponse.Success().setCurrentRevision(outcome.revision.toString());
          if (outcome.position) {
            success.setPosition(
              new AppendResponse.Position()
                .setCommitPosition(outcome.position.commit.toString())
                .setPreparePosition(outcome.position.prepare.toString()),
            );
          } else success.setNoPosition(new Empty());
          response.setSuccess(success);
        } else {
          const wrong = new AppendResponse.WrongExpectedVersion();
          if (outcome.current === null) wrong.setCurrentNoStream(new Empty());
          else wrong.setCurrentRevision(outcome.current.toString());
          if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
          else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
          else wrong.setExpectedAny(new Empty());
          response.setWrongExpectedVersion(wrong);
        }
        callback(null, response);
      });
    },

    batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) {
      // Requests of several appends interleave on one call, told apart by correlation id.
      const pending = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
      call.on('data', (m: BatchAppendReq) => {
        const correlation = uuidOf(m.getCorrelationId());
        const entry = pending.get(correlation) ?? { options: m.getOptions()!, events: [] };
        pending.set(correlation, entry);
        for (const p of m.getProposedMessagesList()) entry.events.push(proposedOf(p));
        if (!m.getIsFinal()) return;
        pending.delete(correlation);
        const o = entry.options;
        const name = Buffer.from(o.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
        const expected: Expected = o.hasStreamPosition()
          ? { kind: 'revision', revision: BigInt(o.getStreamPosition()) }
          : o.hasNoStream()
            ? { kind: 'no_stream' }
            : o.hasStreamExists()
              ? { kind: 'stream_exists' }
              : { kind: 'any' };
        const outcome = log.append(name, expected, entry.events);
        const response = new BatchAppendResponse()
          .setCorrelationId(m.getCorrelationId())
          .setStreamIdentifier(o.getStreamIdentifier());
        if (outcome.ok) {
          const success = new BatchAppendResponse.Success().setCurrentRevision(outcome.revision.toString());
          if (outcome.position) {
            success.setPosition(
              new AllStreamPosition()
                .setCommitPosition(outcome.position.commit.toString())
                .setPreparePosition(outcome.position.prepare.toString()),
            );
          } else success.setNoPosition(new emptyPb.Empty());
          response.setSuccess(success);
        } else {
          const wrong = new WrongExpectedVersion();
          if (outcome.current === null) wrong.setCurrentNoStream(new emptyPb.Empty());
          else wrong.setCurrentStreamRevision(outcome.current.toString());
          if (expected.kind === 'revision') wrong.setExpectedStreamPosition(expected.revision.toString());
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new emptyPb.Empty());
          else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new emptyPb.Empty());
          else wrong.setExpectedAny(new emptyPb.Empty());
          const details = new anyPb.Any();
          details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
          response.setError(
            new statusPb.Status()
              .setCode(codePb.Code.FAILED_PRECONDITION)
              .setMessage('WrongExpectedVersion')
              .setDetails(details),
          );
        }
        call.write(response);
      });
      call.on('end', () => call.end());
    },

    delete(_call: unknown, callback: grpc.sendUnaryData<never>) {
      callback(fail(grpc.status.UNIMPLEMENTED, 'test double: delete is not implemented'));
    },
    tombstone(_call: unknown, callback: grpc.sendUnaryData<never>) {
      callback(fail(grpc.status.UNIMPLEMENTED, 'test double: tombstone is not implemented'));
    },
  };

  const features: ServiceImplementation = {
    getSupportedMethods(
      _call: unknown,
      callback: grpc.sendUnaryData<InstanceType<typeof serverFeaturesPb.SupportedMethods>>,
    ) {
      const method = (service: string, name: string, ...features: string[]) =>
        new serverFeaturesPb.SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
      const methods = [
        method('event_store.client.streams.streams', 'read', 'position', 'events'),
        method('event_store.client.streams.streams', 'append'),
        method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
      ];
      if (batchAppend) methods.push(method('event_store.client.streams.streams', 'batchappend', 'deadline_duration'));
      callback(
        null,
        new serverFeaturesPb.SupportedMethods().setEventStoreServerVersion(DOUBLE_VERSION).setMethodsList(methods),
      );
    },
  };

  const listen = async (port: number): Promise<{ server: grpc.Server; port: number }> => {
    const server = new grpc.Server();
    server.addService(StreamsService, streams);
    server.addService(ServerFeaturesService, features);
    const bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    return { server, port: bound };
  };

  let current = await listen(options.port ?? 0);
  const port = current.port;
  const dropSubscriptions = () => {
    const calls = [...open];
    for (const call of calls) call.emit('error', fail(grpc.status.UNAVAILABLE, 'test double: subscription dropped'));
    return calls.length;
  };

  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    log,
    appendSystemEvent,
    dropSubscriptions,
    subscriptions: () => open.size,
    async restart() {
      current.server.forceShutdown();
      open.clear();
      current = await listen(port);
    },
    async stop() {
      dropSubscriptions();
      await new Promise<void>((resolve) => current.server.tryShutdown(() => resolve()));
      current.server.forceShutdown();
    },
  };
}

function positionOf(p: ReadReq.Options.Position): LogPosition {
  return { commit: BigInt(p.getCommitPosition()), prepare: BigInt(p.getPreparePosition()) };
}
