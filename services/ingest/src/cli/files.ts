import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { IsoDay } from '@claims/events';
import { glob } from 'tinyglobby';
import { z } from 'zod';

export const ARTICLE_EXTENSIONS = ['txt', 'md', 'markdown', 'html', 'htm'];

/** Expands files, folders (recursively, article files only) and glob patterns into a sorted list of files. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    if (existsSync(p)) {
      if (statSync(p).isDirectory()) {
        for (const f of await glob(`**/*.{${ARTICLE_EXTENSIONS.join(',')}}`, { cwd: p, absolute: true })) files.add(f);
      } else {
        files.add(resolve(p));
      }
      continue;
    }
    const matched = await glob(p, { absolute: true, onlyFiles: true });
    if (matched.length === 0) missing.push(p);
    for (const f of matched) files.add(f);
  }
  return { files: [...files].sort(), missing };
}

/** Metadata a `FILE.meta.json` beside an article may give. */
export const FileMeta = z
  .object({
    publishedAt: IsoDay.optional(),
    url: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).optional(),
    publisher: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
  })
  .strict();
export type FileMeta = z.infer<typeof FileMeta>;

/** Reads `FILE.meta.json` beside the file, or `BASENAME.meta.json` in `metaDir`; null when there is none. */
export function readFileMeta(file: string, metaDir?: string): FileMeta | null {
  const candidates = [`${file}.meta.json`, file.replace(/\.[^./]+$/, '.meta.json')];
  if (metaDir)
    candidates.push(
      join(metaDir, `${basename(file)}.meta.json`),
      join(metaDir, basename(file).replace(/\.[^./]+$/, '.meta.json')),
    );
  const path = candidates.find((c) => existsSync(c));
  if (!path) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
  const parsed = FileMeta.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${path}: ${i.path.join('.') || 'root'}: ${i.message}`);
  }
  return parsed.data;
}
