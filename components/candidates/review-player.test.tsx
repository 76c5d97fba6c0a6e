// The review page's player as the server renders it, in English and Russian: the question
// navigation (a link per question, the first current), the shortcuts dialog (closed, listing
// every shortcut), and an answer's video with its captions track and the five speed buttons.
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { getMessages } from "@/lib/i18n/messages";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));
const { ReviewPlayer } = await import("./review-player");
const { AnswerVideo } = await import("./answer-video");

async function render(locale: "en" | "ru", children: ReactNode) {
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
      {children}
    </NextIntlClientProvider>,
  );
}

async function player(locale: "en" | "ru") {
  const m = (await getMessages(locale)) as { review: { player: Record<string, unknown> } };
  return m.review.player as { [k: string]: string } & { shortcuts: Record<string, string>; keys: Record<string, string> };
}

const QUESTIONS = [
  { id: "q1", position: 1, anchorId: "q-q1", videoId: "answer-video-q1" },
  { id: "q2", position: 2, anchorId: "q-q2", videoId: null },
  { id: "q3", position: 3, anchorId: "q-q3", videoId: "answer-video-q3" },
];

describe.each(["en", "ru"] as const)("the review player in %s", (locale) => {
  it("navigates by question: a labelled link per question, the first current, previous and next", async () => {
    const t = await player(locale);
    const html = await render(locale, <ReviewPlayer questions={QUESTIONS}>{<p>answers</p>}</ReviewPlayer>);
    const nav = html.match(new RegExp(`<nav aria-label="${t.nav}"[^>]*>(.*?)</nav>`))?.[1] ?? "";
    expect(nav).not.toBe("");
    const links = [...nav.matchAll(/<a href="#([^"]+)" aria-label="([^"]+)"( aria-current="true")?[^>]*>(\d)<\/a>/g)].map((m) => [m[1], m[2], Boolean(m[3]), m[4]]);
    expect(links).toEqual([
      ["q-q1", t.jumpTo!.replace("{n}", "1"), true, "1"],
      ["q-q2", t.jumpTo!.replace("{n}", "2"), false, "2"],
      ["q-q3", t.jumpTo!.replace("{n}", "3"), false, "3"],
    ]);
    expect(nav).toContain(`${t.previous}</button>`);
    expect(nav).toContain(`<button type="button"`);
    expect(nav).toMatch(new RegExp(`aria-haspopup="dialog"[^>]*>${t.shortcutsButton}<kbd aria-hidden="true"`));
    expect(html).toContain("<p>answers</p>");
    expect(html).toMatch(/<p role="status" class="sr-only"><\/p>/);
  });

  it("has the shortcuts dialog, closed, headed and listing every shortcut", async () => {
    const t = await player(locale);
    const html = await render(locale, <ReviewPlayer questions={QUESTIONS}>{null}</ReviewPlayer>);
    const dialog = html.match(/<dialog([^>]*)>(.*?)<\/dialog>/);
    expect(dialog).not.toBeNull();
    expect(dialog![1]).toContain('aria-labelledby="shortcuts-heading"');
    expect(dialog![1]).not.toMatch(/\sopen/);
    expect(dialog![2]).toContain(`<h2 id="shortcuts-heading" class="text-lg font-semibold">${t.shortcutsTitle}</h2>`);
    const rows = [...dialog![2]!.matchAll(/<dt[^>]*>(.*?)<\/dt><dd[^>]*>(.*?)<\/dd>/g)].map((m) => [[...m[1]!.matchAll(/<kbd[^>]*>(.*?)<\/kbd>/g)].map((k) => k[1]), m[2]]);
    expect(rows).toEqual([
      [[t.keys.space, "K"], t.shortcuts.toggle],
      [["J", "←"], t.shortcuts.back],
      [["L", "→"], t.shortcuts.forward],
      [["N"], t.shortcuts.next],
      [["P"], t.shortcuts.previous],
      [["1–5"], t.shortcuts.rate],
      [["?"], t.shortcuts.help],
      [["Esc"], t.shortcuts.close],
    ]);
    expect(dialog![2]).toContain(`>${t.close}</button>`);
  });

  it("without questions has no navigation", async () => {
    const t = await player(locale);
    const html = await render(locale, <ReviewPlayer questions={[]}>{null}</ReviewPlayer>);
    expect(html).not.toContain(`aria-label="${t.nav}"`);
  });

  it("an answer's video: the captions track when there is a transcript, and the five speeds with 1× pressed", async () => {
    const t = await player(locale);
    const video = (captionsSrc?: string) => (
      <ReviewPlayer questions={QUESTIONS}>
        <AnswerVideo id="answer-video-q1" src="/api/media/a.mp4?sig=x" poster="/api/media/t.jpg?sig=y" label="Recording" fallback="No video" captionsSrc={captionsSrc} />
      </ReviewPlayer>
    );
    const html = await render(locale, video("/api/sessions/s/answers/q1/captions"));
    expect(html).toMatch(/<video id="answer-video-q1"[^>]*poster="\/api\/media\/t.jpg\?sig=y"[^>]*>/);
    expect(html).toContain(`<track kind="captions" src="/api/sessions/s/answers/q1/captions" label="${t.captions}"/>`);
    const group = html.match(new RegExp(`<div role="group" aria-label="${t.speed}"[^>]*>(.*?)</div>`))?.[1] ?? "";
    const buttons = [...group.matchAll(/<button type="button" aria-pressed="(true|false)" data-rate="([\d.]+)"[^>]*>([^<]+)<\/button>/g)].map((m) => [m[2], m[1], m[3]]);
    const comma = (s: string) => (locale === "ru" ? s.replace(".", ",") : s);
    expect(buttons).toEqual([
      ["0.75", "false", `${comma("0.75")}×`],
      ["1", "true", "1×"],
      ["1.25", "false", `${comma("1.25")}×`],
      ["1.5", "false", `${comma("1.5")}×`],
      ["2", "false", "2×"],
    ]);
    expect(await render(locale, video())).not.toContain("<track");
  });
});
