/**
 * @claims/auth: write tokens (stored hashed, compared in constant time), the hono
 * middleware that requires them, and a per-token rate limit.
 */
export { type AuthVariables, rateLimit, requireToken } from './middleware.ts';
export { RateLimiter } from './rate-limit.ts';
export {
  TokenConfigError,
  TokenEntry,
  TokenRegistry,
  createToken,
  defaultTokensFile,
  generateToken,
  hashToken,
  parseTokensEnv,
  readTokensFile,
  watchTokensFile,
} from './tokens.ts';
