import {
  alertWithText,
  expect,
  expectNoSession,
  fieldError,
  firstName,
  me,
  newAccount,
  signIn,
  signOut,
  signUp,
  signUpThroughForm,
  submitSignIn,
  submitSignUp,
  test,
} from "./fixtures";

const WRONG_CREDENTIALS = "Wrong email or password.";

test.describe("sign up", () => {
  test("creates the account and lands on the dashboard with the name shown @mobile", async ({ page, isMobile }) => {
    // The one test of the whole form (other tests sign up without loading it: fixtures.signUp).
    const account = await signUpThroughForm(page, { fullName: "Grace Brewster Hopper" });

    await expect(page.getByRole("heading", { name: "Welcome, Grace" })).toBeVisible();
    // The nav shows the full name (its text block is hidden below the sm breakpoint).
    await expect(page.getByTestId("nav-user-name")).toHaveText(account.fullName);
    if (!isMobile) await expect(page.getByTestId("nav-user-name")).toBeVisible();
    await expect(page.getByText(account.companyName, { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    // The server agrees about who is signed in, and stored the email normalised.
    const session = await me(page);
    expect(session.status).toBe(200);
    expect(session.account).toMatchObject({
      email: account.email,
      fullName: account.fullName,
      companyName: account.companyName,
      avatarUrl: null,
      hasPassword: true,
    });
    expect(session.account).not.toHaveProperty("passwordHash");

    // No horizontal scrolling, on a phone or a desktop, on the dashboard and on settings.
    const overflow = () =>
      page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    let size = await overflow();
    expect(size.scroll, `dashboard is ${size.scroll}px wide in a ${size.viewport}px viewport`).toBeLessThanOrEqual(
      size.viewport,
    );
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    size = await overflow();
    expect(size.scroll, `settings is ${size.scroll}px wide in a ${size.viewport}px viewport`).toBeLessThanOrEqual(
      size.viewport,
    );
  });

  test("a duplicate email is refused with a field error and changes nothing", async ({ page }) => {
    const original = await signUp(page, { fullName: "Original Owner" });
    await signOut(page);

    const impostor = newAccount({ email: original.email, fullName: "Second Person", password: "another-password-123" });
    await submitSignUp(page, impostor);
    await expect(fieldError(page, "email")).toHaveText("An account with this email already exists. Sign in instead.");
    await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);
    await expectNoSession(page);

    // Emails are case-insensitive: the same address in capitals is the same account.
    await page.getByLabel("Work email").fill(original.email.toUpperCase());
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(fieldError(page, "email")).toHaveText("An account with this email already exists. Sign in instead.");
    await expectNoSession(page);

    // The second password was not stored...
    await submitSignIn(page, { email: original.email, password: impostor.password });
    await expect(alertWithText(page, WRONG_CREDENTIALS)).toHaveText(WRONG_CREDENTIALS);
    await expectNoSession(page);

    // ...and the original account, name and password are untouched.
    await signIn(page, original);
    await expect(page.getByTestId("nav-user-name")).toHaveText("Original Owner");
    expect((await me(page)).account).toMatchObject({ email: original.email, fullName: "Original Owner" });
  });

  test("an invalid email gets a field error and no account", async ({ page }) => {
    const account = newAccount({ email: "not-an-email" });
    await submitSignUp(page, account);

    await expect(fieldError(page, "email")).toHaveText("Enter a valid email address, like name@company.com.");
    await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Work email")).toHaveAttribute("aria-describedby", /email-error/);
    // Only the broken field is flagged.
    await expect(fieldError(page, "fullName")).toHaveCount(0);
    await expect(fieldError(page, "password")).toHaveCount(0);
    await expect(page).toHaveURL(/\/sign-up$/);
    await expectNoSession(page);

    await submitSignIn(page, account);
    await expect(alertWithText(page, WRONG_CREDENTIALS)).toBeVisible();
    await expectNoSession(page);
  });

  test("a short password gets a field error and no account", async ({ page }) => {
    const account = newAccount({ password: "short123" });
    await submitSignUp(page, account);

    await expect(fieldError(page, "password")).toHaveText("Use at least 10 characters.");
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    // The error replaces the hint rather than stacking under it.
    await expect(page.getByText("At least 10 characters.", { exact: true })).toHaveCount(0);
    await expect(page).toHaveURL(/\/sign-up$/);
    await expectNoSession(page);

    await submitSignIn(page, account);
    await expect(alertWithText(page, WRONG_CREDENTIALS)).toBeVisible();
    await expectNoSession(page);

    // Nothing was written for that email: it is still free to sign up with.
    await submitSignUp(page, { ...account, password: "a-long-enough-password" });
    await expect(page).toHaveURL(/\/dashboard$/);
    expect((await me(page)).account).toMatchObject({ email: account.email });
  });

  test("a name over 100 characters gets a field error and no account", async ({ page }) => {
    const account = newAccount({ fullName: "N".repeat(101) });
    await submitSignUp(page, account);

    await expect(fieldError(page, "fullName")).toHaveText("Keep your name under 100 characters.");
    await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);
    await expectNoSession(page);

    await submitSignIn(page, account);
    await expect(alertWithText(page, WRONG_CREDENTIALS)).toBeVisible();
    await expectNoSession(page);

    // Exactly 100 characters is fine, and the error clears.
    const ok = { ...account, fullName: `${"N".repeat(94)} Lastn` };
    expect(ok.fullName).toHaveLength(100);
    await submitSignUp(page, ok);
    await expect(page).toHaveURL(/\/dashboard$/);
    expect((await me(page)).account).toMatchObject({ email: account.email, fullName: ok.fullName });
  });
});

test.describe("sign in and out", () => {
  test("sign out ends the session, and signing in again restores it", async ({ page }) => {
    const account = await signUp(page);
    await signOut(page);

    await expectNoSession(page);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);

    await signIn(page, account);
    await expect(page.getByTestId("nav-user-name")).toHaveText(account.fullName);
    expect((await me(page)).account).toMatchObject({ email: account.email, fullName: account.fullName });

    // The session survives a full reload.
    await page.reload();
    await expect(page.getByRole("heading", { name: `Welcome, ${firstName(account.fullName)}` })).toBeVisible();
  });

  test("a wrong password shows the generic message and creates no session", async ({ page }) => {
    const account = await signUp(page);
    await signOut(page);

    await submitSignIn(page, { email: account.email, password: "not-the-right-password" });
    await expect(alertWithText(page, WRONG_CREDENTIALS)).toHaveText(WRONG_CREDENTIALS);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expectNoSession(page);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });

  test("an unknown email shows the same generic message", async ({ page }) => {
    await submitSignIn(page, { email: newAccount().email, password: "whatever-password-1" });
    await expect(alertWithText(page, WRONG_CREDENTIALS)).toHaveText(WRONG_CREDENTIALS);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expectNoSession(page);
  });

  test("a protected page redirects to sign-in and back after signing in", async ({ page }) => {
    const response = await page.goto("/settings");
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/settings");

    const account = await signUp(page);
    await signOut(page);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await submitSignIn(page, account, "");
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  });

  test("/dashboard without a session redirects to /sign-in", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByTestId("nav-user-name")).toHaveCount(0);
  });

  test("after 3 failed attempts one address waits a few seconds, then the right password works", async ({ page }) => {
    const bystander = await signUp(page, { fullName: "Bystander Person" });
    await signOut(page);
    const account = await signUp(page, { fullName: "Slowed Person" });
    await signOut(page);

    const attempt = async (password: string) => {
      const response = page.waitForResponse(
        (r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST",
      );
      await submitSignIn(page, { email: account.email, password }, "");
      return (await response).status();
    };

    for (let i = 1; i <= 3; i++) {
      const status = await attempt(`wrong-password-${i}`);
      expect(status, `attempt ${i}`).toBeLessThan(429);
      await expect(alertWithText(page, WRONG_CREDENTIALS)).toBeVisible();
    }

    // A short wait, not a lock-out: delays double per further failure (docs/security.md).
    const tooMany = /^Too many failed sign-in attempts\. Try again in (\d+) seconds?\.$/;
    expect(await attempt(account.password)).toBe(429);
    const message = alertWithText(page, tooMany);
    await expect(message).toBeVisible();
    const seconds = Number(tooMany.exec((await message.textContent()) ?? "")?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(5);
    await expect(alertWithText(page, WRONG_CREDENTIALS)).toHaveCount(0);
    await expectNoSession(page);

    // Once the wait is over, the owner signs in with the right password.
    await page.waitForTimeout(seconds * 1000 + 300);
    expect(await attempt(account.password)).toBe(200);
    await expect(page).toHaveURL(/\/dashboard$/);
    await signOut(page);

    // Another account was never affected.
    await signIn(page, bystander);
  });
});

test("an unknown route shows the 404 page with status 404", async ({ page }) => {
  const response = await page.goto("/this-page-does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the start page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("an unknown API route answers a JSON 404", async ({ request }) => {
  const res = await request.post("/api/no-such-endpoint", { data: { x: 1 } });
  expect(res.status()).toBe(404);
  expect((await res.json()).error).toMatchObject({ code: "NOT_FOUND", message: "There is no API endpoint POST /api/no-such-endpoint." });
});
