// HR's judgement on the review page (issue 13): under blind review a candidate is "Candidate N"
// in the candidates list and on the review page (the name and email are not in the HTML at
// all) until HR rates them; HR then rates (with the stars, and the 1–5 keys: the answer the
// reviewer is on, or the overall rating while focus is in its panel), decides with a note and
// comments, and the decision is in the candidates list, which filters by it.
import { candidateBrowser, createInterview, startCandidate } from "./candidate-fixtures";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

const NAME = "Blanche Blindreview";

test("blind review hides the candidate until rated; HR rates, decides and the list shows the decision", async ({ page, browser, baseURL }) => {
  await signUp(page);
  const origin = new URL(baseURL!).origin;
  const interview = await createInterview(page.request, origin, {
    title: `Blind ${Date.now()}`,
    questions: [{ prompt: "Why this team?", type: "text", maxCharacters: 300 }],
  });
  const blind = await page.request.patch(`/api/v1/interviews/${interview.id}`, {
    headers: { origin, "content-type": "application/json" },
    data: { blindReview: true },
  });
  expect(blind.ok(), await blind.text()).toBe(true);
  expect(((await blind.json()) as { blindReview: boolean }).blindReview).toBe(true);

  const email = uniqueEmail("blind");
  const candidate = await candidateBrowser(browser, baseURL!);
  await startCandidate(candidate.page, interview.publicLink, email, NAME);
  await candidate.page.getByLabel("Your answer").fill("Because you ship carefully.");
  await candidate.page.getByRole("button", { name: "Submit answer" }).click();
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/v1/interviews/${interview.id}/sessions`);
      return ((await res.json()) as { data: { progress: { answered: number } }[] }).data[0]?.progress.answered;
    })
    .toBe(1);
  await candidate.context.close();

  // The list: a number, not the name; neither is anywhere in the page.
  await page.goto(`/interviews/${interview.id}`);
  await expect(page.getByText("Candidate 1", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(NAME);
  expect(await page.content()).not.toContain(email);

  await page.getByRole("link", { name: "Answers of Candidate 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Candidate 1");
  await expect(page.getByTestId("blind-notice")).toBeVisible();
  expect(await page.content()).not.toContain(NAME);
  expect(await page.content()).not.toContain(email);

  // Rating reveals who it is.
  const overall = page.getByRole("group", { name: "Overall rating" });
  await overall.getByRole("button", { name: "4 of 5" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
  await expect(overall.getByRole("button", { name: "4 of 5" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("blind-notice")).toHaveCount(0);

  await page.getByRole("group", { name: "Decision" }).getByRole("button", { name: "Advance" }).click();
  await expect(page.getByRole("button", { name: "Advance" })).toHaveAttribute("aria-pressed", "true");
  // A key while focus is in the judgement panel rates overall; elsewhere, the answer the reviewer is on.
  await page.keyboard.press("5");
  await expect(overall.getByRole("button", { name: "5 of 5" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("3");
  const answerRating = page.getByRole("group", { name: "Your rating of the answer to question 1" });
  await expect(answerRating.getByRole("button", { name: "3 of 5" })).toHaveAttribute("aria-pressed", "true");
  await expect(overall).toHaveAttribute("data-rating", "5");
  await page.getByLabel("Note on the decision").fill("Strong motivation; invite to round two.");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByTestId("review-panel").getByText("Saved.")).toBeVisible();

  await page.getByLabel("Add a comment").fill("Agreed, let's talk to her.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("review-comment")).toContainText("Agreed, let's talk to her.");

  // The API says the same.
  const session = await page.request.get(`/api/v1/sessions/${page.url().split("/").at(-1)}`);
  expect(((await session.json()) as { review: unknown }).review).toMatchObject({ rating: 5, decision: "advance", note: "Strong motivation; invite to round two." });

  // The list: the decision and rating, the name back; filtering by decision.
  await page.goto(`/interviews/${interview.id}`);
  const row = page.getByRole("row", { name: new RegExp(NAME) });
  await expect(row.getByTestId("candidate-judgement")).toHaveAttribute("data-decision", "advance");
  await expect(row.getByTestId("candidate-judgement")).toHaveAttribute("data-rating", "5");
  await page.getByLabel("Decision", { exact: true }).selectOption("reject");
  await expect(page.getByRole("row", { name: new RegExp(NAME) })).toHaveCount(0);
  await page.getByLabel("Decision", { exact: true }).selectOption("advance");
  await expect(page.getByRole("row", { name: new RegExp(NAME) })).toBeVisible();
});
