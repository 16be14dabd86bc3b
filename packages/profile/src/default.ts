import { parseProfile } from './parse.ts';
import raw from './profiles/russia-ukraine.json' with { type: 'json' };
import type { Profile } from './schema.ts';

/** The Russia–Ukraine profile that ships with the tracker (validated once, on first import). */
export const defaultProfile: Profile = parseProfile(raw);
