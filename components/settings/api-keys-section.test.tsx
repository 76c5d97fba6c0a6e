// The API keys section as rendered on the settings page: each key with its prefix, dates and a
// labelled revoke button (none for revoked keys), the empty state, and the same in Russian.
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import type { ApiKeyView } from "@/lib/server/api-keys/api-key-dto";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));
vi.mock("@/lib/actions/api-keys", () => ({ createApiKeyAction: vi.fn(), revokeApiKeyAction: vi.fn() }));
const { ApiKeysSection } = await import("./api-keys-section");

const keys: ApiKeyView[] = [
  { id: "k1", name: "Greenhouse sync", prefix: "ivk_AbCdEfGh", createdAt: "2026-11-20T10:00:00.000Z", lastUsedAt: "2026-11-28T09:15:00.000Z", revokedAt: null },
  { id: "k2", name: "Old script", prefix: "ivk_ZyXwVuTs", createdAt: "2026-10-01T10:00:00.000Z", lastUsedAt: null, revokedAt: "2026-11-01T10:00:00.000Z" },
];

async function render(apiKeys: ApiKeyView[], locale: "en" | "ru" = "en") {
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
      <ApiKeysSection apiKeys={apiKeys} docsHref="/docs/api" />
    </NextIntlClientProvider>,
  );
}

describe("ApiKeysSection", () => {
  it("lists keys with prefix, dates and a named revoke button for live keys only", async () => {
    const html = await render(keys);
    expect(html).toContain("ivk_AbCdEfGh…");
    expect(html).toContain("Nov 20, 2026");
    expect(html).toMatch(/last used Nov 28, 2026/);
    expect(html).toContain("never used");
    expect(html).toContain('aria-label="Revoke the key &quot;Greenhouse sync&quot;"');
    expect(html).not.toContain('aria-label="Revoke the key &quot;Old script&quot;"');
    expect(html).toContain("Revoked");
    expect(html).toContain('href="/docs/api"');
    expect(html).toMatch(/<label[^>]*for="api-key-name"[^>]*>Key name<\/label>/);
  });

  it("shows the empty state", async () => {
    expect(await render([])).toContain("You have no API keys yet.");
  });

  it("renders in Russian", async () => {
    const html = await render(keys, "ru");
    expect(html).toContain("API-ключи");
    expect(html).toContain("Отозвать ключ «Greenhouse sync»");
  });
});
