// One signed POST to one endpoint: the address guard at connect time, no redirects followed (a
// 3xx is a failure), a time limit for the whole exchange, and at most RESPONSE_LIMIT bytes of
// the response read (kept, cleaned, in the delivery log). Never throws: the outcome says what
// happened, so the caller records it and decides about retries.
import http from "node:http";
import https from "node:https";
import { env } from "@/lib/env";
import { cleanText } from "@/lib/schemas/text";
import { assertDeliverableHost, guardedLookup, parseWebhookUrl, UnsafeWebhookUrlError, type GuardOptions } from "./address-guard";
import { signWebhook } from "./signature";

/** Bytes of a response read and kept; the rest is not read. */
export const RESPONSE_LIMIT = 4096;
const USER_AGENT = "Intervue-Webhooks/1.0 (+https://www.standardwebhooks.com)";

export type SendOutcome = {
  ok: boolean;
  /** The HTTP status, or null when no response came (refused, timed out, unsafe address). */
  status: number | null;
  /** Why it failed (with the start of the response body), or null on success. */
  error: string | null;
  durationMs: number;
};

export type SendInput = { url: string; secret: string; messageId: string; body: string; timeoutMs?: number; at?: Date } & GuardOptions;

export async function sendWebhook(input: SendInput): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = parseWebhookUrl(input.url, input);
    assertDeliverableHost(url, input);
  } catch (err) {
    return { ok: false, status: null, error: err instanceof Error ? err.message : String(err), durationMs: elapsed() };
  }
  const allowPrivate = input.allowPrivate ?? env.WEBHOOKS_ALLOW_PRIVATE;
  const timeoutMs = input.timeoutMs ?? env.WEBHOOK_TIMEOUT_MS;
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "content-length": String(Buffer.byteLength(input.body)),
    ...signWebhook({ secret: input.secret, id: input.messageId, body: input.body, at: input.at }),
  };

  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "POST",
      headers,
      ...(allowPrivate ? {} : { lookup: guardedLookup }),
    });
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `No complete response within ${Math.round(timeoutMs / 100) / 10} s.` });
      req.destroy();
    }, timeoutMs);

    req.on("error", (err: Error & { code?: string }) => {
      const reason =
        err instanceof UnsafeWebhookUrlError || err.code === "EWEBHOOKPRIVATE"
          ? err.message
          : `Could not deliver: ${err.code ?? err.message}.`;
      finish({ ok: false, status: null, error: reason });
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const ok = status >= 200 && status < 300;
        const text = cleanText(Buffer.concat(chunks).subarray(0, RESPONSE_LIMIT).toString("utf8"), RESPONSE_LIMIT).trim();
        const redirect = status >= 300 && status < 400 ? ` (redirects are not followed${res.headers.location ? `: ${cleanText(res.headers.location, 300)}` : ""})` : "";
        finish({ ok, status, error: ok ? null : `HTTP ${status}${redirect}${text ? `: ${text}` : ""}` });
        res.destroy();
      };
      res.on("data", (chunk: Buffer) => {
        if (size < RESPONSE_LIMIT) chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_LIMIT) done();
      });
      res.on("end", done);
      res.on("error", done);
    });
    req.end(input.body);
  });
}
