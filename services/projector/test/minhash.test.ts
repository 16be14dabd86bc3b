import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tests/support/cli.ts';
import { COPY_SIMILARITY, SIGNATURE_SIZE, signatureOf, similarity } from '../src/corroboration/minhash.ts';

const fixture = (name: string) => readFileSync(join(repoRoot, 'tests', 'fixtures', 'workbench', name), 'utf8');

describe('near-copy detection', () => {
  it('calls a repost with a new headline and footer a copy, and a different report of the same news not one', () => {
    const wire = signatureOf(fixture('wire.txt'));
    const copy = signatureOf(fixture('copy.txt'));
    const other = signatureOf(fixture('other.txt'));
    expect(similarity(wire.values, copy.values)).toBeGreaterThanOrEqual(COPY_SIMILARITY);
    // The copy shares a band with the original, so the lookup finds it.
    expect(wire.bands.some((b) => copy.bands.includes(b))).toBe(true);
    expect(similarity(wire.values, other.values)).toBeLessThan(0.2);
    // Too short to judge by its wording: no bands, never a candidate.
    expect(signatureOf('Russia demanded a truce of 48 hours. Ukraine rejected it.').bands).toEqual([]);
  });

  it('ignores case, punctuation and spacing, and gives the same signature on every run', () => {
    const text = fixture('wire.txt');
    const shouted = text.toUpperCase().replace(/[,.]/g, ' ').replace(/\n+/g, '   ');
    expect(signatureOf(shouted).values).toEqual(signatureOf(text).values);
    const s = signatureOf(text).values;
    expect(s).toHaveLength(SIGNATURE_SIZE);
    expect(s.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31)).toBe(true);
    // Pinned: a signature stored in the read models must not change under a rebuild by a later version of this code.
    expect(s.slice(0, 4)).toEqual([10969504, 345358, 27109894, 3746503]);
  });
});
