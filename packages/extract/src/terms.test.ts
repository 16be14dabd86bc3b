import { describe, expect, it } from 'vitest';
import { materiallyDifferent, termsOf } from './index.ts';

/*
 * The terms a position change compares are the extractor's (terms.ts), read with the same
 * number reading as an agreement's quantities, and versioned with it: they decide what the
 * projector's `positions` records as a change of terms.
 */
describe('terms of a claim', () => {
  it('reads figures with their units and the qualifiers that change what is meant', () => {
    expect(termsOf('proposed a 30-day ceasefire')).toEqual(['30 day']);
    expect(termsOf('a full and unconditional ceasefire')).toEqual(['full', 'unconditional']);
    expect(termsOf('brief truces of 24 to 48 hours')).toEqual(['24 hour', '48 hour', 'limited']);
    expect(termsOf('Kyiv must stop the shelling')).toEqual([]);
  });

  it("reads counted things as the extractor reads an agreement's quantities", () => {
    expect(termsOf('exchange 1,200 prisoners of war each')).toEqual(['1200 prisoners per side']);
    // The projector's own parser read "3 thousand prisoners" as 3 prisoners.
    expect(termsOf('demands the release of 3 thousand prisoners')).toEqual(['3000 prisoners']);
    expect(termsOf('return the bodies of 6,000 soldiers')).toEqual(['6000 bodies']);
  });

  it('counts a 24–48 hour truce after a lasting ceasefire as a different demand, and a restatement as the same', () => {
    expect(materiallyDifferent('demands a lasting ceasefire', 'demands brief truces of 24 to 48 hours')).toBe(true);
    expect(materiallyDifferent('a 30-day ceasefire', 'a thirty day ceasefire')).toBe(false);
    expect(materiallyDifferent('a 30-day ceasefire', 'the ceasefire must begin now')).toBe(false);
    expect(materiallyDifferent('swap 1,000 prisoners', 'swap 1,000 prisoners of war each')).toBe(true);
  });
});
