import type { Projection } from '../projection.ts';
import { actorsProjection } from './actors.ts';
import { agreementsProjection } from './agreements.ts';
import { claimsProjection } from './claims.ts';
import { meetingsProjection } from './meetings.ts';
import { positionsProjection } from './positions.ts';
import { sourcesProjection } from './sources.ts';

export { actorsProjection, agreementsProjection, claimsProjection, meetingsProjection, positionsProjection, sourcesProjection };

/** Every projection the tracker runs, by name. */
export const allProjections: readonly Projection[] = [
  sourcesProjection,
  claimsProjection,
  positionsProjection,
  meetingsProjection,
  agreementsProjection,
  actorsProjection,
];

export function projectionNamed(name: string): Projection | undefined {
  return allProjections.find((p) => p.name === name);
}
