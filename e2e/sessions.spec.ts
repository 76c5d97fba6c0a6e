// Sessions end on the server (issue 8, finding 7): a cookie copied before sign-out, "sign out
// everywhere" or account deletion no longer works.
import { expect, me, signOut, signUp, signIn, test } from "./fixtures";

test("a session cookie copied before sign-out is refused afterwards", async ({ page, browser, baseURL }) => {
  await signUp(page);
  const copied = await page.context().storageState();
  await signOut(page);

  const thief = await browser.newContext({ baseURL, storageState: copied });
  const res = await thief.request.get("/api/v1/me");
  expect(res.status()).toBe(401);
  const session = await (await thief.request.get("/api/auth/session")).json();
  expect(session).toEqual({});
  await thief.close();
});

test("sign out everywhere ends the other browser's session too", async ({ page, browser, baseURL }) => {
  const account = await signUp(page);
  const laptop = await browser.newContext({ baseURL });
  const laptopPage = await laptop.newPage();
  await signIn(laptopPage, account);
  expect((await me(laptopPage)).status).toBe(200);

  await page.goto("/settings");
  await expect(page.getByText("2 active sessions", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  expect((await me(laptopPage)).status).toBe(401);
  await laptopPage.goto("/dashboard");
  await expect(laptopPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await laptop.close();
});

test("a deleted account's cookie shows nothing of it", async ({ page, browser, baseURL }) => {
  const account = await signUp(page);
  const copied = await page.context().storageState();
  await page.goto("/settings");
  await page.getByLabel(`Type ${account.email} to confirm`).fill(account.email);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);

  const thief = await browser.newContext({ baseURL, storageState: copied });
  expect((await thief.request.get("/api/v1/me")).status()).toBe(401);
  const session = await (await thief.request.get("/api/auth/session")).json();
  expect(JSON.stringify(session)).not.toContain(account.email);
  await thief.close();
});

test("signed in, a callbackUrl that leaves the site or breaks the Location header goes to the dashboard", async ({ page }) => {
  await signUp(page);
  for (const bad of ["%2F%09%2Fevil.example", "%2F%0A%2Fx", "%2F%0D%2Fx", "%E3%80%82evil.example", "https%3A%2F%2Fevil.example"]) {
    const res = await page.request.get(`/sign-in?callbackUrl=${bad}`, { maxRedirects: 0 });
    expect(res.status(), bad).toBe(307);
    expect(res.headers()["location"], bad).toMatch(/^\/dashboard$|^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
  }
});
