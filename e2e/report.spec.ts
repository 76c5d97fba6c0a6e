// The report page (issue 13): HR publishes an interview with two written questions and invites
// two candidates; one starts. The report shows its charts (with their figures in words for
// screen readers) and the ranked table, passes an axe scan, and the CSV and PDF download as files.
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { createInterview } from "./candidate-fixtures";
import { expect, signUp, test } from "./fixtures";

test("the report shows its charts and downloads as CSV and PDF", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const title = `Report journey ${Date.now()}`;
  const interview = await createInterview(page.request, origin, {
    title,
    questions: [
      { prompt: "Why this job?", type: "text", maxCharacters: 300 },
      { prompt: "What did you ship last?", type: "text", maxCharacters: 300 },
    ],
  });
  const invited = await page.request.post(`/api/v1/interviews/${interview.id}/invitations`, {
    headers: { origin, "content-type": "application/json" },
    data: { candidates: [{ email: `a-${Date.now()}@example.com`, name: "Ann" }, { email: `b-${Date.now()}@example.com`, name: "Ben" }] },
  });
  expect(invited.ok(), await invited.text()).toBe(true);
  // Ann starts through her personal link (as e2e/crawl.ts does); Ben never opens his.
  const rows = (await (await page.request.get(`/api/v1/interviews/${interview.id}/invitations?sort=name`)).json()) as { data: { name: string; link: string }[] };
  const token = new URL(rows.data.find((r) => r.name === "Ann")!.link).pathname.split("/").pop()!;
  const started = await page.request.post(`/i/${token}/session`, { headers: { origin, "content-type": "application/json" }, data: { consent: { recording: true, analysis: true } } });
  expect(started.ok(), await started.text()).toBe(true);

  await page.goto(`/interviews/${interview.id}`);
  await page.getByTestId("report-link").click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${interview.id}/report$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Report: ${title}`);

  await expect(page.getByRole("img", { name: "Invited 2, opened 1, started 1, completed 0." })).toBeVisible();
  await expect(page.getByTestId("chart-funnel").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-distribution").locator("svg")).toBeVisible();
  await expect(page.getByRole("img", { name: /^Sessions that stopped at each question: Q1: 1; Q2: 0\.$/ })).toBeVisible();
  await expect(page.getByTestId("report-candidates").getByRole("link", { name: "Ann" })).toBeVisible();

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-csv").click()]);
  expect(csv.suggestedFilename()).toMatch(/^report-Report-journey-\d+\.csv$/);
  const csvText = await readFile((await csv.path())!, "utf8");
  expect(csvText).toContain("\r\n2,1,1,0,,0,,\r\n");
  expect(csvText).toMatch(/\r\n1,[0-9a-f-]{36},Ann,(started|in_progress),,,,,false\r\n/);

  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-pdf").click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
});
