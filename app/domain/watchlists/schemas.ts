/**
 * The shapes of the watchlist page's forms (/watchlists). `decideWatchlistMatch` checks the meaning
 * (a match of this company, confirm or dismiss, a reason of 3 to 500 characters), and
 * `startWatchlistMatching` whether a run may start.
 */
import { z } from "zod";

const text = z.string().default("");

/**
 * "Match again now" (intent `rematch`), or a decision on one match: that form has no intent, its
 * submit button sends `decision` (confirmed or dismissed).
 */
export const WatchlistsPageSchema = z.union(
  [
    z.object({ intent: z.literal("rematch") }),
    z.object({ intent: z.undefined().optional(), id: text.transform(Number), decision: text, reason: text }),
  ],
  { error: "watchlists:errors.unknownRequest" },
);
