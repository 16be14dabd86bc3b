/**
 * `pnpm start`: the tracker on its embedded defaults (or DATABASE_URL), in one process.
 */
import { DatabaseConfigError, onShutdown } from '@claims/db';
import { startTracker } from './tracker.ts';

try {
  // The projector on its own thread: a busy API must not hold projections back.
  const tracker = await startTracker({ projector: 'thread' });
  onShutdown(() => tracker.close());
  process.stdout.write(
    [
      `claims tracker listening on ${tracker.url}`,
      `  database: ${tracker.database.displayUrl}${tracker.database.embedded ? ' (embedded, data in .data/postgres)' : ''}`,
      `  ingest:   curl -X POST '${tracker.url}/v1/articles?publishedAt=2019-08-07' -H ` +
        `"authorization: Bearer $TOKEN" -H 'content-type: text/plain' --data-binary @article.txt`,
      `  web page: ${tracker.url}/    API docs: ${tracker.url}/docs    API description: ${tracker.url}/openapi.json`,
      `  query:    curl '${tracker.url}/v1/positions?topic=ceasefire&asOf=2019-12-31&clock=valid'`,
      `  live:     curl -N '${tracker.url}/v1/subscriptions?projection=positions'`,
      `  health:   ${tracker.url}/v1/health`,
      tracker.access.tokens === 0
        ? '  writes need a token and none exists yet: create one with `pnpm claims token create <name>` (no restart needed)'
        : `  writes:   ${tracker.access.tokens} token(s) configured; send Authorization: ` +
          `Bearer <token>${tracker.access.reads === 'token' ? ' (reads too)' : ''}`,
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`claims: ${message}\n`);
  if (!(err instanceof DatabaseConfigError) && process.env.CLAIMS_DEBUG) console.error(err);
  process.exit(1);
}
