import type { Profile } from '@claims/profile';
import { IngestError } from '../errors.ts';

/** Refuses sides, topics or actors the negotiation profile does not know, naming the field. */
export function checkAgainstProfile(
  profile: Profile,
  refs: { sides?: readonly string[]; topics?: readonly string[]; actors?: readonly (string | null)[] },
): void {
  const sides = new Set(profile.sides.map((s) => s.slug));
  const topics = new Set(profile.topics.map((t) => t.slug));
  const actors = new Set(profile.actors.map((a) => a.slug));
  for (const s of refs.sides ?? []) if (!sides.has(s)) throw new IngestError(400, `unknown side "${s}" (the profile "${profile.name}" has no such side)`, 'side');
  for (const t of refs.topics ?? []) if (!topics.has(t)) throw new IngestError(400, `unknown topic "${t}"`, 'topic');
  for (const a of refs.actors ?? []) if (a && !actors.has(a)) throw new IngestError(400, `unknown actor "${a}"`, 'speaker');
}
