// axe on every page of the signed-in dashboard, found the way the security test finds them (a
// new page is scanned without editing this file), with an account that has an interview,
// invitations and emails: no serious or critical violation, in English and in Russian.
import AxeBuilder from "@axe-core/playwright";
import { collectIds, createResources, pages, urlOf } from "./crawl";
import { expect, signUp, test } from "./fixtures";

test.setTimeout(5 * 60_000);

const dashboardPages = pages.filter((p) => /[\\/]\(dashboard\)[\\/]/.test(p.file));

// One test per language (each with its own account), so the two share the workers.
for (const locale of ["en", "ru"] as const) {
  test(`the dashboard's pages have no serious or critical axe violation, in ${locale === "ru" ? "Russian" : "English"}`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    await signUp(page);
    await createResources(page.request, origin);
    const { ids, urls } = await collectIds(page.request);
    const reachable = new Set(urls);

    // Static pages, and each dynamic page filled with the first id that the account can open.
    const targets: string[] = [];
    for (const p of dashboardPages) {
      if (!p.segments.some((s) => s.kind !== "static")) {
        targets.push(urlOf(p.segments, () => ""));
        continue;
      }
      const url = ids.map((id) => urlOf(p.segments, () => id)).find((u) => reachable.has(u));
      if (url) targets.push(url);
    }
    expect(targets.length).toBeGreaterThan(4);

    const violations: string[] = [];
    if (locale === "ru") {
      await page.goto("/settings");
      // The settings page's language form (components/settings/language-form.tsx): choose, save.
      await page.getByLabel("Language", { exact: true }).selectOption("ru");
      await page.getByRole("button", { name: "Save language" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    }
    for (const url of targets) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      // An email's HTML is shown in a frame sandboxed without scripts (components/mailbox): axe
      // cannot run inside it (its partial run never returns there), so the frame is left out of
      // the scan, and checked here for the one thing axe would ask of it: a name.
      const scriptless = page.locator("iframe[sandbox]:not([sandbox~='allow-scripts'])");
      for (const frame of await scriptless.all()) {
        if (!(await frame.getAttribute("title"))?.trim()) violations.push(`${locale} ${url}: frame-title (serious) a sandboxed frame has no title`);
      }
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .exclude("iframe[sandbox]:not([sandbox~='allow-scripts'])")
        .analyze();
      for (const v of result.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
        violations.push(`${locale} ${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      }
    }
    expect(violations, violations.join("\n")).toEqual([]);
  });
}
