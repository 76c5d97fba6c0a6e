// An interview's report (the catalog's Reporting Service): what GET /api/v1/interviews/{id}/report
// answers, what the `reports` table keeps in `content`, and what the CSV, the PDF and the report
// page are drawn from. The names of funnel, averageScore, questions[].questionId/averageScore and
// candidates[].sessionId/name/overallScore/rating/decision are a contract with integrators
// (issue 13): add fields, never rename these.
import { z } from "zod";

/** Bumped when the content's shape or a figure's definition changes: a stored copy of another version is recomputed. */
export const REPORT_VERSION = 1;

export const REPORT_FORMATS = ["json", "csv", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS, { error: "format must be json, csv or pdf" }).default("json"),
});

const count = () => z.number().int().nonnegative();
const score = () => z.number().min(0).max(10);
const dateTime = () => z.string().meta({ format: "date-time", example: "2026-12-01T09:30:00.000Z" });

export const reportCriterionView = z.object({
  name: z.string(),
  averageScore: score().meta({ description: "Mean of this criterion's scores (0 to 10, two decimals)." }),
  scored: count().meta({ description: "Answers that scored this criterion." }),
});

export const reportView = z
  .object({
    version: z.number().int(),
    interviewId: z.uuid(),
    title: z.string(),
    generatedAt: dateTime().meta({ description: "When these figures were computed." }),
    funnel: z
      .object({
        invited: count().meta({ description: "Candidates: invitations (not revoked before they started) and public-link candidates." }),
        opened: count().meta({ description: "Opened their link (or started)." }),
        started: count().meta({ description: "Started a session." }),
        completed: count().meta({ description: "Finished it." }),
      })
      .meta({ description: "Each stage counts the candidates that reached it; erased candidates still count." }),
    averageScore: score().nullable().meta({ description: "Mean overall AI score of the scored candidates (two decimals); null when none is scored." }),
    scoredCandidates: count(),
    timeToComplete: z.object({
      completed: count(),
      medianSeconds: z.number().nonnegative().nullable().meta({ description: "From the start of the session to its completion; null with no completed session." }),
      p90Seconds: z.number().nonnegative().nullable().meta({ description: "90th percentile, linear interpolation between ranks." }),
    }),
    questions: z.array(
      z.object({
        questionId: z.uuid(),
        number: z.number().int().positive().meta({ description: "Its position in its version (from 1)." }),
        version: z.number().int().positive(),
        prompt: z.string(),
        type: z.enum(["video", "text"]),
        answered: count().meta({ description: "Sessions that submitted an answer to it." }),
        droppedOff: count().meta({ description: "Unfinished sessions whose first unanswered question this is: where they stopped." }),
        averageScore: score().nullable().meta({ description: "Mean AI score of its answers (the last attempt of each), two decimals; null when none is scored." }),
        scoredAnswers: count(),
        criteria: z.array(reportCriterionView),
      }),
    ),
    criteria: z.array(reportCriterionView).meta({ description: "Each rubric criterion's mean score over every question that has it (by name)." }),
    scoreDistribution: z
      .array(z.object({ from: z.number().int(), to: z.number().int(), count: count() }))
      .meta({ description: "Candidates by overall score: ten buckets [0,1), [1,2) … [9,10] (10 falls in the last)." }),
    candidates: z
      .array(
        z.object({
          sessionId: z.uuid(),
          name: z.string().nullable().meta({ description: "null for an erased candidate, or while blind review hides an unrated one." }),
          overallScore: score().nullable(),
          rating: z.number().int().min(1).max(5).nullable(),
          decision: z.enum(["advance", "hold", "reject"]).nullable(),
          status: z.enum(["started", "in_progress", "completed", "abandoned"]),
          completedAt: dateTime().nullable(),
          erased: z.boolean(),
        }),
      )
      .meta({ description: "Every session, ranked: decision (advance, hold, none, reject), then rating, then overall score, highest first." }),
  })
  .meta({ id: "InterviewReport" });
export type ReportView = z.infer<typeof reportView>;
export type ReportCandidate = ReportView["candidates"][number];
export type ReportQuestion = ReportView["questions"][number];
