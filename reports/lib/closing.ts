/** The last block of every report: where it comes from and how anyone can check it. */
import type { Provenance } from "../types";
import { COLOURS, type Report } from "./pdf";

export function provenance(r: Report, p: Provenance): void {
  r.section("Provenance and verification", { newPage: false });
  r.keyValues([
    ["Report id", p.id],
    ["Issued by", p.issuer],
    ["Data as of", `${p.dataAsOf.toISOString().slice(0, 16).replace("T", " ")} UTC`],
    ["Risk methodology", p.methodology ?? "—"],
    ["Reference data", p.references.join("; ") || "—"],
    ["Data fingerprint", p.dataHash],
  ]);
  r.paragraph(
    "To check that this document is authentic and unaltered, open the platform's verify page (/verify, no account needed) and upload this PDF, or type its report id. The platform keeps the SHA-256 of the file it issued: any change to the file, however small, makes it fail the check. The data fingerprint is the SHA-256 of the data the report was generated from; the same data and parameters always produce the same file.",
    { muted: true, size: 8.5 },
  );
  r.doc.fillColor(COLOURS.ink);
}
