/**
 * A worker's report becomes a case: online from a channel or the general page, or recorded on the
 * worker's behalf by an organiser, hotline or inspector (assisted intake, same protections).
 * Routing follows the worker's consent (decision 028): the case reaches the first party the worker
 * allowed that has an organisation on the platform (union, then inspectorate, then company);
 * an urgent case also reaches the inspectorate at once, if allowed. The worker gets a case code and
 * a secret, shown once; only the secret's hash is kept.
 */
import { createHmac } from "node:crypto";
import { inTransaction, onlyRow, type Db } from "#db/client";
import { grievanceEvents, grievanceFiles, grievanceRecipients, grievances, type GrievanceParty } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { authorize } from "~/auth/permissions.server";
import { takeRateLimit } from "~/auth/rate-limit.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { Invalid } from "~/domain/errors";
import type { StoredEvidence } from "~/lib/evidence.server";
import { DUE_DAYS, URGENT_CATEGORIES, URGENT_DUE_DAYS, indicatorsFor, type GrievanceCategory } from "./categories";
import { hashCaseSecret, newCaseCode, newCaseSecret } from "./codes.server";
import { sealContact } from "./contact-seal.server";
import { partiesFor, type Route } from "./routing.server";

const DAY = 86_400_000;

export interface IntakeInput {
  categories: GrievanceCategory[];
  since: string | null;
  peopleCount: number | null;
  description: string | null;
  /** Where, in the worker's words: needed on the general page, optional on a workplace's. */
  workplaceText: string | null;
  /** The general page's country (a channel's is the workplace's). */
  country: string | null;
  consent: GrievanceParty[];
  textToCompany: boolean;
  contact: string | null;
  language: string;
  /** Assisted intake: how the recorder took it (by phone or in person), kept on the timeline. */
  takenBy?: "phone" | "in_person";
}

export interface IntakeResult {
  id: number;
  caseCode: string;
  secret: string;
  /** Who received it now, by party and name (shown to the worker on the receipt). */
  reached: { party: GrievanceParty; name: string }[];
}

/** A keyed hash of the client's address for rate limits: the address itself is never stored. */
export function clientKey(ip: string): string {
  return createHmac("sha256", "grievance-rate-limit").update(ip).digest("hex").slice(0, 32);
}

/**
 * Records a report. `recordedBy`: the organiser, hotline or inspector taking it on the worker's
 * behalf (their organisation receives and leads the case). Online reports are rate-limited per
 * client; `files` were stored by the route (sniffed and hashed like evidence).
 */
export async function submitGrievance(
  db: Db,
  args: { channel: Route | null; input: IntakeInput; files?: StoredEvidence[]; recordedBy?: Actor; ip: string },
  now = Date.now(),
): Promise<IntakeResult> {
  const { channel, input, recordedBy } = args;
  const recorder = recordedBy?.membership;
  if (recordedBy) authorize(recordedBy, "grievances.record", { orgId: recorder?.orgId ?? -1 });
  else await takeRateLimit(db, "grievances.report", clientKey(args.ip), now);

  const country = channel?.country ?? input.country;
  if (!channel && !country) throw new Invalid("country", "public:report.errors.country");
  if (!channel && !input.workplaceText) throw new Invalid("workplaceText", "public:report.errors.workplace");
  const parties = await partiesFor(db, channel, country);
  const allowed = parties.filter((p) => input.consent.includes(p.party) && p.orgs.length > 0);
  // Assisted: the recorder's organisation has the case in hand already; it leads.
  const first = allowed[0];
  if (!recorder && !first) throw new Invalid("consent", "public:report.errors.nobody");

  const urgent = input.categories.some((c) => URGENT_CATEGORIES.has(c));
  const recipients = new Map<number, { party: GrievanceParty; name: string; reason: string }>();
  if (recorder) recipients.set(recorder.orgId, { party: recorder.orgType === "inspectorate" ? "inspectorate" : "union", name: recorder.orgName, reason: "assisted" });
  for (const org of first?.orgs ?? []) if (!recipients.has(org.id) && !recorder) recipients.set(org.id, { party: first!.party, name: org.name, reason: "first" });
  if (urgent) {
    for (const org of allowed.find((p) => p.party === "inspectorate")?.orgs ?? []) if (!recipients.has(org.id)) recipients.set(org.id, { party: "inspectorate", name: org.name, reason: "urgent" });
  }
  const leadOrgId = recorder?.orgId ?? first!.orgs[0]!.id;

  const caseCode = newCaseCode();
  const secret = newCaseSecret();
  const id = await inTransaction(db, async () => {
    const row = onlyRow(
      await db
        .insert(grievances)
        .values({
          caseCode,
          secretHash: hashCaseSecret(secret),
          channelId: channel?.id ?? null,
          supplierId: channel?.supplierId ?? null,
          country,
          workplaceText: input.workplaceText,
          categories: input.categories,
          since: input.since,
          peopleCount: input.peopleCount,
          description: input.description,
          textToCompany: input.textToCompany,
          consent: input.consent,
          contactSealed: input.contact ? sealContact(input.contact) : null,
          language: input.language,
          intake: recorder ? "assisted" : "online",
          recordedBy: recordedBy?.user.id ?? null,
          recordedByOrgId: recorder?.orgId ?? null,
          urgent,
          indicators: indicatorsFor(input.categories),
          leadOrgId,
          dueAt: new Date(now + (urgent ? URGENT_DUE_DAYS : DUE_DAYS) * DAY),
          createdAt: new Date(now),
        })
        .returning({ id: grievances.id }),
    ).id;
    for (const [orgId, r] of recipients) await db.insert(grievanceRecipients).values({ grievanceId: row, orgId, party: r.party, reason: r.reason, createdAt: new Date(now) });
    const event = onlyRow(
      await db
        .insert(grievanceEvents)
        .values({ grievanceId: row, type: "reported", audience: "worker", orgId: recorder?.orgId ?? null, userId: recordedBy?.user.id ?? null, data: { categories: input.categories, urgent, intake: recorder ? "assisted" : "online", ...(recorder && input.takenBy ? { takenBy: input.takenBy } : {}) }, createdAt: new Date(now) })
        .returning({ id: grievanceEvents.id }),
    ).id;
    for (const f of args.files ?? []) await db.insert(grievanceFiles).values({ grievanceId: row, eventId: event, fileName: f.name, filePath: f.path, sha256: f.sha256, size: f.size, mime: f.mime, createdAt: new Date(now) });
    return row;
  });
  // The activity log names the case, never the worker (there is no worker identity to name).
  for (const orgId of recipients.keys()) await recordEvent(db, { action: "grievance.received", orgId, actorUserId: recordedBy?.user.id ?? null, targetType: "grievance", targetId: id, details: { urgent } }, now);
  return { id, caseCode, secret, reached: [...recipients.values()].map(({ party, name }) => ({ party, name })) };
}
