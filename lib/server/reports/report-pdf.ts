import "server-only";
// The report as a PDF, drawn with pdfkit (pure JavaScript; listed in next.config.ts's
// serverExternalPackages because it reads its data files from node_modules). The charts are
// vector bars, the text in the HR account's language.
//
// Font: PT Sans (ParaType, made for Russian and Latin; SIL Open Font License) from the npm
// package @expo-google-fonts/pt-sans, which ships the TrueType files themselves (the @fontsource
// packages ship only WOFF/WOFF2 split by script). pdfkit's built-in Helvetica has no Cyrillic.
import path from "node:path";
import PDFDocument from "pdfkit";
import { createTranslator } from "use-intl/core";
import { DEFAULT_LOCALE, INTL_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import { getMessages } from "@/lib/i18n/messages";
import type { ReportView } from "@/lib/schemas/report";

const FONT_DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "pt-sans");
export const REPORT_FONTS = {
  regular: path.join(FONT_DIR, "400Regular", "PTSans_400Regular.ttf"),
  bold: path.join(FONT_DIR, "700Bold", "PTSans_700Bold.ttf"),
};

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const COLORS = { text: "#0f172a", muted: "#475569", bar: "#4f46e5", barAlt: "#0d9488", warn: "#d97706", grid: "#e2e8f0" };

type T = (key: string, values?: Record<string, string | number>) => string;

async function translator(locale: Locale): Promise<T> {
  const messages = await getMessages(locale);
  return createTranslator({ locale, messages: messages as never, namespace: "reports" as never }) as unknown as T;
}

function duration(t: T, seconds: number | null): string {
  if (seconds === null) return t("none");
  const whole = Math.round(seconds);
  return whole < 60 ? t("seconds", { seconds: whole }) : t("minutes", { minutes: Math.floor(whole / 60), seconds: whole % 60 });
}

/** Renders `report`; resolves to the PDF's bytes. */
export async function reportPdf(report: ReportView, localeInput: string | null | undefined): Promise<Buffer> {
  const locale: Locale = isLocale(localeInput) ? localeInput : DEFAULT_LOCALE;
  const t = await translator(locale);
  const number = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2 });
  const score = (n: number | null) => (n === null ? t("none") : number.format(n));
  const dateTime = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    font: REPORT_FONTS.regular,
    bufferPages: true,
    lang: locale,
    info: { Title: t("title", { title: report.title }), Producer: "Intervue" },
  });
  // Fonts are named by their path, the key the constructor cached the regular one under: an
  // alias (registerFont) would open and parse the file again on every switch.
  const REGULAR = REPORT_FONTS.regular;
  const BOLD = REPORT_FONTS.bold;
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const bottom = PAGE.height - PAGE.margin - 20;
  const room = (h: number) => {
    if (doc.y + h > bottom) doc.addPage();
  };
  const heading = (text: string) => {
    room(60);
    doc.moveDown(0.8).font(BOLD).fontSize(13).fillColor(COLORS.text).text(text, PAGE.margin, doc.y, { width: WIDTH });
    doc.moveDown(0.3);
  };
  // One line cut to `width` with an ellipsis. Placed by hand without pdfkit's line wrapper
  // (which runs for any text given a width): a thousand-row table renders several times faster.
  const cell = (text: string, x: number, y: number, width: number, align: "left" | "right" = "left") => {
    let shown = text.replace(/\s+/g, " ");
    if (doc.widthOfString(shown) > width) {
      let lo = 0;
      let hi = shown.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (doc.widthOfString(`${shown.slice(0, mid)}…`) <= width) lo = mid;
        else hi = mid - 1;
      }
      shown = `${shown.slice(0, lo).trimEnd()}…`;
    }
    const left = align === "right" ? x + width - doc.widthOfString(shown) : x;
    doc.text(shown, left, y, { lineBreak: false });
  };

  /** Horizontal bars: a label, a bar scaled to `max`, the value after it. */
  const hbars = (items: { label: string; value: number; shown: string }[], max: number, color: string) => {
    const labelW = 150;
    const barMax = WIDTH - labelW - 60;
    doc.font(REGULAR).fontSize(9);
    for (const item of items) {
      room(18);
      const y = doc.y;
      doc.fillColor(COLORS.text);
      cell(item.label, PAGE.margin, y + 2, labelW - 8);
      const w = max > 0 ? Math.max(item.value > 0 ? 1 : 0, (item.value / max) * barMax) : 0;
      doc.rect(PAGE.margin + labelW, y + 1, barMax, 11).fill(COLORS.grid);
      if (w > 0) doc.rect(PAGE.margin + labelW, y + 1, w, 11).fill(color);
      doc.fillColor(COLORS.text);
      cell(item.shown, PAGE.margin + labelW + barMax + 6, y + 2, 54);
      doc.x = PAGE.margin;
      doc.y = y + 16;
    }
  };

  // Title and key figures.
  doc.font(BOLD).fontSize(18).fillColor(COLORS.text).text(t("title", { title: report.title }), { width: WIDTH });
  doc.font(REGULAR).fontSize(9).fillColor(COLORS.muted).text(t("generatedAt", { date: `${dateTime.format(new Date(report.generatedAt))} UTC` }));
  heading(t("figures.heading"));
  const figures: [string, string, string][] = [
    [t("figures.averageScore"), score(report.averageScore), t("figures.scored", { count: report.scoredCandidates })],
    [t("figures.medianTime"), duration(t, report.timeToComplete.medianSeconds), t("figures.completedCount", { count: report.timeToComplete.completed })],
    [t("figures.p90Time"), duration(t, report.timeToComplete.p90Seconds), ""],
  ];
  const boxW = (WIDTH - 20) / 3;
  const top = doc.y;
  figures.forEach(([label, value, note], i) => {
    const x = PAGE.margin + i * (boxW + 10);
    doc.roundedRect(x, top, boxW, 58, 4).lineWidth(0.7).stroke(COLORS.grid);
    doc.font(REGULAR).fontSize(8).fillColor(COLORS.muted).text(label, x + 8, top + 6, { width: boxW - 16, height: 20, ellipsis: true });
    doc.font(BOLD).fontSize(16).fillColor(COLORS.text).text(value, x + 8, top + 22, { width: boxW - 16, lineBreak: false });
    doc.font(REGULAR).fontSize(7.5).fillColor(COLORS.muted).text(note, x + 8, top + 44, { width: boxW - 16, lineBreak: false, ellipsis: true });
  });
  doc.x = PAGE.margin;
  doc.y = top + 66;

  heading(t("funnel.heading"));
  const f = report.funnel;
  hbars(
    (["invited", "opened", "started", "completed"] as const).map((k) => ({ label: t(`funnel.${k}`), value: f[k], shown: String(f[k]) })),
    Math.max(f.invited, f.opened, f.started, f.completed),
    COLORS.bar,
  );

  // Score distribution: ten vertical bars.
  heading(t("distribution.heading"));
  room(150);
  const chartTop = doc.y + 4;
  const chartH = 110;
  const maxCount = Math.max(0, ...report.scoreDistribution.map((b) => b.count));
  const colW = WIDTH / report.scoreDistribution.length;
  doc.moveTo(PAGE.margin, chartTop + chartH).lineTo(PAGE.margin + WIDTH, chartTop + chartH).lineWidth(0.7).stroke(COLORS.muted);
  doc.font(REGULAR).fontSize(8);
  report.scoreDistribution.forEach((b, i) => {
    const x = PAGE.margin + i * colW;
    const h = maxCount > 0 ? (b.count / maxCount) * (chartH - 14) : 0;
    if (h > 0) doc.rect(x + 6, chartTop + chartH - h, colW - 12, h).fill(COLORS.barAlt);
    doc.fillColor(COLORS.text).text(String(b.count), x, chartTop + chartH - h - 11, { width: colW, align: "center", lineBreak: false });
    doc.fillColor(COLORS.muted).text(t("distribution.bucket", { from: b.from, to: b.to }), x, chartTop + chartH + 4, { width: colW, align: "center", lineBreak: false });
  });
  doc.x = PAGE.margin;
  doc.y = chartTop + chartH + 20;

  const multiVersion = new Set(report.questions.map((q) => q.version)).size > 1;
  const qLabel = (q: ReportView["questions"][number]) =>
    `${multiVersion ? t("questions.labelVersion", { version: q.version, number: q.number }) : t("questions.label", { number: q.number })} ${q.prompt}`;

  heading(t("questions.scoreHeading"));
  hbars(report.questions.map((q) => ({ label: qLabel(q), value: q.averageScore ?? 0, shown: score(q.averageScore) })), 10, COLORS.bar);

  heading(t("criteria.heading"));
  if (report.criteria.length === 0) doc.font(REGULAR).fontSize(9).fillColor(COLORS.muted).text(t("criteria.empty"));
  else hbars(report.criteria.map((c) => ({ label: c.name, value: c.averageScore, shown: score(c.averageScore) })), 10, COLORS.barAlt);

  heading(t("questions.dropOffHeading"));
  doc.font(REGULAR).fontSize(8).fillColor(COLORS.muted).text(t("questions.dropOffHint"), { width: WIDTH });
  doc.moveDown(0.3);
  hbars(
    report.questions.map((q) => ({ label: qLabel(q), value: q.droppedOff, shown: String(q.droppedOff) })),
    Math.max(0, ...report.questions.map((q) => q.droppedOff)),
    COLORS.warn,
  );

  // The ranked table, over as many pages as it takes.
  heading(t("candidates.heading"));
  const cols: { key: string; width: number; align?: "right" }[] = [
    { key: "rank", width: 34, align: "right" },
    { key: "name", width: 170 },
    { key: "status", width: 75 },
    { key: "score", width: 60, align: "right" },
    { key: "rating", width: 70, align: "right" },
    { key: "decision", width: 106 },
  ];
  const header = () => {
    room(30);
    const y = doc.y;
    doc.font(BOLD).fontSize(8.5).fillColor(COLORS.muted);
    let x = PAGE.margin;
    for (const c of cols) {
      cell(t(`candidates.${c.key}`), x, y, c.width - 6, c.align);
      x += c.width;
    }
    doc.moveTo(PAGE.margin, y + 13).lineTo(PAGE.margin + WIDTH, y + 13).lineWidth(0.5).stroke(COLORS.grid);
    doc.x = PAGE.margin;
    doc.y = y + 17;
  };
  if (report.candidates.length === 0) doc.font(REGULAR).fontSize(9).fillColor(COLORS.muted).text(t("candidates.empty"));
  else header();
  report.candidates.forEach((c, i) => {
    if (doc.y + 14 > bottom) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    const values = [
      String(i + 1),
      c.erased ? t("candidates.erased") : (c.name ?? t("candidates.hidden")),
      t(`statuses.${c.status}`),
      score(c.overallScore),
      c.rating === null ? t("none") : String(c.rating),
      t(`decisions.${c.decision ?? "none"}`),
    ];
    doc.font(REGULAR).fontSize(8.5).fillColor(c.name === null ? COLORS.muted : COLORS.text);
    let x = PAGE.margin;
    cols.forEach((col, j) => {
      cell(values[j]!, x, y, col.width - 6, col.align);
      x += col.width;
    });
    doc.x = PAGE.margin;
    doc.y = y + 14;
  });

  // Page numbers, written last when the count is known (in the bottom margin: no new page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor(COLORS.muted);
    doc.text(t("pdf.page", { page: i + 1, pages: range.count }), PAGE.margin, PAGE.height - PAGE.margin + 10, { width: WIDTH, align: "right", lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
