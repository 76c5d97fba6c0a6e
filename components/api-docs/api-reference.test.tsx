// The API docs page's content, rendered to HTML: every documented operation with its curl
// example, parameters and body fields, links that all land on an anchor of the page, and no
// script (the page must work under the CSP, without any CDN).
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import { buildOpenApiDocument, OPERATIONS } from "@/lib/openapi/document";

let locale: "en" | "ru" = "en";
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) =>
    createTranslator({
      locale,
      messages: (await getMessages(locale)) as never,
      namespace: namespace as never,
      onError: (e) => {
        throw e;
      },
    }),
}));
const { ApiReference } = await import("./api-reference");

async function render(lang: "en" | "ru" = "en") {
  locale = lang;
  const document = buildOpenApiDocument("https://hire.example.com");
  const element = await ApiReference({ document: document as never, operations: OPERATIONS, baseUrl: "https://hire.example.com" });
  return renderToStaticMarkup(element);
}

const unescape = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

describe("ApiReference", () => {
  it("lists every operation with its curl example", async () => {
    const html = await render();
    const text = unescape(html);
    for (const op of OPERATIONS) {
      expect(text).toContain(op.path);
      expect(text).toContain(op.curl);
    }
    expect(text).toContain("export INTERVUE_URL=https://hire.example.com");
  });

  it("shows parameters and nested request fields with their limits", async () => {
    const text = unescape(await render());
    expect(text).toContain("questions[].thinkSeconds");
    expect(text).toContain("questions[].rubric[].weight");
    expect(text).toMatch(/0–300/);
    expect(text).toContain("candidates[].email");
    expect(text).toContain("in the query string");
  });

  it("has no script, and every in-page link lands on an element of the page", async () => {
    const html = await render();
    expect(html).not.toMatch(/<script/i);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) expect(ids, target).toContain(target);
  });

  it("renders its chrome in Russian", async () => {
    const text = unescape(await render("ru"));
    expect(text).toContain("Аутентификация");
    expect(text).toContain("Объекты ответов");
  });
});
