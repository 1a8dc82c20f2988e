/**
 * Playwright fixtures: a user and session created straight in the e2e database (no sign-in form
 * round trip), and the demo logins for tests that do use the form.
 */
import { test as base, type Page } from "@playwright/test";
import { openDatabase, type Db } from "../../db/client";
import { DEMO_LOGINS } from "../../db/seed";
import { createSession } from "../../app/auth/session.server";
import { E2E_DATABASE } from "../support/paths";
import { makeOrg, makeUser } from "../support/factories";
import type { OrgType, Role } from "../../db/schema";

export { DEMO_LOGINS };
export const DEMO_PASSWORD = DEMO_LOGINS[0]!.password;

interface Fixtures {
  db: Db;
  /** Signs the page in as a new user of a new organisation of the given type; returns their ids. */
  signInAsNew: (type: OrgType, role?: Role) => Promise<{ userId: number; orgId: number; email: string }>;
}

export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  db: async ({}, use) => {
    const db = openDatabase(E2E_DATABASE);
    await use(db);
    db.$client.close();
  },
  signInAsNew: async ({ db, context, baseURL }, use) => {
    await use(async (type, role = "admin") => {
      const org = makeOrg(db, type);
      const user = await makeUser(db, { orgId: org.id, role });
      const { token, expiresAt } = createSession(db, user.id, org.id);
      await context.addCookies([{ name: "ldd_session", value: token, url: baseURL!, httpOnly: true, sameSite: "Lax", secure: true, expires: expiresAt.getTime() / 1000 }]);
      return { userId: user.id, orgId: org.id, email: user.email };
    });
  },
});

export const expect = test.expect;
