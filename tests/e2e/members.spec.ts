import { expect, test } from "./fixtures";

test.describe("members", () => {
  test("an admin invites a colleague, who joins through the one-time link", async ({ page, browser, signInAsNew }) => {
    const { orgId } = await signInAsNew("inspectorate");
    await page.goto(`/orgs/${orgId}/members`);
    await page.getByLabel("E-mail address").fill("new.inspector@example.org");
    await page.getByLabel("Role", { exact: true }).selectOption("member");
    await page.getByRole("button", { name: "Create invitation link" }).click();
    await expect(page.getByRole("status")).toContainText("Invitation created for new.inspector@example.org");
    const link = await page.getByTestId("one-time-link").inputValue();
    await expect(page.getByRole("cell", { name: "new.inspector@example.org", exact: true })).toBeVisible();

    const invitee = await browser.newContext();
    const invitePage = await invitee.newPage();
    await invitePage.goto(link);
    await expect(invitePage.getByRole("heading", { level: 1 })).toContainText("Join");
    await invitePage.getByLabel("Your name").fill("Nur Aisyah");
    await invitePage.getByLabel("Choose a password").fill("short");
    await invitePage.getByRole("button", { name: /^Create account and join/ }).click();
    await expect(invitePage.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(invitePage.getByLabel("Your name")).toHaveValue("Nur Aisyah");
    await invitePage.getByLabel("Choose a password").fill("monsoon rain on the estate");
    await invitePage.getByRole("button", { name: /^Create account and join/ }).click();
    await expect(invitePage.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nur Aisyah");
    await invitee.close();

    await page.reload();
    await expect(page.getByRole("cell", { name: "Nur Aisyah", exact: true })).toBeVisible();
  });

  test("another organisation's members page is a 404", async ({ page, signInAsNew }) => {
    const other = await signInAsNew("union");
    await page.context().clearCookies();
    await signInAsNew("company");
    const response = await page.goto(`/orgs/${other.orgId}/members`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("a viewer sees the members but no controls to change them", async ({ page, signInAsNew }) => {
    const { orgId } = await signInAsNew("company", "viewer");
    await page.goto(`/orgs/${orgId}/members`);
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create invitation link" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  });
});
