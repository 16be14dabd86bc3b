/**
 * What `createEventStore` loads when events live on EventStoreDB, and only then: the gRPC
 * client takes a good part of a command's start-up, and PostgreSQL needs none of it. (A module
 * of its own, so that a bundler keeps the adapter out of every bundle part that does not use it.)
 */
export { EsdbEventStore } from './store.ts';
