import { spawn, type ChildProcess } from "node:child_process";
import { expect, signInWithForm, test } from "./fixtures";

/**
 * Two app nodes on one PostgreSQL database (issue 16; the PostgreSQL e2e run only): the e2e server
 * is node A, and this test starts node B beside it on the same DATABASE_URL and upload directory,
 * as a second machine behind a load balancer would be. A person signs in on A and is served by B;
 * an import uploaded on B is checked by whichever node's runner claims it and read on A; B is then
 * stopped outright, and A alone imports the list. Nothing lives in one node's memory.
 */
const NODE_B_PORT = 3222;

function startNode(port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), SEED_DEMO: "false", LOG_REQUESTS: "false", WEB_CONCURRENCY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

const LIST = ["Supplier ID,Supplier name,Country,Sector,Number of workers", "N-1,Two Node Garments Ltd,BD,Apparel,900", "N-2,Second Node Fisheries,TH,Seafood,300", ""].join("\r\n");

test("a session from one node is valid on the other; an import started on one is finished on the other after it stops", async ({ page }) => {
  test.setTimeout(180_000);
  // Only the PostgreSQL run includes this file (playwright.config.ts): it needs DATABASE_URL.
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  const b = startNode(NODE_B_PORT);
  const nodeB = `http://localhost:${NODE_B_PORT}`;
  try {
    await expect.poll(b.output, { timeout: 90_000 }).toContain("listening on");

    // Signed in on A (the e2e server); the session cookie is the browser's for localhost, whatever the port.
    await page.goto("/sign-in");
    await signInWithForm(page, "compliance@northwind.example");
    await expect(page).not.toHaveURL(/sign-in/);
    await page.goto(`${nodeB}/suppliers`);
    await expect(page).toHaveURL(`${nodeB}/suppliers`);
    await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();

    // Uploaded and checked on B.
    await page.goto(`${nodeB}/imports`);
    await page.getByLabel("Supplier list").check();
    await page.getByLabel("CSV file").setInputFiles({ name: "two-nodes.csv", mimeType: "text/csv", buffer: Buffer.from(LIST, "utf8") });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "two-nodes.csv" })).toBeVisible();
    // The check is queued once B has answered the form (then either node's runner may take it).
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(nodeB)), page.getByRole("button", { name: "Check all rows" }).click()]);
    const importPath = new URL(page.url()).pathname;

    // Read on A: the upload (shared directory) and the check (the database) are there.
    await page.goto(importPath);
    await expect(page.getByRole("heading", { name: "What will happen" })).toBeVisible({ timeout: 60_000 });

    // B stops outright; A alone imports.
    b.child.kill("SIGKILL");
    await page.getByRole("button", { name: /^Import: 2 new records/ }).click();
    await expect(page.locator(".page-header .badge")).toHaveText("Imported", { timeout: 60_000 });
    await page.goto("/suppliers?q=Node");
    await expect(page.getByRole("link", { name: "Two Node Garments Ltd", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Second Node Fisheries", exact: true })).toBeVisible();
  } finally {
    if (b.child.exitCode === null) b.child.kill("SIGKILL");
  }
});
