/**
 * The activity log speaks in sentences (issue 17). Every action code the code base records has a
 * sentence, a name in the event filter and a group: the codes are read from the source (the
 * `AuditAction` type and every `recordEvent`/`recordAccountEvent` call), so a new code without a
 * sentence fails here. No sentence shows a code, JSON, "undefined" or "null", whatever the details.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeEvent, EVENT_GROUPS, EVENT_NAMES, SENTENCES, type LogNames } from "~/domain/activity-log/sentences.server";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The codes of the `AuditAction` union. */
function typeCodes(): string[] {
  const source = readFileSync("app/domain/activity-log/activity-log.server.ts", "utf8");
  const union = source.slice(source.indexOf("export type AuditAction"), source.indexOf(";", source.indexOf("export type AuditAction")));
  return [...union.matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]!);
}

/** The codes written by a call in app/: each `action:` of a recordEvent or recordAccountEvent call. */
function recordedCodes(): { code: string; file: string }[] {
  const found: { code: string; file: string }[] = [];
  for (const file of [...files("app"), ...files("db")]) {
    const source = readFileSync(file, "utf8");
    for (const call of source.matchAll(/record(?:Account)?Event\(/g)) {
      const window = source.slice(call.index, call.index + 800);
      const action = /action:\s*([^\n]*?)(?:,\s*(?:actorUserId|orgId|targetType|\.\.\.)|,\s*$)/m.exec(window);
      if (!action) continue;
      for (const literal of action[1]!.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.push({ code: literal[1]!, file });
    }
  }
  return found;
}

const names: LogNames = { orgs: { 3: "Teamsters Local 7", 4: "Supply Chain Supervisory Authority", 5: "Northwind Fresh Foods GmbH" }, suppliers: { 12: "Ladang Minyak Sejahtera Sdn Bhd" }, users: { 7: "Sam Okoro" } };

/** Details of every shape the code records, and nonsense, to feed every sentence. */
const DETAILS: unknown[] = [
  null,
  "{}",
  "not json",
  { to: 3, scope: ["identity", "scores"], filter: { countries: ["TH"] } },
  JSON.stringify({ regulatorId: 4, supersedes: "R-AAAA-BBBB-CCCC-DDDD", type: "company_due_diligence", version: "2.0", name: "DOL TVPRA list", edition: "2024", rows: 467 }),
  { email: "x@example.org", why: "no membership", role: "viewer", from: "member", to: "admin", retryAfterMs: 30_000 },
  { supplierId: 12, companyOrgId: 5, type: "announced", startsAt: 1_780_000_000_000, reason: "Harvest", status: "closed", decision: "confirmed" },
  { indicator: "debt_bondage", result: "major", was: "minor", changed: { debt_bondage: "yes", retention_of_documents: "no" }, note: "Seen on site" },
  { kind: "suppliers", fileName: "list.csv", size: 2048, counts: { new: 3, updated: 1, unchanged: 20 }, valid: 24, invalid: 1, rows: 25, phase: "commit", message: "Disk full." },
  { files: [{ name: "a.pdf" }], dueOn: "2026-07-01", owner: "Site manager", scored: 24, changed: 5, cause: "import 3", names: 40, hits: 2, added: 1, term: "palm oil", good: "Palm oil", startsOn: "2026-05-01", endsOn: "2026-05-03", row: 4, choice: "merge" },
  { to: { startsAt: "2026-05-04T08:00:00Z" }, from: { startsAt: 1 }, scope: ["unknown_scope"], filter: { supplierIds: [1, 2, 3], bands: ["high"] } },
];

describe("activity-log sentences", () => {
  it("every action code recorded anywhere is in the AuditAction type and has a sentence, a name and a group", () => {
    const declared = typeCodes();
    expect(declared.length).toBeGreaterThan(50);
    const recorded = recordedCodes();
    // The scan does find the calls (a broken pattern would pass vacuously).
    expect(new Set(recorded.map((r) => r.code)).size).toBeGreaterThan(50);
    for (const { code, file } of recorded) expect(declared, `${code} in ${file}`).toContain(code);
    for (const code of declared) {
      expect(SENTENCES, code).toHaveProperty([code]);
      expect(EVENT_NAMES, code).toHaveProperty([code]);
      expect(EVENT_GROUPS, code).toHaveProperty([code.split(".")[0]!]);
    }
    // Nothing described that is not recorded any more.
    expect(Object.keys(SENTENCES).sort()).toEqual([...declared].sort());
  });

  it("no sentence shows a code, JSON or an empty value, whatever the details", () => {
    for (const action of typeCodes()) {
      for (const details of DETAILS) {
        for (const [targetType, targetId] of [[null, null], ["user", "7"], ["supplier", "12"], ["report", "R-AAAA-BBBB-CCCC-DDDD"], ["user", "999"]] as const) {
          const sentence = describeEvent({ action, actorName: "Pat Lee", targetType, targetId, details }, names);
          const where = `${action} ${JSON.stringify(details)} ${targetType}`;
          expect(sentence, where).toMatch(/^[A-Z“]/);
          expect(sentence, where).toMatch(/[.!]$|[a-z”)]$/);
          // What people typed (quoted) and e-mail addresses may contain anything; the rest may not.
          const ours = sentence.replace(/“[^”]*”/g, "“…”").replace(/\S+@\S+/g, "(address)");
          expect(ours, where).not.toMatch(/undefined|null|NaN|\[object|[{}]|\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\b/);
        }
      }
    }
  });

  it("says who did what to whom, by name", () => {
    const say = (action: string, details: unknown, actorName: string | null = "Pat Lee", targetType: string | null = null, targetId: string | null = null) => describeEvent({ action, actorName, targetType, targetId, details }, names);
    expect(say("share.created", { to: 3, scope: ["identity", "scores"], filter: { countries: ["TH"] } })).toBe(
      "Pat Lee shared its suppliers in Thailand with Teamsters Local 7, showing identity and location and risk scores and their breakdown.",
    );
    expect(say("share.created", { to: 3, scope: ["identity"], filter: { supplierIds: [1, 2, 3, 4, 5] } })).toBe("Pat Lee shared 5 chosen suppliers with Teamsters Local 7, showing identity and location.");
    expect(say("report.submitted", { regulatorId: 4, supersedes: null }, "Pat Lee", "report", "R-AAAA")).toBe("Pat Lee submitted report R-AAAA to Supply Chain Supervisory Authority.");
    expect(say("member.role_changed", { from: "member", to: "admin" }, "Pat Lee", "user", "7")).toBe("Pat Lee made Sam Okoro an administrator (was a member).");
    expect(say("finding.recorded", { indicator: "debt_bondage", result: "major", was: null }, "Pat Lee", "audit", "9")).toBe("Pat Lee recorded debt bondage as major in audit 9.");
    expect(say("risk.rescored", { cause: "import 3", scored: 24, changed: 5 }, null)).toBe("Scores were recomputed (import 3): 24 scored, 5 changed.");
    // An organisation the names do not cover is named by its number, never left blank.
    expect(say("share.revoked", { to: 99 })).toBe("Pat Lee revoked a share with organisation 99; they no longer see what it covered.");
    // A code this version does not know (an old entry) does not show its code either.
    expect(say("legacy.thing", {})).toBe("Pat Lee: an event of a kind this version does not describe (see the CSV export).");
  });
});
