import type { Page } from "@playwright/test";
import { alertWithText, expect, fieldError, signOut, signUp, test } from "./fixtures";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function expectNoHorizontalScroll(page: Page, what: string) {
  const size = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(size.scroll, `${what} is ${size.scroll}px wide in a ${size.viewport}px viewport`).toBeLessThanOrEqual(size.viewport);
}

const eventList = (page: Page) => page.getByTestId("event-list");

async function openExplorer(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
}

test.describe("events explorer", () => {
  test("lists the account's own events, opens one with its JSON, and filters by type @mobile", async ({ page }) => {
    const account = await signUp(page);
    await openExplorer(page);

    // Signing up published user.created, and signing in user.authenticated.
    await expect(eventList(page).getByRole("link", { name: "user.created", exact: true })).toBeVisible();
    await expect(eventList(page).getByRole("link", { name: "user.authenticated", exact: true }).first()).toBeVisible();
    await expectNoHorizontalScroll(page, "the events list");

    await eventList(page).getByRole("link", { name: "user.created", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${UUID}$`));
    const eventId = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { name: "user.created", level: 1 })).toBeVisible();
    await expect(page.getByText(eventId, { exact: true })).toBeVisible();
    const json = page.getByLabel("Event JSON");
    await expect(json).toContainText('"eventType": "user.created"');
    await expect(json).toContainText(`"eventId": "${eventId}"`);
    await expect(json).toContainText(`"email": "${account.email}"`);
    await expect(json).toContainText('"service": "users"');
    await expect(page.getByRole("heading", { name: "Deliveries" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Caused events" })).toBeVisible();
    // The server's embedded runner consumed the event: each subscribed function completed.
    await expect(async () => {
      await page.reload();
      for (const fn of ["init-quotas", "audit-log"]) {
        await expect(page.getByTestId(`delivery-${fn}`).locator("[data-status]").first()).toHaveAttribute("data-status", "completed", { timeout: 500 });
      }
    }).toPass({ timeout: 15_000 });
    await expectNoHorizontalScroll(page, "an event's page");

    // Back to the list, filtered by type through the form.
    await page.getByRole("link", { name: "← All events" }).click();
    await expect(page).toHaveURL(/\/events$/);
    await page.getByLabel("Event type").selectOption("user.authenticated");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/events\?eventType=user\.authenticated$/);
    await expect(eventList(page).getByRole("link", { name: "user.authenticated", exact: true }).first()).toBeVisible();
    await expect(eventList(page).getByRole("link", { name: "user.created", exact: true })).toHaveCount(0);
    await expect(page.getByLabel("Event type")).toHaveValue("user.authenticated");
    await expectNoHorizontalScroll(page, "the filtered list");

    // A filter that matches nothing says so and offers the way back.
    await page.getByLabel("Correlation id").fill("no-such-request");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
    await page.getByRole("link", { name: "Clear filters", exact: true }).click();
    await expect(page).toHaveURL(/\/events$/);
    await expect(eventList(page).getByRole("link", { name: "user.created", exact: true })).toBeVisible();
  });

  test("another account's event is a 404, as is an id that is not one", async ({ page }) => {
    await signUp(page, { fullName: "First Owner" });
    await openExplorer(page);
    await eventList(page).getByRole("link", { name: "user.created", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${UUID}$`));
    const ownEvent = new URL(page.url()).pathname;
    await signOut(page);

    await signUp(page, { fullName: "Second Person" });
    const response = await page.goto(ownEvent);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    // The second account's own list does not show the first account's events either.
    await page.goto("/events");
    await expect(eventList(page).getByRole("link", { name: "user.created", exact: true })).toHaveCount(1);
    await eventList(page).getByRole("link", { name: "user.created", exact: true }).click();
    expect(new URL(page.url()).pathname).not.toBe(ownEvent);

    for (const path of ["/events/not-a-uuid", "/events/00000000-0000-4000-8000-000000000000"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });

  test("bad filter values get a message per field, not an error page", async ({ page }) => {
    await signUp(page);
    const response = await page.goto("/events?eventType=user.exploded&from=yesterday&partitionKey=123");
    expect(response?.status()).toBe(200);
    await expect(fieldError(page, "eventType")).toHaveText("Choose an event type from the list.");
    await expect(fieldError(page, "from")).toHaveText("Enter a date and time such as 2026-11-28T14:30 (UTC).");
    await expect(fieldError(page, "partitionKey")).toHaveText("A partition key is a user id or a candidate session id (a UUID).");
    await expect(alertWithText(page, "Some filters are not valid.")).toBeVisible();
    await expect(eventList(page)).toHaveCount(0);

    await page.goto("/events?before=not-a-cursor");
    await expect(alertWithText(page, "That page link is not valid.")).toBeVisible();
    await page.getByRole("link", { name: "Newest events", exact: true }).click();
    await expect(page).toHaveURL(/\/events$/);
    await expect(eventList(page).getByRole("link", { name: "user.created", exact: true })).toBeVisible();
  });

  test("without a session the explorer sends you to sign in", async ({ page }) => {
    await page.goto("/events");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fevents$/);
  });
});
