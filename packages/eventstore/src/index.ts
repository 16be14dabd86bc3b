/**
 * @claims/eventstore: the event-store port (`EventStore`) and its adapters.
 * `PostgresEventStore` is the default; the contract suite in `test/contract.ts`
 * is run against every adapter.
 */
export * from './types.ts';
export * from './position.ts';
export * from './errors.ts';
export { followLog, type WakeSource } from './subscription.ts';
export { MAX_EVENTS_PER_APPEND, PostgresEventStore, type PostgresEventStoreOptions } from './postgres/store.ts';
export { type EventLogTables, type EventsTable, eventLogMigrations, migrateEventLog, rebaseEventClock, withEventLog } from './postgres/schema.ts';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb/store.ts';
export { esdbPositionOf } from './esdb/convert.ts';
export type { ReconnectPolicy } from './esdb/subscription.ts';
export { createEventStore, eventStoreKind, type EventStoreSelection } from './select.ts';
