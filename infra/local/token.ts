import { createToken, defaultTokensFile, readTokensFile } from '@claims/auth';

const USAGE = `usage: claims token create NAME   create a write token (printed once; only its hash is kept)
       claims token list          the names of the configured tokens

Tokens are kept hashed in ${defaultTokensFile()} (CLAIMS_TOKENS_FILE); a running tracker picks new ones up.`;

/** `claims token create NAME | list`. */
export async function tokenCommand(argv: string[]): Promise<number> {
  const [sub, name, ...rest] = argv;
  const file = defaultTokensFile();
  if (sub === 'create' && name && rest.length === 0) {
    const token = createToken(file, name);
    process.stdout.write(`${token}\n`);
    process.stderr.write(`token "${name}" created; its hash is in ${file}. Send it as: Authorization: Bearer <token> (a running tracker picks it up)\n`);
    return 0;
  }
  if (sub === 'list' && !name) {
    for (const t of readTokensFile(file)) process.stdout.write(`${t.name}\t${t.createdAt ?? ''}\n`);
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return sub ? 2 : 0;
}
