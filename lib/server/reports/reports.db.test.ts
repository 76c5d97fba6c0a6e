// The report on a small interview (reports.fixtures.ts) whose every figure is worked out by
// hand below; the stored copy and its staleness; CSV escaping; the PDF rendered to images with
// poppler (pdftoppm) and read back as text (pdftotext); the API's 400 and cross-account 404.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { ReportView } from "@/lib/schemas/report";
import { createAccount } from "@/tests/fixtures";
import { getReport } from "./get-report";
import { csvCell, reportCsv } from "./report-csv";
import { reportPdf } from "./report-pdf";
import { CANDIDATES, reportInterview } from "./reports.fixtures";

const run = promisify(execFile);

const actorRef = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("@/lib/auth/api-auth", () => ({
  requireApiActor: async () => {
    if (!actorRef.current) throw new Error("no actor");
    return actorRef.current;
  },
}));

let fixture: Awaited<ReturnType<typeof reportInterview>>;
let report: ReportView;

beforeAll(async () => {
  fixture = await reportInterview();
  report = await getReport({ actor: fixture.user, interviewId: fixture.interview.id });
});

describe("the report's figures", () => {
  it("funnel: revoked-before-start left out, the session without an invitation counted, erased ones kept", () => {
    // A B C D E F G + the orphan session; opened: all but G; started: A B C D E + orphan.
    expect(report.funnel).toEqual({ invited: 8, opened: 7, started: 6, completed: 4 });
  });

  it("time to complete: median and 90th percentile of 300, 600, 900, 1200 seconds", () => {
    // p90: rank 0.9 × 3 = 2.7 → 900 + 0.7 × (1200 − 900) = 1110.
    expect(report.timeToComplete).toEqual({ completed: 4, medianSeconds: 750, p90Seconds: 1110 });
  });

  it("average score, score distribution", () => {
    expect(report.averageScore).toBe(8.07); // (8.5 + 6 + 9.7) / 3
    expect(report.scoredCandidates).toBe(3);
    const counts = report.scoreDistribution.map((b) => b.count);
    expect(counts).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 1, 1]);
    expect(report.scoreDistribution[9]).toEqual({ from: 9, to: 10, count: 1 });
  });

  it("per question: answers (last attempt), drop-off, average score and criteria", () => {
    const [q1, q2] = report.questions;
    expect(q1).toMatchObject({ questionId: fixture.questions[0]!.id, number: 1, version: 1, answered: 5, droppedOff: 1, averageScore: 8, scoredAnswers: 3 });
    expect(q1!.criteria).toEqual([
      { name: "Clarity", averageScore: 7.67, scored: 3 }, // (8 + 5 + 10) / 3; A's first attempt (1) is not counted
      { name: "Depth", averageScore: 8.33, scored: 3 }, // (8 + 7 + 10) / 3
    ]);
    // E's second answer is still recording: not answered, and E stopped there.
    expect(q2).toMatchObject({ questionId: fixture.questions[1]!.id, number: 2, answered: 4, droppedOff: 1, averageScore: 8.47, scoredAnswers: 3 });
    expect(q2!.criteria).toEqual([{ name: "Clarity", averageScore: 8.47, scored: 3 }]);
    expect(report.criteria).toEqual([
      { name: "Clarity", averageScore: 8.07, scored: 6 }, // 48.4 / 6
      { name: "Depth", averageScore: 8.33, scored: 3 },
    ]);
  });

  it("ranks by decision (advance, hold, none, reject), then rating, then score; an erased candidate has no name", () => {
    const s = fixture.sessions;
    const unrated = [s.E!, s.O!].sort();
    expect(report.candidates.map((c) => c.sessionId)).toEqual([s.A, s.B, s.D, ...unrated, s.C]);
    expect(report.candidates[0]).toEqual({
      sessionId: s.A,
      name: CANDIDATES[0]!.name,
      overallScore: 8.5,
      rating: 4,
      decision: "advance",
      status: "completed",
      completedAt: "2026-12-01T09:10:00.000Z",
      erased: false,
    });
    expect(report.candidates[2]).toMatchObject({ sessionId: s.D, name: null, erased: true, rating: 3, decision: null });
  });
});

describe("the stored copy", () => {
  it("is kept in reports and served while nothing changed; a change makes the next read compute again", async () => {
    const db = await getDb();
    const row = await db.report.findUniqueOrThrow({ where: { interviewId: fixture.interview.id } });
    expect(row).toMatchObject({ status: "ready", userId: fixture.user.id });
    expect((row.content as ReportView).generatedAt).toBe(report.generatedAt);

    const again = await getReport({ actor: fixture.user, interviewId: fixture.interview.id });
    expect(again.generatedAt).toBe(report.generatedAt);

    await db.candidateSession.update({ where: { id: fixture.sessions.C! }, data: { decision: "advance", rating: 5 } });
    const changed = await getReport({ actor: fixture.user, interviewId: fixture.interview.id });
    expect(changed.generatedAt > report.generatedAt).toBe(true);
    expect(changed.candidates[0]).toMatchObject({ sessionId: fixture.sessions.C, decision: "advance", rating: 5 });
    const stored = await db.report.findUniqueOrThrow({ where: { interviewId: fixture.interview.id } });
    expect((stored.content as ReportView).generatedAt).toBe(changed.generatedAt);
    await db.candidateSession.update({ where: { id: fixture.sessions.C! }, data: { decision: "reject", rating: null } });
  });

  it("belongs to the owner: anyone else gets the same 404 as for a missing interview", async () => {
    const other = await createAccount();
    await expect(getReport({ actor: other, interviewId: fixture.interview.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getReport({ actor: fixture.user, interviewId: "not-a-uuid" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("CSV", () => {
  it("quotes and neutralises formulas", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+7 999")).toBe("'+7 999");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(8.5)).toBe("8.5");
  });

  it("has every section, the candidates ranked with their names escaped", () => {
    const csv = reportCsv(report);
    expect(csv.startsWith("\uFEFFReport,Backend engineer\r\n")).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines).toContain("8,7,6,4,8.07,3,750,1110");
    const header = lines.indexOf("Rank,Session ID,Name,Status,Overall score,Rating,Decision,Completed at,Erased");
    expect(lines[header + 1]).toBe(`1,${fixture.sessions.A},"'=HYPERLINK(""http://evil"")",completed,8.5,4,advance,2026-12-01T09:10:00.000Z,false`);
    expect(lines[header + 2]).toBe(`2,${fixture.sessions.B},"Иван Петров, ""senior""",completed,6,5,hold,2026-12-01T09:20:00.000Z,false`);
    expect(lines[header + 3]).toBe(`3,${fixture.sessions.D},,completed,,3,,2026-12-01T09:15:00.000Z,true`);
  });
});

/** The share of dark pixels of an 8-bit grayscale or RGB PNG (as pdftoppm writes it), unfiltered by hand. */
function inkShare(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(png[24]).toBe(8); // bits per channel
  const bpp = png[25] === 2 ? 3 : 1; // RGB or grayscale
  const stride = width * bpp;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  let prev = new Uint8Array(stride);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      row[i] = (row[i]! + [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
    }
    for (let x = 0; x < width; x++) if (row[x * bpp]! < 200) ink++;
    prev = row;
  }
  return ink / (width * height);
}

describe("PDF", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "report-pdf-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("renders in Russian to pages that poppler draws (not blank) and reads back (title, names)", async () => {
    const pdf = await reportPdf({ ...report, title: "Бэкенд-разработчик" }, "ru");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(dir, "report.pdf");
    await writeFile(file, pdf);

    const { stdout: info } = await run("pdfinfo", [file]);
    expect(info).toMatch(/Pages:\s+1\b/);
    await run("pdftoppm", ["-png", "-gray", "-r", "40", file, path.join(dir, "page")]);
    const pngs = (await readdir(dir)).filter((f) => f.endsWith(".png"));
    expect(pngs).toHaveLength(1);
    const ink = inkShare(await readFile(path.join(dir, pngs[0]!)));
    expect(ink).toBeGreaterThan(0.01); // bars and text
    expect(ink).toBeLessThan(0.6);

    const { stdout: text } = await run("pdftotext", ["-layout", file, "-"]);
    expect(text).toContain("Отчёт: Бэкенд-разработчик");
    expect(text).toContain("Иван Петров");
    expect(text).toContain("Воронка");
    expect(text).toContain("Пригласить дальше");
    expect(text).not.toContain("Dave Erased");
  });

  it("takes as many pages as the ranked table needs, numbered", async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ ...report.candidates[0]!, sessionId: `${report.candidates[0]!.sessionId.slice(0, -4)}${String(i).padStart(4, "0")}`, name: `Candidate ${i + 1}` }));
    const pdf = await reportPdf({ ...report, candidates: many }, "en");
    const file = path.join(dir, "long.pdf");
    await writeFile(file, pdf);
    const { stdout: info } = await run("pdfinfo", [file]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const { stdout: text } = await run("pdftotext", ["-layout", file, "-"]);
    expect(text).toContain("Candidate 150");
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });
});

describe("GET /api/v1/interviews/{id}/report", () => {
  const call = async (actor: unknown, id: string, query = "") => {
    actorRef.current = actor;
    const { GET } = await import("@/app/api/v1/interviews/[id]/report/route");
    return GET(new NextRequest(`http://localhost:3000/api/v1/interviews/${id}/report${query}`), { params: Promise.resolve({ id }) });
  };

  it("answers the contract's names in JSON, and the CSV and PDF as downloads", async () => {
    const res = await call(fixture.user, fixture.interview.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReportView;
    expect(body.funnel).toEqual({ invited: 8, opened: 7, started: 6, completed: 4 });
    expect(body.averageScore).toBe(8.07);
    expect(body.questions.map((q) => [q.questionId, q.averageScore])).toEqual([
      [fixture.questions[0]!.id, 8],
      [fixture.questions[1]!.id, 8.47],
    ]);
    expect(Object.keys(body.candidates[0]!)).toEqual(expect.arrayContaining(["sessionId", "name", "overallScore", "rating", "decision"]));

    const csv = await call(fixture.user, fixture.interview.id, "?format=csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="report-Backend-engineer.csv"; filename*=UTF-8''report-Backend-engineer.csv`);
    expect(await csv.text()).toContain("Rank,Session ID,Name");

    const pdf = await call(fixture.user, fixture.interview.id, "?format=pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="report-Backend-engineer\.pdf"/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("400 for an unknown format, 404 for another account's interview", async () => {
    const bad = await call(fixture.user, fixture.interview.id, "?format=xlsx");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/format/);
    const other = await createAccount();
    const hidden = await call(other, fixture.interview.id, "?format=csv");
    expect(hidden.status).toBe(404);
  });
});
