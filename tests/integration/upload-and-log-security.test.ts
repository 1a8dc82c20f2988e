/**
 * Uploads, downloads and the activity log under a security probe's cases: refused uploads leave
 * nothing on disk, malformed multipart bodies get a 400 with a sentence (fuzzed), exports and
 * downloads are logged, and the log's actor cannot be spoofed by a display name.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditLog, contests, importIssues, imports as importsTable, suppliers } from "#db/schema";
import { browseLog, logRows } from "~/domain/activity-log/activity-log-view.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { createShare } from "~/domain/sharing/share-management.server";
import { MalformedUpload, MULTIPART_LIMITS, parseMultipart, type MultipartHandlers } from "~/lib/multipart.server";
import { readUpload } from "~/lib/upload.server";
import * as logCsv from "~/routes/activity-log[.csv]";
import * as contestEvidence from "~/routes/contests.$contestId.evidence";
import * as healthz from "~/routes/healthz";
import * as importErrors from "~/routes/imports.$importId.errors[.csv]";
import * as imports from "~/routes/imports._index";
import * as shared from "~/routes/shared.$supplierId";
import * as suppliersCsv from "~/routes/suppliers[.csv]";
import * as verify from "~/routes/verify";
import { createTestDb } from "../support/db";
import { actorFor, makeOrgWithRoles, makeUser } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";
import { firstRow, rawRun } from "../../db/client";
import { onlyRow } from "../../db/client";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function uploadsDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "uploads-"));
  dirs.push(dir);
  return dir;
}

/** Every file under `dir`, relative, sorted: what a request left on disk. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

function multipart(url: string, fields: Record<string, string>, files: { field: string; name: string; content: string | Buffer }[]): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.field, new Blob([typeof f.content === "string" ? f.content : new Uint8Array(f.content)]), f.name);
  return new Request(`http://localhost${url}`, { method: "POST", body: form });
}

function raw(url: string, body: string | Buffer, contentType = "multipart/form-data; boundary=XX"): Request {
  return new Request(`http://localhost${url}`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers: { "Content-Type": contentType } });
}

const withUploads = (ctx: Awaited<ReturnType<typeof contextFor>>, dir: string) => ({ ...ctx, uploads: { dir, maxBytes: 5 * 1024 * 1024 } });

async function contestWorld() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const supplier = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "S1", name: "Supplier S1", country: "MY", sector: "Agriculture" }).returning());
  return { db, company, union, supplier };
}

const PDF = Buffer.from("%PDF-1.7\n% evidence\n");

describe("uploads leave nothing on disk without their database row", () => {
  it("a contest refused for want of permission (403) or scope (404) writes no file", async () => {
    const w = await contestWorld();
    await createShare(w.db, w.company.admin.actor, { toOrgId: w.union.org.id, scope: ["scores"], countries: "", sectors: "", bands: [] }, null);
    const dir = uploadsDir();
    const post = (userId: number) =>
      responseOf(async () =>
        shared.action({ request: multipart(`/shared/${w.supplier.id}`, { comment: "Wrong" }, [{ field: "evidence", name: "e.pdf", content: PDF }]), context: withUploads(await contextFor(w.db, userId, w.union.org.id), dir), params: { supplierId: String(w.supplier.id) } }),
      );
    // A union viewer may see the supplier but not contest it.
    expect((await post(w.union.viewer.user.id)).status).toBe(403);
    expect(filesUnder(dir)).toEqual([]);

    const other = await makeOrgWithRoles(w.db, "union");
    await createShare(w.db, w.company.admin.actor, { toOrgId: other.org.id, scope: ["identity"], countries: "", sectors: "", bands: [] }, null);
    const noScores = await responseOf(async () =>
      shared.action({ request: multipart(`/shared/${w.supplier.id}`, { comment: "Wrong" }, [{ field: "evidence", name: "e.pdf", content: PDF }]), context: withUploads(await contextFor(w.db, other.member.user.id, other.org.id), dir), params: { supplierId: String(w.supplier.id) } }),
    );
    expect(noScores.status).toBe(404);
    expect(filesUnder(dir)).toEqual([]);
    expect(await w.db.select().from(contests)).toHaveLength(0);
  });

  it("a contest refused after its evidence was stored (no comment) removes the stored file; an accepted one keeps exactly its file", async () => {
    const w = await contestWorld();
    await createShare(w.db, w.company.admin.actor, { toOrgId: w.union.org.id, scope: ["scores"], countries: "", sectors: "", bands: [] }, null);
    const dir = uploadsDir();
    const ctx = withUploads(await contextFor(w.db, w.union.member.user.id, w.union.org.id), dir);
    const params = { supplierId: String(w.supplier.id) };
    const refused = (await shared.action({ request: multipart(`/shared/${w.supplier.id}`, { comment: "  " }, [{ field: "evidence", name: "e.pdf", content: PDF }]), context: ctx, params })) as unknown as { init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(filesUnder(dir)).toEqual([]);
    // A file under a field the route never reads is not kept either.
    const accepted = await responseOf(() =>
      shared.action({
        request: multipart(`/shared/${w.supplier.id}`, { comment: "Wrong" }, [
          { field: "evidence", name: "e.pdf", content: PDF },
          { field: "smuggled", name: "x.bin", content: "junk" },
        ]),
        context: ctx,
        params,
      }),
    );
    expect(accepted.status).toBe(302);
    const row = firstRow(await w.db.select().from(contests))!;
    expect(filesUnder(dir)).toEqual([path.relative(dir, row.evidencePath!)]);
  });

  it("an import refused after the file was received (no kind, empty file) leaves the uploads directory unchanged", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const dir = uploadsDir();
    const ctx = withUploads(await contextFor(db, company.member.user.id, company.org.id), dir);
    for (const request of [
      multipart("/imports", { kind: "" }, [{ field: "file", name: "a.csv", content: "name\nAcme\n" }]),
      multipart("/imports", { kind: "suppliers" }, [{ field: "file", name: "a.csv", content: "" }]),
      multipart("/imports", { kind: "suppliers" }, [{ field: "file", name: "a.csv", content: "name\n" }]),
    ]) {
      const res = (await imports.action({ request, context: ctx, params: {} })) as unknown as { init: { status: number } };
      expect(res.init.status).toBe(400);
      expect(filesUnder(dir)).toEqual([]);
    }
  });

  it("/verify keeps no uploaded file, whatever the answer", async () => {
    const db = createTestDb();
    const dir = uploadsDir();
    const ctx = withUploads(await contextFor(db, null), dir);
    await verify.action({ request: multipart("/verify", {}, [{ field: "file", name: "r.pdf", content: PDF }, { field: "other", name: "o.pdf", content: PDF }]), context: ctx, params: {} });
    expect(filesUnder(dir)).toEqual([]);
  });
});

describe("malformed multipart bodies get a 400 with a sentence", () => {
  it("a file name with = and ; is read as it was sent, on the public /verify too", async () => {
    const db = createTestDb();
    const dir = uploadsDir();
    const result = (await verify.action({ request: multipart("/verify", {}, [{ field: "file", name: "a=b;c.pdf", content: PDF }]), context: withUploads(await contextFor(db, null), dir), params: {} })) as { verdict: { kind: string; reason: string } };
    expect(result.verdict).toEqual({ kind: "unknown", reason: "unknownFile" });
    const upload = await readUpload(multipart("/x", { note: 'say "hi"; x=1' }, [{ field: "file", name: 'a=b;c "quoted".csv', content: "x" }]), dir, 1000, "en");
    expect(upload.ok).toBe(true);
    if (!upload.ok) return;
    expect([...upload.files.values()].map((f) => f.name)).toEqual(['a=b;c "quoted".csv']);
    expect(upload.form.get("note")).toBe('say "hi"; x=1');
  });

  it.each([
    ["no boundary", raw("/verify", "abc", "multipart/form-data"), /^The upload could not be read\. The form must be sent as multipart\/form-data with a boundary/],
    ["no content type", new Request("http://localhost/verify", { method: "POST", body: "a=b" }), /with a boundary/],
    ["an unterminated body", raw("/verify", '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-'), /its closing boundary is missing\.$/],
    ["a 1 MB header", raw("/verify", `--XX\r\nContent-Disposition: form-data; name="file"; filename="${"a".repeat(1 << 20)}"\r\n\r\nx\r\n--XX--\r\n`), /headers longer than 16 KB\.$/],
    ["a control character in a header", raw("/verify", '--XX\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.pdf"\r\n\r\nx\r\n--XX--\r\n'), /malformed header line/],
    ["more than 1000 parts", raw("/verify", `${'--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n'.repeat(1001)}--XX--\r\n`), /more than 1000 fields and files\.$/],
    ["a part without a name", raw("/verify", '--XX\r\nContent-Disposition: form-data; filename="a.pdf"\r\n\r\nx\r\n--XX--\r\n'), /has no field name\.$/],
  ])("%s", async (_label, request, message) => {
    const db = createTestDb();
    const dir = uploadsDir();
    const res = await responseOf(async () => verify.action({ request, context: withUploads(await contextFor(db, null), dir), params: {} }));
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toMatch(message);
    expect(filesUnder(dir)).toEqual([]);
  });

  it("the refusal is in the reader's language: German and Nepali on the public /verify", async () => {
    const db = createTestDb();
    const cutShort = () => raw("/verify", '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-');
    const answer = async (lng: string) => {
      const res = await responseOf(async () => verify.action({ request: cutShort(), context: withUploads(await contextFor(db, null, null, lng), uploadsDir()), params: {} }));
      expect(res.status).toBe(400);
      return res.text();
    };
    expect(await answer("de")).toBe("Der Upload konnte nicht gelesen werden. Der Upload endete, bevor er vollständig war: Die abschließende Boundary fehlt.");
    expect(await answer("ne")).toBe("अपलोड पढ्न सकिएन। अपलोड पूरा हुनुअघि नै समाप्त भयो: यसको अन्तिम boundary छैन।");
    const tooLong = await responseOf(() => readUpload(multipart("/x", { comment: "x".repeat(70_000) }, []), uploadsDir(), 1000, "de"));
    expect(tooLong.status).toBe(413);
    expect(await tooLong.text()).toBe("Das Feld „comment“ ist länger als 64 KB.");
  });

  it("a part whose Content-Disposition cannot be read (an unclosed quote) is ignored: /verify answers that no file was chosen", async () => {
    // busboy skips such a part instead of refusing the form; the route's own answer applies.
    const db = createTestDb();
    const dir = uploadsDir();
    const request = raw("/verify", '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.pdf\r\n\r\nx\r\n--XX--\r\n');
    const result = (await verify.action({ request, context: withUploads(await contextFor(db, null), dir), params: {} })) as unknown as { data: { verdict: { reason: string } }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(result.data.verdict.reason).toBe("noFile");
    expect(filesUnder(dir)).toEqual([]);
  });

  it("a text field over 64 KB is refused with 413, not a 500; one of exactly 64 KB is read", async () => {
    const res = await responseOf(() => readUpload(multipart("/x", { comment: "x".repeat(70_000) }, []), uploadsDir(), 1000, "en"));
    expect(res.status).toBe(413);
    expect(await res.text()).toBe('The field "comment" is longer than 64 KB.');
    const upload = await readUpload(multipart("/x", { comment: "x".repeat(64 * 1024) }, []), uploadsDir(), 1000, "en");
    expect(upload.ok && upload.form.get("comment")).toBe("x".repeat(64 * 1024));
  });

  it("a form of exactly 1000 parts is read", async () => {
    const upload = await readUpload(raw("/x", `${'--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n'.repeat(MULTIPART_LIMITS.parts)}--XX--\r\n`), uploadsDir(), 1000, "en");
    expect(upload.ok && upload.form.getAll("a").length).toBe(MULTIPART_LIMITS.parts);
  });

  it("non-ASCII file names sent raw (as browsers do) and as RFC 8187 filename* are read exactly; folders are dropped", async () => {
    const body = Buffer.concat([
      Buffer.from('--XX\r\nContent-Disposition: form-data; name="a"; filename="รายงาน ü=1;2.pdf"\r\n\r\nx\r\n'),
      Buffer.from("--XX\r\nContent-Disposition: form-data; name=\"b\"; filename=\"fallback.pdf\"; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf\r\n\r\ny\r\n"),
      Buffer.from('--XX\r\nContent-Disposition: form-data; name="c"; filename="C:\\fakepath\\a\\b.csv"\r\n\r\nz\r\n--XX--\r\n'),
    ]);
    const upload = await readUpload(raw("/x", body), uploadsDir(), 1000, "en");
    expect(upload.ok).toBe(true);
    if (!upload.ok) return;
    expect(["a", "b", "c"].map((f) => upload.files.get(upload.form.get(f) as string)?.name)).toEqual(["รายงาน ü=1;2.pdf", "報告.pdf", "b.csv"]);
  });
});

/** Builds a multipart body by hand, the way a careless or hostile client might. */
function buildBody(boundary: string, parts: { name: string; filename: string | null; content: Uint8Array }[]): Buffer {
  const chunks: Buffer[] = [];
  // As browsers do (HTML standard): percent-encode quote, CR and LF; leave backslashes alone.
  const quote = (s: string) => `"${s.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}"`;
  for (const p of parts) {
    // As browsers do, a file part says its type (application/octet-stream when unknown), a text field none.
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quote(p.name)}${p.filename === null ? "" : `; filename=${quote(p.filename)}\r\nContent-Type: application/octet-stream`}\r\n\r\n`));
    chunks.push(Buffer.from(p.content), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The only acceptable outcomes: a parsed form, a "too large", or a 400/413 Response with a sentence. */
async function outcomeOf(request: Request, dir: string) {
  try {
    return { result: await readUpload(request, dir, 64 * 1024, "en") };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    expect([400, 413]).toContain(error.status);
    expect(await error.text()).toMatch(/^[A-Z].*\.$/);
    return { refused: error.status };
  }
}

/** A request body delivered in chunks of the given sizes, to cross every boundary a stream can. */
function chunked(body: Buffer, sizes: number[]): ReadableStream<Uint8Array> {
  let at = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= body.length) return controller.close();
      const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
      controller.enqueue(new Uint8Array(body.subarray(at, at + size)));
      at += size;
    },
  });
}

describe("multipart parser, fuzzed", () => {
  // Raw control characters other than tab are not allowed in a header (RFC 9110): bodies holding
  // them are in the "damaged" property below, and are refused with a 400.
  const nameChars = fc.string({ unit: fc.constantFrom("a", "é", "=", ";", '"', "\\", "/", " ", "\r", "\n", "%", "0", "ü", "\t", ":"), maxLength: 20 });
  const anyNameChars = fc.string({ unit: fc.constantFrom("a", "=", ";", '"', "\\", "\r", "\n", "\u0000", "\u007f", "\t"), maxLength: 20 });
  const part = fc.record({ name: nameChars.filter((s) => s.length > 0), filename: fc.option(nameChars, { nil: null }), content: fc.uint8Array({ maxLength: 300 }) });
  const anyPart = fc.record({ name: anyNameChars.filter((s) => s.length > 0), filename: fc.option(anyNameChars, { nil: null }), content: fc.uint8Array({ maxLength: 300 }) });
  const boundary = fc.stringMatching(/^[A-Za-z0-9'()+_,.-]{1,40}$/);
  const options = { fieldBytes: 64 * 1024, bodyBytes: 1 << 20, drainBytes: 1 << 20 };
  const baseName = (name: string) => {
    const base = (name.split(/[/\\]/).pop() ?? "").replace(/\p{Cc}/gu, "");
    return base === "." || base === ".." ? "" : base;
  };
  /**
   * busboy reads a quoted name as RFC 9110 says, where "\\" escapes the next character; browsers do
   * not escape backslashes, so a name holding two in a row or ending in one (which hides the closing
   * quote: the part is skipped) is not read as sent. The platform's own field names hold none.
   */
  const readableByBusboy = (name: string, isFile: boolean) => !name.endsWith("\\") && (isFile || !name.includes("\\\\"));

  it("reads every well-formed body exactly, however it is chunked", async () => {
    const dir = uploadsDir();
    await fc.assert(
      fc.asyncProperty(boundary, fc.array(part, { maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), async (b, parts, sizes) => {
        // A part whose content contains the delimiter cannot be well-formed; the sender must choose another boundary.
        fc.pre(parts.every((p) => !Buffer.from(p.content).includes(`\r\n--${b}`)));
        fc.pre(parts.every((p) => readableByBusboy(p.name, false) && (p.filename === null || readableByBusboy(p.filename, true))));
        const got: { name: string; filename: string | null; content: string }[] = [];
        const handlers: MultipartHandlers = {
          field: (name, value) => void got.push({ name, filename: null, content: value }),
          file: (h) => {
            const chunks: Buffer[] = [];
            return { write: (c) => void chunks.push(Buffer.from(c)), end: () => void got.push({ name: h.name, filename: h.filename, content: Buffer.concat(chunks).toString("hex") }) };
          },
        };
        await parseMultipart(chunked(buildBody(b, parts), sizes), `multipart/form-data; boundary="${b}"`, handlers, options);
        const unescape = (s: string) => s.replace(/%22/gi, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
        expect(got.map((g) => g.name)).toEqual(parts.map((p) => unescape(p.name)));
        // Files byte for byte; text fields as UTF-8 text.
        expect(got.map((g) => g.content)).toEqual(parts.map((p) => Buffer.from(p.content).toString(p.filename === null ? "utf8" : "hex")));
        expect(got.map((g) => g.filename)).toEqual(parts.map((p) => (p.filename === null ? null : baseName(unescape(p.filename)))));
      }),
      { numRuns: 300 },
    );
    expect(filesUnder(dir)).toEqual([]);
  });

  it("reads the file names the platform's own FormData sends, whatever characters they hold", async () => {
    const dir = uploadsDir();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), async (name, text) => {
        fc.pre(readableByBusboy(name, true));
        const outcome = await outcomeOf(multipart("/x", { text }, [{ field: "file", name, content: "x" }]), dir);
        expect(outcome.result?.ok).toBe(true);
        if (!outcome.result?.ok) return;
        expect(outcome.result.form.get("text")).toBe(text.replace(/\r\n|\r|\n/g, "\r\n"));
        const expected = baseName(name.replace(/\r\n|\r|\n/g, "\r\n"));
        expect([...outcome.result.files.values()].map((f) => f.name)).toEqual([expected]);
        for (const f of outcome.result.files.values()) rmSync(f.path, { force: true });
      }),
      { numRuns: 200 },
    );
  });

  it("answers any damaged body with a parsed form or a 400, never an exception, and leaves no file behind", async () => {
    const dir = uploadsDir();
    const damage = fc.oneof(
      fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.constantFrom("\r\n", "--", '"', ";", "=", "\r\n\r\n", "--XX", "\r\n--XX--").map((s) => new Uint8Array(Buffer.from(s))) }),
      fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(part, anyPart), { maxLength: 4 }), fc.array(damage, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }), fc.constantFrom("multipart/form-data; boundary=XX", 'multipart/form-data; boundary="XX"', "multipart/form-data", "text/plain", "multipart/form-data; boundary=", "MULTIPART/FORM-DATA; BOUNDARY=XX"), async (parts, damages, sizes, contentType) => {
        let body = buildBody("XX", parts);
        for (const d of damages) {
          const at = body.length ? d.at % (body.length + 1) : 0;
          if (d.kind === "truncate") body = body.subarray(0, at);
          else if (d.kind === "insert") body = Buffer.concat([body.subarray(0, at), Buffer.from(d.bytes), body.subarray(at)]);
          else if (at < body.length) body = Buffer.concat([body.subarray(0, at), Buffer.from([d.value]), body.subarray(at + 1)]);
        }
        const request = new Request("http://localhost/x", { method: "POST", body: chunked(body, sizes), headers: { "Content-Type": contentType }, duplex: "half" } as RequestInit);
        const outcome = await outcomeOf(request, dir);
        if (outcome.result?.ok) for (const f of outcome.result.files.values()) rmSync(f.path, { force: true });
        expect(filesUnder(dir)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("a sink's own error (a size limit) passes through unchanged; a malformed body is a MalformedUpload", async () => {
    const body = buildBody("XX", [{ name: "f", filename: "a", content: new Uint8Array(100) }]);
    class Limit extends Error {}
    const type = "multipart/form-data; boundary=XX";
    await expect(parseMultipart(chunked(body, [7]), type, { field: () => undefined, file: () => ({ write: () => { throw new Limit(); }, end: () => undefined }) }, options)).rejects.toBeInstanceOf(Limit);
    await expect(parseMultipart(chunked(body.subarray(0, 50), [7]), type, { field: () => undefined, file: () => ({ write: () => undefined, end: () => undefined }) }, options)).rejects.toBeInstanceOf(MalformedUpload);
  });
});

describe("a refused upload is read to its end before the answer, so the client gets it instead of a reset", () => {
  /** A request whose body is sent in 16 KB chunks (each `delay` ms late), recording how much was read and whether it was cut. */
  function tracked(body: Buffer, contentType = "multipart/form-data; boundary=x", delay = 0) {
    const seen = { read: 0, cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        if (seen.read >= body.length) return controller.close();
        const chunk = body.subarray(seen.read, seen.read + 16 * 1024);
        seen.read += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    const request = new Request("http://localhost/verify", { method: "POST", body: stream, headers: { "Content-Type": contentType }, duplex: "half" } as RequestInit);
    return { seen, request };
  }

  it("a 1 MiB header line: the whole body is read, then the 400 with its sentence", async () => {
    const body = Buffer.from(`--x\r\nX-Long: ${"a".repeat(1 << 20)}\r\n\r\n--x--\r\n`);
    const { seen, request } = tracked(body);
    const res = await responseOf(() => readUpload(request, uploadsDir(), 60 * 1024 * 1024, "en"));
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("The upload could not be read. A part of the form has a malformed header line, or headers longer than 16 KB.");
    expect(seen).toEqual({ read: body.length, cancelled: false });
  });

  it("a body that is not multipart at all is read too", async () => {
    const body = Buffer.alloc(300 * 1024, "a");
    const { seen, request } = tracked(body, "text/plain");
    expect((await responseOf(() => readUpload(request, uploadsDir(), 1024 * 1024, "en"))).status).toBe(400);
    expect(seen).toEqual({ read: body.length, cancelled: false });
  });

  it("a file over the limit: the rest is read (up to the limit again) before 'too large'; a longer rest is cut", async () => {
    const file = (size: number) => Buffer.concat([Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'), Buffer.alloc(size, 1), Buffer.from("\r\n--x--\r\n")]);
    const dir = uploadsDir();
    const limit = 100 * 1024;
    const slightly = tracked(file(150 * 1024));
    expect(await readUpload(slightly.request, dir, limit, "en")).toEqual({ ok: false, tooLarge: true });
    expect(slightly.seen).toEqual({ read: file(150 * 1024).length, cancelled: false });
    const far = tracked(file(1024 * 1024));
    expect(await readUpload(far.request, dir, limit, "en")).toEqual({ ok: false, tooLarge: true });
    expect(far.seen.cancelled).toBe(true);
    expect(far.seen.read).toBeLessThan(3 * limit);
    expect(filesUnder(dir)).toEqual([]);
    // Sent slowly, as over a network: the limit is found while the next chunk is awaited.
    const slow = tracked(file(150 * 1024), undefined, 2);
    expect(await readUpload(slow.request, dir, limit, "en")).toEqual({ ok: false, tooLarge: true });
    expect(slow.seen).toEqual({ read: file(150 * 1024).length, cancelled: false });
    expect(filesUnder(dir)).toEqual([]);
  });
});

describe("evidence served as text", () => {
  it("text evidence named .html is stored and downloaded as .txt, text/plain, nosniff, attachment; an old .html name too", async () => {
    const w = await contestWorld();
    await createShare(w.db, w.company.admin.actor, { toOrgId: w.union.org.id, scope: ["scores"], countries: "", sectors: "", bands: [] }, null);
    const dir = uploadsDir();
    const ctx = withUploads(await contextFor(w.db, w.union.member.user.id, w.union.org.id), dir);
    const html = "<div><iframe src=https://evil.example></iframe><script>alert(1)</script></div>";
    await responseOf(() => shared.action({ request: multipart(`/shared/${w.supplier.id}`, { comment: "See page" }, [{ field: "evidence", name: "page.html", content: html }]), context: ctx, params: { supplierId: String(w.supplier.id) } }));
    const row = firstRow(await w.db.select().from(contests))!;
    expect(row.evidenceName).toBe("page.html.txt");
    const download = async () => (await contestEvidence.loader({ request: get(`/contests/${row.id}/evidence`), context: await contextFor(w.db, w.company.member.user.id, w.company.org.id), params: { contestId: String(row.id) } })) as Response;
    const res = await download();
    expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="page.html.txt"; filename*=UTF-8''page.html.txt`);
    expect(await res.text()).toBe(html);
    // A row stored before names were corrected still downloads under a .txt name.
    await rawRun(w.db, "update contests set evidence_name = 'page.html' where id = ?", row.id);
    expect((await download()).headers.get("Content-Disposition")).toMatch(/^attachment; filename="page\.html\.txt"/);
  });
});

describe("/healthz reset", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("refuses ?reset=1 without the configured token, and accepts it with the token", async () => {
    const db = createTestDb();
    const call = async (headers: Record<string, string> = {}) => (await healthz.loader({ request: new Request("http://localhost/healthz?reset=1", { headers }), context: await contextFor(db, null), params: {} })) as Response;
    vi.stubEnv("HEALTHZ_RESET_TOKEN", "");
    expect((await call()).status).toBe(403);
    expect((await call({ "X-Healthz-Reset-Token": "" })).status).toBe(403);
    vi.stubEnv("HEALTHZ_RESET_TOKEN", "s3cret-token-for-the-load-test");
    const refused = await call({ "X-Healthz-Reset-Token": "guess" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("Resetting the monitoring figures is reserved for the platform's own load test.");
    expect((await call({ "X-Healthz-Reset-Token": "s3cret-token-for-the-load-test" })).status).toBe(200);
    // Plain monitoring is unchanged.
    expect(((await healthz.loader({ request: get("/healthz"), context: await contextFor(db, null), params: {} })) as Response).status).toBe(200);
  });
});

describe("audit log: exports and downloads are recorded, the actor cannot be spoofed", () => {
  const events = async (db: ReturnType<typeof createTestDb>, action: string) => (await db.select().from(auditLog)).filter((e) => e.action === action);

  it("records the supplier export, the log export and an import's error report with org, actor, filters and row count", async () => {
    const w = await contestWorld();
    await w.db.insert(suppliers).values({ orgId: w.company.org.id, externalId: "S2", name: "Supplier S2", country: "TH", sector: "Fishing" });
    const ctx = await contextFor(w.db, w.company.admin.user.id, w.company.org.id);
    const csv = (await suppliersCsv.loader({ request: get("/suppliers.csv?country=TH"), context: ctx, params: {} })) as Response;
    await csv.text();
    expect((await events(w.db, "export.suppliers")).map((e) => [e.orgId, e.actorUserId, e.details])).toEqual([[w.company.org.id, w.company.admin.user.id, { filters: { country: "TH" }, rows: 1 }]]);

    await ((await logCsv.loader({ request: get("/activity-log.csv?action=export."), context: ctx, params: {} })) as Response).text();
    // Counted before its own entry is written: the supplier export only.
    expect((await events(w.db, "export.audit_log")).map((e) => [e.orgId, e.actorUserId, e.details])).toEqual([[w.company.org.id, w.company.admin.user.id, { filters: { action: "export." }, rows: 1 }]]);

    const file = path.join(uploadsDir(), "list.csv");
    writeFileSync(file, "name,country\nAcme,XX\nGood,MY\nBad,YY\n");
    const imp = onlyRow(await w.db
          .insert(importsTable)
          .values({ orgId: w.company.org.id, kind: "suppliers", status: "analysed", fileName: "list.csv", filePath: file, fileSize: 1, fileSha256: "x", encoding: "utf-8", delimiter: ",", headers: ["name", "country"], mapping: ["name", "country"], createdBy: w.company.admin.user.id })
          .returning());
    await w.db.insert(importIssues).values([{ importId: imp.id, row: 2, severity: "error", column: "country", message: "Unknown country." }, { importId: imp.id, row: 4, severity: "error", column: "country", message: "Unknown country." }]);
    const report = (await importErrors.loader({ request: get(`/imports/${imp.id}/errors.csv`), context: ctx, params: { importId: String(imp.id) } })) as Response;
    expect(await report.text()).toContain("Bad,YY");
    expect((await events(w.db, "export.import_errors")).map((e) => [e.orgId, e.actorUserId, e.targetType, e.targetId, e.details])).toEqual([[w.company.org.id, w.company.admin.user.id, "import", String(imp.id), { rows: 2 }]]);
  });

  it("filters by day (UTC) and by actor name or e-mail in any case, on either engine", async () => {
    const w = await contestWorld();
    const org = w.company.org.id;
    const by = w.company.admin.user;
    const at = (iso: string) => Date.parse(iso);
    await recordEvent(w.db, { action: "share.created", orgId: org, actorUserId: by.id }, at("2026-03-09T23:59:59Z"));
    await recordEvent(w.db, { action: "share.revoked", orgId: org, actorUserId: by.id }, at("2026-03-10T00:00:00Z"));
    await recordEvent(w.db, { action: "member.invited", orgId: org, actorUserId: by.id }, at("2026-03-10T23:59:59Z"));
    await recordEvent(w.db, { action: "member.removed", orgId: org, actorUserId: by.id }, at("2026-03-11T00:00:00Z"));
    const actions = async (filter: Parameters<typeof browseLog>[2]) => (await browseLog(w.db, w.company.admin.actor, filter)).rows.map((r) => r.action).sort();
    expect(await actions({ from: "2026-03-10", to: "2026-03-10" })).toEqual(["member.invited", "share.revoked"]);
    expect(await actions({ action: "SHARE.", to: "2026-03-09" })).toEqual(["share.created"]);
    expect(await actions({ q: by.email.toUpperCase(), from: "2026-03-11", to: "2026-03-11" })).toEqual(["member.removed"]);
    expect(await actions({ q: "nobody-has-this-name", from: "2026-03-11" })).toEqual([]);
  });

  it("records a contest evidence download by either side", async () => {
    const w = await contestWorld();
    await createShare(w.db, w.company.admin.actor, { toOrgId: w.union.org.id, scope: ["scores"], countries: "", sectors: "", bands: [] }, null);
    const dir = uploadsDir();
    await responseOf(async () => shared.action({ request: multipart(`/shared/${w.supplier.id}`, { comment: "See" }, [{ field: "evidence", name: "e.pdf", content: PDF }]), context: withUploads(await contextFor(w.db, w.union.member.user.id, w.union.org.id), dir), params: { supplierId: String(w.supplier.id) } }));
    const contest = firstRow(await w.db.select().from(contests))!;
    for (const [user, org] of [[w.company.viewer.user.id, w.company.org.id], [w.union.viewer.user.id, w.union.org.id]] as const) {
      await ((await contestEvidence.loader({ request: get(`/contests/${contest.id}/evidence`), context: await contextFor(w.db, user, org), params: { contestId: String(contest.id) } })) as Response).text();
    }
    expect((await events(w.db, "evidence.downloaded")).map((e) => [e.orgId, e.actorUserId, e.targetType, e.targetId, e.details])).toEqual([
      [w.company.org.id, w.company.viewer.user.id, "contest", String(contest.id), { fileName: "e.pdf", sha256: contest.evidenceSha256 }],
      [w.union.org.id, w.union.viewer.user.id, "contest", String(contest.id), { fileName: "e.pdf", sha256: contest.evidenceSha256 }],
    ]);
  });

  it("shows the actor's name and e-mail from the database in separate fields, so a display name cannot pose as another address", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const pat = await makeUser(db, { orgId: company.org.id, role: "member", name: "Pat <admin@platform.example>", email: "pat@northwind.example" });
    await recordEvent(db, { action: "import.uploaded", orgId: company.org.id, actorUserId: pat.id });
    const [row] = (await browseLog(db, company.admin.actor, {})).rows;
    expect(row).toMatchObject({ actorUserId: pat.id, actorName: "Pat <admin@platform.example>", actorEmail: "pat@northwind.example" });
    expect(row).not.toHaveProperty("actor");
    const lines: string[][] = [];
    for await (const l of logRows(db, company.admin.actor, {})) lines.push(l);
    const [header, line] = lines;
    const byColumn = Object.fromEntries(header!.map((h, i) => [h, line![i]]));
    expect(byColumn).toMatchObject({ actor_user_id: String(pat.id), actor_name: "Pat <admin@platform.example>", actor_email: "pat@northwind.example" });
    expect(line!.some((c) => c.includes("<pat@northwind.example>"))).toBe(false);
  });

  it("offers in the event filter only the events of the viewer's own organisation; the platform administrator sees all", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "inspectorate");
    await recordEvent(db, { action: "share.created", orgId: company.org.id, actorUserId: company.admin.user.id });
    await recordEvent(db, { action: "audit.scheduled", orgId: other.org.id, actorUserId: other.admin.user.id });
    expect((await browseLog(db, company.admin.actor, {})).actions).toEqual(["share.created"]);
    const operator = await makeUser(db, { platformAdmin: true });
    expect((await browseLog(db, await actorFor(db, operator.id, null), {})).actions).toEqual(["audit.scheduled", "share.created"]);
  });
});
