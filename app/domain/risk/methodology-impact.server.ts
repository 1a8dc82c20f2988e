/**
 * What activating a draft methodology would do, computed before it is done: the admin page states
 * it in the confirmation ("rescores 24 suppliers of 3 companies; 5 would change band").
 */
import { rawGet, type Db, firstRow } from "#db/client";
import { methodologies } from "#db/schema";
import { eq } from "drizzle-orm";
import { authorize, type Actor } from "~/auth/permissions.server";
import { loadReferenceData } from "../reference/reference-data.server";
import { InputError, NotFound } from "../errors";
import { methodologyById } from "./methodology-store.server";
import { previewRescore, type RescorePreview } from "./rescore.server";

export interface MethodologyImpact extends RescorePreview {
  id: number;
  version: string;
  name: string;
  /** Labour recruiters, rescored too (their change is not previewed). */
  recruiters: number;
}

/** The draft's effect on the current supplier scores, aggregated; refuses what could not be activated. */
export async function methodologyImpact(db: Db, actor: Actor, id: number): Promise<MethodologyImpact> {
  authorize(actor, "reference.manage");
  const target = firstRow(await db.select({ id: methodologies.id, version: methodologies.version, name: methodologies.name, status: methodologies.status }).from(methodologies).where(eq(methodologies.id, id)));
  if (!target) throw new NotFound();
  // The same refusal as activating it (methodology-store.server.ts): the preview is its first step.
  if (target.status !== "draft") throw new InputError("methodology", target.status === "active" ? "admin:methodology.errors.alreadyActive" : "admin:methodology.errors.retired", { version: target.version });
  const preview = await previewRescore(db, await loadReferenceData(db), await methodologyById(db, id));
  const recruiters = Number((await rawGet<{ n: number }>(db, `select count(*) as n from recruiters`))!.n);
  return { ...preview, id: target.id, version: target.version, name: target.name, recruiters };
}
