// The report as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read Cyrillic names): a few
// sections one after the other, each with its own header row, separated by an empty line.
// A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
// return) is prefixed with an apostrophe: candidate names and prompts come from outside.
import type { ReportView } from "@/lib/schemas/report";

type Cell = string | number | boolean | null;

export function csvCell(value: Cell): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (cells: Cell[]) => cells.map(csvCell).join(",");

export function reportCsv(report: ReportView): string {
  const rows: string[] = [
    line(["Report", report.title]),
    line(["Interview ID", report.interviewId]),
    line(["Generated at", report.generatedAt]),
    "",
    line(["Invited", "Opened", "Started", "Completed", "Average score", "Scored candidates", "Median seconds to complete", "90th percentile seconds"]),
    line([
      report.funnel.invited,
      report.funnel.opened,
      report.funnel.started,
      report.funnel.completed,
      report.averageScore,
      report.scoredCandidates,
      report.timeToComplete.medianSeconds,
      report.timeToComplete.p90Seconds,
    ]),
    "",
    line(["Question ID", "Version", "Number", "Question", "Type", "Answered", "Dropped off here", "Average score", "Scored answers"]),
    ...report.questions.map((q) => line([q.questionId, q.version, q.number, q.prompt, q.type, q.answered, q.droppedOff, q.averageScore, q.scoredAnswers])),
    "",
    line(["Criterion", "Average score", "Scored answers"]),
    ...report.criteria.map((c) => line([c.name, c.averageScore, c.scored])),
    "",
    line(["Score from", "Score to", "Candidates"]),
    ...report.scoreDistribution.map((b) => line([b.from, b.to, b.count])),
    "",
    line(["Rank", "Session ID", "Name", "Status", "Overall score", "Rating", "Decision", "Completed at", "Erased"]),
    ...report.candidates.map((c, i) => line([i + 1, c.sessionId, c.name, c.status, c.overallScore, c.rating, c.decision, c.completedAt, c.erased])),
  ];
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}

/** A file name from the title: letters (any script), digits and dashes. */
export function reportFileName(report: ReportView, ext: "csv" | "pdf"): string {
  const base = report.title.normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "interview";
  return `report-${base}.${ext}`;
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
