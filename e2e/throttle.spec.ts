// The per-address sign-in throttle counts the real client, not what it claims in
// X-Forwarded-For (issue 8, finding 2), and a JSON body cannot skip it (finding 5).
import { expect, signOut, signUp, test } from "./fixtures";

test("a forged X-Forwarded-For does not reset the sign-in throttle", async ({ page }) => {
  const account = await signUp(page);
  await signOut(page);
  const api = page.request;
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const attempt = (password: string, forwardedFor: string, type = "application/x-www-form-urlencoded") =>
    api.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": forwardedFor, "content-type": type },
      data:
        type === "application/json"
          ? JSON.stringify({ email: account.email, password, csrfToken, json: "true" })
          : new URLSearchParams({ email: account.email, password, csrfToken, json: "true" }).toString(),
      maxRedirects: 0,
      failOnStatusCode: false,
    });

  for (let i = 0; i < 3; i++) expect((await attempt(`wrong ${i}`, `203.0.113.${i}`)).status()).toBeLessThan(429);
  const forged = await attempt(account.password, "198.51.100.99");
  expect(forged.status()).toBe(429);
  expect(forged.headers()["retry-after"]).toMatch(/^\d+$/);
  // JSON bodies are not a way around it: next-auth's client never sends them.
  expect((await attempt(account.password, "198.51.100.98", "application/json")).status()).toBe(415);
});
