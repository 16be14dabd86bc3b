/**
 * The NOTIFY channel on which the projector says a projection committed read-model
 * changes (its payload: the projection's name), and on which the API's subscriptions
 * and read cache listen. A contract between processes: its one home, beside the
 * `projection_changes` table it announces.
 */
export const PROJECTION_CHANGES_CHANNEL = 'claims_changes';
