import { useTranslation } from "react-i18next";
import type { OrgType } from "#db/schema";

/** An organisation's kind in the reader's language ("Labour inspectorate", "Arbeitsinspektion"). */
export function OrgTypeName({ type }: { type: OrgType }) {
  const { t } = useTranslation();
  return <>{t(`orgType.${type}`)}</>;
}
