import { parseArgs } from 'node:util';
import { createToken, defaultTokensFile, parseScopes, readTokensFile, revokeToken, SCOPES } from '@claims/auth';

const USAGE = `usage: claims token create NAME [--scope read,write,analyst]   create a token (printed once; only its hash is kept)
       claims token revoke NAME                                  remove a token: a running tracker refuses it at once
       claims token list                                         the configured tokens, their scopes and creation times

Scopes: read (reads, when CLAIMS_READ_ACCESS=token), write (post articles), analyst (add,
correct and withdraw facts by hand); a new token has all three unless --scope says otherwise.
Only a read-only token is accepted in a URL (?access_token=).
Tokens are kept hashed in ${defaultTokensFile()} (CLAIMS_TOKENS_FILE); a running tracker picks up changes.`;

/** `claims token create NAME [--scope …] | revoke NAME | list`. */
export async function tokenCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    process.stderr.write(`claims token: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [sub, name, ...rest] = parsed.positionals;
  const file = defaultTokensFile();
  if (sub === 'create' && name && rest.length === 0) {
    const scopes = parsed.values.scope === undefined ? [...SCOPES] : parseScopes(parsed.values.scope);
    const token = createToken(file, name, scopes);
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `token "${name}" created with scopes ${scopes.join(', ')}; its hash is in ${file}. Send it ` +
        `as: Authorization: Bearer <token> (a running tracker picks it up)\n`,
    );
    return 0;
  }
  if (sub === 'revoke' && name && rest.length === 0 && parsed.values.scope === undefined) {
    revokeToken(file, name);
    process.stderr.write(`token "${name}" revoked; a running tracker refuses it from its next request on\n`);
    return 0;
  }
  if (sub === 'list' && !name && parsed.values.scope === undefined) {
    for (const t of readTokensFile(file))
      process.stdout.write(`${t.name}\t${(t.scopes ?? SCOPES).join(',')}\t${t.createdAt ?? ''}\n`);
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return sub ? 2 : 0;
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, options: { scope: { type: 'string' } } });
}
