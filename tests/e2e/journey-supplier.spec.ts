import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { onlyRow, type Db } from "../../db/client";
import { questionnaireResponses, supplierSites, suppliers, users } from "../../db/schema";
import { createSession } from "../../app/auth/session.server";
import { makeOrg, makeUser } from "../support/factories";
import { addSessionCookie, expect, test } from "./fixtures";

/**
 * The supplier's side of issue 20, end to end on the real server: a buyer invites the supplier of
 * one of its records; the supplier creates its organisation and claims the workplace, then attaches
 * two more buyers' records of the same workplace; it answers the questionnaire with evidence and
 * submits; it shares with two buyers, who both read the answers, and their scores' range narrows; the
 * third buyer's request is answered from the existing answers by a share, without answering again;
 * and a merge of two duplicate records of the first buyer is undone. Screenshots of each step at
 * test-results/screenshots/journey-supplier-*.png.
 */

const WORK = { timeout: 30_000 };
const WORKPLACE = "Saigon Stitch Works";

/**
 * The answers of a workplace that employs migrant workers, houses them and recruits through an
 * agency, as the page's fields send them: every gate opened, so that the follow-ups reach every
 * indicator the questionnaire informs (each answered the reassuring way).
 */
const ANSWERS: Record<string, string> = {
  workforce_migrant: "yes",
  workforce_migrant_share: "35",
  fees_paid_by_workers: "no",
  fees_workers_borrowed: "no",
  fees_employer_pays_policy: "yes",
  documents_held: "no",
  documents_permit_lapsed: "no",
  contract_language: "own_language",
  contract_terms_as_promised: "yes",
  contract_changed_on_arrival: "no",
  wages_paid_in_full_on_time: "yes",
  wages_largest_deduction: "0",
  wages_loans_to_workers: "yes",
  wages_can_leave_owing: "yes",
  hours_weeks_over_60: "0",
  hours_overtime_refusable: "yes",
  housing_provided: "yes",
  housing_free_to_come_and_go: "yes",
  housing_workers_per_room: "4",
  housing_remote: "no",
  resign_without_penalty: "yes",
  resign_deposit_forfeited: "no",
  resign_threatened: "no",
  grievance_channel: "yes",
  grievance_violence_reported: "no",
  recruiters_used: "yes",
  recruiters_list: "Vientiane Labour Services, LA",
  recruiters_licensed: "all",
  recruiters_agency_employed: "no",
};

/** Fills every question of ANSWERS the form shows and has not been filled yet; returns how many. */
async function answerShown(form: Locator, done: Set<string>): Promise<number> {
  let filled = 0;
  for (const [question, answer] of Object.entries(ANSWERS)) {
    if (done.has(question)) continue;
    const radio = form.locator(`input[type="radio"][name="${question}"][value="${answer}"]`);
    const field = form.locator(`input[name="${question}"]:not([type="hidden"]), textarea[name="${question}"]`);
    if ((await radio.count()) > 0) await radio.check();
    else if ((await field.count()) > 0) await field.fill(answer);
    else continue;
    done.add(question);
    filled++;
  }
  return filled;
}

interface Buyer {
  name: string;
  orgId: number;
  recordId: number;
  page: Page;
}

async function buyer(db: Db, browser: Browser, baseURL: string, name: string, contexts: BrowserContext[]): Promise<Buyer> {
  const org = await makeOrg(db, "company", `${name} ${Date.now().toString(36)}`);
  const user = await makeUser(db, { orgId: org.id, role: "admin" });
  const record = onlyRow(
    await db
      .insert(suppliers)
      .values({ orgId: org.id, externalId: `${name.slice(0, 3).toUpperCase()}-77`, name: WORKPLACE, country: "VN", sector: "Electronics", products: ["Printed circuit boards"], workersTotal: 420, identifiers: { os_id: "VN2026123ABC4DE" } })
      .returning(),
  );
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  await addSessionCookie(context, baseURL, await createSession(db, user.id, org.id));
  return { name: org.name, orgId: org.id, recordId: record.id, page: await context.newPage() };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/journey-supplier-${name}.png`, fullPage: true });
}

/** The buyer's invitation: the one-time link the page shows once. */
async function invite(b: Buyer, email: string): Promise<string> {
  await b.page.goto(`/suppliers/${b.recordId}`);
  await b.page.getByLabel("E-mail of the supplier's contact").fill(email);
  await b.page.getByRole("button", { name: "Invite the supplier" }).click();
  const link = b.page.getByTestId("one-time-link");
  await expect(link).toBeVisible(WORK);
  return new URL(await link.inputValue()).pathname;
}

const range = async (db: Db, id: number) => {
  const r = onlyRow(await db.select({ low: suppliers.riskScoreLow, high: suppliers.riskScoreHigh }).from(suppliers).where(eq(suppliers.id, id)));
  return r.low === null || r.high === null ? null : r.high - r.low;
};

test("a supplier claims its workplace, answers once with evidence, shares with two buyers, answers a third by sharing; a merge is undone", async ({ browser, db, baseURL }) => {
  test.setTimeout(240_000);
  const contexts: BrowserContext[] = [];
  const email = `journey-supplier-${Date.now().toString(36)}@saigon-stitch.example`;
  const first = await buyer(db, browser, baseURL!, "Lotus Apparel", contexts);
  const second = await buyer(db, browser, baseURL!, "Harbour Retail", contexts);
  const third = await buyer(db, browser, baseURL!, "Kestrel Outfitters", contexts);

  // 1. The first buyer invites; the supplier creates its organisation and claims the workplace.
  const firstLink = await invite(first, email);
  await shot(first.page, "1-buyer-invites");
  const supplierContext = await browser.newContext({ baseURL });
  contexts.push(supplierContext);
  const supplier = await supplierContext.newPage();
  await supplier.goto(firstLink);
  await expect(supplier.getByRole("heading", { level: 1, name: `Claim ${WORKPLACE}` })).toBeVisible();
  await supplier.getByLabel("Your organisation's name").fill(`Saigon Stitch ${Date.now().toString(36)}`);
  await supplier.getByLabel("Your name").fill("Nguyen Thi Lan");
  await supplier.getByLabel("Choose a password").fill("stitch-and-seam-2026!");
  await supplier.getByRole("button", { name: "Create the organisation and claim the workplace" }).click();
  await supplier.waitForURL(/\/sites\/\d+$/, WORK);
  await expect(supplier.getByRole("heading", { level: 1, name: WORKPLACE, exact: true })).toBeVisible(WORK);
  const siteId = Number(new URL(supplier.url()).pathname.split("/")[2]);
  expect(siteId).toBeGreaterThan(0);
  // The workplace belongs to the supplier organisation the claim created, with the invited e-mail as its admin.
  const owner = onlyRow(await db.select({ orgId: supplierSites.orgId }).from(supplierSites).where(eq(supplierSites.id, siteId))).orgId;
  expect(await db.select({ id: users.id }).from(users).where(eq(users.email, email))).toHaveLength(1);
  expect(owner).not.toBe(first.orgId);
  await shot(supplier, "2-site-claimed");

  // 2. The two other buyers invite too; the signed-in supplier attaches their records to the same workplace.
  for (const b of [second, third]) {
    const link = await invite(b, email);
    await supplier.goto(link);
    await supplier.getByRole("radio", { name: WORKPLACE }).check();
    await supplier.getByRole("button", { name: "Claim the workplace" }).click();
    await supplier.waitForURL(`**/sites/${siteId}`, WORK);
    await expect(supplier.getByRole("heading", { level: 1, name: WORKPLACE, exact: true })).toBeVisible(WORK);
  }
  await expect(supplier.getByTestId("site-buyers")).toContainText(first.name);
  await expect(supplier.getByTestId("site-buyers")).toContainText(third.name);

  // The claim scores each buyer's record; nothing is answered yet, so the range is wide.
  await expect.poll(() => range(db, first.recordId), WORK).not.toBeNull();
  const before = { first: (await range(db, first.recordId))!, second: (await range(db, second.recordId))! };

  // 3. The questionnaire, every question shown: a first save opens the follow-ups (the grievance
  //    procedure file), the evidence is attached, and the answers are submitted.
  await supplier.goto(`/sites/${siteId}/questionnaire?all=1`);
  const form = supplier.getByTestId("questionnaire-form");
  const done = new Set<string>();
  // Follow-up questions appear after a save: answer, save, and again while new ones appear.
  for (let round = 0; round < 4 && (await answerShown(form, done)) > 0; round++) {
    const saved = supplier.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/questionnaire"));
    await form.getByRole("button", { name: "Save and continue" }).click();
    expect((await saved).status()).toBe(200);
    await expect(supplier.getByRole("status").filter({ hasText: "Saved." })).toBeVisible(WORK);
    // A fresh read of the page: the previous round's message and fields are still on screen until it lands.
    await supplier.goto(`/sites/${siteId}/questionnaire?all=1`);
  }
  expect([...done].sort()).toEqual(Object.keys(ANSWERS).sort());
  await form.locator("#q-grievance_procedure_file").setInputFiles({ name: "grievance-procedure.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% the workers' grievance procedure\n%%EOF\n") });
  await shot(supplier, "3-questionnaire");
  await form.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(supplier.getByRole("status").filter({ hasText: "Submitted." })).toBeVisible(WORK);
  await expect(supplier.getByTestId("questionnaire-status")).toContainText("Last submitted on");
  await expect(form.getByRole("link", { name: "grievance-procedure.pdf" })).toBeVisible();
  const submitted = await db.select({ id: questionnaireResponses.id }).from(questionnaireResponses).where(and(eq(questionnaireResponses.siteId, siteId), eq(questionnaireResponses.status, "submitted")));
  expect(submitted).toHaveLength(1);

  // 4. Shared with the first two buyers from the workplace's page.
  await supplier.goto(`/sites/${siteId}`);
  for (const b of [first, second]) {
    await supplier.getByTestId("share-list").getByRole("button", { name: `Share with ${b.name}` }).click();
    await expect(supplier.getByRole("status").filter({ hasText: `now shared with ${b.name}` })).toBeVisible(WORK);
  }
  await expect(supplier.getByTestId("share-list")).toContainText(`Not shared with ${third.name}`);
  await shot(supplier, "4-shared");

  // 5. Both buyers read the answers, evidence included; the third does not.
  for (const b of [first, second]) {
    await b.page.goto(`/suppliers/${b.recordId}/answers`);
    await expect(b.page.getByTestId("answers-summary")).toHaveAttribute("data-state", "shared");
    await expect(b.page.getByTestId("buyer-answers")).toContainText("grievance-procedure.pdf");
  }
  await shot(first.page, "5-buyer-reads-answers");
  await third.page.goto(`/suppliers/${third.recordId}/answers`);
  await expect(third.page.getByTestId("answers-summary")).toHaveAttribute("data-state", "not_shared");

  // 6. The answers are scoring inputs (self-reported): both shared buyers' ranges narrow.
  await expect.poll(async () => (await range(db, first.recordId))! < before.first, WORK).toBe(true);
  await expect.poll(async () => (await range(db, second.recordId))! < before.second, WORK).toBe(true);

  // 7. The third buyer asks for the questionnaire; the supplier answers by sharing, not by answering again.
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const request = third.page.getByTestId("request-form");
  await request.getByLabel("Answer by").fill(due);
  await request.getByRole("button", { name: "Send request" }).click();
  await expect(third.page.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible(WORK);
  await supplier.goto(`/sites/${siteId}/questionnaire`);
  await expect(supplier.getByTestId("questionnaire-requests")).toContainText("sharing them with this buyer answers the request");
  await supplier.goto(`/sites/${siteId}`);
  await supplier.getByTestId("share-list").getByRole("button", { name: `Share with ${third.name}` }).click();
  await expect(supplier.getByRole("status").filter({ hasText: "Open requests answered by this: 1" })).toBeVisible(WORK);
  await third.page.goto(`/suppliers/${third.recordId}/answers`);
  await expect(third.page.getByTestId("answers-summary")).toHaveAttribute("data-state", "shared");
  await expect(third.page.getByRole("region", { name: "Requests for the questionnaire" }).getByRole("row").filter({ hasText: due.slice(0, 4) })).toContainText("Answered");
  // Still the one submission: nobody answered twice.
  expect(await db.select({ id: questionnaireResponses.id }).from(questionnaireResponses).where(and(eq(questionnaireResponses.siteId, siteId), eq(questionnaireResponses.status, "submitted")))).toHaveLength(1);
  await shot(third.page, "7-request-answered-by-share");

  // 8. The first buyer's list holds the workplace twice (an old import under another id, same OS ID):
  //    merged, then the merge undone with a reason; both records are back and the history keeps both steps.
  await db.insert(suppliers).values({ orgId: first.orgId, externalId: "LOT-OLD-9", name: "Saigon Stitch Works Ltd", country: "VN", identifiers: { os_id: "VN2026123ABC4DE" } });
  const p = first.page;
  await p.goto("/suppliers/duplicates");
  const queue = p.getByTestId("duplicate-queue");
  await expect(queue).toContainText("Saigon Stitch Works Ltd");
  await queue.getByRole("button", { name: "Merge into left" }).first().click();
  await expect(p.getByRole("status").filter({ hasText: "was merged into" })).toBeVisible(WORK);
  const merged = await db.select({ into: suppliers.mergedIntoId }).from(suppliers).where(eq(suppliers.orgId, first.orgId));
  expect(merged.filter((r) => r.into !== null)).toHaveLength(1);
  await p.goto("/suppliers");
  await expect(p.getByRole("link", { name: "Saigon Stitch Works" })).toHaveCount(1);
  await p.goto("/suppliers/duplicates");
  const history = p.getByTestId("duplicate-history");
  await history.getByLabel("Reason for undoing").first().fill("Two sites: the old import is the Bien Hoa annex, not the main factory.");
  await history.getByRole("button", { name: "Undo merge (split)" }).first().click();
  await expect(p.getByRole("status").filter({ hasText: "The merge was undone" })).toBeVisible(WORK);
  await expect(history).toContainText("Reason: Two sites");
  const after = await db.select({ into: suppliers.mergedIntoId }).from(suppliers).where(eq(suppliers.orgId, first.orgId));
  expect(after.filter((r) => r.into !== null)).toHaveLength(0);
  expect(after).toHaveLength(2);
  await shot(p, "8-merge-undone");

  for (const c of contexts) await c.close();
});
