/** TEST DOUBLE helper: UUID text ↔ the two 64-bit halves of the protocol's structured form. */

export function parse(id: string): { most: bigint; least: bigint } {
  const hex = id.replace(/-/g, '');
  return { most: BigInt(`0x${hex.slice(0, 16)}`), least: BigInt(`0x${hex.slice(16, 32)}`) };
}

export function stringify(most: bigint, least: bigint): string {
  const hex =
    BigInt.asUintN(64, most).toString(16).padStart(16, '0') + BigInt.asUintN(64, least).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
