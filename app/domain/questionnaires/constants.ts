/**
 * The fixed values of questionnaire sharing and requests (issue 20, item 4), in a module of their
 * own so that pages import them without the database.
 */

/** The self-assessment questionnaire on forced labour and ethical recruitment (fixtures/questionnaires/<id>/vN.json). */
export const SAQ_QUESTIONNAIRE = "saq-forced-labour";

/**
 * How long a submitted self-assessment answers a new buyer's request without asking again: one
 * year. Why a year: recruitment runs in seasons (harvests, peak orders), and a year is the shortest
 * window that has seen each of them once, so answers younger than that describe every recruitment
 * round the buyer is asking about; the industry's own cycles agree (codes of conduct ask suppliers
 * to self-assess yearly, and social-audit schemes plan re-audits within one to two years). Longer
 * would let a buyer receive answers from before a change of recruiter or of the workforce; shorter
 * would bring back the repeated questionnaires this work exists to end. The supplier can always
 * submit again: a newer submission replaces the older one for every buyer it shares with.
 */
export const ANSWER_VALIDITY_DAYS = 365;

/** The latest due date a buyer may ask for: two years ahead. A guard against typos (2207 for 2027), not a policy. */
export const REQUEST_MAX_DAYS_AHEAD = 730;

export const DAY_MS = 86_400_000;

/**
 * What the buyer's page shows for a supplier's answers (buyer-view.server.ts), three states with
 * nothing to show and one with answers:
 * - not_linked: no supplier has claimed this record yet (invite the supplier);
 * - not_shared: the record is claimed, but the supplier does not share its answers with this buyer
 *   (whether it has answered is the supplier's to tell: not said);
 * - nothing_submitted: shared, but no submission yet (drafts are never shown);
 * - shared: the latest submission.
 */
export const BUYER_ANSWER_STATES = ["not_linked", "not_shared", "nothing_submitted", "shared"] as const;
export type BuyerAnswerState = (typeof BUYER_ANSWER_STATES)[number];

/**
 * A request as each side reads it:
 * - open: not answered yet;
 * - answered: answered by a submission shared with the buyer;
 * - withdrawn (buyer's view only): answered, but the supplier revoked the share since, so the
 *   buyer no longer sees the answers.
 */
export const REQUEST_STATES = ["open", "answered", "withdrawn"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
