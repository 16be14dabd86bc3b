import type { Database, NotificationListener } from '@claims/db';
import type { EventStore } from '@claims/eventstore';
import type { Profile } from '@claims/profile';
import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { querySchemas } from '../schemas.ts';
import type { SessionLimits } from '../sse/session.ts';

/** A projection's state as its runner reports it (services/projector's `ProjectionStatus`). */
export interface ProjectionState {
  projection: string;
  state: string;
  position: string;
  behind: number;
  /** Of those, how many wait behind a transaction that is still open. */
  heldBack?: number;
  heldBackBy?: { pid: number | null; openForMs: number } | null;
  lastError: string | null;
}

/** What every route module of the query API is built from. */
export interface RouteContext {
  db: Kysely<Database>;
  store: EventStore;
  profile: Profile;
  /** The query parameters, checked against the profile. */
  q: ReturnType<typeof querySchemas>;
  /** Every side-and-topic pair of the profile. */
  pairs: { side: string; topic: string }[];
  listener: NotificationListener;
  /** Open subscriptions, ended on close. */
  sessions: Set<AbortController>;
  subscriptions?: SessionLimits | undefined;
  /** The projections' states, where this process runs the projector. */
  projectionStatus?: (() => Promise<ProjectionState[]>) | undefined;
  /** The tracker's configured address (ApiOptions.publicUrl), without a trailing slash. */
  publicUrl: () => string;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const today = () => new Date().toISOString().slice(0, 10);
