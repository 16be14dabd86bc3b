/**
 * @claims/profile: a negotiation profile (sides, actors, topics) as data, its schema,
 * the Russia–Ukraine default and the resolver that turns mentions into actors and sides.
 */

export { defaultProfile } from './default.ts';
export { formatOfPath, ProfileError, type ProfileFormat, parseProfile } from './parse.ts';
export {
  createResolver,
  type Mention,
  type MentionKind,
  PERSON_ROLES,
  type ResolveContext,
  type Resolver,
} from './resolver.ts';
export { Actor, Group, Profile, Side, SourceName, Tenure, Topic } from './schema.ts';
