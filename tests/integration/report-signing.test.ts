/**
 * Signed reports (issue 21 item 3, decision 034): every issued report carries its organisation's
 * signature, which poppler's pdfsig (the tool a regulator's office would use) finds valid; the
 * unsigned content stays reproducible; /verify names the signer only when the signature holds and
 * its certificate is the one on record, and refuses an altered, extended or re-signed copy; one
 * certificate per organisation even when two reports are issued at once; the private key is
 * sealed, never in the database in clear.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, reports, signingCertificates, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { issueReport } from "~/domain/reports/issue.server";
import { assertSigningKey, makeCertificate, readSignature, signingIdentity, signPdf, SIGNING_KEY } from "~/domain/reports/signature.server";
import { verifyFile, verifyText } from "~/domain/reports/verify.server";
import { forgetSealingKey } from "~/lib/sealing.server";
import { createTestDb } from "../support/db";
import { actorFor } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { firstRow, rawAll } from "../../db/client";

const COMPANY = "Northwind Fresh Foods GmbH";

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const companyId = firstRow(await db.select().from(organisations).where(eq(organisations.name, COMPANY)))!.id;
  const userId = firstRow(await db.select().from(users).where(eq(users.email, "compliance@northwind.example")))!.id;
  const suppliers = await rawAll<{ id: number }>(db, `select id from suppliers where org_id = ? order by external_id limit 2`, companyId);
  const dir = path.join(TMP_DIR, `signing-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return { db, dir, companyId, company: await actorFor(db, userId, companyId), suppliers: suppliers.map((s) => s.id) };
}

const rowOf = async (db: Awaited<ReturnType<typeof world>>["db"], id: string) => firstRow(await db.select().from(reports).where(eq(reports.id, id)))!;

function pdfsig(file: string): string {
  const run = spawnSync("pdfsig", [file], { encoding: "utf8" });
  return `${run.stdout}${run.stderr}`;
}

const NOW = Date.UTC(2026, 11, 3, 9, 30);

describe("signed reports", () => {
  it("an issued report is signed by its organisation: pdfsig finds the signature valid, /verify names the signer and the time", async () => {
    const w = await world();
    const { id } = await issueReport(w.db, w.company, { type: "supplier_profile", params: { supplierId: w.suppliers[0]! }, pageSize: "A4" }, { dir: w.dir, now: NOW });
    const row = await rowOf(w.db, id);
    const certificate = firstRow(await w.db.select().from(signingCertificates).where(eq(signingCertificates.id, row.signingCertificateId!)))!;
    expect(certificate.orgId).toBe(w.companyId);
    expect(row.signedAt?.getTime()).toBe(NOW);
    const bytes = readFileSync(row.filePath);
    expect(bytes.length).toBe(row.size);
    expect(row.contentSize).toBeLessThan(row.size);
    const sig = pdfsig(row.filePath);
    expect(sig).toContain("Signature is Valid");
    expect(sig).toContain(`Signer Certificate Common Name: ${COMPANY}`);
    expect(sig).toContain("Total document signed");
    // The closing page says what is reproducible and that the file is signed (not "the same file").
    const text = spawnSync("pdftotext", [row.filePath, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
    expect(text).toContain("always produce the same content. The file is digitally signed by the issuing organisation");
    expect(readSignature(bytes)).toEqual({ valid: true, fingerprint: certificate.fingerprint, subject: COMPANY, signedAt: NOW });
    expect(await verifyFile(w.db, row.filePath)).toMatchObject({
      kind: "authentic",
      report: { id },
      signer: { organisation: COMPANY, signedAt: NOW, fingerprint: certificate.fingerprint },
    });
    // The unsigned content's hash is one more way to look a report up.
    expect(await verifyText(w.db, row.contentSha256!)).toMatchObject({ kind: "issued", by: "hash", report: { id } });
  });

  it("the unsigned content is reproducible byte for byte, in another directory and under another certificate; the signed file is not", async () => {
    // One database: the demo seed stamps its rows with the clock, so a second seeded database is
    // not the same data (another data-as-of, another report id). The report is issued again from
    // scratch instead, after its row is gone and the certificate it was signed with is retired.
    const w = await world();
    const request = { type: "supplier_profile" as const, params: { supplierId: w.suppliers[0]! }, pageSize: "A4" as const };
    const first = await rowOf(w.db, (await issueReport(w.db, w.company, request, { dir: w.dir, now: NOW })).id);
    const unsignedFirst = readFileSync(first.filePath).subarray(0, first.contentSize!);
    await w.db.delete(reports).where(eq(reports.id, first.id));
    await w.db.update(signingCertificates).set({ retiredAt: new Date(NOW) }).where(eq(signingCertificates.id, first.signingCertificateId!));
    const second = await rowOf(w.db, (await issueReport(w.db, w.company, request, { dir: `${w.dir}-again`, now: NOW + 60_000 })).id);
    expect(second.id).toBe(first.id);
    expect(second.contentSha256).toBe(first.contentSha256);
    expect(readFileSync(second.filePath).subarray(0, second.contentSize!).equals(unsignedFirst)).toBe(true);
    expect(second.signingCertificateId).not.toBe(first.signingCertificateId);
    expect(second.sha256).not.toBe(first.sha256);
    expect(pdfsig(second.filePath)).toContain("Signature is Valid");
    // Rows are never deleted: the retired certificate stays on record beside the new one.
    expect(await w.db.select().from(signingCertificates).where(eq(signingCertificates.orgId, w.companyId))).toHaveLength(2);
  });

  it("/verify refuses an altered file, bytes appended after the signature, and the content re-signed with a look-alike certificate", async () => {
    const w = await world();
    const { id } = await issueReport(w.db, w.company, { type: "supplier_profile", params: { supplierId: w.suppliers[0]! }, pageSize: "A4" }, { dir: w.dir, now: NOW });
    const row = await rowOf(w.db, id);
    const signed = readFileSync(row.filePath);

    // (a) One byte changed in the signed content: the hash and the signature both fail.
    const altered = Buffer.from(signed);
    const at = altered.indexOf("/CreationDate (D:") + 18;
    altered[at] = altered[at] === 0x31 ? 0x32 : 0x31;
    const alteredFile = path.join(w.dir, "altered.pdf");
    writeFileSync(alteredFile, altered);
    expect(readSignature(altered)).toEqual({ valid: false, problem: "digest" });
    expect(pdfsig(alteredFile)).not.toContain("Signature is Valid");
    expect(await verifyFile(w.db, alteredFile)).toMatchObject({ kind: "altered", report: { id } });

    // (c) Bytes appended after the signature: it no longer covers the whole file.
    const appendedFile = path.join(w.dir, "appended.pdf");
    writeFileSync(appendedFile, Buffer.concat([signed, Buffer.from("\n% added later\n")]));
    expect(readSignature(readFileSync(appendedFile))).toEqual({ valid: false, problem: "coverage" });
    expect(await verifyFile(w.db, appendedFile)).toMatchObject({ kind: "altered", report: { id } });

    // (b) The unsigned content re-signed with a self-made certificate bearing the same name: the
    // signature itself is valid (pdfsig says so), but it is not the organisation's certificate.
    const lookAlike = makeCertificate(COMPANY, NOW);
    const resigned = await signPdf(signed.subarray(0, row.contentSize!), lookAlike, COMPANY, new Date(NOW));
    const resignedFile = path.join(w.dir, "resigned.pdf");
    writeFileSync(resignedFile, resigned);
    expect(pdfsig(resignedFile)).toContain("Signature is Valid");
    expect(pdfsig(resignedFile)).toContain(`Signer Certificate Common Name: ${COMPANY}`);
    const verdict = await verifyFile(w.db, resignedFile);
    expect(verdict).toMatchObject({ kind: "foreignSignature", report: { id }, subject: COMPANY });
    expect(verdict.kind === "foreignSignature" && verdict.fingerprint).not.toBe(firstRow(await w.db.select().from(signingCertificates))!.fingerprint);

    // The issued file counter-signed on top with the look-alike: its last signature is not ours either.
    const countersigned = path.join(w.dir, "countersigned.pdf");
    writeFileSync(countersigned, await signPdf(signed, lookAlike, COMPANY, new Date(NOW)));
    expect(await verifyFile(w.db, countersigned)).toMatchObject({ kind: "foreignSignature", report: { id } });

    // The untouched file is still authentic.
    expect(await verifyFile(w.db, row.filePath)).toMatchObject({ kind: "authentic", signer: { organisation: COMPANY } });
  });

  it("one certificate per organisation when two reports are issued at once; the private key is sealed, not in the database in clear", async () => {
    const w = await world();
    const issued = await Promise.all(
      w.suppliers.map((supplierId) => issueReport(w.db, w.company, { type: "supplier_profile", params: { supplierId }, pageSize: "A4" }, { dir: w.dir, now: NOW })),
    );
    const rows = await Promise.all(issued.map(({ id }) => rowOf(w.db, id)));
    const certificates = await w.db.select().from(signingCertificates).where(eq(signingCertificates.orgId, w.companyId));
    expect(certificates).toHaveLength(1);
    expect(rows.map((r) => r.signingCertificateId)).toEqual([certificates[0]!.id, certificates[0]!.id]);
    // And when the two creations really do overlap: both insert, the unique index keeps one.
    const otherOrg = firstRow(await w.db.select().from(organisations).where(eq(organisations.name, "Demo Labour Inspectorate")))!;
    const [x, y] = await Promise.all([signingIdentity(w.db, otherOrg.id, otherOrg.name, NOW), signingIdentity(w.db, otherOrg.id, otherOrg.name, NOW)]);
    expect(y.id).toBe(x.id);
    expect(await w.db.select().from(signingCertificates).where(eq(signingCertificates.orgId, otherOrg.id))).toHaveLength(1);

    const identity = await signingIdentity(w.db, w.companyId, COMPANY, NOW);
    const keyBody = identity.privateKeyPem.split("\n").filter((l) => l && !l.startsWith("-----"));
    const stored = JSON.stringify(await rawAll(w.db, `select * from signing_certificates`));
    expect(stored).not.toContain("PRIVATE KEY");
    for (const line of keyBody) expect(stored).not.toContain(line);
    expect(certificates[0]!.sealedPrivateKey).toMatch(/^v1:/);

    // Under another signing key the sealed private key cannot be opened: an operator's error, not
    // a new certificate; and a server given another key refuses to start.
    await assertSigningKey(w.db);
    await assertSigningKey(w.db);
    const before = process.env.SIGNING_KEY;
    process.env.SIGNING_KEY = Buffer.alloc(32, 9).toString("base64");
    forgetSealingKey(SIGNING_KEY);
    try {
      await expect(signingIdentity(w.db, w.companyId, COMPANY, NOW)).rejects.toThrow(/sealed with another key than SIGNING_KEY/);
      await expect(assertSigningKey(w.db)).rejects.toThrow(/sealed with another key than SIGNING_KEY/);
    } finally {
      if (before === undefined) delete process.env.SIGNING_KEY;
      else process.env.SIGNING_KEY = before;
      forgetSealingKey(SIGNING_KEY);
    }
    expect(await w.db.select().from(signingCertificates).where(eq(signingCertificates.orgId, w.companyId))).toHaveLength(1);
  });
});
