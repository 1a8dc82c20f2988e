/** Raw SQL written with SQLite's `?` placeholders and camelCase aliases, as PostgreSQL must read it (db/postgres.ts). */
import { expect, it } from "vitest";
import { postgresSql } from "../../db/postgres";

it("numbers the placeholders and quotes camelCase names, leaving literals and quoted names alone", () => {
  expect(postgresSql(`select o.name as companyName, 'it''s ? as fooBar' as x, "as Y" from t where a = ? and b in (?, ?) order by companyName`)).toBe(
    `select o.name as "companyName", 'it''s ? as fooBar' as x, "as Y" from t where a = $1 and b in ($2, $3) order by "companyName"`,
  );
  expect(postgresSql("select risk_score, count(*) as n from suppliers where org_id = ?")).toBe("select risk_score, count(*) as n from suppliers where org_id = $1");
});
