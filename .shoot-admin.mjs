import { chromium } from "@playwright/test";
const base = "http://localhost:3652";
const paths = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 360, height: 740 }]]) {
  const page = await browser.newPage({ viewport });
  await page.goto(base + "/sign-in");
  await page.fill("#field-email", "admin@platform.example");
  await page.fill("#field-password", "demo-password-2026");
  await page.click("button[type=submit]");
  await page.waitForLoadState("networkidle");
  for (const p of paths) {
    const [path, action] = p.split("#");
    await page.goto(base + path);
    if (action) await page.click(`text=${action}`);
    await page.waitForLoadState("networkidle");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const name = `${label}-${p.replace(/[^a-z0-9]+/gi, "_")}.png`;
    await page.screenshot({ path: `/tmp/h18/admin-shots/${name}`, fullPage: true });
    console.log(name, "scrollWidth", width, "viewport", viewport.width);
  }
  await page.close();
}
await browser.close();
