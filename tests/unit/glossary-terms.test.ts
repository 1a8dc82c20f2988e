/**
 * "A term is translated the same way everywhere" (issue 18, docs/glossary.md): for each term below,
 * every catalog entry whose English uses the term must use the glossary's translation of it in
 * each interface language. The translations are read from the glossary's table, so the glossary
 * and the catalogs cannot drift apart; a cell's alternatives ("Freigabe / freigeben",
 * "ผู้จัดหาสินค้า (ซัพพลายเออร์)") are each accepted, compared without case and as a part of a
 * word (German compounds and plurals, French and Spanish plurals).
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

const LANGUAGES = ["de", "fr", "es", "ms", "th"] as const;
/** The glossary table's column order after English. */
const COLUMNS = ["de", "fr", "es", "ms", "th"] as const;

/**
 * The terms checked: the glossary row (its English cell), how the English catalogs spell the term,
 * the word stems accepted in each language — each must be part of that language's glossary cell,
 * so that the stems cannot drift from the glossary — and the entries that use the English word in
 * another sense, each with why.
 */
type Stems = Record<(typeof LANGUAGES)[number], string[]>;
const TERMS: { row: string; en: RegExp; stems: Stems; except?: Record<string, string> }[] = [
  {
    row: "supplier",
    en: /\bsuppliers?\b/i,
    stems: { de: ["lieferant"], fr: ["fournisseur"], es: ["proveedor"], ms: ["pembekal"], th: ["ผู้จัดหาสินค้า", "ซัพพลายเออร์"] },
    except: {
      "suppliers:list.searchPlaceholder": "the search box of the supplier list asks for a 'name or number'",
      "imports:progress.rate.entities": "a rate, 'suppliers per second': Thai counts them with the classifier ราย",
      "reports:pdf.regulator.leftOut": "'fewer than N suppliers': Thai counts them with the classifier ราย",
    },
  },
  { row: "corrective action", en: /\bcorrective actions?\b/i, stems: { de: ["abhilfemaßnahme"], fr: ["correcti"], es: ["correctiva"], ms: ["tindakan pembetulan"], th: ["มาตรการแก้ไข"] } },
  {
    row: "finding",
    en: /(?<!DOL |country )\bfindings?\b/i,
    stems: { de: ["feststellung"], fr: ["constat"], es: ["hallazgo"], ms: ["penemuan"], th: ["ข้อค้นพบ"] },
    except: { "admin:reference.kind.watchlist": "'WRO/Findings' is the name of a US customs list" },
  },
  { row: "watchlist", en: /\bwatchlists?\b/i, stems: { de: ["beobachtungsliste"], fr: ["surveillance"], es: ["vigilancia"], ms: ["senarai pantauan"], th: ["รายชื่อเฝ้าระวัง"] } },
  {
    row: "labour recruiter",
    en: /\brecruiters?\b/i,
    stems: { de: ["vermittler"], fr: ["recruteur"], es: ["reclutador"], ms: ["agensi"], th: ["จัดหางาน"] },
    except: { "imports:progress.rate.entities": "a rate, 'recruiters per second': Thai counts them with the classifier ราย" },
  },
  { row: "indicator", en: /\bindicators?\b/i, stems: { de: ["indikator"], fr: ["indicateur"], es: ["indicador"], ms: ["penunjuk"], th: ["ตัวชี้วัด"] } },
  { row: "contest (a score)", en: /\bcontests?\b/i, stems: { de: ["einspruch", "einsprüche"], fr: ["contest"], es: ["impugn"], ms: ["bantah"], th: ["โต้แย้ง"] } },
  { row: "evidence file", en: /\bevidence files?\b/i, stems: { de: ["nachweisdatei"], fr: ["justificati"], es: ["archivo de prueba", "archivos de prueba"], ms: ["fail bukti"], th: ["ไฟล์หลักฐาน"] } },
  { row: "calendar feed", en: /\bcalendar feeds?\b/i, stems: { de: ["kalender-feed"], fr: ["flux de calendrier"], es: ["suscripción de calendario"], ms: ["suapan kalendar"], th: ["ฟีดปฏิทิน"] } },
  { row: "unavailability (an inspector's)", en: /\bunavailability\b/i, stems: { de: ["abwesenheit"], fr: ["indisponibilit"], es: ["ausencia"], ms: ["ketidaksediaan"], th: ["ไม่พร้อมปฏิบัติงาน"] } },
  { row: "follow-up audit", en: /\bfollow-up\b/i, stems: { de: ["nachprüfung"], fr: ["suivi"], es: ["seguimiento"], ms: ["susulan"], th: ["ตรวจติดตาม"] } },
  { row: "draft (a methodology version)", en: /\bdrafts?\b(?! (a|another)\b)/i, stems: { de: ["entw"], fr: ["projet"], es: ["borrador"], ms: ["draf"], th: ["ร่าง"] } },
  { row: "weight (of a factor)", en: /\bweights?\b/i, stems: { de: ["gewicht"], fr: ["pondération"], es: ["ponderaci"], ms: ["pemberat"], th: ["น้ำหนัก"] } },
  {
    row: "mitigation / mitigating factor",
    en: /\bmitigation\b/i,
    stems: { de: ["risikominder"], fr: ["atténuation"], es: ["mitigación", "atenuante"], ms: ["mitigasi", "pengurangan risiko"], th: ["ลดความเสี่ยง"] },
  },
  { row: "invitation", en: /\binvitations?\b/i, stems: { de: ["einladung"], fr: ["invitation"], es: ["invitaci"], ms: ["jemputan"], th: ["คำเชิญ"] } },
];

function leaves(value: unknown, prefix: string, out: Map<string, string>) {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
}

function catalog(lng: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(`app/i18n/catalogs/${lng}`)) leaves(JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/${file}`, "utf8")), `${file.replace(/\.json$/, "")}:`, out);
  return new Map([...out].map(([k, v]) => [k.replace(":.", ":"), v]));
}

/** The words a catalog writes itself: placeholders, nested keys and markup set aside. */
const ownWords = (text: string) => text.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>/g, " ");

/** The glossary's cells for a term, by language, in lower case. */
function glossaryRow(glossary: string, english: string): Record<string, string> {
  const line = glossary.split("\n").find((l) => l.startsWith(`| ${english} |`));
  if (!line) throw new Error(`docs/glossary.md has no row "${english}"`);
  const cells = line.split("|").slice(2, -1).map((c) => c.trim().toLowerCase());
  return Object.fromEntries(COLUMNS.map((lng, i) => [lng, cells[i] ?? ""]));
}

describe("glossary: the platform's terms", () => {
  const glossary = readFileSync("docs/glossary.md", "utf8");
  const en = catalog("en");
  const others = Object.fromEntries(LANGUAGES.map((l) => [l, catalog(l)]));

  it.each(TERMS.map((t) => [t.row, t] as const))("%s is translated as the glossary says wherever the English uses it", (_row, term) => {
    const cells = glossaryRow(glossary, term.row);
    for (const lng of LANGUAGES) for (const stem of term.stems[lng]) expect(cells[lng], `the ${lng} stem "${stem}" is not in the glossary's cell`).toContain(stem);
    const uses = [...en].filter(([key, text]) => !term.except?.[key] && term.en.test(ownWords(text)));
    expect(uses.length, `no English entry uses "${term.row}"`).toBeGreaterThan(0);
    const disagreeing: string[] = [];
    for (const lng of LANGUAGES) {
      for (const [key] of uses) {
        const text = others[lng]!.get(key);
        if (text === undefined) continue; // the catalog test reports missing keys
        if (!term.stems[lng].some((stem) => ownWords(text).toLowerCase().includes(stem))) disagreeing.push(`${lng} ${key}: ${text}`);
      }
    }
    expect(disagreeing).toEqual([]);
  });
});
