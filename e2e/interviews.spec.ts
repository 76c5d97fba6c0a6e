// The HR workspace end to end, as issue 9's Tests section lists it: write an interview with
// three questions, reorder them (buttons and keyboard drag), publish, invite two people, read
// both invitation emails in the mailbox and follow a link, revoke one, close the interview;
// and a full plan shown in the UI with a way to the usage page.
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

/** The editor's card for the question at this position (a fieldset named by its legend). */
const questionCard = (page: Page, n: number) => page.getByRole("group", { name: `Question ${n}`, exact: true });
const promptOf = (card: Locator) => card.getByLabel("Question", { exact: true });

async function promptsInEditor(page: Page, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let n = 1; n <= count; n++) out.push(await promptOf(questionCard(page, n)).inputValue());
  return out;
}

/** Creates an interview through the public API with the browser's session (for the quota test). */
async function createByApi(request: APIRequestContext, origin: string, title: string): Promise<number> {
  const res = await request.post("/api/v1/interviews", {
    headers: { origin, "content-type": "application/json" },
    data: { title, questions: [{ prompt: "Tell us about yourself" }] },
  });
  return res.status();
}

test("write, reorder, publish, invite, read the invitations, revoke one, close", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await signUp(page);
  const title = `Support engineer ${Date.now()}`;

  // Write the interview: details, then three questions.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interviews" }).click();
  await expect(page.getByRole("heading", { name: "Interviews", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New interview" }).click();
  await expect(page.getByRole("heading", { name: "New interview", level: 1 })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Our customers' first line of help.");
  await page.getByLabel("Candidate language").selectOption("en");
  await page.getByLabel("Intro message").fill("Thanks for your time!");
  await promptOf(questionCard(page, 1)).fill("First: tell us about yourself");
  await page.getByRole("button", { name: "Add question" }).click();
  // A new question's prompt gets focus.
  await expect(promptOf(questionCard(page, 2))).toBeFocused();
  await page.keyboard.type("Second: a customer you helped");
  await questionCard(page, 2).getByLabel("Answer type").selectOption("text");
  await expect(questionCard(page, 2).getByLabel("Answer length (characters)")).toBeVisible();
  await page.getByRole("button", { name: "Add question" }).click();
  await promptOf(questionCard(page, 3)).fill("Third: why support?");
  // A rubric criterion on the third question.
  await page.getByRole("button", { name: "Add criterion to question 3" }).click();
  const criterion = questionCard(page, 3).getByRole("group", { name: "Criterion 1 of question 3" });
  await criterion.getByLabel("Criterion", { exact: true }).fill("Empathy");
  await criterion.getByLabel("What a good answer shows").fill("Puts the customer first");
  await criterion.getByLabel("Weight").fill("5");

  // Reorder with the visible buttons: the third question moves to the top, focus stays on it.
  await page.getByRole("button", { name: "Move up question 3" }).click();
  await expect(page.getByRole("button", { name: "Move up question 2" })).toBeFocused();
  await page.getByRole("button", { name: "Move up question 2" }).click();
  // At the top "Move up" is disabled, so focus moves to its twin.
  await expect(page.getByRole("button", { name: "Move down question 1" })).toBeFocused();
  expect(await promptsInEditor(page, 3)).toEqual([
    "Third: why support?",
    "First: tell us about yourself",
    "Second: a customer you helped",
  ]);
  // Reorder with the keyboard drag (dnd-kit): pick question 1 up, one down, drop. Each step
  // waits for what a screen reader hears (dnd-kit's live region): the sensor starts listening
  // for arrows and measures the list only after the pick-up, as a person would wait for it.
  const dragStatus = page.getByRole("status").filter({ hasText: /^(Picked up|The question is now|Question dropped)/ });
  await page.getByRole("button", { name: "Reorder question 1" }).focus();
  await page.keyboard.press("Space");
  await expect(dragStatus).toHaveText(/position 1 of 3\.$/);
  await page.keyboard.press("ArrowDown");
  await expect(dragStatus).toHaveText("The question is now at position 2 of 3.");
  await page.keyboard.press("Space");
  await expect(dragStatus).toHaveText("Question dropped at position 2 of 3.");
  await expect.poll(() => promptsInEditor(page, 3)).toEqual([
    "First: tell us about yourself",
    "Third: why support?",
    "Second: a customer you helped",
  ]);
  // The rubric travelled with its question.
  await expect(
    questionCard(page, 2).getByRole("group", { name: "Criterion 1 of question 2" }).getByLabel("Criterion", { exact: true }),
  ).toHaveValue("Empathy");

  // A field error from the server lands next to its input, on the question it belongs to.
  await questionCard(page, 3).getByLabel("Answer length (characters)").fill("5");
  await page.getByRole("button", { name: "Create interview" }).click();
  await expect(page.locator("[data-field-error]").filter({ hasText: "at least 50 characters" })).toBeVisible();
  await expect(questionCard(page, 3).getByLabel("Answer length (characters)")).toHaveAttribute("aria-invalid", "true");
  await questionCard(page, 3).getByLabel("Answer length (characters)").fill("800");

  await page.getByRole("button", { name: "Create interview" }).click();
  await expect(page).toHaveURL(/\/interviews\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  const shown = await page.getByText(/^(First|Second|Third):/).allTextContents();
  expect(shown).toEqual(["First: tell us about yourself", "Third: why support?", "Second: a customer you helped"]);

  // Publish: the public link appears and can be copied.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published." })).toBeVisible();
  await expect(page.getByLabel("Public link")).toHaveValue(/\/i\/[A-Za-z0-9_-]{22,}$/);
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible();

  // Invite two people (components/candidates/invite-form.tsx): one per line, "Name, email".
  const alice = uniqueEmail("alice");
  const bob = uniqueEmail("bob");
  await page.getByLabel("Candidates", { exact: true }).fill(`Alice Doe, ${alice}\nBob Roe, ${bob}`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 candidates invited" })).toBeVisible();
  // The candidates table (components/candidates/candidates-table.tsx) lists both.
  await expect(page.getByRole("row").filter({ hasText: alice })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: bob })).toBeVisible();

  // Both invitation emails arrive in the mailbox (sent by a background function: reload until then).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mailbox" }).click();
  await expect(page.getByRole("heading", { name: "Mailbox", level: 1 })).toBeVisible();
  const emails = page.getByRole("list", { name: "Emails" });
  await expect(async () => {
    await page.reload();
    await expect(emails.getByRole("listitem").filter({ hasText: alice })).toHaveCount(1);
    await expect(emails.getByRole("listitem").filter({ hasText: bob })).toHaveCount(1);
  }).toPass({ timeout: 60_000 });
  for (const to of [alice, bob]) {
    await expect(emails.getByRole("listitem").filter({ hasText: to }).getByRole("link")).toContainText(title);
  }
  // Read Bob's and follow its link (the plain-text version writes it out).
  await emails.getByRole("listitem").filter({ hasText: bob }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  const text = (await page.getByTestId("email-text").textContent()) ?? "";
  const link = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]{22,}/.exec(text)?.[0];
  expect(link, `no invitation link in:\n${text}`).toBeTruthy();
  const personal = new URL(link!);
  // The page's GET writes nothing (link scanners fetch it too): its script records the visit
  // with a POST to /i/<token>/opened; wait for that before moving on.
  const recorded = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `${personal.pathname}/opened`);
  const opened = await page.goto(personal.pathname);
  expect(opened?.status()).toBeLessThan(400);
  expect((await recorded).ok()).toBe(true);

  // Back on the interview: revoke Alice.
  await page.goto("/interviews");
  await page.getByRole("link", { name: title }).click();
  const aliceRow = page.getByRole("row").filter({ hasText: alice });
  // The table asks with window.confirm (Playwright dismisses dialogs unless told otherwise).
  page.once("dialog", (d) => void d.accept());
  await aliceRow.getByRole("button", { name: "Revoke the invitation of Alice Doe" }).click();
  await expect(aliceRow).toContainText("Revoked");
  await expect(aliceRow.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  // Bob followed his link: opened, not revoked.
  await expect(page.getByRole("row").filter({ hasText: bob })).toContainText("Opened");
  await expect(page.getByRole("row").filter({ hasText: bob })).not.toContainText("Revoked");

  // Close: nobody has started, so the interview completes at once.
  await page.getByRole("button", { name: "Close interview" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Closed\./ })).toBeVisible();
  await expect(page.getByText(/^(Closed|Completed)$/).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Close interview" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);

  // The dashboard home lists it, and its events read as sentences linking to the explorer.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  const activity = page.getByRole("list", { name: "Recent activity" });
  // Inviting republishes interview.published (docs/decisions/0004-invitation-emails.md): the
  // activity holds the publication and the invitations' republication, both "published".
  const publishedEvent = activity.getByRole("link", { name: `Interview “${title}” published`, exact: true });
  await expect(publishedEvent).toHaveCount(2);
  await publishedEvent.last().click();
  await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "interview.published", level: 1 })).toBeVisible();
});

test("editing a published interview says it creates a new version; duplicate and delete", async ({ page }) => {
  await signUp(page);
  await page.goto("/interviews/new");
  await page.getByLabel("Title").fill("Versioned");
  await promptOf(questionCard(page, 1)).fill("Only question");
  await page.getByRole("button", { name: "Create interview" }).click();
  await expect(page.getByRole("heading", { name: "Versioned", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByLabel("Public link")).toBeVisible();

  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "saving creates version 2" })).toBeVisible();
  await promptOf(questionCard(page, 1)).fill("Only question, reworded");
  // Leaving with unsaved changes asks first; dismissing keeps the page.
  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interviews" }).click();
  await expect(page.getByRole("heading", { name: "Edit interview", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Versioned", level: 1 })).toBeVisible();
  await expect(page.getByText("Version 2", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Only question, reworded")).toBeVisible();

  // Duplicate: a new draft with the same questions.
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  const copyUrl = page.url();
  await expect(page.getByText("Only question, reworded")).toBeVisible();

  // Delete asks for confirmation, then the interview is gone (404 by its address).
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Delete interview" }).click();
  await expect(page).toHaveURL(/\/interviews$/);
  const gone = await page.goto(copyUrl);
  expect(gone?.status()).toBe(404);
});

test("a full plan is shown in the UI with a link to the usage page @mobile", async ({ page, baseURL }) => {
  await signUp(page);
  const origin = new URL(baseURL!).origin;
  // The free plan allows three active interviews.
  for (let i = 1; i <= 3; i++) expect(await createByApi(page.request, origin, `Role ${i}`)).toBe(201);

  await page.goto("/interviews/new");
  await page.getByLabel("Title").fill("One too many");
  await promptOf(questionCard(page, 1)).fill("Anything");
  await page.getByRole("button", { name: "Create interview" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: /limit|plan/i });
  await expect(refusal).toBeVisible();
  await expect(page).toHaveURL(/\/interviews\/new$/);

  // Duplicating is refused the same way.
  await page.goto("/interviews");
  await page.getByRole("link", { name: "Role 1" }).click();
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /limit|plan/i })).toBeVisible();

  await page.getByRole("link", { name: "See your plan's usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(page.getByTestId("usage-plan")).toHaveText("Free");
  const bar = page.getByRole("progressbar", { name: "Active interviews" });
  await expect(bar).toHaveAttribute("aria-valuenow", "3");
  await expect(bar).toHaveAttribute("aria-valuemax", "3");
  await expect(page.getByRole("progressbar", { name: "Storage" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Candidates in your fullest interview" })).toBeVisible();
  const size = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(size.scroll).toBeLessThanOrEqual(size.viewport);
});

test("another account's interview is a 404 page, and so is a malformed id", async ({ page, browser }) => {
  await signUp(page);
  await page.goto("/interviews/new");
  await page.getByLabel("Title").fill("Private");
  await promptOf(questionCard(page, 1)).fill("Q");
  await page.getByRole("button", { name: "Create interview" }).click();
  await expect(page).toHaveURL(/\/interviews\/[0-9a-f-]{36}$/);
  const url = new URL(page.url()).pathname;

  const other = await browser.newPage();
  await signUp(other);
  for (const path of [url, `${url}/edit`, "/interviews/not-an-id", "/interviews/00000000-0000-4000-8000-000000000000"]) {
    const res = await other.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(other.getByText("Private")).toHaveCount(0);
  }
  await other.close();
});
