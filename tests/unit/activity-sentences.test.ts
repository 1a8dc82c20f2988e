/**
 * The activity log speaks in sentences (issue 17), in each interface language (issue 18). Every
 * action code the code base records has a sentence, a name in the event filter and a group in
 * every interface language's `activity` catalog: the codes are read from the source (the
 * `AuditAction` type and every `recordEvent`/`recordAccountEvent` call), so a new code without a
 * sentence fails here. No sentence shows a code, JSON, a catalog key, a placeholder, "undefined"
 * or "null", whatever the details, in any language.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeEvent, EVENT_GROUPS, eventName, groupName, SENTENCES, type LogNames } from "~/domain/activity-log/sentences.server";
import { catalogs } from "~/i18n/catalogs.generated";
import { INTERFACE_CODES } from "~/i18n/languages";

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
      expect(EVENT_GROUPS, code).toContain(code.split(".")[0]!);
      const [group, name] = code.split(".") as [string, string];
      for (const lng of INTERFACE_CODES) {
        const catalog = (catalogs as unknown as Record<string, { activity: { event: Record<string, Record<string, unknown>>; group: Record<string, unknown>; sentence: Record<string, Record<string, unknown>> } }>)[lng]!.activity;
        // The filter's name of the event and of its group, and its sentence (one, a plural pair or variants).
        expect(typeof catalog.event[group]?.[name], `event.${code} in ${lng}`).toBe("string");
        expect(typeof catalog.group[group], `group.${group} in ${lng}`).toBe("string");
        const sentence = catalog.sentence[group] ?? {};
        expect(sentence[name] !== undefined || sentence[`${name}_other`] !== undefined, `sentence.${code} in ${lng}`).toBe(true);
        expect(eventName(code, lng), `${code} in ${lng}`).not.toMatch(/event\.|\{\{/);
        expect(groupName(group, lng), `${group} in ${lng}`).not.toMatch(/group\.|\{\{/);
      }
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

  it("reads in every interface language without a key, a placeholder or an empty value showing", () => {
    for (const lng of INTERFACE_CODES.filter((l) => l !== "en")) {
      for (const action of [...typeCodes(), "legacy.thing"]) {
        for (const details of DETAILS) {
          for (const [targetType, targetId] of [[null, null], ["user", "7"], ["supplier", "12"], ["user", "999"]] as const) {
            const sentence = describeEvent({ action, actorName: "Pat Lee", targetType, targetId, details }, names, lng);
            const where = `${lng} ${action} ${JSON.stringify(details)} ${targetType}`;
            const ours = sentence.replace(/[“„«]\s?[^”“»]*\s?[”“»]/g, "“…”").replace(/\S+@\S+/g, "(address)");
            expect(ours, where).not.toMatch(/undefined|null|NaN|\[object|[{}]|\b[a-z]+_[a-z_]+\b|\b(?:sentence|value|share|cause|event|group)\.[a-zA-Z_.]+/);
            expect(sentence.trim().length, where).toBeGreaterThan(10);
          }
        }
      }
    }
  });

  it("is written in the reader's language: German and Thai", () => {
    const de = (action: string, details: unknown, targetType: string | null = null, targetId: string | null = null) => describeEvent({ action, actorName: "Pat Lee", targetType, targetId, details }, names, "de");
    const th = (action: string, details: unknown, targetType: string | null = null, targetId: string | null = null) => describeEvent({ action, actorName: "Pat Lee", targetType, targetId, details }, names, "th");
    const share = { to: 3, scope: ["identity", "scores"], filter: { countries: ["TH"] } };
    expect(de("share.created", share)).toBe("Pat Lee hat die Lieferanten der Organisation in Thailand für Teamsters Local 7 freigegeben, sichtbar: Identität und Standort und Risikowerte und ihre Aufschlüsselung.");
    expect(de("member.role_changed", { from: "member", to: "admin" }, "user", "7")).toBe("Pat Lee hat die Rolle von Sam Okoro von Mitglied zu Administrator/in geändert.");
    expect(de("finding.recorded", { indicator: "debt_bondage", result: "major", was: null }, "audit", "9")).toBe("Pat Lee hat in Prüfung 9 eine Feststellung erfasst: Schuldknechtschaft, Schwerwiegend.");
    expect(de("risk.rescored", { cause: "import 3", scored: 2400, changed: 5 })).toBe("Die Werte wurden neu berechnet (Import 3): 2.400 bewertet, 5 geändert.");
    expect(th("share.created", share)).toContain("ไทย");
    expect(th("share.created", share)).toContain("Teamsters Local 7");
    expect(th("auth.sign_in", {})).toBe("Pat Lee เข้าสู่ระบบแล้ว");
    expect(th("member.role_changed", { from: "member", to: "admin" }, "user", "7")).toBe("Pat Lee เปลี่ยนบทบาทของ Sam Okoro จากสมาชิกเป็นผู้ดูแล");
    // The names of the filter too.
    expect(eventName("share.created", "de")).toBe("Freigabe erstellt");
    expect(groupName("audit", "th")).toBe("การตรวจสอบ");
  });

  it("says who did what to whom, by name", () => {
    const say = (action: string, details: unknown, actorName: string | null = "Pat Lee", targetType: string | null = null, targetId: string | null = null) => describeEvent({ action, actorName, targetType, targetId, details }, names);
    expect(say("share.created", { to: 3, scope: ["identity", "scores"], filter: { countries: ["TH"] } })).toBe(
      "Pat Lee shared its suppliers in Thailand with Teamsters Local 7, showing identity and location and risk scores and their breakdown.",
    );
    expect(say("share.created", { to: 3, scope: ["identity"], filter: { supplierIds: [1, 2, 3, 4, 5] } })).toBe("Pat Lee shared 5 chosen suppliers with Teamsters Local 7, showing identity and location.");
    expect(say("report.submitted", { regulatorId: 4, supersedes: null }, "Pat Lee", "report", "R-AAAA")).toBe("Pat Lee submitted report R-AAAA to Supply Chain Supervisory Authority.");
    expect(say("member.role_changed", { from: "member", to: "admin" }, "Pat Lee", "user", "7")).toBe("Pat Lee changed the role of Sam Okoro from member to admin.");
    expect(say("finding.recorded", { indicator: "debt_bondage", result: "major", was: null }, "Pat Lee", "audit", "9")).toBe("Pat Lee recorded a finding in audit 9: Debt bondage, Major.");
    expect(say("risk.rescored", { cause: "import 3", scored: 24, changed: 5 }, null)).toBe("Scores were recomputed (import 3): 24 scored, 5 changed.");
    // An organisation the names do not cover is named by its number, never left blank.
    expect(say("share.revoked", { to: 99 })).toBe("Pat Lee revoked a share with organisation 99; they no longer see what it covered.");
    // A code this version does not know (an old entry) does not show its code either.
    expect(say("legacy.thing", {})).toBe("Pat Lee: an event of a kind this version does not describe (see the CSV export).");
  });
});
