/**
 * @claims/projector: the projections that build the PostgreSQL read models from
 * the event log, and the runner that feeds them exactly once.
 */
export type { ProjectedEvent, Projection, ReadModelChange, ReadModelWriter } from './projection.ts';
export * from './projections/index.ts';
export { type ProjectionStatus, ProjectionRunner, type RunnerOptions, type RunnerState } from './runner.ts';
export { type Projector, type ProjectorOptions, startProjector, waitUntilCaughtUp } from './projector.ts';
export { RebuildBusyError, type RebuildOptions, type RebuildResult, rebuildProjections } from './rebuild.ts';
export { type BuildOptions, buildProjections } from './builder.ts';
export { CheckpointConflictError, readCheckpoint } from './checkpoints.ts';
export {
  CLOCKS,
  type Clock,
  ReplayError,
  type ReplayOptions,
  type ReplayResult,
  checkSchemaName,
  defaultReplaySchema,
  endOfDay,
  inScope,
  inScopeProjected,
  replay,
  replayCommand,
} from './replay.ts';
export { toProjected } from './events.ts';
export { projectionsCommand, projectorCommand } from './cli.ts';
