import { type FactEvent, factDefinitionOf } from '@claims/events';
import { HttpError } from '@claims/http';
import type { Profile } from '@claims/profile';

/** The field of `data` that holds `value` (`participants.1` for the second of a list), to name it in a refusal. */
function fieldHolding(data: Record<string, unknown>, value: string, fallback: string): string {
  for (const [key, v] of Object.entries(data)) {
    if (v === value) return key;
    if (Array.isArray(v) && v.includes(value)) return `${key}.${v.indexOf(value)}`;
  }
  return fallback;
}

/**
 * Refuses a fact that names sides, topics or actors the negotiation profile does not know,
 * naming the field. Which fields name them is the fact type's own knowledge (types/<type>.ts).
 */
export function checkAgainstProfile(
  profile: Profile,
  fact: Pick<FactEvent, 'type'> & { data: Record<string, unknown> },
): void {
  const refs = factDefinitionOf(fact.type).references(fact.data);
  const known = {
    side: new Set(profile.sides.map((s) => s.slug)),
    topic: new Set(profile.topics.map((t) => t.slug)),
    actor: new Set(profile.actors.map((a) => a.slug)),
  };
  for (const s of refs.sides) {
    if (!known.side.has(s))
      throw new HttpError(
        400,
        `unknown side "${s}" (the profile "${profile.name}" has no such side)`,
        fieldHolding(fact.data, s, 'side'),
      );
  }
  for (const t of refs.topics)
    if (!known.topic.has(t)) throw new HttpError(400, `unknown topic "${t}"`, fieldHolding(fact.data, t, 'topic'));
  for (const a of refs.actors)
    if (a && !known.actor.has(a))
      throw new HttpError(400, `unknown actor "${a}"`, fieldHolding(fact.data, a, 'speaker'));
}
