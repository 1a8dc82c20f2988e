/** The last block of every report: where it comes from and how anyone can check it. */
import type { Provenance } from "../types";
import { COLOURS, type Report } from "./pdf";

export function provenance(r: Report, p: Provenance): void {
  const { t } = r.words;
  r.section(t("pdf.provenance.heading"), { newPage: false });
  r.keyValues([
    [t("pdf.provenance.reportId"), p.id],
    [t("pdf.provenance.issuedBy"), p.issuer],
    [t("pdf.provenance.dataAsOf"), r.words.dateTime(p.dataAsOf)],
    [t("pdf.provenance.language"), t(`pdf.languageName`)],
    [t("pdf.provenance.methodology"), p.methodology ?? "—"],
    [t("pdf.provenance.references"), p.references.join("; ") || "—"],
    [t("pdf.provenance.fingerprint"), p.dataHash],
  ]);
  r.paragraph(t("pdf.provenance.howToVerify"), { muted: true, size: 8.5 });
  // The full verify address and its QR code close every report (decision 035).
  r.ensureSpace(90);
  r.verifyBlock(r.doc.y + 4);
  r.doc.fillColor(COLOURS.ink);
}
