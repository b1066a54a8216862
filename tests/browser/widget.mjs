// The widget in a real browser: Debian's Chromium, driven by playwright-core.
// Started by tests/api/browser.rs with the addresses it set up:
//
//   node widget.mjs <intranet page> <page on a non-allowed origin> <app base>
//
// Exits 0 when every check passes; otherwise prints what failed and exits 1.

import { chromium } from "playwright-core";

const [intranetPage, otherPage, appBase] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok - ${message}`);
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage();
  page.on("console", (message) => console.log(`  [page] ${message.text()}`));
  await page.goto(intranetPage);

  // The list of stories of a value.
  const storyLinks = page.locator("merkwaardig-stories a");
  await storyLinks.first().waitFor({ timeout: 10_000 });
  check((await storyLinks.count()) >= 1, "<merkwaardig-stories> lists the value's stories");

  // Type into the search box (Playwright's locators pierce the shadow DOM).
  const input = page.locator("merkwaardig-search input");
  check((await input.getAttribute("role")) === "combobox", "the input is an ARIA combobox");
  await input.click();
  await input.pressSequentially("storing", { delay: 40 });
  const options = page.locator("merkwaardig-search [role=option]");
  await options.first().waitFor({ timeout: 10_000 });
  const count = await options.count();
  check(count >= 2, `results appear while typing (${count})`);
  check((await input.getAttribute("aria-expanded")) === "true", "the listbox is announced as open");
  const marks = page.locator("merkwaardig-search [role=option] mark");
  check((await marks.count()) >= 1, "the snippets highlight the words");
  check(
    (await marks.first().textContent()).toLowerCase().startsWith("storing"),
    "the highlighted word is the one searched for",
  );
  const status = page.locator("merkwaardig-search [role=status]");
  check(/gevonden/.test(await status.textContent()), "the result count is announced (in Dutch, the page's language)");

  // A mistyped word is searched as the words one letter from it, and the
  // status says so.
  await input.fill("");
  await input.pressSequentially("stroing ", { delay: 40 });
  await page.waitForFunction(() => {
    const text = document.querySelector("merkwaardig-search")?.shadowRoot?.querySelector("[role=status]")?.textContent;
    return text && text.includes("wel met");
  }, null, { timeout: 10_000 });
  check(
    (await status.textContent()).includes("geen verhalen met “stroing”, wel met “storing”"),
    `the correction is announced: ${await status.textContent()}`,
  );
  await input.fill("");
  await input.pressSequentially("storing", { delay: 40 });
  await page.waitForFunction(() => {
    const text = document.querySelector("merkwaardig-search")?.shadowRoot?.querySelector("[role=status]")?.textContent;
    return text && !text.includes("wel met") && text.includes("gevonden");
  }, null, { timeout: 10_000 });

  // Keyboard: arrows move, Escape closes, Enter opens.
  await input.press("ArrowDown");
  const first = await options.nth(0).getAttribute("id");
  check((await input.getAttribute("aria-activedescendant")) === first, "ArrowDown activates the first result");
  check((await options.nth(0).getAttribute("aria-selected")) === "true", "the first result is selected");
  await input.press("ArrowDown");
  check(
    (await input.getAttribute("aria-activedescendant")) === (await options.nth(1).getAttribute("id")),
    "ArrowDown moves to the second result",
  );
  await input.press("ArrowUp");
  check((await input.getAttribute("aria-activedescendant")) === first, "ArrowUp moves back");
  await input.press("Escape");
  check((await input.getAttribute("aria-expanded")) === "false", "Escape closes the list");
  check((await input.inputValue()) === "storing", "Escape keeps the query the first time");
  await input.press("ArrowDown");
  check((await input.getAttribute("aria-expanded")) === "true", "ArrowDown opens it again");
  const target = await options.nth(0).locator("a").getAttribute("href");
  await Promise.all([page.waitForURL(target, { timeout: 10_000 }), input.press("Enter")]);
  check(page.url() === target && target.startsWith(`${appBase}/stories/`), "Enter opens the story on Merkwaardig");

  // A page on an origin that is not configured gets nothing.
  const other = await browser.newPage();
  await other.goto(otherPage);
  const otherInput = other.locator("merkwaardig-search input");
  await otherInput.click();
  await otherInput.pressSequentially("storing", { delay: 40 });
  const otherStatus = other.locator("merkwaardig-search [role=status]");
  await other.waitForFunction(
    () => {
      const status = document.querySelector("merkwaardig-search")?.shadowRoot?.querySelector("[role=status]");
      return status && status.textContent && !status.textContent.endsWith("…");
    },
    null,
    { timeout: 10_000 },
  );
  check((await other.locator("merkwaardig-search [role=option]").count()) === 0, "another origin gets no results");
  check(/lukt nu even niet/.test(await otherStatus.textContent()), "and is told search is unavailable");
} catch (error) {
  console.error(`not ok - ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
