/**
 * @claims/auth: write tokens (stored hashed, compared in constant time), the hono
 * middleware that requires them, and a per-token rate limit.
 */
export { type AuthVariables, rateLimit, requireToken } from './middleware.ts';
export { RateLimiter } from './rate-limit.ts';
export {
  SCOPES,
  type Scope,
  TokenConfigError,
  TokenEntry,
  type TokenHolder,
  TokenRegistry,
  createToken,
  parseScopes,
  revokeToken,
  defaultTokensFile,
  generateToken,
  hashToken,
  parseTokensEnv,
  readTokensFile,
  watchTokensFile,
} from './tokens.ts';
