/** The interview grid: six counts by gender and migrant status, as a form and as a table. */
import { useTranslation } from "react-i18next";
import { INTERVIEW_GENDERS, INTERVIEW_ORIGINS } from "#db/schema";
import { TableWrap } from "~/components/table-wrap";
import { useFormat } from "~/i18n/format";
import { interviewField, MAX_INTERVIEWS, type InterviewCounts } from "~/domain/audits/interviews";

/** The grid in the findings form. `value(name, stored)` gives the typed value after a refusal. */
export function InterviewFields({
  counts,
  errors,
  value,
}: {
  counts: InterviewCounts;
  errors: Record<string, string>;
  value: (name: string, stored: string) => string;
}) {
  const { t } = useTranslation("actions");
  const wrong = INTERVIEW_GENDERS.flatMap((g) =>
    INTERVIEW_ORIGINS.map((o) => interviewField(g, o))
  ).find((f) => errors[f]);
  return (
    <fieldset
      className="card"
      id="interviews"
      aria-describedby={wrong ? "error-interviews" : "hint-interviews"}
    >
      <legend>{t("interviews.legend")}</legend>
      <p className="hint" id="hint-interviews">
        {t("interviews.hint")}
      </p>
      {wrong ? (
        <p className="error" id="error-interviews" role="alert">
          {errors[wrong]}
        </p>
      ) : null}
      <table className="interview-grid">
        <thead>
          <tr>
            <th scope="col">{t("interviews.gender")}</th>
            {INTERVIEW_ORIGINS.map((o) => (
              <th key={o} scope="col" className="num">
                {t(`interviews.origins.${o}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {INTERVIEW_GENDERS.map((g) => (
            <tr key={g}>
              <th scope="row">{t(`interviews.genders.${g}`)}</th>
              {INTERVIEW_ORIGINS.map((o) => {
                const name = interviewField(g, o);
                return (
                  <td key={o} className="num">
                    <label className="visually-hidden" htmlFor={name}>
                      {t(`interviews.cell.${g}.${o}`)}
                    </label>
                    <input
                      id={name}
                      name={name}
                      inputMode="numeric"
                      pattern="[0-9]*"
                      size={5}
                      maxLength={String(MAX_INTERVIEWS).length + 2}
                      defaultValue={value(
                        name,
                        counts.cells[g][o]?.toString() ?? ""
                      )}
                      aria-invalid={errors[name] ? true : undefined}
                      aria-describedby={
                        errors[name] ? "error-interviews" : undefined
                      }
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

/** The recorded grid, with totals; blank cells say "not recorded". */
export function InterviewTable({ counts }: { counts: InterviewCounts }) {
  const { t } = useTranslation("actions");
  const f = useFormat();
  if (counts.total === null)
    return <p className="muted">{t("interviews.none")}</p>;
  // A dash on screen (the phone's width holds four narrow columns), "not recorded" for a screen reader.
  const cell = (n: number | null) =>
    n === null ? (
      <>
        <span aria-hidden="true" className="muted">
          —
        </span>
        <span className="visually-hidden">{t("interviews.notRecorded")}</span>
      </>
    ) : (
      f.number(n)
    );
  const sum = (ns: (number | null)[]) =>
    ns.every((n) => n === null)
      ? null
      : ns.reduce<number>((a, b) => a + (b ?? 0), 0);
  return (
    <div className="interview-table">
      <TableWrap label={t("interviews.tableLabel")}>
        <table className="interview-grid">
          <caption className="visually-hidden">
            {t("interviews.tableLabel")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("interviews.gender")}</th>
              {INTERVIEW_ORIGINS.map((o) => (
                <th key={o} scope="col" className="num">
                  {t(`interviews.origins.${o}`)}
                </th>
              ))}
              <th scope="col" className="num">
                {t("interviews.all")}
              </th>
            </tr>
          </thead>
          <tbody>
            {INTERVIEW_GENDERS.map((g) => (
              <tr key={g}>
                <th scope="row">{t(`interviews.genders.${g}`)}</th>
                {INTERVIEW_ORIGINS.map((o) => (
                  <td key={o} className="num">
                    {cell(counts.cells[g][o])}
                  </td>
                ))}
                <td className="num">
                  {cell(sum(INTERVIEW_ORIGINS.map((o) => counts.cells[g][o])))}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("interviews.all")}</th>
              {INTERVIEW_ORIGINS.map((o) => (
                <td key={o} className="num">
                  {cell(sum(INTERVIEW_GENDERS.map((g) => counts.cells[g][o])))}
                </td>
              ))}
              <td className="num">
                <strong>{f.number(counts.total)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <p className="hint">{t("interviews.key")}</p>
    </div>
  );
}
