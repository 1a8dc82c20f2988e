import { chromium } from "@playwright/test";
const [lng, who, ...paths] = process.argv.slice(2);
const base = "http://127.0.0.1:3399";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const [vp, size] of [["desk", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  const ctx = await browser.newContext({ viewport: size });
  const page = await ctx.newPage();
  await page.goto(base + "/sign-in");
  await page.fill("input[name=email]", who);
  await page.fill("input[name=password]", "demo-password-2026");
  await page.click("form[method=post] button[type=submit] >> nth=-1");
  await page.waitForLoadState("networkidle");
  await page.selectOption("#language-switcher", lng);
  await page.click(".language-switcher button");
  await page.waitForLoadState("networkidle");
  for (const p of paths) {
    await page.goto(base + p);
    await page.waitForLoadState("networkidle");
    const name = `/tmp/shots/${lng}-${vp}-${who.split("@")[0]}-${p.replace(/[^a-z0-9]+/gi, "_")}.png`;
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    const seg = size.width > 500 ? 1100 : 1400;
    const segs = Math.min(Number(process.env.SEGS ?? 3), Math.ceil(h / seg));
    for (let i = 0; i < segs; i++) {
      const n = name.replace(".png", `-${i}.png`);
      await page.screenshot({ path: n, fullPage: true, clip: { x: 0, y: i * seg, width: size.width, height: Math.min(seg, h - i * seg) } });
      console.log(n);
    }
  }
  await ctx.close();
}
await browser.close();
