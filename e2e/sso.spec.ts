import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, me, signOut, signUp, test } from "./fixtures";

// Single sign-on through the real next-auth Keycloak provider against a local OpenID Connect
// provider (tests/oidc-server.ts): discovery, authorization code with PKCE, signed ID token.

async function ssoSignIn(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  // The identity provider's own pages; while its session lasts it sends the browser straight
  // back without asking again, as Keycloak does.
  const loginField = page.locator('input[name="login"]');
  await expect(loginField.or(page.getByRole("heading", { level: 1, name: /^Welcome/ }))).toBeVisible();
  if (await loginField.isVisible()) {
    await loginField.fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    const consent = page.getByRole("button", { name: "Continue" });
    if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
  }
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("first SSO sign-in creates the account; the next one signs into the same account", async ({ page }) => {
  const login = `sso${randomUUID().slice(0, 8)}`;
  await ssoSignIn(page, login);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${login}`);
  const first = await me(page);
  expect(first.account).toMatchObject({ email: `${login}@sso.example.com`, fullName: `${login} Sso`, sso: true, hasPassword: false });

  await signOut(page);
  await ssoSignIn(page, login);
  expect((await me(page)).account?.id).toBe(first.account?.id);
});

test("SSO with the email of an existing password account links to that account", async ({ page }) => {
  const login = `link${randomUUID().slice(0, 8)}`;
  const account = await signUp(page, { email: `${login}@sso.example.com`, fullName: "Linked Person" });
  const before = await me(page);
  await signOut(page);

  await ssoSignIn(page, login);
  const after = await me(page);
  expect(after.account).toMatchObject({ id: before.account?.id, email: account.email, fullName: "Linked Person", sso: true, hasPassword: true });
});
