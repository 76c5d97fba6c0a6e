// Response schemas of /api/v1, written with zod so the OpenAPI document is generated from the
// same kind of schema as the request bodies (lib/schemas/*). Each mirrors a view type the use
// cases return; schemas.test.ts checks the types match at compile time, and the route tests
// validate real responses against these at run time, so the document cannot drift silently.
import { z } from "zod";
import "zod-openapi";
import { answerAnalysisView, sessionAnalysisView } from "@/lib/schemas/analysis";
import { CANDIDATE_STATUSES } from "@/lib/schemas/invitation";
import { INTERVIEW_STATUSES, LANGUAGES, QUESTION_TYPES } from "@/lib/schemas/interview";
import { REVIEW_DECISIONS } from "@/lib/schemas/review";
import { SESSION_STATUSES } from "@/lib/schemas/session";
import { NOTIFY_HR_OPTIONS } from "@/lib/schemas/user";

const uuid = () => z.string().meta({ format: "uuid", example: "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21" });
const dateTime = () => z.string().meta({ format: "date-time", example: "2026-12-01T09:30:00.000Z" });
const nullableDateTime = () => dateTime().nullable();

export const rubricCriterionView = z
  .object({
    name: z.string(),
    description: z.string().meta({ description: "What a good answer shows." }),
    weight: z.number().int(),
  })
  .meta({ id: "RubricCriterion" });

export const questionView = z
  .object({
    id: uuid(),
    position: z.number().int().meta({ description: "1-based order within the version." }),
    prompt: z.string(),
    type: z.enum(QUESTION_TYPES),
    thinkSeconds: z.number().int(),
    maxSeconds: z.number().int().nullable().meta({ description: "Video questions: the answer's time limit; null for text." }),
    maxCharacters: z.number().int().nullable().meta({ description: "Text questions: the answer's length limit; null for video." }),
    retakes: z.number().int(),
    rubric: z.array(rubricCriterionView),
  })
  .meta({ id: "Question" });

const interviewFields = {
  id: uuid(),
  title: z.string(),
  description: z.string().nullable(),
  language: z.enum(LANGUAGES).meta({ description: "The candidates' language." }),
  introMessage: z.string().nullable(),
  deadline: nullableDateTime().meta({ description: "Candidates can answer until then; null: no deadline." }),
  aiAnalysis: z.boolean().meta({
    description: "Answers are transcribed and scored by AI (with evidence); candidates are told on the consent page when true.",
  }),
  blindReview: z.boolean().meta({
    description: "Blind review: the dashboard shows candidates as \"Candidate N\" (no name, email or video poster) until HR has rated each one. The API still answers names and emails.",
  }),
  status: z.enum(INTERVIEW_STATUSES),
  publicLink: z.string().meta({ format: "uri" }).nullable().meta({ description: "The public link /i/<token>, once published." }),
  version: z.number().int().meta({ description: "The current version of the questions (1, 2, ...)." }),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  publishedAt: nullableDateTime(),
  closedAt: nullableDateTime(),
  completedAt: nullableDateTime(),
};

export const interviewView = z
  .object({ ...interviewFields, questions: z.array(questionView) })
  .meta({ id: "Interview", description: "An interview with the questions of its current version." });

export const interviewCounts = z
  .object({
    invited: z.number().int(),
    opened: z.number().int(),
    inProgress: z.number().int(),
    completed: z.number().int(),
    expired: z.number().int(),
    revoked: z.number().int(),
    awaitingReview: z.number().int().meta({ description: "Completed sessions HR has not rated yet." }),
    readyForReview: z.number().int().meta({ description: "Of awaitingReview: every recording settled (processed, or failed with a reason), so all of it can be reviewed." }),
    processing: z.number().int().meta({ description: "Of awaitingReview: recordings still being processed. readyForReview + processing = awaitingReview." }),
    total: z.number().int(),
  })
  .meta({ id: "InterviewCounts", description: "Candidates by status; invited to revoked add up to total." });

export const interviewVersionSummary = z
  .object({
    number: z.number().int(),
    publishedAt: nullableDateTime(),
    questionsCount: z.number().int(),
    sessionsCount: z.number().int(),
  })
  .meta({ id: "InterviewVersion" });

export const interviewDetail = z
  .object({
    ...interviewFields,
    questions: z.array(questionView),
    versions: z.array(interviewVersionSummary),
    counts: interviewCounts,
  })
  .meta({ id: "InterviewDetail" });

export const interviewSummary = z
  .object({ ...interviewFields, questionsCount: z.number().int(), counts: interviewCounts })
  .meta({ id: "InterviewSummary" });

const nextCursor = () =>
  z.string().nullable().meta({ description: "Pass as ?cursor= to get the next page; null on the last page." });

export const interviewPage = z.object({ data: z.array(interviewSummary), nextCursor: nextCursor() }).meta({ id: "InterviewPage" });

export const publishResult = z
  .object({
    publicLink: z.string().meta({ format: "uri", description: "Share this link: anyone with it can take the interview." }),
    expiresAt: nullableDateTime().meta({ description: "The deadline; null: no deadline." }),
    interview: interviewView,
  })
  .meta({ id: "PublishResult" });

export const invitationResult = z
  .object({
    email: z.string(),
    name: z.string(),
    status: z.enum(["invited", "error"]),
    message: z.string().optional().meta({ description: "Why this line was not invited (status error)." }),
    invitationId: uuid().optional(),
  })
  .meta({ id: "InvitationResult" });

export const invitationResults = z
  .object({ results: z.array(invitationResult).meta({ description: "One entry per candidate, in the order sent." }) })
  .meta({ id: "InvitationResults" });

export const candidateRow = z
  .object({
    id: uuid(),
    name: z.string(),
    email: z.string(),
    source: z.enum(["invite", "public"]),
    status: z.enum(CANDIDATE_STATUSES).meta({ description: "expired: not completed by the deadline." }),
    emailStatus: z.enum(["none", "pending", "sent", "failed"]),
    emailError: z.string().nullable(),
    sendCount: z.number().int(),
    answeredCount: z.number().int(),
    totalQuestions: z.number().int(),
    version: z.number().int().nullable().meta({ description: "The interview version this candidate answers, fixed when they started; null before that" }),
    invitedAt: dateTime(),
    sentAt: nullableDateTime(),
    openedAt: nullableDateTime(),
    startedAt: nullableDateTime(),
    completedAt: nullableDateTime(),
    updatedAt: dateTime(),
    link: z.string().meta({ format: "uri", description: "The candidate's personal link." }),
    sessionId: uuid().nullable().meta({ description: "The candidate's session (GET /api/v1/sessions/{id}) once they started; null before." }),
    answersProcessing: z.number().int().meta({ description: "Submitted recordings still being processed." }),
    answersFailed: z.number().int().meta({ description: "Submitted recordings that could not be processed (the session's answers say why)." }),
    readyAt: nullableDateTime().meta({ description: "When the completed session had every recording settled (processed, or failed with a reason): ready for review. Null until then." }),
    rating: z.number().int().nullable().meta({ description: "HR's overall rating (1–5) of the candidate's session; null: not rated." }),
    decision: z.enum(REVIEW_DECISIONS).nullable().meta({ description: "HR's decision on the candidate's session; null: none yet." }),
  })
  .meta({ id: "Candidate" });

export const candidatePage = z.object({ data: z.array(candidateRow), nextCursor: nextCursor() }).meta({ id: "CandidatePage" });

export const reviewView = z
  .object({
    rating: z.number().int().nullable().meta({ description: "HR's overall rating, 1 (poor) to 5 (excellent); null: not rated." }),
    decision: z.enum(REVIEW_DECISIONS).nullable().meta({ description: "HR's decision; null: none yet. Lists sort and filter by it; the AI score never overrides it." }),
    note: z.string().nullable().meta({ description: "HR's note on the decision." }),
    reviewedAt: nullableDateTime().meta({ description: "When HR last changed the rating, decision, note or a question's rating." }),
  })
  .meta({ id: "Review", description: "HR's judgement of the candidate, next to the AI's analysis." });

export const reviewUpdateResponse = z
  .object({
    review: reviewView,
    changed: z
      .array(z.enum(["rating", "decision", "note"]))
      .meta({ description: "The fields this request changed; empty when it changed nothing (and no candidate.reviewed event was published)." }),
  })
  .meta({ id: "ReviewUpdate" });

const sessionFields = {
  id: uuid(),
  interviewId: uuid(),
  invitationId: uuid().nullable(),
  candidateEmail: z.string(),
  candidateName: z.string(),
  status: z.enum(SESSION_STATUSES),
  version: z.number().int().nullable().meta({ description: "The interview version whose questions the candidate answers." }),
  progress: z
    .object({ answered: z.number().int(), total: z.number().int() })
    .meta({ description: "Questions answered out of the version's questions." }),
  startedAt: dateTime(),
  completedAt: nullableDateTime(),
  updatedAt: dateTime(),
  erasedAt: nullableDateTime().meta({
    description: "When the candidate's media and personal data were erased (POST /api/v1/sessions/{id}/erase, or the account's retention period); the name and email are then placeholders. null: not erased.",
  }),
  review: reviewView,
};

export const sessionView = z.object(sessionFields).meta({ id: "Session" });

export const sessionPage = z.object({ data: z.array(sessionView), nextCursor: nextCursor() }).meta({ id: "SessionPage" });

export const MEDIA_STATUSES = ["uploading", "uploaded", "processing", "processed", "failed", "deleted"] as const;

export const sessionAnswerMedia = z
  .object({
    status: z.enum(MEDIA_STATUSES).meta({
      description:
        "`uploaded` once stored; `processing` while it is converted; `processed` when the MP4 (H.264/AAC, faststart) and its poster are ready; `failed` (see `error`) when the upload could not be converted.",
    }),
    size: z.number().int().meta({ description: "Bytes as uploaded." }),
    processedSize: z.number().int().nullable().meta({ description: "Bytes of the processed MP4, poster, strip and speech track; null until processed." }),
    durationSeconds: z.number().nullable().meta({ description: "Once processed, the length of what was really decoded." }),
    mimeType: z.string().meta({ example: "video/mp4" }),
    playbackUrl: z.string().nullable().meta({
      format: "uri",
      description:
        "Plays the recording (the processed MP4 once processed, the original before) for one hour from this response, with HTTP range requests (seeking); a new GET of the session gives a fresh URL. Anyone holding it can play the file until it expires: do not publish it. null once the file is deleted.",
    }),
    thumbnailUrl: z.string().nullable().meta({
      format: "uri",
      description: "A JPEG poster, signed and expiring like playbackUrl; null until processed, or when the recording has no picture.",
    }),
    flags: z.array(z.string()).meta({ description: "What processing noticed: `silent`, `no_audio`, `blank_video` (camera covered), `no_video`.", example: ["silent"] }),
    flagReasons: z
      .array(z.object({ flag: z.string(), reason: z.string() }))
      .meta({ description: "Each flag with its reason in words a person can read." }),
    error: z.string().optional().meta({ description: "Why processing failed (status `failed` only)." }),
  })
  .meta({ id: "AnswerMedia" });

export const sessionAnswer = z
  .object({
    questionId: uuid(),
    type: z.enum(QUESTION_TYPES),
    text: z.string().optional().meta({ description: "Written answers only." }),
    media: sessionAnswerMedia.optional().meta({ description: "Recorded answers only." }),
    analysis: answerAnalysisView.meta({ description: "The answer's AI analysis: transcript, summary, sentiment, skills, a score per rubric criterion with evidence." }),
  })
  .meta({ id: "Answer", description: "A submitted answer (a take still recording, or one replaced by a retake, is not listed)." });

export const sessionResponseView = z
  .object({
    questionId: uuid(),
    position: z.number().int(),
    prompt: z.string(),
    type: z.enum(QUESTION_TYPES),
    status: z
      .enum(["unanswered", "recording", "uploaded", "processing", "ready", "failed"])
      .meta({ description: "unanswered: the candidate has not started this question." }),
    attempt: z.number().int().nullable(),
    textAnswer: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    submittedAt: nullableDateTime(),
  })
  .meta({ id: "SessionResponse", description: "A question of the session's version with the candidate's latest attempt." });

export const sessionDetail = z
  .object({
    ...sessionFields,
    responses: z.array(sessionResponseView).meta({ description: "Every question of the session's version, in order, with the latest attempt." }),
    answers: z.array(sessionAnswer).meta({ description: "One per question answered, in question order." }),
    analysis: sessionAnalysisView.meta({ description: "The whole session: the overall score (computed from the answers' scores) and a summary." }),
  })
  .meta({ id: "SessionDetail" });

export const accountView = z
  .object({
    id: uuid(),
    email: z.string(),
    fullName: z.string(),
    companyName: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    hasPassword: z.boolean(),
    sso: z.boolean(),
    storageUsed: z.number().int(),
    interviewsCreated: z.number().int(),
    createdAt: dateTime(),
    notifyHr: z.enum(NOTIFY_HR_OPTIONS).meta({
      description: "When the account is emailed about finished candidates and analyses: at once, in a daily digest (08:00 UTC) or not at all. Set on the settings page.",
    }),
    retentionDays: z.number().int().min(1).max(3650).nullable().meta({
      description: "Days after an interview closes before its candidates' media and personal data are erased (null: kept). Set on the settings page.",
    }),
  })
  .meta({ id: "Account" });

export const accountResponse = z.object({ account: accountView }).meta({ id: "AccountResponse" });
export const accountUpdateResponse = z
  .object({ account: accountView, changed: z.array(z.string()) })
  .meta({ id: "AccountUpdateResponse" });

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Machine-readable: VALIDATION, NOT_FOUND, UNAUTHORIZED, ..." }),
      message: z.string().meta({ description: "A sentence meant for a person." }),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({ description: "Validation errors by field path, e.g. \"questions.0.maxSeconds\"." }),
      details: z.record(z.string(), z.unknown()).optional().meta({ description: "Facts for programs, e.g. a quota's limit and usage." }),
      requestId: z.string().optional().meta({ description: "Quote it when reporting a problem (also in X-Request-ID)." }),
    }),
  })
  .meta({ id: "Error" });

export const analysisRequestView = z
  .object({
    sessionId: z.uuid(),
    status: z.literal("queued"),
    requestedAt: z.string().meta({ format: "date-time", example: "2026-12-01T09:30:00.000Z" }),
  })
  .meta({ id: "AnalysisRequest" });
