// Webhooks end to end: HR registers an endpoint on the settings page pointing at a receiver this
// test runs, an interview is created, and the receiver gets a request signed per Standard
// Webhooks (checked with the reference library) after a 500 and a retry, with the same
// webhook-id; the delivery log shows it and "Resend" sends it again. An endpoint that keeps
// failing is turned off. The e2e server runs with WEBHOOKS_ALLOW_PRIVATE=true, retries after
// 1 s and 1 s, and turns an endpoint off after 2 failed deliveries (playwright.config.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expect, signUp, test } from "./fixtures";

// The receiver runs on this machine: not for a server elsewhere (E2E_BASE_URL).
test.skip(Boolean(process.env.E2E_BASE_URL), "the webhook receiver runs on this machine");

type Received = { headers: Record<string, string>; body: string };

async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Registers an endpoint for interview.created on the settings page; returns the secret shown once. */
async function register(page: Page, url: string): Promise<string> {
  await page.goto("/settings");
  const section = page.locator("#webhooks");
  await section.getByLabel("Endpoint URL").fill(url);
  await section.getByRole("checkbox", { name: "interview.created" }).check();
  await section.getByRole("button", { name: "Add endpoint" }).click();
  const secret = await section.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  return secret;
}

async function createInterview(page: Page, origin: string, title: string): Promise<string> {
  const created = await page.request.post("/api/v1/interviews", {
    headers: { origin, "content-type": "application/json" },
    data: { title, questions: [{ prompt: "Tell us about yourself." }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

test("a signed delivery reaches a local receiver, retried after a 500, and can be resent", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const rx = await receiver([500]);
  try {
    await signUp(page);
    const secret = await register(page, rx.url);
    await expect(page.getByTestId("webhook-endpoint")).toContainText(rx.url);
    const interviewId = await createInterview(page, origin, "Webhook journey");

    await expect.poll(() => rx.received.length, { timeout: 15_000 }).toBe(2);
    const [first, retry] = rx.received;
    expect(retry!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    for (const r of [first!, retry!]) {
      const payload = new Webhook(secret).verify(r.body, r.headers) as { type: string; data: { data: { interviewId: string } } };
      expect(payload.type).toBe("interview.created");
      expect(payload.data.data.interviewId).toBe(interviewId);
    }

    const endpoint = page.getByTestId("webhook-endpoint");
    await endpoint.getByRole("button", { name: "Delivery log" }).click();
    const row = endpoint.getByTestId("webhook-delivery");
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell")).toHaveText(["interview.created", "Delivered", "200", "2", /\d/, "Resend"]);
    await row.getByRole("button", { name: /Resend the interview.created event/ }).click();
    await expect.poll(() => rx.received.length).toBe(3);
    expect(rx.received[2]!.body).toBe(first!.body);
    expect(() => new Webhook(secret).verify(rx.received[2]!.body, rx.received[2]!.headers)).not.toThrow();
    await expect(row.getByRole("cell").nth(3)).toHaveText("3");
  } finally {
    await rx.close();
  }
});

test("an endpoint that keeps failing is turned off, and can be turned on again", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const rx = await receiver(Array.from({ length: 6 }, () => 500));
  try {
    await signUp(page);
    await register(page, rx.url);
    await createInterview(page, origin, "Failing one");
    await createInterview(page, origin, "Failing two");
    // Two deliveries, three tries each.
    await expect.poll(() => rx.received.length, { timeout: 20_000 }).toBe(6);
    const endpoint = page.getByTestId("webhook-endpoint");
    await expect(async () => {
      await page.reload();
      await expect(endpoint.getByTestId("webhook-state")).toHaveText("Off", { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(endpoint).toContainText("after 2 deliveries in a row failed after every retry");
    await endpoint.getByRole("button", { name: `Turn the endpoint ${rx.url} on again` }).click();
    await expect(endpoint.getByTestId("webhook-state")).toHaveText("On");
    await expect(endpoint.getByRole("button", { name: /on again/ })).toHaveCount(0);
  } finally {
    await rx.close();
  }
});
