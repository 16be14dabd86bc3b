import type { Migration } from 'kysely';
import * as events from './event-store/0001_events.ts';
import * as readModels from './read-models/0001_read_models.ts';

/**
 * Migrations in code (not read from a folder at run time) so that they work the
 * same from tsx, vitest and a bundle. Names sort by their prefix.
 *
 * Two sets with their own history tables: the event log lives once, in the
 * default schema; the read models can also be built in other schemas (replays).
 */
export const eventStoreMigrations: Record<string, Migration> = {
  '0001_events': events,
};

export const readModelMigrations: Record<string, Migration> = {
  '0001_read_models': readModels,
};
