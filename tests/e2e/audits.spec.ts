import { eq } from "drizzle-orm";
import { audits } from "../../db/schema";
import { addLocalDays, localDateTime, localDay } from "../../app/domain/audits/local-time";
import { expect, signInWithForm, test } from "./fixtures";
import { firstRow } from "../../db/client";

/**
 * The inspectorate's work from plan to evidence, the company's answer, and the secrecy of
 * unannounced audits, on the demo workspace (inspectorate in Asia/Kuala_Lumpur).
 */
const ZONE = "Asia/Kuala_Lumpur";
const LADANG = "Ladang Minyak Sejahtera Sdn Bhd";

test("an inspector plans, schedules a follow-up, records a critical finding with evidence and sees the score rise", async ({ page, browser }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, "inspector@inspectorate.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // The planner proposes; the workplace audited recently comes anyway as a follow-up, because a
  // corrective action there is overdue; those already booked are left out, with the reason.
  await page.getByRole("navigation").getByRole("link", { name: "Plan" }).click();
  await page.getByRole("button", { name: "Propose", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Pending proposals \([1-9]/ })).toBeVisible();
  await expect(page.getByText(/Follow-up inside the 180-day interval: corrective action overdue since/)).toBeVisible();
  await page.getByText(/left out, and why/).click();
  await expect(page.getByText(/Kebun Sawit Harapan Sdn Bhd: Already scheduled: audit #\d+ on/)).toBeVisible();
  await page.getByRole("button", { name: "Accept the audit of Andaman Fishing Fleet Ltd" }).click();
  await expect(page.getByText("Audit scheduled.")).toBeVisible();

  // Scheduling by hand from the queue: the interval rule explains itself and keeps the input.
  await page.getByRole("navigation").getByRole("link", { name: "Priority queue" }).click();
  await page.getByRole("link", { name: `Schedule an audit of ${LADANG}` }).click();
  const now = Date.now();
  await page.getByLabel("Starts").fill(localDateTime(now - 2 * 3_600_000, ZONE));
  await page.getByLabel("Ends").fill(localDateTime(now + 2 * 3_600_000, ZONE));
  await page.getByLabel("Notes for the team").fill("Check the time records and the passports.");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("alert")).toContainText("at least 180 days apart unless it is a follow-up");
  await expect(page.getByLabel("Notes for the team")).toHaveValue("Check the time records and the passports.");
  await page.getByLabel("Type").selectOption("follow_up");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText("Audit scheduled.")).toBeVisible();

  await page.getByRole("button", { name: "Mark confirmed" }).click();
  await page.getByRole("button", { name: "Start now" }).click();
  const before = Number((await page.locator(".band-badge").first().textContent())!.replace(/[^0-9.]/g, ""));

  await page.getByRole("link", { name: "Record findings" }).click();
  const row = page.locator("fieldset", { hasText: "ILO 7. Retention of identity documents" });
  await row.getByLabel("Result").selectOption("critical");
  await row.getByLabel("What was found").fill("Passports of 23 workers kept in the manager's safe; workers must ask to see them.");
  await row.getByLabel("Workers interviewed").fill("9");
  await row.getByLabel("Add evidence files").setInputFiles({ name: "safe-inventory.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% inventory of the safe\n") });
  await page.getByRole("button", { name: "Save findings" }).click();

  const finding = page.locator(".contest", { hasText: "Retention of identity documents" });
  await expect(finding).toContainText("Critical");
  await expect(finding.getByRole("link", { name: "safe-inventory.pdf" })).toBeVisible();
  await expect(finding).toContainText(/SHA-256 [0-9a-f]{64}/);
  const after = Number((await page.locator(".band-badge").first().textContent())!.replace(/[^0-9.]/g, ""));
  expect(after).toBeGreaterThan(before);
  await expect(page.getByText("A critical finding calls for a follow-up audit.")).toBeVisible();

  // A corrective action on the finding, due by the inspectorate's rule for critical findings.
  await finding.getByText("Add a corrective action").click();
  await finding.getByLabel("What must be done").fill("Return every passport to its holder and give workers lockable storage.");
  await finding.getByRole("button", { name: "Add action" }).click();
  const due = addLocalDays(localDay(Date.now(), ZONE), 30);
  await expect(page.locator(".contest", { hasText: "Retention of identity documents" })).toContainText(`due ${due}`);
  // Added: the page says what, and the form starts afresh (closed, empty) so that it is not sent twice.
  await expect(finding.getByRole("status")).toHaveText(`Corrective action added: “Return every passport to its holder and give workers lockable storage.”, for the supplier, due on ${due}.`);
  await expect(finding.getByLabel("What must be done")).toBeHidden();
  await finding.getByText("Add a corrective action").click();
  await expect(finding.getByLabel("What must be done")).toHaveValue("");

  // The same without JavaScript: the redirect after the POST gives a fresh page that says what was added.
  const auditUrl = new URL(page.url()).pathname;
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto("/sign-in");
  await signInWithForm(noJs, "inspector@inspectorate.example");
  await noJs.goto(auditUrl);
  const same = noJs.locator(".contest", { hasText: "Retention of identity documents" });
  await same.getByText("Add a corrective action").click();
  await same.getByLabel("What must be done").fill("Train the site manager on document retention.");
  await same.getByLabel("Who must act").selectOption("company");
  await same.getByRole("button", { name: "Add action" }).click();
  await expect(same.getByRole("status")).toHaveText(`Corrective action added: “Train the site manager on document retention.”, for the company, due on ${due}.`);
  await expect(same.getByLabel("What must be done")).toBeHidden();
  await expect(same.getByRole("link", { name: "Return every passport to its holder and give workers lockable storage." })).toHaveCount(1);
  await plain.close();
});

test("the company answers a corrective action and the inspector verifies it closed", async ({ page, browser }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Corrective actions" }).click();
  await expect(page.getByRole("status")).toContainText(/overdue corrective action/);
  await page.getByRole("link", { name: /Cap shifts at 12 hours/ }).click();
  await expect(page.getByText(/Overdue: it was due on/)).toBeVisible();
  await page.getByLabel("Done: submit for verification").check();
  await page.getByLabel("What was done").fill("New shift plan from December: 12 hours at most, Sundays off. Time records attached.");
  await page.getByLabel("Evidence files").setInputFiles({ name: "time-records.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% time records\n") });
  await page.getByRole("button", { name: "Send answer" }).click();
  await expect(page.locator(".page-header")).toContainText("Submitted for verification");
  await expect(page.getByRole("link", { name: "time-records.pdf" })).toBeVisible();
  const url = page.url();

  const inspector = await browser.newPage();
  await inspector.goto("/sign-in");
  await signInWithForm(inspector, "inspector@inspectorate.example");
  await expect(inspector.getByRole("button", { name: "Sign out" })).toBeVisible();
  await inspector.goto(new URL(url).pathname);
  await inspector.getByLabel("Note").fill("Time records for December checked on site.");
  await inspector.getByRole("button", { name: "Record decision" }).click();
  await expect(inspector.locator(".page-header")).toContainText("Verified closed");
  await inspector.close();
});

test("the company never sees an unannounced audit before it starts; the inspectorate does", async ({ page, browser, db }) => {
  const secret = firstRow(await db.select().from(audits).where(eq(audits.type, "unannounced")))!;
  expect(secret.startsAt.getTime()).toBeGreaterThan(Date.now());

  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto(`/suppliers/${secret.supplierId}`);
  await expect(page.locator("section[aria-labelledby=audits-heading]")).toContainText("No audit recorded yet.");
  const response = await page.goto(`/audits/${secret.id}`);
  expect(response!.status()).toBe(404);
  await page.goto("/actions");
  await expect(page.locator("body")).not.toContainText("Unannounced");

  const inspector = await browser.newPage();
  await inspector.goto("/sign-in");
  await signInWithForm(inspector, "inspector@inspectorate.example");
  await expect(inspector.getByRole("button", { name: "Sign out" })).toBeVisible();
  await inspector.goto(`/audits/${secret.id}`);
  await expect(inspector.getByText(/cannot see this audit until/)).toBeVisible();
  // The inspector's private calendar feed carries it.
  await inspector.goto("/audits/calendar");
  await inspector.getByRole("button", { name: /feed address/ }).click();
  const feedUrl = await inspector.getByTestId("one-time-link").inputValue();
  const ics = await inspector.request.get(feedUrl);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await ics.text()).toContain("SUMMARY:Unannounced audit: Kebun Sawit Harapan Sdn Bhd");
  await inspector.close();
});

test("a Thai workplace's audit shows Bangkok time beside Kuala Lumpur time in the queue and the calendar", async ({ page, signInAs }) => {
  await signInAs("inspector@inspectorate.example");
  await page.goto("/audits/queue");
  // The demo's announced audit at Siam Ocean Seafood (Thailand): 09:00 there is 10:00 in Kuala Lumpur.
  const next = page.getByRole("row", { name: /Siam Ocean Seafood Processing Co\./ }).getByRole("link", { name: /Bangkok time/ });
  await expect(next).toHaveText(/^\d{4}-\d\d-\d\d 09:00 Bangkok time · 10:00 Kuala Lumpur time$/);
  const day = (await next.textContent())!.slice(0, 10);
  await page.goto(`/audits/calendar?view=week&date=${day}`);
  await expect(page.getByText("The calendar is in Kuala Lumpur time")).toBeVisible();
  const entry = page.locator(".calendar__entry", { hasText: "Siam Ocean Seafood Processing Co." });
  await expect(entry.getByRole("link")).toHaveText(/^10:00 Siam Ocean/);
  await expect(entry).toContainText("09:00 Bangkok time");
});
