import { describe, expect, it } from 'vitest';
import { materiallyDifferent, termsOf } from './terms.ts';

describe('terms of a claim', () => {
  it('reads figures with their units and the qualifiers that change what is meant', () => {
    expect(termsOf('proposed a 30-day ceasefire')).toEqual(['30 day']);
    expect(termsOf('a full and unconditional ceasefire')).toEqual(['full', 'unconditional']);
    expect(termsOf('brief truces of 24 to 48 hours')).toEqual(['24 hour', '48 hour', 'limited']);
    expect(termsOf('exchange 1,200 prisoners of war each')).toEqual(['1200 prisoner']);
    expect(termsOf('Kyiv must stop the shelling')).toEqual([]);
  });

  it('counts a 24–48 hour truce after a lasting ceasefire as a different demand, and a restatement as the same', () => {
    expect(materiallyDifferent('demands a lasting ceasefire', 'demands brief truces of 24 to 48 hours')).toBe(true);
    expect(materiallyDifferent('a 30-day ceasefire', 'a thirty day ceasefire')).toBe(false);
    expect(materiallyDifferent('a 30-day ceasefire', 'the ceasefire must begin now')).toBe(false);
  });
});
