/** Words for values in reports, the same everywhere. */
export const percent = (share: number | null): string => (share === null ? "—" : `${Math.round(share * 100)} %`);
export const number = (n: number | null): string => (n === null ? "—" : n.toLocaleString("en-GB"));
export const score1 = (n: number | null | undefined): string => (n === null || n === undefined ? "—" : n.toFixed(1));
export const capital = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
export const RESULT_LABELS: Record<string, string> = { not_observed: "Not observed", minor: "Minor", major: "Major", critical: "Critical" };
export const TYPE_LABELS: Record<string, string> = { announced: "Announced", unannounced: "Unannounced", follow_up: "Follow-up", desk_review: "Desk review" };
export const ACTION_LABELS: Record<string, string> = { open: "Open", in_progress: "In progress", submitted: "Submitted for verification", verified_closed: "Verified closed" };
export const STATUS_LABELS: Record<string, string> = { planned: "Planned", confirmed: "Confirmed", in_progress: "In progress", completed: "Completed", report_issued: "Report issued", cancelled: "Cancelled" };
