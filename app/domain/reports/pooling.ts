/**
 * Pooling before suppressing (issue 17, item 13). A jurisdiction with many companies still has
 * many countries and sectors with one or two suppliers each; suppressing every such cell would
 * leave an empty view. So small cells are first pooled into the larger category they belong to
 * (a country into its UN M49 sub-region, then its region; a sector into its sector family), and
 * only what is still under the minimum after the widest pool is left out, counted, and said.
 *
 * A pooled cell names its category and how many groups it pools, never which ones: naming them
 * would tell that each had at least one supplier.
 */
import type { GroupName } from "#reports/types";
import { MINIMUM_GROUP, type Counted } from "./k-anonymity";

export interface Pooled<T extends Counted> {
  shown: (T & { pooled?: number })[];
  /** What is in no cell shown: how many groups and how many suppliers. */
  suppressed: { groups: number; suppliers: number };
  /** How many small groups were pooled into a larger cell that is shown. */
  pooled: number;
}

/**
 * `levels` are the wider categories, narrowest first: each maps a group to the key and label of
 * its category at that level (null: none). `merge` builds the pooled cell of a category from its
 * small groups. What is under `minimum` after the last level is pooled into one cell of all
 * that is left (`rest`), shown only if it reaches the minimum.
 */
export function poolThenSuppress<T extends Counted>(
  groups: readonly T[],
  levels: readonly ((g: T) => { key: string; label: string; name?: GroupName } | null)[],
  merge: (label: string, small: readonly T[], name?: GroupName) => T,
  rest: string | { label: string; name: GroupName },
  minimum = MINIMUM_GROUP,
): Pooled<T> {
  const shown: (T & { pooled?: number })[] = groups.filter((g) => g.suppliers >= minimum);
  let small: T[] = groups.filter((g) => g.suppliers < minimum);
  let pooled = 0;
  const tryPool = (members: T[], label: string, name?: GroupName): boolean => {
    const total = members.reduce((t, g) => t + g.suppliers, 0);
    if (total < minimum || members.length < 2) return false;
    shown.push({ ...merge(label, members, name), pooled: members.length });
    pooled += members.length;
    return true;
  };
  for (const level of levels) {
    const byKey = new Map<string, { label: string; name?: GroupName; members: T[] }>();
    const left: T[] = [];
    for (const g of small) {
      const category = level(g);
      if (!category) {
        left.push(g);
        continue;
      }
      const entry = byKey.get(category.key) ?? { label: category.label, name: category.name, members: [] };
      entry.members.push(g);
      byKey.set(category.key, entry);
    }
    for (const { label, name, members } of byKey.values()) if (!tryPool(members, label, name)) left.push(...members);
    small = left;
  }
  if (small.length && (typeof rest === "string" ? tryPool(small, rest) : tryPool(small, rest.label, rest.name))) small = [];
  return { shown, suppressed: { groups: small.length, suppliers: small.reduce((t, g) => t + g.suppliers, 0) }, pooled };
}
