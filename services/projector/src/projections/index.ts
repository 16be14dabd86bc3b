import type { Projection } from '../projection.ts';
import { actorsProjection } from './actors.ts';
import { agreementsProjection } from './agreements.ts';
import { claimsProjection } from './claims.ts';
import { corroborationProjection } from './corroboration.ts';
import { meetingsProjection } from './meetings.ts';
import { positionsProjection } from './positions.ts';
import { sourcesProjection } from './sources.ts';

export {
  actorsProjection,
  agreementsProjection,
  claimsProjection,
  corroborationProjection,
  meetingsProjection,
  positionsProjection,
  sourcesProjection,
};

/** Every projection the tracker runs, by name. */
export const allProjections: readonly Projection[] = [
  sourcesProjection,
  claimsProjection,
  positionsProjection,
  meetingsProjection,
  agreementsProjection,
  actorsProjection,
  corroborationProjection,
];

export function projectionNamed(name: string): Projection | undefined {
  return allProjections.find((p) => p.name === name);
}
