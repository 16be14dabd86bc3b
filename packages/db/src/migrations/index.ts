import type { Migration } from 'kysely';
import * as eventStore from './0001_event_store.ts';

/**
 * Every migration, in order. Kept in code (not read from a folder at run time) so
 * that they work the same from tsx, vitest and a bundle. Names sort by their prefix.
 */
export const migrations: Record<string, Migration> = {
  '0001_event_store': eventStore,
};
