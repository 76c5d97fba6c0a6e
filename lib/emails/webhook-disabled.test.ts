// The email to HR when a webhook endpoint is turned off: the endpoint, the count and the way back
// (a link to the settings), in English and Russian.
import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";

const props = { url: "https://ats.example.com/hooks/intervue", failures: 5, settingsLink: "https://hire.example.com/settings#webhooks" };

describe("the webhook-disabled email", () => {
  it("names the endpoint and links to the settings", async () => {
    const email = await renderEmail("webhook-disabled", "en", props);
    expect(email.subject).toBe("Webhook endpoint disabled: ats.example.com");
    expect(email.text).toContain("5 deliveries in a row to https://ats.example.com/hooks/intervue failed after every retry");
    expect(email.html).toContain('href="https://hire.example.com/settings#webhooks"');
  });

  it("is written in Russian for a Russian-speaking account", async () => {
    const email = await renderEmail("webhook-disabled", "ru", props);
    expect(email.subject).toBe("Webhook-адрес отключен: ats.example.com");
    expect(email.text).toContain("5 доставок подряд на https://ats.example.com/hooks/intervue не удались");
    expect(email.text).toContain("Открыть настройки webhook");
  });
});
