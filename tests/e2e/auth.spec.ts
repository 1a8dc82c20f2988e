import { DEMO_LOGINS, expect, signInWithForm, test } from "./fixtures";
import { sessions } from "../../db/schema";

const HOME_KIND: Record<string, string> = {
  "admin@platform.example": "Platform administrator",
  "compliance@northwind.example": "Compliance",
  "inspector@inspectorate.example": "Labour inspectorate",
  "lim@inspectorate.example": "Labour inspectorate",
  "rep@union.example": "Union",
  "supervisor@regulator.example": "Regulator",
  "supplier@mekong.example": "Supplier",
};

test.describe("signing in", () => {
  for (const login of DEMO_LOGINS) {
    test(`${login.label} signs in and lands on their home page`, async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2F$/);
      await signInWithForm(page, login.email);
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
      await expect(page.locator(".page-header p")).toContainText(HOME_KIND[login.email]!);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    });
  }

  test("an unauthenticated visit is sent to sign-in and comes back to the page it wanted", async ({ page }) => {
    await page.goto("/suppliers?country=MY");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fsuppliers%3Fcountry%3DMY$/);
    await signInWithForm(page, "compliance@northwind.example");
    await expect(page).toHaveURL(/\/suppliers\?country=MY$/);
    await expect(page.getByRole("heading", { name: "Suppliers" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Kebun Sawit Harapan Sdn Bhd" })).toBeVisible();
  });

  test("a wrong password gets a clear message and keeps the e-mail typed", async ({ page }) => {
    await page.goto("/sign-in");
    await signInWithForm(page, "rep@union.example", "not the password");
    await expect(page.getByRole("alert")).toContainText("The e-mail address or password is not correct.");
    await expect(page.getByLabel("E-mail address")).toHaveValue("rep@union.example");
    await expect(page.getByLabel("Password")).toHaveValue("");
  });

  test("a revoked session sends the user to sign-in, remembering the page", async ({ page, db, signInAsNew }) => {
    const { orgId, email } = await signInAsNew("company");
    await page.goto(`/orgs/${orgId}/members`);
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await db.delete(sessions);
    await page.goto(`/orgs/${orgId}/members`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?redirectTo=%2Forgs%2F${orgId}%2Fmembers&ended=1$`));
    await expect(page.getByText("Your session has ended")).toBeVisible();
    expect(email).toContain("@");
  });

  test("signing out ends the session", async ({ page, signInAsNew }) => {
    await signInAsNew("regulator");
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2F$/);
  });
});
