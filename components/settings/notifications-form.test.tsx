// The email-notification control of the settings page: the three choices as labelled radios
// with the account's current one checked, in English and Russian.
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import type { NotifyHr } from "@/lib/schemas/user";

vi.mock("@/lib/actions/account", () => ({ updateNotifyHrAction: vi.fn() }));
const { NotificationsForm } = await import("./notifications-form");

async function render(notifyHr: NotifyHr, locale: "en" | "ru" = "en") {
  const messages = await getMessages(locale);
  return renderToStaticMarkup(
    <NextIntlClientProvider
      locale={locale}
      messages={messages as never}
      timeZone="UTC"
      onError={(e) => {
        throw e;
      }}
    >
      <NotificationsForm notifyHr={notifyHr} />
    </NextIntlClientProvider>,
  );
}

function radios(html: string) {
  return [...html.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => ({
    value: /value="([^"]+)"/.exec(m[0])![1],
    checked: /\schecked=""/.test(m[0]),
  }));
}

describe("NotificationsForm", () => {
  it.each(["immediately", "digest", "off"] as const)("offers the three choices with %s checked", async (current) => {
    const html = await render(current);
    expect(radios(html)).toEqual(["immediately", "digest", "off"].map((value) => ({ value, checked: value === current })));
    expect(html).toContain("Email notifications");
    expect(html).toContain("Daily digest");
    expect(html).toContain("08:00 UTC");
  });

  it("is in Russian for a Russian dashboard", async () => {
    const html = await render("digest", "ru");
    expect(html).toContain("Уведомления по почте");
    expect(html).toContain("Ежедневная сводка");
    expect(html).toContain("Сохранить уведомления");
  });
});
