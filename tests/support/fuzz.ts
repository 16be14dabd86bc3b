/** Deterministic generators of malformed and hostile request bodies, for the fuzz tests. */

export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
export type Random = ReturnType<typeof random>;

export const HOSTILE_STRINGS = [
  "'; drop table events; --",
  "' or '1'='1",
  '"; select pg_sleep(10); --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '\u0000',
  '\ud800',
  '%00%ff',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '${process.exit(1)}',
  '{{7*7}}',
  'A'.repeat(100_000),
  '',
  ' ',
  '😀'.repeat(1000),
  'sha256:' + 'g'.repeat(64),
  '__proto__',
  'constructor',
];

export const WRONG_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  [],
  [1, 2],
  {},
  { $gt: '' },
  'x',
  HOSTILE_STRINGS[0],
  HOSTILE_STRINGS[3],
];

/** A value for a field: most often wrong in type, sometimes a hostile string. */
export function wrongValue(r: Random): unknown {
  return r.next() < 0.6 ? r.pick(WRONG_VALUES) : r.pick(HOSTILE_STRINGS);
}

/** Mutates a valid body into an invalid one, one of several ways, and returns what to send. */
export function mutate(
  r: Random,
  valid: Record<string, unknown>,
  nested: Record<string, string[]> = {},
): { body: string | Uint8Array; contentType: string } {
  const keys = Object.keys(valid);
  const kind = r.int(9);
  const json = (o: unknown) => ({ body: JSON.stringify(o), contentType: 'application/json' });
  switch (kind) {
    case 0: {
      // broken JSON: the valid body cut short, or with a stray byte
      const text = JSON.stringify(valid);
      const cut = 1 + r.int(text.length - 2);
      return {
        body: r.next() < 0.5 ? text.slice(0, cut) : `${text.slice(0, cut)}\u0001${text.slice(cut)}`,
        contentType: 'application/json',
      };
    }
    case 1: // a field of the wrong type or a hostile value
      return json({ ...valid, [r.pick(keys)]: wrongValue(r) });
    case 2: {
      // a required field missing
      const { [r.pick(keys)]: _, ...rest } = valid;
      return json(rest);
    }
    case 3: // an unknown field
      return json({ ...valid, [r.pick(HOSTILE_STRINGS.filter(Boolean)).slice(0, 40) || 'extra']: 1 });
    case 4: {
      // invalid UTF-8 inside an otherwise valid body
      const text = Buffer.from(JSON.stringify(valid));
      const at = r.int(text.length);
      return {
        body: Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), text.subarray(at)]),
        contentType: 'application/json',
      };
    }
    case 5: {
      // a nested field (span.start, window.from, …) wrong
      const outer = r.pick(Object.keys(nested).length ? Object.keys(nested) : keys);
      const inner = nested[outer];
      if (!inner) return json({ ...valid, [outer]: wrongValue(r) });
      return json({ ...valid, [outer]: { ...(valid[outer] as object), [r.pick(inner)]: wrongValue(r) } });
    }
    case 6: // not an object at all
      return json(r.pick([[], 'text', 42, null, [valid]]));
    case 7: // a content type the route does not take
      return {
        body: JSON.stringify(valid),
        contentType: r.pick([
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'image/png',
        ]),
      };
    default: // random bytes
      return {
        body: Uint8Array.from({ length: 1 + r.int(300) }, () => r.int(256)),
        contentType: r.pick(['application/json', 'text/plain']),
      };
  }
}
