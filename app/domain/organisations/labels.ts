/** Texts the organisation pages show (a plain module: the browser needs them too). */
import type { OrgType } from "#db/schema";

/** What a jurisdiction means for each type of organisation (the edit form's hint). */
export const JURISDICTION_MEANING: Record<OrgType, string> = {
  company: "Countries where the company works or sources from.",
  inspectorate: "Countries where the inspectorate has authority to inspect workplaces.",
  union: "Countries where the union organises workers.",
  regulator: "Countries where the regulator receives companies' reports: companies there see it as a regulator to submit to.",
};
