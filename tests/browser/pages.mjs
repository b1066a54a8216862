// The main journeys in Debian's Chromium, for tests/api/browser_pages.rs:
// read as anonymous (lists, a value, a story, a person, a team, search, the
// sign-in and not-found pages, a value's stories side by side), submit a
// story with an error and then succeed (with its live preview and the
// similar-story notice), report a barrier and follow it, publish a story as
// a manager and read a history, the barrier board, a barrier, the insights,
// the notifications and their settings, the webhooks,
// the admin's tokens — at 1280 and 390 px, in Dutch and
// English. On every page: axe-core finds no violations, and the layout
// facts hold. Screenshots go to the folder given, for a person to look at.
//
// node pages.mjs <service base URL> <screenshot folder>
//
// axe-core is injected with `page.evaluate`, which runs through the
// DevTools protocol: the site's Content-Security-Policy (scripts from 'self'
// only) stays as strict as in production and still cannot block it.

import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const people = {
  anonymous: {},
  staff: { "X-Forwarded-User": "sanne", "X-Forwarded-Preferred-Username": "Sanne de Vries" },
  manager: { "X-Forwarded-User": "mia", "X-Forwarded-Preferred-Username": "Mia Jansen", "X-Forwarded-Groups": "managers" },
  admin: { "X-Forwarded-User": "ada", "X-Forwarded-Preferred-Username": "Ada Bakker", "X-Forwarded-Groups": "admins" },
};

let failures = 0;
let checked = 0;
function check(ok, what) {
  checked += 1;
  if (!ok) {
    failures += 1;
    console.log(`not ok - ${what}`);
  }
}

// WCAG contrast of two CSS colours given as rgb()/rgba().
function contrast(a, b) {
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b2] = rgb(c).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

async function audit(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    check(false, `${label}: axe ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }
  if (result.violations.length === 0) check(true, `${label}: axe`);
  const layout = await page.evaluate(() => {
    const main = document.querySelector("main");
    const header = document.querySelector("header.site");
    return {
      mainPadding: main ? parseFloat(getComputedStyle(main).paddingTop) : 0,
      headerHeight: header ? header.getBoundingClientRect().height : 0,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
  check(layout.mainPadding >= 16, `${label}: the content has space above it (${layout.mainPadding}px)`);
  check(layout.headerHeight <= 80, `${label}: the header is one row (${layout.headerHeight}px high)`);
  check(layout.overflow <= 0, `${label}: nothing wider than the window (${layout.overflow}px too wide)`);
}

async function visit(page, path, label, shotName) {
  const response = await page.goto(base + path);
  check(response && response.status() < 500, `${label}: ${path} answers (${response && response.status()})`);
  await audit(page, `${label} ${path}`);
  await page.screenshot({ path: `${shots}/${shotName}.png`, fullPage: false });
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
for (const lang of ["nl", "en"]) {
  for (const width of [1280, 390]) {
    const size = { width, height: width > 500 ? 900 : 844 };
    const tag = `${lang}-${width}`;
    const context = (who) =>
      browser.newContext({ viewport: size, extraHTTPHeaders: { "Accept-Language": lang, ...people[who] } });

    // Reading, signed out.
    const anonymous = await context("anonymous");
    let page = await anonymous.newPage();
    for (const [path, name] of [
      ["/", "home"],
      ["/stories", "stories"],
      ["/values/klantgericht", "value"],
      ["/stories/1", "story"],
      ["/search?q=klant", "search"],
      ["/people/henk.smit", "person"],
      ["/stories?team=Monteurs", "team"],
      ["/values/klantgericht?by=team", "value-by-team"],
      ["/stories/new", "sign-in-needed"],
      ["/stories/99999", "not-found"],
      ["/dev/login?back=%2Fstories%2Fnew", "dev-sign-in"],
    ]) {
      await visit(page, path, `${tag} anonymous`, `${tag}-anonymous-${name}`);
    }
    // The focus ring: visible against the page (WCAG 1.4.11, 3:1).
    await page.goto(base + "/");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      let node = el;
      let background = "rgba(0, 0, 0, 0)";
      while (node && node.nodeType === 1) {
        const bg = getComputedStyle(node).backgroundColor;
        if (!bg.startsWith("rgba(0, 0, 0, 0)") && bg !== "transparent") {
          background = bg;
          break;
        }
        node = node.parentElement;
      }
      return { outline: style.outlineColor, width: parseFloat(style.outlineWidth), background, tag: el.tagName };
    });
    check(ring.width >= 2, `${tag}: the focused ${ring.tag} has an outline (${ring.width}px)`);
    check(contrast(ring.outline, ring.background === "rgba(0, 0, 0, 0)" ? "rgb(255, 255, 255)" : ring.background) >= 3,
      `${tag}: the focus ring has 3:1 against its background (${ring.outline} on ${ring.background})`);
    if (width < 500) {
      // The phone menu opens from the keyboard and shows the links.
      await page.focus("details.menu > summary");
      await page.keyboard.press("Enter");
      const shown = await page.isVisible("details.menu nav a[href='/stories']");
      check(shown, `${tag}: the phone menu opens with the keyboard`);
      await audit(page, `${tag} anonymous menu open`);
      await page.screenshot({ path: `${shots}/${tag}-anonymous-menu.png` });
    }
    await anonymous.close();

    // Sharing a story: a mistake first, then a story that goes through.
    const staff = await context("staff");
    page = await staff.newPage();
    // Retelling a published story: the form points to it, gently.
    const known = await (await page.request.get(base + "/api/v1/stories/1")).json();
    await page.goto(base + "/stories/new");
    await page.fill("#title", "Bijna hetzelfde verhaal");
    await page.fill("#body", known.body);
    const notice = await page.locator("#similar .similar-notice").waitFor({ timeout: 5000 }).then(() => true, () => false);
    check(notice, `${tag}: writing a story like a published one shows the similar-story notice`);
    await audit(page, `${tag} staff form with the similar-story notice`);
    await page.screenshot({ path: `${shots}/${tag}-staff-similar.png`, fullPage: true });
    await visit(page, "/stories/new", `${tag} staff`, `${tag}-staff-form`);
    await page.fill("#title", "Ok");
    await page.fill("#body", "Te kort.");
    await page.$eval("form.story-form", (form) => { form.noValidate = true; });
    await Promise.all([page.waitForNavigation(), page.click("button[name=intent][value=submit]")]);
    // `autofocus` is applied when the browser next renders: give it a moment.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "errors", null, { timeout: 3000 }).catch(() => {});
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === "errors", `${tag}: after a failed submit the error summary has focus (${focused})`);
    check((await page.inputValue("#body")) === "Te kort.", `${tag}: the form keeps what was typed`);
    await audit(page, `${tag} staff form with errors`);
    await page.screenshot({ path: `${shots}/${tag}-staff-form-errors.png`, fullPage: true });
    await page.fill("#title", `Een verhaal uit de browser ${tag}`);
    await page.fill("#body", "De klant belde terug om te bedanken. Zo simpel kan het zijn, en zo fijn om te horen.");
    await page.check("input[name=values][value=klantgericht]");
    // The live preview shows the story as readers will: title, values, text.
    await page.waitForFunction(() => document.getElementById("preview-body").textContent.includes("De klant belde terug"), null, { timeout: 5000 }).catch(() => {});
    const preview = await page.evaluate(() => ({
      title: document.getElementById("preview-title").textContent,
      values: document.getElementById("preview-values").textContent,
      body: document.getElementById("preview-body").textContent,
    }));
    check(preview.title === `Een verhaal uit de browser ${tag}`, `${tag}: the preview shows the title (${preview.title})`);
    check(preview.values.includes("Klantgericht"), `${tag}: the preview shows the values (${preview.values})`);
    check(preview.body.startsWith("De klant belde terug"), `${tag}: the preview shows the text`);
    await Promise.all([page.waitForNavigation(), page.click("button[name=intent][value=submit]")]);
    check(/\/stories\/\d+/.test(page.url()) || page.url().endsWith("/my/stories"), `${tag}: the story is submitted (${page.url()})`);
    await audit(page, `${tag} staff after submitting`);
    await visit(page, "/my/stories", `${tag} staff`, `${tag}-staff-mine`);
    // Reporting a barrier, then following it.
    await visit(page, "/barriers/new?value=klantgericht", `${tag} staff`, `${tag}-staff-barrier-form`);
    await page.fill("#title", `Drempel uit de browser ${tag}`);
    await page.fill("#body", "Het retourformulier vraagt drie handtekeningen, dus de klant wacht dagen.");
    await Promise.all([page.waitForNavigation(), page.click("form[action='/barriers'] button")]);
    check(/\/barriers(\/\d+)?$/.test(page.url()), `${tag}: the barrier is reported (${page.url()})`);
    await audit(page, `${tag} staff after reporting a barrier`);
    await visit(page, "/barriers", `${tag} staff`, `${tag}-staff-barriers`);
    check((await page.content()).includes(`Drempel uit de browser ${tag}`), `${tag}: the reporter follows their barrier`);
    await visit(page, "/values/klantgericht", `${tag} staff`, `${tag}-staff-value`);
    await staff.close();

    // Moderating.
    const manager = await context("manager");
    page = await manager.newPage();
    await visit(page, "/moderation", `${tag} manager`, `${tag}-manager-moderation`);
    // Publish the story staff just submitted: it leaves the queue.
    const queued = await page.$$eval("form[action$='/publish']", (forms) => forms.length);
    check(queued > 0, `${tag}: the submitted story waits in the queue`);
    await Promise.all([page.waitForNavigation(), page.click("form[action$='/publish'] button")]);
    const after = await page.$$eval("form[action$='/publish']", (forms) => forms.length);
    check(after === queued - 1, `${tag}: publishing takes it out of the queue (${queued} → ${after})`);
    await audit(page, `${tag} manager after publishing`);
    await visit(page, "/stories/1", `${tag} manager`, `${tag}-manager-story`);
    await visit(page, "/stories/1/history", `${tag} manager`, `${tag}-manager-history`);
    await visit(page, "/barriers", `${tag} manager`, `${tag}-manager-board`);
    await visit(page, "/barriers/1", `${tag} manager`, `${tag}-manager-barrier`);
    await visit(page, "/values/klantgericht", `${tag} manager`, `${tag}-manager-value`);
    await visit(page, "/insights", `${tag} manager`, `${tag}-manager-insights`);
    check((await page.$$eval("svg.chart", (charts) => charts.length)) > 0, `${tag}: the insights draw their charts`);
    await visit(page, "/notifications", `${tag} manager`, `${tag}-manager-notifications`);
    await visit(page, "/notifications/settings", `${tag} manager`, `${tag}-manager-notice-settings`);
    await manager.close();

    // The author hears that the manager published the story: the bell
    // counts it, the list says it.
    const told = await context("staff");
    page = await told.newPage();
    await visit(page, "/notifications", `${tag} staff`, `${tag}-staff-notifications`);
    check((await page.content()).includes(`Een verhaal uit de browser ${tag}`), `${tag}: the author is told the story was published`);
    check((await page.$$eval("a.bell .count", (counts) => counts.length)) === 1, `${tag}: the bell shows the unread count`);
    await told.close();

    // The admin: every link in one header row on a desktop.
    const admin = await context("admin");
    page = await admin.newPage();
    await visit(page, "/admin/tokens", `${tag} admin`, `${tag}-admin-tokens`);
    await visit(page, "/admin/webhooks", `${tag} admin`, `${tag}-admin-webhooks`);
    await visit(page, "/values/klantgericht", `${tag} admin`, `${tag}-admin-value`);
    await admin.close();
  }
}
await browser.close();
console.log(`${checked - failures} of ${checked} checks passed`);
if (failures > 0) process.exit(1);
console.log("ok - the journeys pass axe-core and keep their layout");
