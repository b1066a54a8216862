// Screenshots for a person to look at: node shots.mjs <base> <outdir>
import { chromium } from "playwright-core";
const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const who = {
  anon: {},
  admin: { "X-Forwarded-User": "ada.admin", "X-Forwarded-Name": "Ada de Vries", "X-Forwarded-Groups": "admins" },
};
const pages = (process.env.PAGES || "/,/stories,/values/klantgericht,/stories/3").split(",");
for (const [role, headers] of Object.entries(who)) {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, extraHTTPHeaders: headers });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(base + path);
      const name = `${role}-${width}-${path.replace(/[^a-z0-9]+/gi, "_")}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: false });
    }
    if (width < 500) {
      await page.goto(base + "/");
      await page.click("details.menu > summary");
      await page.screenshot({ path: `${out}/${role}-${width}-menu-open.png` });
    } else if (role !== "anon") {
      await page.goto(base + "/");
      await page.click("details.user-menu > summary");
      await page.screenshot({ path: `${out}/${role}-${width}-user-menu.png` });
    }
    await context.close();
  }
}
await browser.close();
