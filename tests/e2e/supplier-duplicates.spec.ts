import { suppliers } from "#db/schema";
import { expect, test } from "./fixtures";

/**
 * The duplicate review (decision 033) end to end: a buyer with two records of one workplace (the
 * same OS ID written two ways) opens the queue from the suppliers list, merges one into the other,
 * sees it gone from the list, undoes the merge with a reason, and sees both back and the history.
 */
test.describe("duplicate records", () => {
  test("merge, gone from the list, undo with a reason, both back, history kept", async ({ page, db, signInAsNew }) => {
    test.setTimeout(60_000);
    const { orgId } = await signInAsNew("company");
    await db.insert(suppliers).values([
      { orgId, externalId: "DUP-1", name: "Mekong Sewing", country: "KH", sector: "Garments", identifiers: { os_id: "KH2019123ABC456" }, nameKey: "mekong sewing|kh" },
      { orgId, externalId: "DUP-2", name: "Mekong Sewing Factory 2", country: "KH", sector: "Garments", identifiers: { "OS ID": "kh2019123 abc456" }, nameKey: "mekong sewing factory 2|kh" },
    ]);
    await page.goto("/suppliers");
    await page.getByTestId("duplicates-link").click();
    await expect(page.getByRole("heading", { level: 1, name: "Duplicate records" })).toBeVisible();
    const queue = page.getByTestId("duplicate-queue");
    await expect(queue).toContainText("Same OS ID: KH2019123ABC456");
    await page.screenshot({ path: "test-results/screenshots/supplier-duplicates.png", fullPage: true });
    await queue.getByLabel("Note (optional)").fill("One factory, two list entries");
    await queue.getByRole("button", { name: "Merge into left" }).click();
    await expect(page.getByRole("status")).toContainText("Mekong Sewing Factory 2 was merged into Mekong Sewing.");
    const history = page.getByTestId("duplicate-history");
    await expect(history).toContainText("One factory, two list entries");

    await page.goto("/suppliers");
    const list = page.getByRole("region", { name: "Suppliers" });
    await expect(list.getByRole("link", { name: "Mekong Sewing", exact: true })).toBeVisible();
    await expect(list.getByRole("link", { name: "Mekong Sewing Factory 2", exact: true })).toHaveCount(0);

    await page.goto("/suppliers/duplicates");
    // Undo without a reason: refused beside the field, nothing changed.
    await history.getByLabel("Reason for undoing").fill("x");
    await history.getByLabel("Reason for undoing").evaluate((el) => el.removeAttribute("minlength"));
    await history.getByRole("button", { name: "Undo merge (split)" }).click();
    await expect(history.getByText("Say why the decision is undone")).toBeVisible();
    await history.getByLabel("Reason for undoing").fill("Two factories after all");
    await history.getByRole("button", { name: "Undo merge (split)" }).click();
    await expect(page.getByRole("status")).toContainText("The merge was undone");
    await expect(history).toContainText("Reason: Two factories after all");
    await page.screenshot({ path: "test-results/screenshots/supplier-duplicates-history.png", fullPage: true });

    await page.goto("/suppliers");
    await expect(list.getByRole("link", { name: "Mekong Sewing Factory 2", exact: true })).toBeVisible();
    await expect(list.getByRole("link", { name: "Mekong Sewing", exact: true })).toBeVisible();
  });

  test("phone width", async ({ page, db, signInAsNew }) => {
    const { orgId } = await signInAsNew("company");
    await db.insert(suppliers).values([
      { orgId, externalId: "PH-1", name: "Tonle Dyeing Works International Co., Ltd.", country: "KH", identifiers: { lei: "5493001KJTIIGC8Y1R12" }, nameKey: "a|kh" },
      { orgId, externalId: "PH-2", name: "Tonle Dyeing", country: "KH", identifiers: { LEI: "5493001KJTIIGC8Y1R12" }, nameKey: "b|kh" },
    ]);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/suppliers/duplicates");
    await expect(page.getByTestId("duplicate-queue")).toContainText("Same LEI");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/screenshots/supplier-duplicates-phone.png", fullPage: true });
  });
});
