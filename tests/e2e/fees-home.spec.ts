/**
 * The recruitment-fee lines people read on the company home and on a fee case (issue 19 polish):
 * the home's fee card says "Overdue instalments" only when an instalment is overdue (the table
 * already gives each currency's count, 0 included), and then as the way to those instalments; the
 * fee case says how many worker cases are linked on a line of its own. Each test writes its own
 * company, supplier and fee case straight into the e2e database, so the demo's figures stay as they are.
 */
import { eq } from "drizzle-orm";
import { feeCases, feeInstalments, suppliers } from "../../db/schema";
import { onlyRow, type Db } from "../../db/client";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import { expect, test } from "./fixtures";

const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** A fee case of USD 1,000.00 × 2 workers at a new supplier of the organisation, repaid in the instalments given. */
async function feeCase(db: Db, orgId: number, instalments: { dueOn: string; paidOn?: string }[]) {
  const supplier = onlyRow(await db.insert(suppliers).values({ orgId, externalId: "FEE-1", name: "Penang Gloves", country: "MY", workersTotal: 40 }).returning());
  // Scored, as every supplier the app keeps is: an unscored one would count as a band change in the
  // methodology preview that journey-admin.spec.ts reads later in the same database ("0 up").
  await scoreOrganisation(db, orgId, { cause: "test", supplierIds: [supplier.id] });
  const fee = onlyRow(
    await db
      .insert(feeCases)
      .values({ orgId, supplierId: supplier.id, originCountry: "NP", destinationCountry: "MY", currency: "USD", amountPerWorkerMinor: 100_000, workers: 2, source: "audit", evidenceNote: "Receipts seen at the audit." })
      .returning(),
  );
  for (const i of instalments) await db.insert(feeInstalments).values({ feeCaseId: fee.id, dueOn: i.dueOn, amountMinor: 100_000, workers: 1, paidOn: i.paidOn ?? null });
  return fee.id;
}

test("the home's fee card names overdue instalments only when there are some, and leads to them", async ({ page, db, signInAsNew }) => {
  const { orgId } = await signInAsNew("company");
  const feeCaseId = await feeCase(db, orgId, [{ dueOn: day(-10) }, { dueOn: day(30) }]);
  await page.goto("/");
  const card = page.locator('section[aria-labelledby="home-fees-heading"]');
  // The table's cell and the line under it: the same count, both computed from the ledger.
  await expect(card.locator("td .badge--danger")).toHaveText("1");
  await card.getByRole("link", { name: "Overdue instalments: 1" }).click();
  await expect(page).toHaveURL(/\/fees#overdue-heading$/);
  await expect(page.getByRole("link", { name: `Fee case ${feeCaseId}` }).first()).toBeVisible();

  // Paid: nothing is overdue, and the card no longer says so in a line of its own (the table says 0).
  await db.update(feeInstalments).set({ paidOn: day(-1) }).where(eq(feeInstalments.dueOn, day(-10)));
  await page.goto("/");
  await expect(card.getByRole("table")).toBeVisible();
  await expect(card.getByText(/Overdue instalments:/)).toHaveCount(0);
});

test("the fee case says how many worker cases are linked on a line of its own", async ({ page, db, signInAsNew }) => {
  const { orgId } = await signInAsNew("company");
  const feeCaseId = await feeCase(db, orgId, [{ dueOn: day(30) }]);
  await page.goto(`/fees/${feeCaseId}`);
  // Exact: the count alone is the element's whole text, not run into the note after it.
  await expect(page.getByText("Worker cases linked: 0", { exact: true })).toBeVisible();
  await expect(page.getByText("Workers answer with their grievance case code.", { exact: false })).toBeVisible();
});
