/**
 * Nobody may be singled out from an aggregate: a group (a country, a corridor, a recruiter) is
 * shown only when it covers at least MINIMUM_GROUP suppliers. Smaller groups are pooled into one
 * "other" line, which is itself shown only if it reaches the minimum; otherwise it is dropped.
 */
export const MINIMUM_GROUP = 5;

export interface Counted {
  label: string;
  suppliers: number;
}

export function suppressSmallGroups<T extends Counted>(groups: readonly T[], other: (pooled: number, small: readonly T[]) => T, minimum = MINIMUM_GROUP): { shown: T[]; suppressed: number } {
  const shown = groups.filter((g) => g.suppliers >= minimum);
  const small = groups.filter((g) => g.suppliers < minimum);
  const pooled = small.reduce((t, g) => t + g.suppliers, 0);
  if (small.length && pooled >= minimum) shown.push(other(pooled, small));
  return { shown, suppressed: small.length };
}
