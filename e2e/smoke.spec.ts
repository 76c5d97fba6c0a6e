import { expect, test } from "@playwright/test";

// The first thing a new user does. CI also runs this against `npm start` with no
// configuration at all, to prove the embedded defaults work.
test("@smoke a visitor signs up, lands on the dashboard and stays signed in", async ({ page }) => {
  const email = `smoke-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto("/");
  await page.getByRole("link", { name: /create account/i }).first().click();
  await page.getByLabel("Full name").fill("Smoke Tester");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("smoke password 1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Smoke" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("nav-user-name")).toHaveText("Smoke Tester");
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect((await me.json()).account.email).toBe(email);
});

test("@smoke pages carry the security headers", async ({ request }) => {
  const res = await request.get("/sign-in");
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toContain("default-src 'self'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-powered-by"]).toBeUndefined();
});
