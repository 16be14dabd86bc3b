import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * The web page (`/`) and the API docs (`/docs`), served from this package:
 * no CDN, so both work offline. A strict Content-Security-Policy means nothing
 * but our own scripts runs, whatever an article contains.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

const webDir = join(import.meta.dirname, 'web');
const asset = (name: string) => readFileSync(join(webDir, name), 'utf8');

/** Swagger UI's prebuilt files ship in the swagger-ui-dist package; we serve the few the page needs. */
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Claims tracker API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;
// validatorUrl null: the default would call a public validator service.
const DOCS_INIT =
  "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true });\n";

export function mountWeb(app: OpenAPIHono): void {
  const files: Record<string, { body: string; type: string }> = {
    '/': { body: asset('index.html'), type: 'text/html; charset=utf-8' },
    // The page's ES modules and style sheet, each file of web/ by its name: no build step.
    ...Object.fromEntries(
      readdirSync(webDir)
        .filter((name) => /\.(js|css)$/.test(name))
        .map((name) => [
          `/assets/${name}`,
          {
            body: asset(name),
            type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
          },
        ]),
    ),
    '/docs': { body: DOCS_HTML, type: 'text/html; charset=utf-8' },
    '/docs/init.js': { body: DOCS_INIT, type: 'text/javascript; charset=utf-8' },
  };
  for (const [path, f] of Object.entries(files)) {
    app.get(path, (c) =>
      c.body(f.body, 200, {
        'content-type': f.type,
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
      }),
    );
  }
  for (const [name, type] of Object.entries(SWAGGER_FILES)) {
    let cached: Buffer | null = null;
    app.get(`/docs/${name}`, (c) => {
      cached ??= readFileSync(join(swaggerDir, name));
      return c.body(new Uint8Array(cached), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
  }
}
