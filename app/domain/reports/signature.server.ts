/**
 * Signed reports (issue 21, decision 034). Every issued report carries a CMS detached signature
 * (adbe.pkcs7.detached) made with its organisation's certificate, appended to the rendered PDF as an
 * incremental update: the file up to the update is the unsigned content, reproducible byte for
 * byte; the signed file differs per signing because the signature carries the signing time.
 *
 * Each organisation's certificate is generated here on first need (RSA 3072, self-signed, 5 years)
 * and its private key is kept sealed under the signing key, which is not in the database
 * (SIGNING_KEY or SIGNING_KEY_FILE, default data/keys/report-signing.key): a copy of the database
 * cannot sign. Checking a signature needs no key: `readSignature` verifies the CMS over the signed
 * byte ranges with the certificate inside it, and the caller compares that certificate's
 * fingerprint with the one on record.
 */
import { constants, createHash, createPrivateKey, generateKeyPairSync, privateEncrypt, randomBytes, verify as verifySignature, X509Certificate, type KeyObject } from "node:crypto";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer } from "@signpdf/utils";
import { and, eq, isNull } from "drizzle-orm";
import forge from "node-forge";
import { firstRow, type Db } from "#db/client";
import { sealingKeys, signingCertificates } from "#db/schema";
import { loadSealingKey, seal, sealingKeySource, unseal, type SealingKeySpec } from "~/lib/sealing.server";

export const SIGNING_KEY: SealingKeySpec = { env: "SIGNING_KEY", fileEnv: "SIGNING_KEY_FILE", defaultFile: "data/keys/report-signing.key" };

const VALIDITY_YEARS = 5;
/** Room for the CMS in the placeholder: a 3072-bit signature and one certificate need about 2 KB. */
const SIGNATURE_LENGTH = 8192;

export interface SigningIdentity {
  id: number;
  certificatePem: string;
  privateKeyPem: string;
  fingerprint: string;
}

/** SHA-256 of a certificate's DER, hex: how a certificate is named on record and on the verify page. */
export function certificateFingerprint(certificateDer: Buffer): string {
  return createHash("sha256").update(certificateDer).digest("hex");
}

/**
 * A self-signed certificate whose subject is the organisation (CN and O, cut to X.509's 64
 * characters), for digital signature and non-repudiation only. Exported for tests, which make a
 * look-alike with another key to check that /verify refuses it.
 */
export function makeCertificate(name: string, now: number): { certificatePem: string; privateKeyPem: string } {
  // Node's native generator: forge's own takes seconds for 3072 bits.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 3072, publicExponent: 0x10001 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive 127-bit serial: unique without a counter.
  cert.serialNumber = "7" + randomBytes(16).toString("hex").slice(1);
  cert.validity.notBefore = new Date(now);
  cert.validity.notAfter = new Date(now);
  cert.validity.notAfter.setUTCFullYear(cert.validity.notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const subject = [
    { name: "commonName", value: name.slice(0, 64) },
    { name: "organizationName", value: name.slice(0, 64) },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", critical: true, digitalSignature: true, nonRepudiation: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem };
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(new X509Certificate(pem).raw);
}

/**
 * The organisation's active signing certificate with its private key opened; created on first
 * need. Two processes creating the first one at once both insert, the unique index on the active
 * certificate keeps one, and both go on with that one.
 */
export async function signingIdentity(db: Db, orgId: number, orgName: string, now: number): Promise<SigningIdentity> {
  const active = async () => firstRow(await db.select().from(signingCertificates).where(and(eq(signingCertificates.orgId, orgId), isNull(signingCertificates.retiredAt))));
  let row = await active();
  if (!row) {
    const made = makeCertificate(orgName, now);
    const validity = new X509Certificate(made.certificatePem);
    await db
      .insert(signingCertificates)
      .values({
        orgId,
        certificatePem: made.certificatePem,
        sealedPrivateKey: seal(loadSealingKey(SIGNING_KEY), made.privateKeyPem),
        fingerprint: certificateFingerprint(pemToDer(made.certificatePem)),
        notBefore: new Date(validity.validFrom),
        notAfter: new Date(validity.validTo),
        createdAt: new Date(now),
      })
      .onConflictDoNothing();
    row = await active();
  }
  if (!row) throw new Error(`No signing certificate for organisation ${orgId} after creating one`);
  const privateKeyPem = unseal(loadSealingKey(SIGNING_KEY), row.sealedPrivateKey);
  if (privateKeyPem === null)
    throw new Error(
      `The signing key of organisation ${orgId} was sealed with another key than ${sealingKeySource(SIGNING_KEY)}. ` +
        "Start with the key it was sealed with (the SIGNING_KEY every node shares, or the key file kept apart from the database's backups).",
    );
  return { id: row.id, certificatePem: row.certificatePem, privateKeyPem, fingerprint: row.fingerprint };
}

const CHECK = "ldd-report-signing-key-check";

/**
 * At start-up: the signing key this process was given must be the one the database's private keys
 * are sealed with (as assertContactKey does for the grievance key). A node without the shared
 * SIGNING_KEY, or a database restored without its key file, stops with a message instead of
 * sealing new organisations' keys under a key the other nodes lack.
 */
export async function assertSigningKey(db: Db): Promise<void> {
  const key = loadSealingKey(SIGNING_KEY);
  const row = firstRow(await db.select().from(sealingKeys).where(eq(sealingKeys.name, "report-signing")));
  if (!row) {
    await db.insert(sealingKeys).values({ name: "report-signing", checkValue: seal(key, CHECK) }).onConflictDoNothing();
    return;
  }
  if (unseal(key, row.checkValue) !== CHECK)
    throw new Error(
      `The organisations' report-signing keys in this database were sealed with another key than ${sealingKeySource(SIGNING_KEY)}. ` +
        "Start with the key they were sealed with (the SIGNING_KEY every node shares, or the key file kept apart from the database's backups); " +
        "without it no report can be signed, and the server will not seal new signing keys under a different key.",
    );
}

/**
 * Appends the signature to a rendered PDF as an incremental update. The result starts with the
 * unsigned bytes unchanged (checked: the reproducibility rule depends on it).
 */
export async function signPdf(unsigned: Buffer, identity: Pick<SigningIdentity, "certificatePem" | "privateKeyPem">, signer: string, signedAt: Date): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: unsigned,
    reason: "Issued",
    contactInfo: "",
    name: signer,
    location: "",
    signingTime: signedAt,
    signatureLength: SIGNATURE_LENGTH,
  });
  const signed = await new SignPdf().sign(withPlaceholder, new NativeKeySigner(identity), signedAt);
  if (signed.length <= unsigned.length || !signed.subarray(0, unsigned.length).equals(unsigned)) throw new Error("Signing changed the unsigned content of the report");
  return signed;
}

/** DigestInfo's DER prefix for SHA-256 (RFC 8017, section 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

/**
 * The CMS SignedData that Acrobat's adbe.pkcs7.detached expects (as @signpdf's P12Signer builds it:
 * content type, signing time, message digest as signed attributes, in that order), with the RSA
 * operation done by Node's native crypto. forge's own RSA in JavaScript took about 100 ms of a
 * report's 120 ms of signing (3072-bit key), and the PKCS#12 round trip P12Signer needs the rest.
 */
class NativeKeySigner extends Signer {
  private readonly certificate: forge.pki.Certificate;
  private readonly key: KeyObject;
  constructor(identity: Pick<SigningIdentity, "certificatePem" | "privateKeyPem">) {
    super();
    this.certificate = forge.pki.certificateFromPem(identity.certificatePem);
    this.key = createPrivateKey(identity.privateKeyPem);
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString("binary"));
    p7.addCertificate(this.certificate);
    const key = this.key;
    p7.addSigner({
      // forge calls key.sign(digest of the signed attributes): RSASSA-PKCS1-v1_5 is the private-key
      // operation over DigestInfo with PKCS#1 type-1 padding, which privateEncrypt does natively.
      key: { sign: (md: forge.md.MessageDigest) => privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), "binary")])).toString("binary") } as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.certificate,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), "binary");
  }
}

export type SignatureCheck =
  | { valid: true; fingerprint: string; subject: string; signedAt: number | null }
  /** "none": no signature; "coverage": it does not cover the whole file (bytes added after it); "malformed"; "digest": the signed bytes changed; "signature": the CMS does not verify. */
  | { valid: false; problem: "none" | "coverage" | "malformed" | "digest" | "signature" };

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
};
const DIGESTS: Record<string, string> = { "2.16.840.1.101.3.4.2.1": "sha256", "2.16.840.1.101.3.4.2.2": "sha384", "2.16.840.1.101.3.4.2.3": "sha512" };

const isContext = (node: forge.asn1.Asn1, type: number) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === type;
const children = (node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] => (node && Array.isArray(node.value) ? node.value : []);
const bytesOf = (node: forge.asn1.Asn1 | undefined): string => (node && typeof node.value === "string" ? node.value : "");

/**
 * The last signature in a PDF, checked: its byte ranges must cover the whole file but the
 * signature itself, the digest of those bytes must be the one signed, and the signature over the
 * signed attributes must verify with the certificate in the CMS. Says nothing about whose
 * certificate it is: the caller compares the fingerprint with the one on record.
 */
export function readSignature(bytes: Buffer): SignatureCheck {
  const text = bytes.toString("latin1");
  const at = text.lastIndexOf("/ByteRange");
  if (at < 0) return { valid: false, problem: "none" };
  const range = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
  if (!range) return { valid: false, problem: "malformed" };
  const [a, b, c, d] = range.slice(1).map(Number) as [number, number, number, number];
  // Whatever was appended after the signed ranges (or a hole elsewhere) is not covered by the signature.
  if (a !== 0 || c <= b || c + d !== bytes.length) return { valid: false, problem: "coverage" };
  const hex = text.slice(b, c);
  if (!/^<[0-9a-fA-F]*>$/.test(hex)) return { valid: false, problem: "malformed" };
  try {
    // The placeholder is padded with zeros after the DER: forge takes an options object there (its types say boolean).
    const options = { parseAllBytes: false, strict: true } as unknown as boolean;
    const cms = forge.asn1.fromDer(forge.util.hexToBytes(hex.slice(1, -1)), options);
    const [contentType, wrapped] = children(cms);
    if (forge.asn1.derToOid(bytesOf(contentType)) !== OID.signedData) return { valid: false, problem: "malformed" };
    const signedData = children(children(wrapped)[0]);
    const certificates = children(signedData.find((n) => isContext(n, 0)));
    const signerInfos = children(signedData[signedData.length - 1]);
    if (signerInfos.length !== 1 || certificates.length === 0) return { valid: false, problem: "malformed" };
    const info = children(signerInfos[0]);
    const serial = forge.util.bytesToHex(bytesOf(children(info[1])[1]));
    const digestName = DIGESTS[forge.asn1.derToOid(bytesOf(children(info[2])[0]))];
    const attributes = info.find((n) => isContext(n, 0));
    const signature = info.find((n, i) => i > 2 && n.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.OCTETSTRING);
    if (!digestName || !attributes || !signature) return { valid: false, problem: "malformed" };
    let messageDigest: string | null = null;
    let signedAt: number | null = null;
    for (const attribute of children(attributes)) {
      const [type, values] = children(attribute);
      const oid = forge.asn1.derToOid(bytesOf(type));
      const value = children(values)[0];
      if (oid === OID.messageDigest) messageDigest = bytesOf(value);
      if (oid === OID.signingTime && value) signedAt = (value.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(bytesOf(value)) : forge.asn1.generalizedTimeToDate(bytesOf(value))).getTime();
    }
    const signed = createHash(digestName).update(bytes.subarray(a, b)).update(bytes.subarray(c, c + d)).digest();
    if (messageDigest === null || !Buffer.from(messageDigest, "binary").equals(signed)) return { valid: false, problem: "digest" };
    const certificateDer = certificates
      .map((node) => Buffer.from(forge.asn1.toDer(node).getBytes(), "binary"))
      .find((der) => new X509Certificate(der).serialNumber.toLowerCase().replace(/^0+/, "") === serial.toLowerCase().replace(/^0+/, ""));
    if (!certificateDer) return { valid: false, problem: "malformed" };
    // The signed attributes are signed as a SET (tag 0x31), not as the [0] they are stored under.
    const signedAttributes = Buffer.from(forge.asn1.toDer(attributes).getBytes(), "binary");
    signedAttributes[0] = 0x31;
    const certificate = new X509Certificate(certificateDer);
    const ok = verifySignature(digestName, signedAttributes, certificate.publicKey, Buffer.from(bytesOf(signature), "binary"));
    if (!ok) return { valid: false, problem: "signature" };
    const subject = /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1] ?? certificate.subject;
    return { valid: true, fingerprint: certificateFingerprint(certificateDer), subject, signedAt };
  } catch {
    return { valid: false, problem: "malformed" };
  }
}
