import type { Page } from "@playwright/test";
import {
  alertWithText,
  AVATAR_LIMIT_BYTES,
  expect,
  expectNoSession,
  fieldError,
  me,
  oversizedPng,
  signUp,
  submitSignIn,
  test,
  TINY_PNG,
} from "./fixtures";

async function openSettings(page: Page) {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
}

async function uploadAvatar(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel("Avatar image").setInputFiles(file);
  const response = page.waitForResponse((r) => r.url().endsWith("/api/account/avatar") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Upload" }).click();
  return response;
}

test.describe("profile", () => {
  test("edits persist across a reload and through the API", async ({ page }) => {
    await signUp(page, { fullName: "Before Name", companyName: "Before Co" });
    await openSettings(page);
    await expect(page.getByLabel("Full name")).toHaveValue("Before Name");
    await expect(page.getByLabel("Company", { exact: true })).toHaveValue("Before Co");

    await page.getByLabel("Full name").fill("Katherine Johnson");
    await page.getByLabel("Company", { exact: true }).fill("NASA Langley");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
    // The nav picks up the new name without a reload.
    await expect(page.getByTestId("nav-user-name")).toHaveText("Katherine Johnson");

    await page.reload();
    await expect(page.getByLabel("Full name")).toHaveValue("Katherine Johnson");
    await expect(page.getByLabel("Company", { exact: true })).toHaveValue("NASA Langley");
    await expect(page.getByTestId("nav-user-name")).toHaveText("Katherine Johnson");

    expect((await me(page)).account).toMatchObject({ fullName: "Katherine Johnson", companyName: "NASA Langley" });

    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Katherine");
    await expect(page.getByText("NASA Langley", { exact: true })).toBeVisible();

    // Saving the same values again changes nothing and says so.
    await openSettings(page);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Nothing to change." })).toBeVisible();
  });

  test("clearing the company stores no company; an empty name is refused", async ({ page }) => {
    const account = await signUp(page);
    await openSettings(page);

    await page.getByLabel("Company", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
    expect((await me(page)).account).toMatchObject({ companyName: null, fullName: account.fullName });

    await page.getByLabel("Full name").fill("   ");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(fieldError(page, "fullName")).toHaveText("Enter your full name.");
    await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toHaveCount(0);
    expect((await me(page)).account).toMatchObject({ fullName: account.fullName });
  });
});

test.describe("avatar", () => {
  test("uploading a real PNG shows it, served as image/png", async ({ page }) => {
    const account = await signUp(page);
    await openSettings(page);
    const avatars = page.getByRole("img", { name: `${account.fullName}'s avatar` });
    await expect(avatars).toHaveCount(0);

    const response = await uploadAvatar(page, { name: "me.png", mimeType: "image/png", buffer: TINY_PNG });
    expect(response.status()).toBe(201);
    await expect(page.getByRole("status").filter({ hasText: "Avatar updated." })).toBeVisible();

    // Both the settings preview and the nav show it.
    await expect(avatars).toHaveCount(2);
    const src = await avatars.first().getAttribute("src");
    expect(src).toMatch(/^\/api\/files\/avatars\/.+\.png$/);
    await expect(avatars.nth(1)).toHaveAttribute("src", src!);
    // The browser really decoded it.
    await expect.poll(() => avatars.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    const file = await page.request.get(src!);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await file.body()).equals(TINY_PNG)).toBe(true);

    expect((await me(page)).account).toMatchObject({ avatarUrl: src });
    await page.reload();
    await expect(avatars.first()).toHaveAttribute("src", src!);
  });

  test("a text file named .png is refused and the old avatar stays", async ({ page }) => {
    const account = await signUp(page);
    await openSettings(page);
    await uploadAvatar(page, { name: "real.png", mimeType: "image/png", buffer: TINY_PNG });
    await expect(page.getByRole("status").filter({ hasText: "Avatar updated." })).toBeVisible();
    const avatar = page.getByRole("img", { name: `${account.fullName}'s avatar` }).first();
    const before = await avatar.getAttribute("src");
    expect(before).toBeTruthy();

    const response = await uploadAvatar(page, {
      name: "sneaky.png",
      mimeType: "image/png",
      buffer: Buffer.from("this is just text, not an image\n"),
    });
    expect(response.status()).toBe(415);
    await expect(alertWithText(page, "That file is not a PNG, JPEG, WebP or GIF image.")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Avatar updated." })).toHaveCount(0);
    await expect(avatar).toHaveAttribute("src", before!);

    await page.reload();
    await expect(avatar).toHaveAttribute("src", before!);
    expect((await me(page)).account).toMatchObject({ avatarUrl: before });
    expect((await page.request.get(before!)).status()).toBe(200);
  });

  for (const [label, size] of [
    ["just over the limit", AVATAR_LIMIT_BYTES + 1],
    ["well over the limit", 3 * 1024 * 1024],
  ] as const) {
    test(`an image ${label} is refused as too large`, async ({ page }) => {
      await signUp(page);
      await openSettings(page);

      const response = await uploadAvatar(page, { name: "huge.png", mimeType: "image/png", buffer: oversizedPng(size) });
      expect(response.status()).toBe(413);
      await expect(alertWithText(page, "That image is too large. The limit is 2 MB.")).toBeVisible();
      expect((await me(page)).account).toMatchObject({ avatarUrl: null });
      await expect(page.getByRole("img", { name: /'s avatar$/ })).toHaveCount(0);
    });
  }
});

test.describe("delete account", () => {
  test("wrong confirmation is refused; the right one signs out and the account is gone", async ({ page }) => {
    const account = await signUp(page);
    await openSettings(page);
    const confirm = page.getByLabel(`Type ${account.email} to confirm`);

    await confirm.fill(`someone-else-${account.email}`);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(fieldError(page, "confirmEmail")).toHaveText("That is not your account's email address.");
    await expect(page).toHaveURL(/\/settings$/);
    expect((await me(page)).status).toBe(200);

    await confirm.fill(account.email);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/\?deleted=1$/);
    await expect(page.getByText("Your account was deleted and you have been signed out.")).toBeVisible();
    await expectNoSession(page);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);

    await submitSignIn(page, account, "");
    await expect(alertWithText(page, "Wrong email or password.")).toHaveText("Wrong email or password.");
    await expectNoSession(page);

    // The email is free again: a new account can be made with it.
    await signUp(page, { email: account.email, fullName: "Fresh Start" });
    expect((await me(page)).account).toMatchObject({ email: account.email, fullName: "Fresh Start" });
  });
});

test.describe("/api/v1/me", () => {
  test("malformed JSON is a 400 with a message; the profile is unchanged", async ({ page }) => {
    const account = await signUp(page);

    // A Buffer, not a string: Playwright JSON-encodes a string body it cannot parse, which
    // would send a valid JSON string instead of broken JSON.
    const res = await page.request.patch("/api/v1/me", {
      headers: { "content-type": "application/json" },
      data: Buffer.from('{"fullName": "Broken'),
    });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "BAD_REQUEST", message: "The request body is not valid JSON." },
    });
    expect((await me(page)).account).toMatchObject({ fullName: account.fullName });
  });

  test("PATCH validates and updates; without a session it is 401", async ({ page }) => {
    await signUp(page);

    const tooLong = await page.request.patch("/api/v1/me", { data: { fullName: "x".repeat(101) } });
    expect(tooLong.status()).toBe(422);
    expect(await tooLong.json()).toMatchObject({
      error: { fields: { fullName: ["Keep your name under 100 characters."] } },
    });

    const ok = await page.request.patch("/api/v1/me", { data: { fullName: "Via The Api" } });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toMatchObject({ account: { fullName: "Via The Api" }, changed: ["fullName"] });
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Via");

    await page.context().clearCookies();
    const anon = await page.request.patch("/api/v1/me", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(anon.status()).toBe(401);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });
});
