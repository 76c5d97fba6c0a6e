// The OpenAPI 3.1 document of /api/v1, generated with zod-openapi from the request schemas the
// use cases validate with (lib/schemas/*) and the response schemas in ./schemas.ts. Served at
// /api/v1/openapi.json and rendered on /docs/api. Every operation lists every error it can
// answer; openapi.db.test.ts checks that every route file under app/api/v1 is documented.
import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from "zod-openapi";
import {
  MAX_CANDIDATES_PER_REQUEST,
  addInvitationsSchema,
  listCandidatesSchema,
} from "@/lib/schemas/invitation";
import {
  createInterviewSchema,
  listInterviewsSchema,
  updateInterviewSchema,
} from "@/lib/schemas/interview";
import { reportQuerySchema, reportView } from "@/lib/schemas/report";
import { reviewRequestSchema } from "@/lib/schemas/review";
import { listSessionsQuerySchema } from "@/lib/schemas/session";
import { createWebhookSchema } from "@/lib/schemas/webhook";
import { updateProfileSchema } from "@/lib/schemas/user";
import * as s from "./schemas";

/** POST /api/v1/sessions/{id}/erase (lib/server/retention/erase-candidate.ts). */
const erasureView = z
  .object({
    sessionId: z.uuid(),
    interviewId: z.uuid(),
    reason: z.enum(["request", "retention"]),
    erasedAt: z.iso.datetime(),
    filesDeleted: z.number().int().min(0).meta({ description: "Media files deleted, each with its media.deleted." }),
    erased: z
      .object({
        textAnswers: z.number().int(),
        analyses: z.number().int(),
        comments: z.number().int(),
        questionRatings: z.number().int(),
        notifications: z.number().int(),
        events: z.number().int(),
        webhookDeliveries: z.number().int(),
      })
      .meta({ description: "Rows blanked or removed, per kind of data." }),
  })
  .meta({ id: "Erasure" });

/** A webhook endpoint as GET /api/v1/webhooks shows it (lib/server/webhooks/webhook-dto.ts). */
const webhookEndpointView = z
  .object({
    id: z.uuid(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    disabledAt: z.iso.datetime().nullable(),
    consecutiveFailures: z.number().int().min(0).meta({ description: "Deliveries in a row that failed after every retry; a success resets it." }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

const webhookDeliveryView = z
  .object({
    id: z.uuid(),
    messageId: z.uuid().meta({ description: "The `webhook-id` header: the event's id." }),
    eventType: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int().min(0),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });

export const API_VERSION = "1.0.0";

type Method = "get" | "post" | "patch" | "delete";
type ErrorStatus =
  400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: "Bad request: the body is not valid JSON or UTF-8, or the cursor is not one we gave.",
  401: "No valid credentials: a missing, unknown or revoked API key, a deleted account's key, or no session.",
  403: "Refused: a cross-site browser request (cookie authentication), or a plan limit (code QUOTA_EXCEEDED, with `details`).",
  404: "Not found: it does not exist, was deleted, or belongs to another account (the same answer for all three).",
  409: "Conflict with the interview's state (e.g. publishing a published interview, inviting to a closed one).",
  410: "Gone.",
  413: "The body is larger than this operation accepts.",
  415: "The body is not sent as application/json.",
  422: "Validation failed: `error.fields` lists the messages by field path (e.g. questions.0.maxSeconds).",
  429: "Too many requests: wait for the number of seconds in Retry-After.",
  500: "Unexpected error on our side; `error.requestId` identifies it.",
};

const errorResponses = (statuses: ErrorStatus[]) =>
  Object.fromEntries(
    [...statuses, 500 as const].map((status) => [
      String(status),
      {
        description: ERROR_TEXT[status],
        content: { "application/json": { schema: s.errorBody } },
      },
    ]),
  );

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const idParam = (what: string) =>
  z.object({
    id: z
      .string()
      .meta({ description: `The ${what}'s id (a UUID).`, format: "uuid" }),
  });

/** The errors of every operation that reads a JSON body. */
const BODY_ERRORS: ErrorStatus[] = [400, 401, 403, 413, 415, 422];

/** One documented operation; `path` uses OpenAPI's {id} for Next's [id]. */
export type OperationSpec = {
  path: string;
  method: Method;
  operation: ZodOpenApiOperationObject;
  /** A curl command for the docs page. */
  curl: string;
};

const BASE = "$INTERVUE_URL";
const AUTH = '-H "Authorization: Bearer $INTERVUE_API_KEY"';
const JSON_HEADER = '-H "Content-Type: application/json"';

const exampleInterview = {
  title: "Backend engineer",
  description: "Go and PostgreSQL, remote.",
  language: "en",
  deadline: "2026-12-31T18:00:00Z",
  aiAnalysis: true,
  questions: [
    {
      prompt: "Tell us about a system you designed.",
      type: "video",
      thinkSeconds: 30,
      maxSeconds: 180,
      retakes: 1,
      rubric: [
        {
          name: "Clarity",
          description: "Explains trade-offs plainly.",
          weight: 3,
        },
      ],
    },
    {
      prompt: "Which database index would you add, and why?",
      type: "text",
      maxCharacters: 2000,
    },
  ],
};

export const OPERATIONS: OperationSpec[] = [
  {
    path: "/api/v1/me",
    method: "get",
    operation: {
      operationId: "getAccount",
      summary: "The account the credentials belong to",
      tags: ["Account"],
      responses: {
        "200": json(s.accountResponse, "The account."),
        ...errorResponses([401]),
      },
    },
    curl: `curl ${AUTH} ${BASE}/api/v1/me`,
  },
  {
    path: "/api/v1/me",
    method: "patch",
    operation: {
      operationId: "updateAccount",
      summary: "Update the profile",
      description:
        "Partial update of the name and company; `changed` lists the fields that actually changed.",
      tags: ["Account"],
      requestBody: {
        required: true,
        content: { "application/json": { schema: updateProfileSchema } },
      },
      responses: {
        "200": json(s.accountUpdateResponse, "The account after the update."),
        ...errorResponses(BODY_ERRORS),
      },
    },
    curl: `curl -X PATCH ${AUTH} ${JSON_HEADER} -d '{"companyName":"Acme"}' ${BASE}/api/v1/me`,
  },
  {
    path: "/api/v1/interviews",
    method: "get",
    operation: {
      operationId: "listInterviews",
      summary: "List interviews",
      description:
        "The account's interviews, newest first, with question and candidate counts. Keyset pagination: pass `nextCursor` as `cursor`.",
      tags: ["Interviews"],
      requestParams: { query: listInterviewsSchema },
      responses: {
        "200": json(s.interviewPage, "One page of interviews."),
        ...errorResponses([400, 401, 422]),
      },
    },
    curl: `curl ${AUTH} "${BASE}/api/v1/interviews?status=published&limit=20"`,
  },
  {
    path: "/api/v1/interviews",
    method: "post",
    operation: {
      operationId: "createInterview",
      summary: "Create an interview with its questions",
      description:
        "Creates a draft (version 1 of the questions). Publish it to get its public link. Counts towards the plan's active interviews (403 QUOTA_EXCEEDED past it).",
      tags: ["Interviews"],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: createInterviewSchema,
            example: exampleInterview,
          },
        },
      },
      responses: {
        "201": {
          ...json(
            s.interviewView,
            "The new interview; its `id` is also in the Location header.",
          ),
          headers: z.object({
            location: z
              .string()
              .meta({ description: "/api/v1/interviews/{id}" }),
          }),
        },
        ...errorResponses(BODY_ERRORS),
      },
    },
    curl: `curl -X POST ${AUTH} ${JSON_HEADER} -d '${JSON.stringify({ title: "Backend engineer", questions: [{ prompt: "Tell us about a system you designed.", type: "video" }] })}' ${BASE}/api/v1/interviews`,
  },
  {
    path: "/api/v1/interviews/{id}",
    method: "get",
    operation: {
      operationId: "getInterview",
      summary: "Get an interview",
      description:
        "With the questions of its current version, every version and the candidate counts.",
      tags: ["Interviews"],
      requestParams: { path: idParam("interview") },
      responses: {
        "200": json(s.interviewDetail, "The interview."),
        ...errorResponses([401, 404]),
      },
    },
    curl: `curl ${AUTH} ${BASE}/api/v1/interviews/$INTERVIEW_ID`,
  },
  {
    path: "/api/v1/interviews/{id}",
    method: "patch",
    operation: {
      operationId: "updateInterview",
      summary: "Update an interview",
      description:
        "Every field is optional. `questions`, when given, replaces the whole list in order. Editing the questions of a published interview writes a new version; candidates who already started keep theirs. `aiAnalysis` is a setting, not part of the questions: switching it, even on a published interview, never writes a new version. A completed interview's questions and deadline are final (409).",
      tags: ["Interviews"],
      requestParams: { path: idParam("interview") },
      requestBody: {
        required: true,
        content: { "application/json": { schema: updateInterviewSchema } },
      },
      responses: {
        "200": json(s.interviewView, "The interview after the update."),
        ...errorResponses([...BODY_ERRORS, 404, 409]),
      },
    },
    curl: `curl -X PATCH ${AUTH} ${JSON_HEADER} -d '{"deadline":"2027-01-15T18:00:00Z"}' ${BASE}/api/v1/interviews/$INTERVIEW_ID`,
  },
  {
    path: "/api/v1/interviews/{id}",
    method: "delete",
    operation: {
      operationId: "deleteInterview",
      summary: "Delete an interview",
      description:
        "From now on it is a 404 everywhere and its links stop working; it no longer counts towards the plan.",
      tags: ["Interviews"],
      requestParams: { path: idParam("interview") },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses([401, 403, 404]),
      },
    },
    curl: `curl -X DELETE ${AUTH} ${BASE}/api/v1/interviews/$INTERVIEW_ID`,
  },
  {
    path: "/api/v1/interviews/{id}/publish",
    method: "post",
    operation: {
      operationId: "publishInterview",
      summary: "Publish an interview",
      description:
        "draft → published. Returns the public link (anyone with it can take the interview until the deadline) and sends the invitations already added. No body. Refused when already published (409), without questions or with a deadline that has passed (422, naming the field), or past the plan's active-interview limit (403 QUOTA_EXCEEDED).",
      tags: ["Interviews"],
      requestParams: { path: idParam("interview") },
      responses: {
        "200": json(s.publishResult, "The public link and deadline."),
        ...errorResponses([401, 403, 404, 409, 422]),
      },
    },
    curl: `curl -X POST ${AUTH} ${BASE}/api/v1/interviews/$INTERVIEW_ID/publish`,
  },
  {
    path: "/api/v1/interviews/{id}/close",
    method: "post",
    operation: {
      operationId: "closeInterview",
      summary: "Close an interview",
      description:
        "published → closed: no new candidates; those in progress may finish until the deadline. If nobody is in progress the interview is completed at once, so the status returned is closed or completed. No body.",
      tags: ["Interviews"],
      requestParams: { path: idParam("interview") },
      responses: {
        "200": json(s.interviewView, "The interview."),
        ...errorResponses([401, 403, 404, 409]),
      },
    },
    curl: `curl -X POST ${AUTH} ${BASE}/api/v1/interviews/$INTERVIEW_ID/close`,
  },
  {
    path: "/api/v1/interviews/{id}/invitations",
    method: "post",
    operation: {
      operationId: "addInvitations",
      summary: "Invite candidates",
      description: `Up to ${MAX_CANDIDATES_PER_REQUEST.toLocaleString("en-US")} candidates per request. Each one gets a result, in the order sent: \`invited\` (with its invitationId) or \`error\` with a message (malformed email, listed twice, already invited); the valid lines are invited even when others fail. Answers 201 when at least one candidate was invited, 200 when none was (nothing was created). Invitation emails go out once the interview is published. Refused as a whole (and nothing invited) for a closed interview (409) or past the plan's candidates-per-interview limit (403 QUOTA_EXCEEDED).`,
      tags: ["Candidates"],
      requestParams: { path: idParam("interview") },
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: addInvitationsSchema,
            example: {
              candidates: [
                { email: "ada@example.com", name: "Ada Lovelace" },
                { email: "alan@example.com", name: "Alan Turing" },
              ],
            },
          },
        },
      },
      responses: {
        "201": json(
          s.invitationResults,
          "At least one candidate was invited; one result per candidate.",
        ),
        "200": json(
          s.invitationResults,
          "No candidate was invited (every line is an error); one result per candidate.",
        ),
        ...errorResponses([...BODY_ERRORS, 404, 409]),
      },
    },
    curl: `curl -X POST ${AUTH} ${JSON_HEADER} -d '{"candidates":[{"email":"ada@example.com","name":"Ada Lovelace"}]}' ${BASE}/api/v1/interviews/$INTERVIEW_ID/invitations`,
  },
  {
    path: "/api/v1/interviews/{id}/invitations",
    method: "get",
    operation: {
      operationId: "listCandidates",
      summary: "List candidates",
      description:
        "Invited candidates and people who came through the public link, with status and progress. Filter, search by name or email prefix, sort; keyset pagination.",
      tags: ["Candidates"],
      requestParams: {
        path: idParam("interview"),
        query: listCandidatesSchema,
      },
      responses: {
        "200": json(s.candidatePage, "One page of candidates."),
        ...errorResponses([400, 401, 404, 422]),
      },
    },
    curl: `curl ${AUTH} "${BASE}/api/v1/interviews/$INTERVIEW_ID/invitations?status=completed&limit=50"`,
  },
  {
    path: "/api/v1/interviews/{id}/sessions",
    method: "get",
    operation: {
      operationId: "listSessions",
      summary: "List sessions",
      description:
        "Candidates' sessions (started answering), newest first, with status and progress (answered of total). Keyset pagination.",
      tags: ["Sessions"],
      requestParams: {
        path: idParam("interview"),
        query: listSessionsQuerySchema,
      },
      responses: {
        "200": json(s.sessionPage, "One page of sessions."),
        ...errorResponses([401, 404, 422]),
      },
    },
    curl: `curl ${AUTH} "${BASE}/api/v1/interviews/$INTERVIEW_ID/sessions?status=completed"`,
  },
  {
    path: "/api/v1/interviews/{id}/report",
    method: "get",
    operation: {
      operationId: "getInterviewReport",
      summary: "Get an interview's report",
      description:
        "The interview's report: the funnel (invited, opened, started, completed), time to complete (median and 90th percentile), per question the answers, where unfinished sessions stopped and the average AI score (overall and per rubric criterion), the score distribution, and every candidate ranked by HR's decision (advance, hold, none, reject), then rating, then AI score. Erased candidates count in the funnel without a name. Kept up to date by the Reporting Service's consumers and computed on the spot when anything changed since. `format=csv` and `format=pdf` download the same report (`Content-Disposition: attachment`); in the CSV a cell that a spreadsheet would run as a formula starts with an apostrophe. The PDF is in the account's language.",
      tags: ["Interviews"],
      requestParams: {
        path: idParam("interview"),
        query: reportQuerySchema,
      },
      responses: {
        "200": {
          description: "The report (JSON), or its CSV or PDF file.",
          content: {
            "application/json": { schema: reportView },
            "text/csv": { schema: z.string() },
            "application/pdf": { schema: z.string().meta({ format: "binary" }) },
          },
        },
        ...errorResponses([400, 401, 404]),
      },
    },
    curl: `curl ${AUTH} -OJ "${BASE}/api/v1/interviews/$INTERVIEW_ID/report?format=pdf"`,
  },
  {
    path: "/api/v1/sessions/{id}",
    method: "get",
    operation: {
      operationId: "getSession",
      summary: "Get a session with its answers",
      description:
        "The candidate, HR's `review` (rating, decision, note), the session's status and one answer per question answered, in question order: the text of a written answer, or a recording's file with a signed playback URL that works for one hour and supports range requests (the processed MP4 once processing is done, with its poster and flags). Each answer has its `analysis` (`pending` until analysed; then the transcript with timed segments, summary, sentiment, skills and a 0-10 score per rubric criterion with quotes from the answer, or `skipped`/`failed` with a `reason`), and the session has its own `analysis` (the overall score, computed from the answers' scores and the criteria's weights, and a summary).",
      tags: ["Sessions"],
      requestParams: { path: idParam("session") },
      responses: {
        "200": json(s.sessionDetail, "The session."),
        ...errorResponses([401, 404]),
      },
    },
    curl: `curl ${AUTH} ${BASE}/api/v1/sessions/$SESSION_ID`,
  },
  {
    path: "/api/v1/sessions/{id}/analysis",
    method: "post",
    operation: {
      operationId: "requestSessionAnalysis",
      summary: "Analyse a session again",
      description:
        "Redoes the session's AI analysis with the current prompt versions: each answer, then the overall score and summary. An answer whose input did not change (same transcript or text, rubric, model and prompt version) keeps its stored result without a new call to the provider. Answers 202 at once; the session's `analysis.status` follows. Refused (409) while the candidate has not finished, and when AI analysis is off for the interview. No body.",
      tags: ["Sessions"],
      requestParams: { path: idParam("session") },
      responses: {
        "202": json(s.analysisRequestView, "The request is queued."),
        ...errorResponses([401, 403, 404, 409]),
      },
    },
    curl: `curl -X POST ${AUTH} ${BASE}/api/v1/sessions/$SESSION_ID/analysis`,
  },
  {
    path: "/api/v1/sessions/{id}/erase",
    method: "post",
    operation: {
      operationId: "eraseSession",
      summary: "Erase a candidate's data",
      description:
        "Honours a candidate's erasure request in one action: every media file of the session (recordings and what processing derived from them: MP4, poster, preview strip, speech track) is deleted, each with its `media.deleted` (storage use drops by exactly its size), and the transcripts, analyses, written answers, reviewers' comments, question ratings and review note are removed. The candidate's name and email become `Erased candidate` and an undeliverable `erased+…@erased.invalid` address in the session, its invitation, the emails about them, the event log and the audit trail. The session stays (with `erasedAt`), so counts and funnels still add up; `candidate.erased` is published. Irreversible; a second call is refused (409). No body.",
      tags: ["Sessions"],
      requestParams: { path: idParam("session") },
      responses: {
        "200": json(erasureView, "What was erased."),
        ...errorResponses([401, 403, 404, 409]),
      },
    },
    curl: `curl -X POST ${AUTH} ${BASE}/api/v1/sessions/$SESSION_ID/erase`,
  },
  {
    path: "/api/v1/sessions/{id}/review",
    method: "post",
    operation: {
      operationId: "reviewSession",
      summary: "Rate a candidate, decide, note",
      description:
        "HR's judgement of the session, next to the AI's analysis: `rating` 1–5, `decision` advance, hold or reject, and a `note`. Every field is optional: a field left out stays as it is, `null` clears it (an empty note too). Answers the session's `review` after the change and `changed`, the fields that changed. A change publishes one `candidate.reviewed` event (rating and decision after it, what changed; never the note's text) and is in the audit log; a request that changes nothing publishes nothing. An unknown field is refused with 400 naming it (a misspelt field would otherwise be silently ignored); a bad value with 422 and the field. An erased candidate can no longer be reviewed (409).",
      tags: ["Sessions"],
      requestParams: { path: idParam("session") },
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: reviewRequestSchema,
            example: { rating: 4, decision: "advance", note: "Clear on trade-offs; invite to the technical round." },
          },
        },
      },
      responses: {
        "200": json(s.reviewUpdateResponse, "The review after the change."),
        ...errorResponses([...BODY_ERRORS, 404, 409]),
      },
    },
    curl: `curl -X POST ${AUTH} ${JSON_HEADER} -d '{"rating":4,"decision":"advance","note":"Strong system design."}' ${BASE}/api/v1/sessions/$SESSION_ID/review`,
  },
  {
    path: "/api/v1/media/{id}/thumbnail",
    method: "get",
    operation: {
      operationId: "getThumbnail",
      summary: "An answer's poster",
      description:
        "Redirects (302) to a signed URL of the JPEG poster of a processed recording, valid for one hour. This stable address is the `thumbnailUrl` of the `media.processed` event; `GET /api/v1/sessions/{id}` gives signed poster URLs directly.",
      tags: ["Sessions"],
      requestParams: { path: idParam("media file") },
      responses: {
        "302": { description: "To the poster's signed URL (Location)." },
        ...errorResponses([401, 404]),
      },
    },
    curl: `curl -L ${AUTH} ${BASE}/api/v1/media/$FILE_ID/thumbnail -o poster.jpg`,
  },
  {
    path: "/api/v1/webhooks",
    method: "get",
    operation: {
      operationId: "listWebhooks",
      summary: "List webhook endpoints",
      description: "The account's webhook endpoints, newest first. The signing secret is never listed: it is shown once, when the endpoint is created.",
      tags: ["Webhooks"],
      responses: {
        "200": json(z.object({ data: z.array(webhookEndpointView) }), "The endpoints."),
        ...errorResponses([401]),
      },
    },
    curl: `curl ${AUTH} ${BASE}/api/v1/webhooks`,
  },
  {
    path: "/api/v1/webhooks",
    method: "post",
    operation: {
      operationId: "createWebhook",
      summary: "Register a webhook endpoint",
      description:
        "Events of the account whose type is in `eventTypes` (the catalog's, see docs/events.md) are POSTed to `url`, signed per the Standard Webhooks specification (https://www.standardwebhooks.com): headers `webhook-id` (the event's id, the same on every retry and resend), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the base64-decoded part of the secret after `whsec_`). The body is `{type, timestamp, data}`, `data` being the event's standard envelope. A 2xx answer within 10 s is a success; anything else is retried after 5 s, 5 min, 30 min, 2 h and 5 h; an endpoint whose deliveries fail every retry 5 times in a row is disabled and its owner emailed. The URL must be https to a public address (loopback, private, link-local, CGNAT, multicast and other internal addresses are refused with 422, as its host resolves now and again at each delivery; redirects are not followed) unless the server sets WEBHOOKS_ALLOW_PRIVATE=true. Answers 201 with the `secret` (`whsec_…`), this once. At most 10 endpoints per account (409).",
      tags: ["Webhooks"],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: createWebhookSchema,
            example: { url: "https://ats.example.com/hooks/intervue", eventTypes: ["candidate.completed", "candidate.reviewed"] },
          },
        },
      },
      responses: {
        "201": json(webhookEndpointView.extend({ secret: z.string().meta({ description: "The signing secret, `whsec_` + base64 of 32 random bytes. Shown only in this answer." }) }), "The endpoint and its signing secret."),
        ...errorResponses([...BODY_ERRORS, 409]),
      },
    },
    curl: `curl -X POST ${AUTH} ${JSON_HEADER} -d '{"url":"https://ats.example.com/hooks/intervue","eventTypes":["candidate.completed"]}' ${BASE}/api/v1/webhooks`,
  },
  {
    path: "/api/v1/webhooks/{id}",
    method: "get",
    operation: {
      operationId: "getWebhook",
      summary: "Get a webhook endpoint",
      description: "One endpoint: its URL, event types, whether it is on (and why it was turned off). Never its secret.",
      tags: ["Webhooks"],
      requestParams: { path: idParam("webhook endpoint") },
      responses: {
        "200": json(webhookEndpointView, "The endpoint."),
        ...errorResponses([401, 404]),
      },
    },
    curl: `curl ${AUTH} ${BASE}/api/v1/webhooks/$WEBHOOK_ID`,
  },
  {
    path: "/api/v1/webhooks/{id}",
    method: "delete",
    operation: {
      operationId: "deleteWebhook",
      summary: "Delete a webhook endpoint",
      description: "Nothing more is sent to it, retries in progress included; its secret is wiped. 204.",
      tags: ["Webhooks"],
      requestParams: { path: idParam("webhook endpoint") },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses([401, 403, 404]),
      },
    },
    curl: `curl -X DELETE ${AUTH} ${BASE}/api/v1/webhooks/$WEBHOOK_ID`,
  },
  {
    path: "/api/v1/webhooks/{id}/deliveries",
    method: "get",
    operation: {
      operationId: "listWebhookDeliveries",
      summary: "A webhook endpoint's delivery log",
      description: "The latest 50 deliveries to the endpoint, newest first: the event, `pending` (being retried), `delivered` or `failed`, the tries made, and the last try's HTTP status, duration and error (with the start of the response body).",
      tags: ["Webhooks"],
      requestParams: { path: idParam("webhook endpoint") },
      responses: {
        "200": json(z.object({ data: z.array(webhookDeliveryView) }), "The deliveries."),
        ...errorResponses([401, 404]),
      },
    },
    curl: `curl ${AUTH} ${BASE}/api/v1/webhooks/$WEBHOOK_ID/deliveries`,
  },
  {
    path: "/api/v1/openapi.json",
    method: "get",
    operation: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      tags: ["Meta"],
      security: [],
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document.",
          content: { "application/json": {} },
        },
        ...errorResponses([]),
      },
    },
    curl: `curl ${BASE}/api/v1/openapi.json`,
  },
];

export function buildOpenApiDocument(serverUrl?: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: op.operation };
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Intervue API",
        version: API_VERSION,
        description:
          "Interviews, candidates and their answers, for applicant tracking systems and scripts. Authenticate with an API key (Settings → API keys) as `Authorization: Bearer ivk_…`, or with the dashboard's session cookie from the app's own pages. Errors are JSON: `{ error: { code, message, fields?, details?, requestId } }`.",
      },
      servers: serverUrl ? [{ url: serverUrl }] : undefined,
      security: [{ apiKey: [] }, { sessionCookie: [] }],
      tags: [
        { name: "Interviews" },
        { name: "Candidates" },
        { name: "Sessions" },
        { name: "Account" },
        { name: "Webhooks" },
        { name: "Meta" },
      ],
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "ivk_<43 characters>",
            description:
              "An API key created on the settings page. Revoked keys are refused with 401.",
          },
          sessionCookie: {
            type: "apiKey",
            in: "cookie",
            name: "next-auth.session-token",
            description:
              "The dashboard's session (named __Secure-next-auth.session-token over HTTPS). State-changing requests with it must come from the app's own pages.",
          },
        },
      },
      paths,
    },
    {
      // Responses gain fields over time (media, analysis): do not promise clients that an
      // object never has more properties than listed.
      override: ({ jsonSchema, io }) => {
        if (io === "output" && jsonSchema.additionalProperties === false)
          delete jsonSchema.additionalProperties;
      },
    },
  );
}
