// The webhooks section as rendered on the settings page: the form with a labelled URL field and
// one checkbox per event type in a fieldset, each endpoint with its state (and why it was turned
// off) and named buttons, the empty state, and the same in Russian.
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import type { WebhookEndpointView } from "@/lib/server/webhooks/webhook-dto";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));
vi.mock("@/lib/actions/webhooks", () => ({
  createWebhookAction: vi.fn(),
  deleteWebhookAction: vi.fn(),
  enableWebhookAction: vi.fn(),
  listWebhookDeliveriesAction: vi.fn(),
  resendWebhookDeliveryAction: vi.fn(),
}));
const { WebhooksSection } = await import("./webhooks-section");

const endpoints: WebhookEndpointView[] = [
  {
    id: "e1",
    url: "https://ats.example.com/hooks",
    eventTypes: ["candidate.completed", "candidate.reviewed"],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    consecutiveFailures: 0,
    createdAt: "2026-11-20T10:00:00.000Z",
  },
  {
    id: "e2",
    url: "https://old.example.com/in",
    eventTypes: ["interview.created"],
    enabled: false,
    disabledReason: "Disabled after 5 deliveries in a row failed after every retry.",
    disabledAt: "2026-11-28T09:15:00.000Z",
    consecutiveFailures: 5,
    createdAt: "2026-10-01T10:00:00.000Z",
  },
];

async function render(list: WebhookEndpointView[], locale: "en" | "ru" = "en") {
  const messages = await getMessages(locale);
  return renderToStaticMarkup(
    <NextIntlClientProvider
      locale={locale}
      messages={messages as never}
      timeZone="UTC"
      formats={{ dateTime: { long: { dateStyle: "medium", timeStyle: "short" } } }}
      onError={(e) => {
        throw e;
      }}
    >
      <WebhooksSection endpoints={list} eventTypes={["interview.created", "candidate.completed", "candidate.reviewed"]} docsHref="/docs/api" />
    </NextIntlClientProvider>,
  );
}

describe("WebhooksSection", () => {
  it("lists endpoints with their state and named buttons; re-enable only for a disabled one", async () => {
    const html = await render(endpoints);
    expect(html).toMatch(/<label[^>]*for="webhook-url"[^>]*>Endpoint URL<\/label>/);
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>Event types to send<\/legend>/);
    expect(html.match(/<input type="checkbox"[^>]*name="eventTypes"/g)).toHaveLength(3);
    expect(html).toContain("https://ats.example.com/hooks");
    expect(html).toContain("2 event types:");
    expect(html).toContain("Turned off Nov 28, 2026, 9:15 AM after 5 deliveries in a row failed after every retry.");
    expect(html).toContain('aria-label="Delete the endpoint https://ats.example.com/hooks"');
    expect(html).toContain('aria-label="Turn the endpoint https://old.example.com/in on again"');
    expect(html).not.toContain('aria-label="Turn the endpoint https://ats.example.com/hooks on again"');
    expect(html.match(/aria-expanded="false"/g)).toHaveLength(2);
    expect(html).not.toContain("whsec_");
  });

  it("shows the empty state", async () => {
    expect(await render([])).toContain("You have no webhook endpoints yet.");
  });

  it("renders in Russian", async () => {
    const html = await render(endpoints, "ru");
    expect(html).toContain("Какие события отправлять");
    expect(html).toContain("Снова включить адрес https://old.example.com/in");
    expect(html).toContain("5 доставок подряд не удались");
  });
});
