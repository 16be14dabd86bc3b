/**
 * @claims/projector: the projections that build the PostgreSQL read models from
 * the event log, and the runner that feeds them exactly once.
 */

export { type BuildOptions, buildProjections } from './builder.ts';
export { CheckpointConflictError, readCheckpoint } from './checkpoints.ts';
export { projectionsCommand, projectorCommand } from './cli.ts';
export { toProjected } from './events.ts';
export type { ProjectedEvent, Projection, ReadModelChange, ReadModelWriter } from './projection.ts';
export * from './projections/index.ts';
export { type Projector, type ProjectorOptions, startProjector, waitUntilCaughtUp } from './projector.ts';
export { RebuildBusyError, type RebuildOptions, type RebuildResult, rebuildProjections } from './rebuild.ts';
export {
  CLOCKS,
  type Clock,
  checkSchemaName,
  defaultReplaySchema,
  endOfDay,
  inScope,
  inScopeProjected,
  ReplayError,
  type ReplayOptions,
  type ReplayResult,
  replay,
  replayCommand,
} from './replay.ts';
export { ProjectionRunner, type ProjectionStatus, type RunnerOptions, type RunnerState } from './runner.ts';
