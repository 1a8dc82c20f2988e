import { chromium } from "@playwright/test";
const [file, x, y, w, h, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: Number(w) + Number(x), height: Number(h) + Number(y) } });
await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${(await import("node:fs")).readFileSync(file).toString("base64")}"></body>`);
await page.screenshot({ path: out, clip: { x: Number(x), y: Number(y), width: Number(w), height: Number(h) } });
await browser.close();
