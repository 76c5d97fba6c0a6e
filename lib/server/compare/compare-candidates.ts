import "server-only";
import { getDbHandle } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import type { SessionStatus } from "@/lib/generated/prisma/client";
import type { AnalysisStatus } from "@/lib/schemas/analysis";
import { COMPARE_PAGE_SIZE, compareQuerySchema, type CompareQuery } from "@/lib/schemas/compare";
import { INTERVIEW_NOT_FOUND, isUuid } from "@/lib/server/interviews/owned-interview";
import { compareQuery } from "./compare-query";

export type CompareColumn = { id: string; position: number; prompt: string; type: "video" | "text" };

/** A candidate's answer to one column's question. */
export type CompareAnswer = {
  questionId: string;
  /** The answer's scoring: null before any (a recording not yet transcribed, AI analysis off). */
  analysis: AnalysisStatus | null;
  /** 0–10, when the scoring completed with a score. */
  score: number | null;
  /** The recording's media flags (silent, no_audio, blank_video, no_video). */
  flags: string[];
};

export type CompareCandidate = {
  sessionId: string;
  /** 1 for the best ranked under the current filters. */
  rank: number;
  /** null while blind review hides who it is (the interview is blind and this one is not rated yet). */
  name: string | null;
  email: string | null;
  hidden: boolean;
  /** While hidden: "Candidate N", N as the candidates table and the review page number them (null: no invitation). */
  number: number | null;
  status: SessionStatus;
  decision: "advance" | "hold" | "reject" | null;
  rating: number | null;
  overallScore: number | null;
  shortlisted: boolean;
  completedAt: string | null;
  /** The interview version the candidate answered; columns are matched by question position. */
  version: number | null;
  /** One entry per column: the answer to the question at that position, or null (none). */
  answers: (CompareAnswer | null)[];
  /** Every flag of the candidate's recordings, once each. */
  flags: string[];
};

export type CompareResult = {
  interview: { id: string; title: string; blindReview: boolean; version: number | null };
  columns: CompareColumn[];
  candidates: CompareCandidate[];
  filters: CompareQuery;
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

type Row = {
  title: string;
  blindReview: boolean;
  questions: CompareColumn[];
  currentVersion: number | null;
  total: number;
  rank: number | null;
  sessionId: string | null;
  name: string | null;
  email: string | null;
  hidden: boolean;
  number: number | null;
  status: SessionStatus;
  decision: string | null;
  rating: number | null;
  overallScore: number | null;
  shortlisted: boolean;
  completedAt: Date | null;
  version: number | null;
  answers: { questionId: string; position: number; analysis: AnalysisStatus | null; score: number | null; flags: unknown }[] | null;
};

const DECISIONS = new Set(["advance", "hold", "reject"]);

/** The stored flags (JSON written by media processing), read defensively. */
function flagNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    const flag = (v as { flag?: unknown } | null)?.flag;
    return typeof flag === "string" ? [flag] : [];
  });
}

/**
 * The candidates of one of the actor's interviews side by side: ranked by HR's decision, then
 * rating, then the AI's overall score (compare-query.ts), filtered, a page of 50 at a time, each
 * with the AI score and media flags of every answer. Anyone else's, a deleted or a malformed
 * interview is a 404; invalid filters are a 422 naming the fields.
 */
export async function compareCandidates({ actor, interviewId, input }: { actor: { id: string }; interviewId: unknown; input?: unknown }): Promise<CompareResult> {
  const parsed = compareQuerySchema.safeParse(input ?? {});
  if (!parsed.success) throw validationError(parsed.error, "These filters are not valid.");
  const filters = parsed.data;
  if (!isUuid(interviewId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);

  const handle = await getDbHandle();
  const query = compareQuery({
    interviewId,
    userId: actor.id,
    status: filters.status,
    decision: filters.decision,
    flag: filters.flag,
    minScore: filters.minScore,
    maxScore: filters.maxScore,
    shortlisted: filters.shortlisted,
    limit: COMPARE_PAGE_SIZE,
    offset: (filters.page - 1) * COMPARE_PAGE_SIZE,
  });
  const rows = await handle.query<Row>(query.text, query.values);
  const first = rows[0];
  if (!first) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);

  const columns = first.questions;
  const slot = new Map(columns.map((c, i) => [c.position, i]));
  const candidates: CompareCandidate[] = [];
  for (const r of rows) {
    if (r.sessionId === null) continue; // the interview's row when no candidate is on this page
    const answers: (CompareAnswer | null)[] = columns.map(() => null);
    const flags = new Set<string>();
    for (const a of r.answers ?? []) {
      const names = flagNames(a.flags);
      for (const n of names) flags.add(n);
      const i = slot.get(a.position);
      if (i !== undefined) answers[i] = { questionId: a.questionId, analysis: a.analysis, score: a.score, flags: names };
    }
    candidates.push({
      sessionId: r.sessionId,
      rank: r.rank ?? 0,
      name: r.name,
      email: r.email,
      hidden: r.hidden,
      number: r.hidden ? r.number || null : null,
      status: r.status,
      decision: r.decision && DECISIONS.has(r.decision) ? (r.decision as CompareCandidate["decision"]) : null,
      rating: r.rating,
      overallScore: r.overallScore,
      shortlisted: r.shortlisted,
      completedAt: r.completedAt ? r.completedAt.toISOString() : null,
      version: r.version,
      answers,
      flags: [...flags],
    });
  }
  return {
    interview: { id: interviewId, title: first.title, blindReview: first.blindReview, version: first.currentVersion },
    columns,
    candidates,
    filters,
    total: first.total,
    page: filters.page,
    pageSize: COMPARE_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(first.total / COMPARE_PAGE_SIZE)),
  };
}
