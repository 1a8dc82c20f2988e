/**
 * Playwright fixtures: a user and session created straight in the e2e database (no sign-in form
 * round trip), and the demo logins for tests that do use the form.
 */
import { test as base, type BrowserContext, type Page } from "@playwright/test";
import { closeDatabase, openDatabase, type Db, firstRow } from "../../db/client";
import { DEMO_LOGINS } from "../../db/seed";
import { createSession } from "../../app/auth/session.server";
import { E2E_DATABASE } from "../support/paths";
import { makeOrg, makeUser } from "../support/factories";
import { memberships, users, type OrgType, type Role } from "../../db/schema";
import { eq } from "drizzle-orm";

export { DEMO_LOGINS };
export const DEMO_PASSWORD = DEMO_LOGINS[0]!.password;

interface Fixtures {
  db: Db;
  /** Signs the page in as a new user of a new organisation of the given type; returns their ids. */
  signInAsNew: (type: OrgType, role?: Role) => Promise<{ userId: number; orgId: number; email: string }>;
  /**
   * Signs the page in as an existing (demo) user by e-mail, in their first organisation, without the
   * sign-in form: argon2 per test would spend seconds of a busy machine's CPU on every page check.
   */
  signInAs: (email: string) => Promise<void>;
}

export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  db: async ({}, use) => {
    // DATABASE_URL: the PostgreSQL run (playwright.config.ts); otherwise the server's SQLite file.
    const db = openDatabase(process.env.DATABASE_URL ?? E2E_DATABASE);
    await use(db);
    await closeDatabase(db);
  },
  signInAsNew: async ({ db, context, baseURL }, use) => {
    await use(async (type, role = "admin") => {
      const org = await makeOrg(db, type);
      const user = await makeUser(db, { orgId: org.id, role });
      await addSessionCookie(context, baseURL!, await createSession(db, user.id, org.id));
      return { userId: user.id, orgId: org.id, email: user.email };
    });
  },
  signInAs: async ({ db, context, baseURL }, use) => {
    await use(async (email) => {
      const user = firstRow(await db.select({ id: users.id }).from(users).where(eq(users.email, email)));
      if (!user) throw new Error(`no user ${email} in the e2e database`);
      const membership = firstRow(await db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, user.id)).orderBy(memberships.id));
      await addSessionCookie(context, baseURL!, await createSession(db, user.id, membership?.orgId ?? null));
    });
  },
});

export async function addSessionCookie(context: BrowserContext, baseURL: string, session: { token: string; expiresAt: Date }) {
  await context.addCookies([{ name: "ldd_session", value: session.token, url: baseURL, httpOnly: true, sameSite: "Lax", secure: true, expires: session.expiresAt.getTime() / 1000 }]);
}

export const expect = test.expect;
