/** Pieces shared by the report pages and the forms that issue reports from other pages. */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function PageSizeField({ defaultValue = "A4", id = "pageSize" }: { defaultValue?: string; id?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Paper</label>
      <select id={id} name="pageSize" defaultValue={defaultValue}>
        <option value="A4">A4</option>
        <option value="LETTER">US Letter</option>
      </select>
    </div>
  );
}

/** A small form that issues a report about one thing (a supplier, an audit) and opens it. */
export function IssueReportForm({ type, fields, label, children }: { type: string; fields: Record<string, string | number>; label: string; children?: ReactNode }) {
  return (
    <Form method="post" action="/reports" className="inline-form">
      <input type="hidden" name="type" value={type} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <button className="button button--secondary" type="submit">
        {label}
      </button>
    </Form>
  );
}
