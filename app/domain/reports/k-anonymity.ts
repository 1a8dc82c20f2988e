/**
 * Nobody may be singled out from an aggregate: a group (a country, a corridor, a recruiter) is
 * shown only when it covers at least MINIMUM_GROUP suppliers. Smaller groups are pooled into wider
 * categories first, and dropped only if still too small (pooling.ts).
 */
export const MINIMUM_GROUP = 5;

export interface Counted {
  label: string;
  suppliers: number;
}
