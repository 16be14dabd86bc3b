import { parse as parseYaml } from 'yaml';
import { Profile } from './schema.ts';

export type ProfileFormat = 'json' | 'yaml';

export class ProfileError extends Error {
  override name = 'ProfileError';
}

/**
 * Reads a profile from JSON or YAML text (or an already parsed object) and validates it.
 * Errors name the offending field, e.g. `actors[3].side: unknown side "ukrane"`.
 */
export function parseProfile(input: string | unknown, format: ProfileFormat = 'json'): Profile {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = format === 'yaml' ? parseYaml(input) : JSON.parse(input);
    } catch (err) {
      throw new ProfileError(
        `profile is not valid ${format.toUpperCase()}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  const result = Profile.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = (issue?.path ?? [])
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join('');
    throw new ProfileError(`invalid profile: ${path || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** The format of a profile file by its name: .yaml / .yml are YAML, anything else JSON. */
export const formatOfPath = (path: string): ProfileFormat => (/\.ya?ml$/i.test(path) ? 'yaml' : 'json');
