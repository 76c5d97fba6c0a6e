// Shared helpers for the end-to-end suite. Every test creates its own account (signUp), so tests
// never depend on each other or on seeded data.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import pg from "pg";

export { expect, test } from "@playwright/test";

export type Account = {
  fullName: string;
  companyName: string;
  email: string;
  password: string;
};

/** A fresh address per call: unique across workers, runs and retries. */
export function uniqueEmail(tag = "user"): string {
  return `e2e-${tag}-${Date.now()}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Valid sign-up data with a unique email; override any field. */
export function newAccount(overrides: Partial<Account> = {}): Account {
  const suffix = randomUUID().slice(0, 6);
  return {
    fullName: `Ada Tester${suffix}`,
    companyName: `Acme ${suffix}`,
    email: uniqueEmail(),
    password: "correct-horse-battery",
    ...overrides,
  };
}

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0]!;
}

/** Fills and submits the sign-up form; does not assert the outcome. */
export async function submitSignUp(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(account.fullName);
  await page.getByLabel("Company (optional)").fill(account.companyName);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Signs up through the sign-up form and waits for the dashboard greeting. Returns the account used. */
export async function signUpThroughForm(page: Page, overrides: Partial<Account> = {}): Promise<Account> {
  const account = newAccount(overrides);
  await submitSignUp(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${firstName(account.fullName)}`);
  return account;
}

/** The build's id of the sign-up form's Server Action, or null without a build (an external app). */
function signUpActionId(): string | null {
  const file = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string }> };
  return Object.entries(manifest.node).find(([, entry]) => entry.exportedName === "signUpAction")?.[0] ?? null;
}

/**
 * Creates an account and signs the page's browser in, then waits for the dashboard greeting.
 * It sends what the sign-up form sends (its Server Action, then next-auth's credentials
 * sign-in) without loading the form: the form itself is tested in e2e/auth.spec.ts and
 * e2e/i18n.spec.ts (signUpThroughForm, submitSignUp). Returns the account used.
 */
export async function signUp(page: Page, overrides: Partial<Account> = {}): Promise<Account> {
  const actionId = signUpActionId();
  if (!actionId) return signUpThroughForm(page, overrides);
  const account = newAccount(overrides);
  // next-auth's CSRF cookie first; its URL also gives the app's origin (Origin is checked). A
  // kept-alive connection idle for a while may be closed by the server just as it is reused
  // (ECONNRESET): this GET is then sent again, and the POSTs right after it find a fresh one.
  const csrf = await page.request.get("/api/auth/csrf").catch((err: unknown) => {
    if (!/ECONNRESET|socket hang up/.test(String(err))) throw err;
    return page.request.get("/api/auth/csrf");
  });
  const origin = new URL(csrf.url()).origin;
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const created = await page.request.post("/sign-up", {
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin },
    data: JSON.stringify([{ fullName: account.fullName, companyName: account.companyName, email: account.email, password: account.password }]),
  });
  const answer = await created.text();
  expect(answer, `signing up ${account.email}`).toContain('"ok":true');
  const signedIn = await page.request.post("/api/auth/callback/credentials", {
    headers: { origin },
    form: { csrfToken, email: account.email, password: account.password, callbackUrl: `${origin}/dashboard`, json: "true" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(signedIn.status(), `signing in ${account.email}: ${await signedIn.text()}`).toBeLessThan(400);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${firstName(account.fullName)}`);
  return account;
}

/** Fills and submits the sign-in form (navigating to `path` first); does not assert the outcome. */
export async function submitSignIn(
  page: Page,
  { email, password }: { email: string; password: string },
  path = "/sign-in",
): Promise<void> {
  if (path) await page.goto(path);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the UI and waits for the dashboard. */
export async function signIn(page: Page, account: { email: string; password: string; fullName: string }): Promise<void> {
  await submitSignIn(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${firstName(account.fullName)}`);
}

/** Uses the nav's "Sign out" button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

/**
 * An alert (role=alert) with exactly this text. Filtering by text keeps Next.js's own
 * route-announcer (also role=alert) out of the match.
 */
export function alertWithText(page: Page | Locator, text: string | RegExp): Locator {
  return page.getByRole("alert").filter({ hasText: text });
}

/** The field-level error rendered under an input. */
export function fieldError(page: Page, fieldId: string): Locator {
  return page.locator(`[data-field-error="${fieldId}"]`);
}

/** GET /api/v1/me with the browser context's cookies. */
export async function me(page: Page): Promise<{ status: number; account?: Record<string, unknown> }> {
  const res = await page.request.get("/api/v1/me");
  const body = (await res.json().catch(() => null)) as { account?: Record<string, unknown> } | null;
  return { status: res.status(), account: body?.account };
}

/** Asserts the browser context holds no usable session. */
export async function expectNoSession(page: Page): Promise<void> {
  expect((await me(page)).status).toBe(401);
}

/** A valid 1x1 PNG (one opaque red pixel). */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

/** Bytes that start like a PNG but pad out to `size` bytes. */
export function oversizedPng(size: number): Buffer {
  const buf = Buffer.alloc(size, 0);
  TINY_PNG.subarray(0, 8).copy(buf, 0);
  return buf;
}

export const AVATAR_LIMIT_BYTES = 2 * 1024 * 1024;

/** The e2e server's database (scripts/e2e-server.ts: DATABASE_URL's name + "_e2e"), or null on PGlite. */
export function e2eDatabaseUrl(): string | null {
  if (!process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${url.pathname.slice(1) || "postgres"}_e2e`;
  return url.toString();
}

/**
 * Moves an interview's deadline into the past in the e2e server's database: the state a real
 * expiry leaves (the app compares expires_at with the clock on every request), without waiting
 * for it. False on PGlite (the database lives inside the server process): the caller then waits.
 */
export async function expireInterview(interviewId: string): Promise<boolean> {
  const connectionString = e2eDatabaseUrl();
  if (!connectionString) return false;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rowCount } = await client.query("UPDATE interviews SET expires_at = now() - interval '1 second' WHERE id = $1", [interviewId]);
    if (rowCount !== 1) throw new Error(`no interview ${interviewId} in the e2e database`);
    return true;
  } finally {
    await client.end();
  }
}
