import type { Migration } from 'kysely';
import * as readModels from './read-models/0001_read_models.ts';
import * as rebuilds from './read-models/0002_projection_rebuilds.ts';
import * as workbench from './read-models/0003_workbench.ts';

/**
 * The read models' migrations, in code (not read from a folder at run time) so that they
 * work the same from tsx, vitest and a bundle. Names sort by their prefix. They can be
 * applied in other schemas too (replays). The event log's live with its adapter in
 * @claims/eventstore.
 */
export const readModelMigrations: Record<string, Migration> = {
  '0001_read_models': readModels,
  '0002_projection_rebuilds': rebuilds,
  '0003_workbench': workbench,
};
