/**
 * The worker's pages through their route modules (issue 19): the intake form on a workplace's
 * channel and on the general page, in every worker language; the nasty inputs (each refused with
 * its own message, the input kept, nothing stored); the receipt; and the worker's case page
 * (open, add information with a file, rate the remedy), with no session: every POST re-sends the
 * case code and secret.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, like } from "drizzle-orm";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { grievanceEvents, grievanceFiles, grievances, organisations, rateLimitEvents, shares, suppliers } from "#db/schema";
import { createChannel } from "~/domain/grievances/channels.server";
import { serverT } from "~/i18n/i18n.server";
import { LANGUAGES } from "~/i18n/languages";
import * as channelRoute from "~/routes/g.$token";
import * as reportRoute from "~/routes/report";
import * as caseRoute from "~/routes/case";
import { onlyRow, type Db } from "../../db/client";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };
type Fn = (args: Args) => unknown;

let clock = Date.UTC(2026, 9, 14, 9, 0, 0);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(clock);
});
afterEach(() => {
  clock += 60 * 60_000;
  vi.useRealTimers();
});
/** A person reads the form before sending it: the signed form time refuses a POST within 3 s. */
const readTheForm = () => vi.setSystemTime(Date.now() + 20_000);

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, inspectorate.org.id));
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, union.org.id));
  const plant = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "P1", name: "Kebun Test Sdn Bhd", country: "MY", workersTotal: 400 }).returning());
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores"], filter: {} });
  const { token } = await createChannel(db, union.admin.actor, { supplierId: plant.id, country: null });
  const uploads = mkdtempSync(path.join(os.tmpdir(), "grievance-intake-"));
  return { db, company, union, inspectorate, plant, token, uploads };
}

async function ctx(w: { db: Db; uploads: string }, locale = "en", ip = "198.51.100.20"): Promise<AppLoadContext> {
  const c = await contextFor(w.db, null, null, locale);
  return { ...c, ip, uploads: { dir: w.uploads, maxBytes: 50 * 1024 * 1024 } } as AppLoadContext;
}

function multipart(pathname: string, fields: Record<string, string | string[]>, files: { field: string; name: string; body: string | Buffer; type: string }[] = []): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  for (const f of files) form.append(f.field, new File([typeof f.body === "string" ? f.body : new Uint8Array(f.body)], f.name, { type: f.type }));
  return new Request(`http://localhost${pathname}`, { method: "POST", body: form });
}

async function call(fn: unknown, request: Request, context: AppLoadContext, params: Record<string, string> = {}) {
  const response = await responseOf(() => (fn as Fn)({ request, context, params }));
  const text = await response.text();
  // The answers' shapes are checked field by field below; `any` keeps those checks short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text.startsWith("{") ? JSON.parse(text) : text) as Record<string, any> };
}

/** GET the channel's form (its signed time), read it, then POST it. */
async function report(w: Awaited<ReturnType<typeof world>>, fields: Record<string, string | string[]>, options: { locale?: string; ip?: string; files?: Parameters<typeof multipart>[2]; wait?: boolean } = {}) {
  const c = await ctx(w, options.locale, options.ip);
  const page = await call(channelRoute.loader, get(`/g/${w.token}`), c, { token: w.token });
  if (options.wait !== false) readTheForm();
  return call(channelRoute.action, multipart(`/g/${w.token}`, { formTime: page.body.formTime, website: "", ...fields }, options.files), c, { token: w.token });
}

/** Real images (a worker's photos are decoded and re-encoded at intake: a bare signature would be refused as unreadable). */
const PNG = await sharp({ create: { width: 12, height: 8, channels: 3, background: "#3a7" } }).png().toBuffer();
/**
 * A phone photo: taken sideways (orientation 6), with the place it was taken (GPS), the phone and
 * the owner's name in its EXIF, as a phone writes them.
 */
const PHONE_JPEG = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#c33" } })
  .jpeg()
  .withExif({ IFD0: { Artist: "Siti Worker", Make: "PhoneCo", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "3/1 8/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "101/1 41/1 0/1" } })
  .withMetadata({ orientation: 6 })
  .toBuffer();
const storedFiles = (dir: string) => (existsSync(path.join(dir, "grievances", "evidence")) ? readdirSync(path.join(dir, "grievances", "evidence")) : []);

describe("intake in every worker language", () => {
  it.each(LANGUAGES.map((l) => l.code))("%s: the form is in the language, the case is created in it", async (code) => {
    const w = await world();
    const c = await ctx(w, code);
    const page = await call(channelRoute.loader, get(`/g/${w.token}`), c, { token: w.token });
    expect(page.status).toBe(200);
    expect(page.body.title).toBe(serverT(code, "public")("report.metaTitle"));
    if (code !== "en") expect(page.body.title).not.toBe(serverT("en", "public")("report.metaTitle"));
    expect(page.body.workplace).toMatchObject({ name: "Kebun Test Sdn Bhd", small: false });
    expect(page.body.parties.map((p: { party: string; names: string[] }) => [p.party, p.names.length])).toEqual([
      ["union", 1],
      ["inspectorate", 1],
      ["company", 1],
    ]);
    readTheForm();
    const sent = await call(channelRoute.action, multipart(`/g/${w.token}`, { formTime: page.body.formTime, website: "", categories: ["wages_withheld", "overtime"], since: "2026-08", peopleCount: "30", description: "Wir bekommen seit zwei Monaten keinen Lohn.", consent: ["union"], contact: "" }), c, { token: w.token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.receipt.caseCode).toMatch(/^G-/);
    expect(sent.body.receipt.secret).toMatch(/^[0-9A-Z]{4}-/);
    expect(sent.body.receipt.reached).toEqual([{ party: "union", name: w.union.org.name }]);
    const row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.caseCode, sent.body.receipt.caseCode)));
    expect(row).toMatchObject({ language: code, categories: ["wages_withheld", "overtime"], since: "2026-08", peopleCount: 30, intake: "online", contactSealed: null, textToCompany: false });
    // A refusal comes back in the same language.
    readTheForm();
    const refused = await call(channelRoute.action, multipart(`/g/${w.token}`, { formTime: page.body.formTime, website: "", consent: ["union"] }), c, { token: w.token });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.categories).toBe(serverT(code, "public")("report.errors.categories"));
  });
});

describe("the nasty cases: a specific message, the input kept, nothing stored", () => {
  const good = { categories: ["documents_taken"], consent: ["union", "inspectorate"], description: "They keep our passports." };

  async function refusedWith(w: Awaited<ReturnType<typeof world>>, fields: Record<string, string | string[]>, options: Parameters<typeof report>[2] = {}) {
    const r = await report(w, fields, options);
    expect(await w.db.select().from(grievances)).toEqual([]);
    expect(storedFiles(w.uploads)).toEqual([]);
    return r;
  }

  it("no category", async () => {
    const w = await world();
    const r = await refusedWith(w, { ...good, categories: [] as string[] });
    expect(r.status).toBe(400);
    expect(r.body.errors.categories).toBe("Tick at least one thing that happened.");
    expect(r.body.values.description).toBe(good.description);
    expect(r.body.lists.consent).toEqual(["union", "inspectorate"]);
  });

  it("an unknown category", async () => {
    const w = await world();
    const r = await refusedWith(w, { ...good, categories: ["documents_taken", "aliens"] });
    expect(r.body.errors.categories).toBe("Tick at least one thing that happened.");
  });

  it("since in the future, or not a month", async () => {
    const w = await world();
    expect((await refusedWith(w, { ...good, since: "2027-01" })).body.errors.since).toMatch(/has not come yet/);
    expect((await refusedWith(w, { ...good, since: "last spring" })).body.errors.since).toBe("Write the month like this: 2026-03.");
  });

  it("a count of people out of range", async () => {
    const w = await world();
    expect((await refusedWith(w, { ...good, peopleCount: "0" })).body.errors.peopleCount).toMatch(/1 to 100000/);
    expect((await refusedWith(w, { ...good, peopleCount: "200000" })).body.errors.peopleCount).toMatch(/1 to 100000/);
  });

  it("6000 characters of text", async () => {
    const w = await world();
    const long = "x".repeat(6000);
    const r = await refusedWith(w, { ...good, description: long });
    expect(r.status).toBe(400);
    expect(r.body.errors.description).toBe("Your words are too long: write at most 5000 letters.");
    expect(r.body.values.description).toBe(long);
  });

  it("consent to a party that is not one", async () => {
    const w = await world();
    expect((await refusedWith(w, { ...good, consent: ["union", "police"] })).body.errors.consent).toMatch(/Choose who may receive/);
  });

  it("nobody chosen", async () => {
    const w = await world();
    const r = await refusedWith(w, { ...good, consent: [] as string[] });
    expect(r.body.errors.consent).toBe("Tick at least one who may receive your report.");
  });

  it("an HTML page sent as a photo refuses the whole report, and nothing is stored", async () => {
    const w = await world();
    const r = await refusedWith(w, good, { files: [{ field: "files", name: "photo.jpg", body: "<!doctype html><script>alert(1)</script>", type: "image/jpeg" }, { field: "files", name: "ok.png", body: PNG, type: "image/png" }] });
    expect(r.status).toBe(400);
    expect(r.body.errors.files).toBe('The file "photo.jpg" cannot be sent. Send photos (JPEG, PNG) or PDF files.');
    expect(r.body.values.description).toBe(good.description);
    expect(readdirSync(path.join(w.uploads, "incoming"))).toEqual([]);
  });

  it("four files", async () => {
    const w = await world();
    const png = { field: "files", name: "p.png", body: PNG, type: "image/png" };
    const r = await refusedWith(w, good, { files: [png, png, png, png] });
    expect(r.body.errors.files).toBe("Send at most 3 files.");
  });

  it("the honeypot filled", async () => {
    const w = await world();
    const r = await refusedWith(w, { ...good, website: "http://spam.example" });
    expect(r.status).toBe(400);
    expect(r.body.errors.form).toMatch(/filled in by a machine/);
    expect(r.body.values.description).toBe(good.description);
  });

  it("sent too fast, with a forged or an expired form time", async () => {
    const w = await world();
    const fast = await refusedWith(w, good, { wait: false });
    expect(fast.body.errors.form).toBe("That was too fast. Wait 3 seconds, check your answers and press Send again.");
    expect(fast.body.values.description).toBe(good.description);
    expect((await refusedWith(w, { ...good, formTime: `${Date.now() - 60_000}.forged` })).body.errors.form).toMatch(/broken or old/);
    const c = await ctx(w);
    const page = await call(channelRoute.loader, get(`/g/${w.token}`), c, { token: w.token });
    vi.setSystemTime(Date.now() + 25 * 60 * 60_000);
    const old = await call(channelRoute.action, multipart(`/g/${w.token}`, { ...good, formTime: page.body.formTime, website: "" }), c, { token: w.token });
    expect(old.body.errors.form).toBe("This page was open for more than one day. Press Send again.");
  });

  it("the sixth report in an hour from one client is refused (429); another client is not", async () => {
    const w = await world();
    for (let i = 0; i < 5; i++) expect((await report(w, good, { ip: "203.0.113.50" })).status).toBe(200);
    const sixth = await report(w, good, { ip: "203.0.113.50", locale: "ne" });
    expect(sixth.status).toBe(429);
    // Said in Nepali, with the limit, the window and the minutes to wait (until the oldest report, about 2 minutes old, leaves the hour).
    const said = [57, 58, 59, 60].map((count) => serverT("ne", "public")("limits.reports", { limit: 5, window: 60, count }));
    expect(said).toContain(sixth.body.errors.form);
    expect((await report(w, good, { ip: "203.0.113.51" })).status).toBe(200);
  });

  it("an unknown or closed link is the plain 404 of any missing page", async () => {
    const w = await world();
    const c = await ctx(w);
    expect((await call(channelRoute.loader, get("/g/zzzzzzzzzz"), c, { token: "zzzzzzzzzz" })).status).toBe(404);
    expect((await call(channelRoute.loader, get("/g/x"), c, { token: "<script>" })).status).toBe(404);
    expect((await call(channelRoute.action, multipart("/g/zzzzzzzzzz", good), c, { token: "zzzzzzzzzz" })).status).toBe(404);
  });
});

describe("a report with a photo and a contact", () => {
  it("stores the photo as evidence and seals the contact; the receipt names who received it", async () => {
    const w = await world();
    const r = await report(w, { categories: ["locked_in"], consent: ["union", "inspectorate", "company"], textToCompany: "yes", contact: "+60 12 000 1111" }, { files: [{ field: "files", name: "gate.png", body: PNG, type: "image/png" }] });
    expect(r.status).toBe(200);
    // Locked in: urgent, so the inspectorate receives it at once beside the union.
    expect(r.body.receipt.reached.map((x: { party: string }) => x.party)).toEqual(["union", "inspectorate"]);
    const row = onlyRow(await w.db.select().from(grievances));
    expect(row.contactSealed).toMatch(/^v1:/);
    expect(row.textToCompany).toBe(true);
    const files = await w.db.select().from(grievanceFiles).where(eq(grievanceFiles.grievanceId, row.id));
    expect(files.map((f) => [f.fileName, f.mime])).toEqual([["gate.png", "image/png"]]);
    expect(files[0]!.filePath).toContain(path.join("grievances", "evidence"));
    expect(storedFiles(w.uploads)).toHaveLength(1);
  });
});

describe("a worker's photo loses its metadata at intake", () => {
  const good = { categories: ["documents_taken"], consent: ["union"], description: "They keep our passports." };
  it("the stored photo has no EXIF (no place, phone or name), is turned the right way up, and its hash is the stored file's", async () => {
    // The fixture really carries what must go: otherwise this test could not fail.
    const before = await sharp(PHONE_JPEG).metadata();
    expect([before.width, before.height, before.orientation, before.exif !== undefined]).toEqual([40, 20, 6, true]);
    expect(PHONE_JPEG.includes("Siti Worker")).toBe(true);

    const w = await world();
    const r = await report(w, { categories: ["wages_withheld"], consent: ["union"] }, { files: [{ field: "files", name: "gate.jpg", body: PHONE_JPEG, type: "image/jpeg" }] });
    expect(r.status).toBe(200);
    const file = onlyRow(await w.db.select().from(grievanceFiles));
    const stored = readFileSync(file.filePath);
    const after = await sharp(stored).metadata();
    expect([after.format, after.width, after.height]).toEqual(["jpeg", 20, 40]);
    expect([after.exif, after.xmp, after.iptc, after.orientation]).toEqual([undefined, undefined, undefined, undefined]);
    for (const text of ["Siti Worker", "PhoneCo", "Exif"]) expect(stored.includes(text)).toBe(false);
    expect(file.sha256).toBe(createHash("sha256").update(stored).digest("hex"));
    expect(file.size).toBe(stored.length);
  });

  it("a file that starts like a photo but cannot be decoded is refused by name, and nothing is stored", async () => {
    const w = await world();
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("not really a photo")]);
    const r = await report(w, good, { files: [{ field: "files", name: "ok.png", body: PNG, type: "image/png" }, { field: "files", name: "broken.jpg", body: broken, type: "image/jpeg" }] });
    expect(r.status).toBe(400);
    expect(r.body.errors.files).toBe('The photo "broken.jpg" could not be opened. Choose another photo.');
    expect(r.body.values.description).toBe(good.description);
    expect(storedFiles(w.uploads)).toEqual([]);
    expect(await w.db.select().from(grievances)).toEqual([]);
  });

  it("an office document is refused (its properties carry the author's name); a PDF passes", async () => {
    const w = await world();
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);
    const r = await report(w, good, { files: [{ field: "files", name: "contract.docx", body: docx, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }] });
    expect(r.body.errors.files).toBe('The file "contract.docx" cannot be sent. Send photos (JPEG, PNG) or PDF files.');
    const ok = await report(w, { categories: ["wages_withheld"], consent: ["union"] }, { files: [{ field: "files", name: "slip.pdf", body: "%PDF-1.4\n%%EOF\n", type: "application/pdf" }] });
    expect(ok.status).toBe(200);
    expect((await w.db.select().from(grievanceFiles)).map((f) => f.mime)).toEqual(["application/pdf"]);
  });
});

describe("the general page", () => {
  it("asks the country first, then takes a report with where it happens", async () => {
    const w = await world();
    const c = await ctx(w, "ur");
    const first = await call(reportRoute.loader, get("/report"), c);
    expect(first.body.country).toBeNull();
    expect(first.body.countries).toEqual(["MY"]);
    const page = await call(reportRoute.loader, get("/report?country=my"), c);
    expect(page.body.country).toBe("MY");
    expect(page.body.parties.map((p: { party: string; names: string[] }) => [p.party, p.names.length])).toEqual([
      ["union", 1],
      ["inspectorate", 1],
      ["company", 0],
    ]);
    readTheForm();
    const missing = await call(reportRoute.action, multipart("/report?country=MY", { formTime: page.body.formTime, website: "", country: "MY", categories: "fees_debt", consent: "union" }), c);
    expect(missing.body.errors.workplaceText).toBe(serverT("ur", "public")("report.errors.workplace"));
    const sent = await call(reportRoute.action, multipart("/report?country=MY", { formTime: page.body.formTime, website: "", country: "MY", workplaceText: "Ladang X, Sandakan", categories: "fees_debt", consent: "union" }), c);
    expect(sent.status).toBe(200);
    const row = onlyRow(await w.db.select().from(grievances));
    expect(row).toMatchObject({ country: "MY", supplierId: null, workplaceText: "Ladang X, Sandakan", language: "ur" });
  });
});

describe("the worker's case page", () => {
  it("opens with the code and secret, adds information with a file, and rates the remedy once there is one", async () => {
    const w = await world();
    const sent = await report(w, { categories: ["wages_withheld"], consent: ["union"] }, { locale: "my" });
    const { caseCode, secret } = sent.body.receipt as { caseCode: string; secret: string };
    const c = await ctx(w, "my", "192.0.2.9");
    expect((await call(caseRoute.loader, get("/case"), c)).body.title).toBe(serverT("my", "public")("case.metaTitle"));

    const wrong = await call(caseRoute.action, multipart("/case", { intent: "open", code: caseCode, secret: "AAAA-BBBB" }), c);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.secret).toBe(serverT("my", "public")("case.errors.wrong"));
    expect(wrong.body.values.code).toBe(caseCode);

    const opened = await call(caseRoute.action, multipart("/case", { intent: "open", code: caseCode.toLowerCase(), secret }), c);
    expect(opened.status).toBe(200);
    expect(opened.body.view).toMatchObject({ caseCode, status: "new", categories: ["wages_withheld"], remedy: null });
    expect(JSON.stringify(opened.body)).not.toContain("secretHash");
    // The page re-sends the key with its forms (no session): the answer carries what the worker typed.
    expect(opened.body.values).toEqual({ code: caseCode.toLowerCase(), secret });

    const empty = await call(caseRoute.action, multipart("/case", { intent: "add", code: caseCode, secret, text: "" }), c);
    expect(empty.body.errors.text).toBe(serverT("my", "public")("case.errors.empty"));
    const html = await call(caseRoute.action, multipart("/case", { intent: "add", code: caseCode, secret, text: "more" }, [{ field: "file", name: "x.html", body: "<html><body>hi</body></html>", type: "text/html" }]), c);
    expect(html.status).toBe(400);
    expect(html.body.errors.file).toBe(serverT("my", "public")("report.errors.fileType", { name: "x.html" }));

    const added = await call(caseRoute.action, multipart("/case", { intent: "add", code: caseCode, secret, text: "They paid half today." }, [{ field: "file", name: "slip.png", body: PNG, type: "image/png" }]), c);
    expect(added.status).toBe(200);
    expect(added.body.done).toBe("added");
    const info = added.body.view.timeline.find((e: { type: string }) => e.type === "worker_info");
    expect(info).toMatchObject({ party: null, body: "They paid half today." });
    const id = onlyRow(await w.db.select().from(grievances)).id;
    const events = await w.db.select().from(grievanceEvents).where(eq(grievanceEvents.grievanceId, id));
    expect(events.find((e) => e.type === "worker_info")).toMatchObject({ audience: "worker", orgId: null, userId: null });
    expect((await w.db.select().from(grievanceFiles).where(eq(grievanceFiles.grievanceId, id))).map((f) => f.fileName)).toEqual(["slip.png"]);

    const early = await call(caseRoute.action, multipart("/case", { intent: "rate", code: caseCode, secret, rating: "remedied" }), c);
    expect(early.status).toBe(409);
    expect(early.body.errors.rating).toBe(serverT("my", "public")("case.errors.noRemedy"));

    await w.db.update(grievances).set({ remedy: "The wages for August and September were paid in full.", status: "answered" }).where(eq(grievances.id, id));
    const badRating = await call(caseRoute.action, multipart("/case", { intent: "rate", code: caseCode, secret, rating: "great" }), c);
    expect(badRating.body.errors.rating).toBe(serverT("my", "public")("case.errors.rating"));
    const rated = await call(caseRoute.action, multipart("/case", { intent: "rate", code: caseCode, secret, rating: "partly" }), c);
    expect(rated.status).toBe(200);
    expect(rated.body.view).toMatchObject({ workerRating: 2, remedy: "The wages for August and September were paid in full." });
    // The answer is on the worker's own timeline too, as the page words it.
    expect(rated.body.view.timeline.at(-1)).toMatchObject({ type: "worker_rating", party: null, rating: "partly" });
    expect(onlyRow(await w.db.select().from(grievances)).workerRating).toBe(2);

    // Adding and rating re-open the case each time: they count against the same allowance as opening.
    const other = await ctx(w, "en", "192.0.2.10");
    for (let i = 0; i < 20; i++) await call(caseRoute.action, multipart("/case", { intent: "add", code: caseCode, secret: "WRONG", text: "x" }), other);
    const limited = await call(caseRoute.action, multipart("/case", { intent: "add", code: caseCode, secret, text: "x" }), other);
    expect(limited.status).toBe(429);
  });
});

describe("a refused form on the worker's case page", () => {
  it("answers with the case, the error beside the form and the input kept, for one lookup; a wrong key still shows no case", async () => {
    const w = await world();
    const sent = await report(w, { categories: ["wages_withheld"], consent: ["union"] }, { locale: "ne" });
    const { caseCode, secret } = sent.body.receipt as { caseCode: string; secret: string };
    const c = await ctx(w, "ne", "192.0.2.44");
    const t = serverT("ne", "public");
    const lookups = async () => (await w.db.select().from(rateLimitEvents).where(like(rateLimitEvents.key, "grievances.lookup:%"))).length;
    /** A form sent from the open case: refused, with the case shown again, and exactly one lookup taken. */
    const refused = async (fields: Record<string, string>, files: Parameters<typeof multipart>[2] = []) => {
      const before = await lookups();
      const answer = await call(caseRoute.action, multipart("/case", { code: caseCode, secret, ...fields }, files), c);
      expect(answer.body.ok).toBe(false);
      expect(answer.body.view, JSON.stringify(answer.body)).toMatchObject({ caseCode, categories: ["wages_withheld"] });
      expect(answer.body.intent).toBe(fields.intent);
      expect(await lookups()).toBe(before + 1);
      return answer;
    };

    // Refused by the route before the key was tried (nothing to add; a file type): the re-read is the request's one lookup.
    const empty = await refused({ intent: "add", text: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.text).toBe(t("case.errors.empty"));
    const html = await refused({ intent: "add", text: "They took our passports." }, [{ field: "file", name: "x.html", body: "<html></html>", type: "text/html" }]);
    expect(html.body.errors.file).toBe(t("report.errors.fileType", { name: "x.html" }));
    expect(html.body.values.text).toBe("They took our passports.");
    // Refused by the form's schema: what the worker wrote is kept.
    const long = await refused({ intent: "add", text: "x".repeat(5001) });
    expect(long.body.errors.text).toBe(t("case.errors.textLong"));
    expect(long.body.values.text).toHaveLength(5001);
    const badRating = await refused({ intent: "rate", rating: "great" });
    expect(badRating.body.errors.rating).toBe(t("case.errors.rating"));
    // Refused by the worker's action after it had counted the try: the case is re-read without a second lookup.
    const early = await refused({ intent: "rate", rating: "remedied" });
    expect(early.status).toBe(409);
    expect(early.body.errors.rating).toBe(t("case.errors.noRemedy"));
    const instalment = await refused({ intent: "fee-confirm", instalmentId: "999999", answer: "received" });
    expect(instalment.body.errors.instalmentId).toBe(t("fees.errors.instalment"));
    expect(instalment.body.values).toMatchObject({ instalmentId: "999999", answer: "received" });
    // Nothing was written by any of them.
    const id = onlyRow(await w.db.select().from(grievances)).id;
    expect((await w.db.select().from(grievanceEvents).where(eq(grievanceEvents.grievanceId, id))).map((e) => e.type)).toEqual(["reported"]);

    // A wrong key answers as before: the key's refusal, no case, whichever form carried it.
    const forms: Record<string, string>[] = [{ intent: "add", text: "" }, { intent: "rate", rating: "great" }, { intent: "rate", rating: "remedied" }, { intent: "fee-confirm", instalmentId: "1", answer: "received" }];
    for (const fields of forms) {
      const before = await lookups();
      const wrong = await call(caseRoute.action, multipart("/case", { code: caseCode, secret: "AAAA-BBBB", ...fields }), c);
      // Each wrong key is one counted try, never an uncounted second look.
      expect(await lookups()).toBe(before + 1);
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors.secret).toBe(t("case.errors.wrong"));
      expect(wrong.body.view).toBeUndefined();
      expect(JSON.stringify(wrong.body)).not.toContain("wages_withheld");
    }
    // The lookup form refused shows no case either (a missing secret is the worker's own typing).
    const noSecret = await call(caseRoute.action, multipart("/case", { intent: "open", code: caseCode, secret: "" }), c);
    expect(noSecret.body.errors.secret).toBe(t("case.errors.secret"));
    expect(noSecret.body.view).toBeUndefined();
  });
});
