import { generateToken, hashToken } from '@claims/auth';
import type { AccessOptions } from '../../infra/local/tracker.ts';

/** A write token for a test tracker (no rate limit to speak of), and the headers that present it. */
export function testAccess(name = 'test-writer'): {
  access: AccessOptions;
  headers: { authorization: string };
  token: string;
} {
  const token = generateToken();
  return {
    access: { tokens: [{ name, hash: hashToken(token) }], writesPerSecond: 1e6, writeBurst: 1e6 },
    headers: { authorization: `Bearer ${token}` },
    token,
  };
}
