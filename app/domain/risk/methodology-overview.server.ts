/**
 * What the Methodology page shows: the active method, the reference editions in use, and a worked
 * example scored live with both, so that the page can never drift from what the code does.
 */
import { rawAll, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { loadReferenceData } from "../reference/reference-data.server";
import { activeMethodology } from "./methodology-store.server";
import { scoreSupplier } from "./score-supplier";
import type { SupplierInputs } from "./types";

/** A palm-oil estate in Malaysia where workers paid recruitment fees and passports are held. */
export const EXAMPLE_SUPPLIER: SupplierInputs = {
  country: "MY",
  sector: "Agriculture",
  products: ["Palm oil"],
  workersTotal: 1200,
  migrantShare: 0.8,
  femaleShare: 0.2,
  indicators: {
    retention_of_documents: { present: true, source: "example: worker interviews", date: "2026-03-04" },
    worker_paid_fees: { present: true, source: "example: worker interviews", date: "2026-03-04" },
    excessive_overtime: { present: false, source: "example: time records", date: "2026-03-04" },
  },
  recruiters: [{ licenceStatus: "valid", feesChargedToWorkers: true, certification: null }],
  // Computed from the platform's grievances, as every supplier's is (channel-mitigation.server.ts): never a ticked box.
  mitigations: { grievance_channel: { present: true, source: "computed from grievances: channel since 2026-01-15; 9 of 10 cases answered in time; 3 remedies confirmed by workers", date: "" } },
};

export async function methodologyOverview(db: Db, actor: Actor) {
  authorize(actor, "methodology.view");
  const active = await activeMethodology(db);
  const reference = await loadReferenceData(db);
  const references = await rawAll<{ id: number; kind: string; name: string; edition: string; citation: string; rowCount: number; activatedAt: number | null }>(
    db,
    `select id, kind, name, edition, citation, row_count as rowCount, activated_at as activatedAt from reference_sources where status = 'active' order by kind, name`,
  );
  return { id: active.id, version: active.version, methodology: active.methodology, references, example: { inputs: EXAMPLE_SUPPLIER, result: scoreSupplier(EXAMPLE_SUPPLIER, active.methodology, reference) } };
}
