/**
 * @claims/eventstore: the event-store port (`EventStore`) and its adapters.
 * `PostgresEventStore` is the default; `createEventStore` picks EventStoreDB when asked.
 * The contract suite in `test/contract.ts` is run against every adapter.
 */

export * from './errors.ts';
// The EventStoreDB adapter is loaded by createEventStore when EVENTSTORE_URL asks for it, never
// imported from here: its gRPC client would load in every process (src/esdb/load.ts).
export type { EsdbEventStoreOptions } from './esdb/store.ts';
export type { ReconnectPolicy } from './esdb/subscription.ts';
export * from './position.ts';
export {
  type EventLogTables,
  type EventsTable,
  eventLogMigrations,
  migrateEventLog,
  rebaseEventClock,
  withEventLog,
} from './postgres/schema.ts';
export {
  MAX_EVENTS_PER_APPEND,
  PostgresEventStore,
  type PostgresEventStoreOptions,
  STREAM_LOCK,
} from './postgres/store.ts';
export { createEventStore, type EventStoreSelection, eventStoreKind } from './select.ts';
export { followLog, type WakeSource } from './subscription.ts';
export * from './types.ts';
