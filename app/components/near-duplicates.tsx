import { Form } from "@remix-run/react";
import { TableWrap, Th } from "~/components/table-wrap";
import type { NearDuplicatePair } from "~/domain/import/near-duplicates.server";

const DECIDED: Record<NearDuplicatePair["state"], string> = {
  open: "not decided: imported as two records",
  kept: "kept as two records",
  merged: "merged",
};

/**
 * The probable duplicates a check found, each with a plain form (it works without JavaScript) to
 * merge the two rows into one record or keep both.
 */
export function NearDuplicates({ pairs, canDecide, busy }: { pairs: NearDuplicatePair[]; canDecide: boolean; busy: boolean }) {
  if (pairs.length === 0) return null;
  return (
    <section aria-labelledby="near-duplicates">
      <h2 id="near-duplicates">Probable duplicates ({pairs.length})</h2>
      <p className="muted">
        These rows have the same name once legal forms (Inc, Ltd, GmbH…) are left out, in the same country and place, but different ids. Merge them into one record (the first row’s values are kept, the
        other row fills what it lacks, products are combined) or keep both.
      </p>
      <TableWrap label="Probable duplicates">
        <table>
          <thead>
            <tr>
              <Th num>Row</Th>
              <Th num>Same as row</Th>
              <Th>Name in this row</Th>
              <Th>Choice</Th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={p.row}>
                <td className="num">{p.row}</td>
                <td className="num">{p.of}</td>
                <td>{p.name ?? "—"}</td>
                <td>
                  {canDecide && p.state !== "merged" ? (
                    <Form method="post" className="actions">
                      <input type="hidden" name="intent" value="duplicate" />
                      <input type="hidden" name="row" value={p.row} />
                      <button className="button" type="submit" name="choice" value="merge" disabled={busy}>
                        Merge into row {p.of}
                      </button>
                      <button className="button button--secondary" type="submit" name="choice" value="keep" disabled={busy || p.state === "kept"}>
                        Keep both
                      </button>
                      {p.state === "kept" ? <span className="muted">{DECIDED.kept}</span> : null}
                    </Form>
                  ) : (
                    DECIDED[p.state]
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
