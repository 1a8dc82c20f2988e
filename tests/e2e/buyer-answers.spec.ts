import { onlyRow } from "../../db/client";
import { questionnaireResponses, questionnaireShares, supplierSiteLinks, supplierSites, suppliers } from "../../db/schema";
import { createSession } from "../../app/auth/session.server";
import { makeOrg, makeUser } from "../support/factories";
import { addSessionCookie, expect, test } from "./fixtures";

/**
 * The buyer reads a supplier's shared answers, asks for a clarification about one question, the
 * supplier replies on its reviews page, and the buyer reads the reply (issue 20). The shared
 * submission is written into the e2e database directly: the supplier's answering pages are
 * another spec's.
 */
test("buyer reads shared answers, asks for a clarification, the supplier replies, the buyer reads the reply", async ({ page, browser, db, baseURL }, info) => {
  test.setTimeout(90_000);
  const buyer = await makeOrg(db, "company");
  const buyerUser = await makeUser(db, { orgId: buyer.id, role: "admin" });
  const supplierOrg = await makeOrg(db, "supplier");
  const supplierUser = await makeUser(db, { orgId: supplierOrg.id, role: "admin" });
  const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplierOrg.id, name: "Riverside Knitwear Plant", country: "VN" }).returning());
  const record = onlyRow(await db.insert(suppliers).values({ orgId: buyer.id, externalId: `RK-${buyer.id}`, name: "Riverside Knitwear", country: "VN" }).returning());
  await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: record.id, buyerOrgId: buyer.id, claimedBy: supplierUser.id });
  await db.insert(questionnaireResponses).values({
    siteId: site.id,
    questionnaire: "saq-forced-labour",
    version: "2",
    answers: { workforce_migrant: true, workforce_migrant_share: 40, fees_paid_by_workers: true, fees_share_of_workers: 25, documents_held: false, grievance_channel: true, recruiters_used: true, recruiters_list: [{ name: "Hanoi Manpower JSC", country: "VN" }], recruiters_licensed: "all" },
    status: "submitted",
    submittedAt: new Date(Date.now() - 30 * 86_400_000),
  });
  await db.insert(questionnaireShares).values({ siteId: site.id, buyerOrgId: buyer.id, createdBy: supplierUser.id });
  const shot = async (name: string) => {
    await page.screenshot({ path: info.outputPath(`${name}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: info.outputPath(`${name}-phone.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  // The buyer: the supplier page's card leads to the answers.
  await addSessionCookie(page.context(), baseURL!, await createSession(db, buyerUser.id, buyer.id));
  await page.goto(`/suppliers/${record.id}`);
  await expect(page.getByTestId("answers-card")).toContainText("are shared with you");
  await page.getByRole("link", { name: "Read the answers, request and review" }).click();
  await expect(page.getByTestId("answers-summary")).toHaveAttribute("data-state", "shared");
  await expect(page.getByTestId("answers-summary")).toContainText("Self-reported by the supplier");
  // The recruiter the supplier named becomes one of the buyer's recruiters, linked with its corridor.
  const named = page.getByTestId("named-recruiters");
  await expect(named).toContainText("Hanoi Manpower JSC");
  await named.getByRole("button", { name: "Add to my recruiters" }).click();
  await expect(page.getByRole("status")).toContainText("Recruiters added: 1 new, 1 links");
  await expect(named).toContainText("Every recruiter named here is in your recruiters");
  await expect(named.getByRole("link", { name: "Hanoi Manpower JSC" })).toBeVisible();
  await expect(page.locator('[data-question="fees_paid_by_workers"] [data-effect="present"]')).toBeVisible();

  // A request is answered at once by the shared answers, and the page says so.
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByTestId("request-form").getByLabel("Answer by").fill(due);
  await page.getByTestId("request-form").getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("Request answered at once from the supplier's answers of");
  await expect(page.getByTestId("requests")).toContainText("Answered");

  // A clarification without a message is refused beside the field, the choice kept.
  const review = page.getByTestId("review-form");
  await review.getByLabel("About").selectOption("fees_paid_by_workers");
  await review.getByRole("button", { name: "Ask for clarification" }).click();
  await expect(review.getByText("Write the question you want the supplier to clarify.")).toBeVisible();
  await expect(review.getByLabel("About")).toHaveValue("fees_paid_by_workers");
  await review.getByLabel("Message to the supplier").fill("Which fees do workers pay, and to whom?");
  await review.getByRole("button", { name: "Ask for clarification" }).click();
  await expect(page.getByRole("status")).toContainText("Clarification asked");
  await expect(page.getByTestId("review-history")).toContainText("Awaiting the supplier's reply.");
  await shot("buyer-answers");

  // The supplier replies on its reviews page.
  const supplierContext = await browser.newContext();
  const supplierPage = await supplierContext.newPage();
  await addSessionCookie(supplierContext, baseURL!, await createSession(db, supplierUser.id, supplierOrg.id));
  await supplierPage.goto(`/sites/${site.id}`);
  await supplierPage.getByRole("link", { name: "Buyers' reviews" }).click();
  const open = supplierPage.getByTestId("open-clarifications");
  await expect(open).toContainText(buyer.name);
  await expect(open).toContainText("Which fees do workers pay, and to whom?");
  await open.getByRole("button", { name: "Send reply" }).click();
  await expect(open.getByText("Write your reply to the buyer's question.")).toBeVisible();
  await supplierPage.screenshot({ path: info.outputPath("supplier-reviews-open-desktop.png"), fullPage: true });
  await open.getByLabel("Your reply").fill("Visa fees only, paid to the embassy; we refund them in the first month.");
  await open.getByRole("button", { name: "Send reply" }).click();
  await expect(supplierPage.getByRole("status")).toContainText("Reply sent");
  await expect(supplierPage.getByTestId("earlier-reviews")).toContainText("Visa fees only");
  await supplierPage.screenshot({ path: info.outputPath("supplier-reviews-desktop.png"), fullPage: true });
  await supplierPage.setViewportSize({ width: 390, height: 844 });
  await supplierPage.screenshot({ path: info.outputPath("supplier-reviews-phone.png"), fullPage: true });
  await supplierContext.close();

  // The buyer reads the reply.
  await page.reload();
  await expect(page.getByTestId("review-reply")).toContainText("Visa fees only, paid to the embassy");
  await page.getByTestId("review-form").getByRole("button", { name: "Accept answers" }).click();
  await expect(page.getByRole("status")).toContainText("Answers accepted");
  await shot("buyer-answers-replied");
});
