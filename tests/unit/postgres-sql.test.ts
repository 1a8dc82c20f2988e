/** Raw SQL written with SQLite's `?` placeholders and camelCase aliases, as PostgreSQL must read it (db/postgres.ts). */
import { expect, it } from "vitest";
import { postgresQuery, postgresSql } from "../../db/postgres";

it("numbers the placeholders and quotes camelCase names, leaving literals and quoted names alone", () => {
  expect(postgresSql(`select o.name as companyName, 'it''s ? as fooBar' as x, "as Y" from t where a = ? and b in (?, ?) order by companyName`)).toBe(
    `select o.name as "companyName", 'it''s ? as fooBar' as x, "as Y" from t where a = $1 and b in ($2, $3) order by "companyName"`,
  );
  expect(postgresSql("select risk_score, count(*) as n from suppliers where org_id = ?")).toBe("select risk_score, count(*) as n from suppliers where org_id = $1");
});

it("sends a JSON-list parameter of `in (select value from json_each(?))` as an array to `= any($n)`", () => {
  expect(postgresQuery("select id from suppliers where org_id = ? and id in (select value from json_each(?)) and country IN ( SELECT value FROM json_each( ? ) )", [7, "[1,2]", '["MY"]'])).toEqual({
    text: "select id from suppliers where org_id = $1 and id = any($2) and country = any($3)",
    values: [7, [1, 2], ["MY"]],
  });
  // Already an array: sent as it is; other json_each uses are not touched.
  expect(postgresQuery("select 1 where x in (select value from json_each(?))", [[3]]).values).toEqual([[3]]);
  expect(postgresSql("select coalesce((select json_group_array(u.name) from users u), '[]') as team")).toBe("select coalesce((select json_agg(u.name) from users u), '[]') as team");
});
