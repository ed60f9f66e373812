// Internal pricing rules: not for publication.
export function price(base: number, tier: 'free' | 'pro'): number {
  return tier === 'pro' ? base * 0.8 : base;
}
