/**
 * @claims/auth: write tokens (stored hashed, compared in constant time), the hono
 * middleware that requires them, and a per-token rate limit.
 */
export { type AuthVariables, rateLimit, requireToken } from './middleware.ts';
export { RateLimiter } from './rate-limit.ts';
export {
  createToken,
  defaultTokensFile,
  generateToken,
  hashToken,
  parseScopes,
  parseTokensEnv,
  readTokensFile,
  revokeToken,
  SCOPES,
  type Scope,
  TokenConfigError,
  TokenEntry,
  type TokenHolder,
  TokenRegistry,
  watchTokensFile,
} from './tokens.ts';
