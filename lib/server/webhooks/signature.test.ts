// Our signing against the reference implementation of the Standard Webhooks specification (npm
// `standardwebhooks`): a receiver using it accepts our requests, and refuses a changed body, a
// wrong secret and a stale timestamp.
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook } from "./signature";

describe("signWebhook", () => {
  it("is verified by the standardwebhooks library", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: "candidate.completed", timestamp: new Date().toISOString(), data: { name: "Zoë Ивано́ва 😀" } });
    const headers = signWebhook({ secret, id: "2b1f6a0e-4c55-4b8a-9a43-6d2f0f1f4e11", body });
    expect(headers["webhook-id"]).toBe("2b1f6a0e-4c55-4b8a-9a43-6d2f0f1f4e11");
    expect(headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("is refused for another body, another secret or a timestamp five minutes off", () => {
    const secret = newWebhookSecret();
    const body = '{"type":"interview.created"}';
    const headers = signWebhook({ secret, id: "msg", body });
    const verify = (s: string, b: string, h: Record<string, string>) => () => new Webhook(s).verify(b, h);
    expect(verify(secret, '{"type":"interview.deleted"}', headers)).toThrow(WebhookVerificationError);
    expect(verify(newWebhookSecret(), body, headers)).toThrow(WebhookVerificationError);
    const stale = signWebhook({ secret, id: "msg", body, at: new Date(Date.now() - 6 * 60_000) });
    expect(verify(secret, body, stale)).toThrow(/too old/i);
  });

  it("makes secrets of whsec_ and 32 random bytes, never the same twice", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
