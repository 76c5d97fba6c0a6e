// The registry: every consumer function, served to Inngest at /api/inngest and run by the
// embedded runner otherwise. A function id is a consumer id of the event catalog. Functions
// are grouped for placement (EVENT_RUNNER_FUNCTIONS): light consumers run wherever a runner
// runs; heavy ones (ffmpeg, transcription, scoring) get groups of their own so that they can
// run only in `npm run worker` processes on a host that has what they need.
import { allFunctions, type FunctionGroups } from "@/lib/engine/placement";
import { analyseSessionFn } from "./functions/analyse-session";
import { analysisStatusFn } from "./functions/analysis-status";
import { applyRetentionFn } from "./functions/apply-retention";
import { auditLogFn } from "./functions/audit-log";
import { generateReportFn } from "./functions/generate-report";
import { refreshReportFn } from "./functions/refresh-report";
import { countInterviewsCreatedFn } from "./functions/count-interviews-created";
import { deleteUserInterviewsFn } from "./functions/delete-user-interviews";
import { deleteUserMediaFn } from "./functions/delete-user-media";
import { deliverWebhooksFn } from "./functions/deliver-webhooks";
import { eraseCandidateMediaFn } from "./functions/erase-candidate-media";
import { initQuotasFn } from "./functions/init-quotas";
import { interviewReadyCountsFn } from "./functions/interview-ready-counts";
import { loginAnalyticsFn } from "./functions/login-analytics";
import { notifyHrFn } from "./functions/notify-hr";
import { processMediaFn } from "./functions/process-media";
import { responseStatusFn } from "./functions/response-status";
import { sendInvitationsFn } from "./functions/send-invitations";
import { sessionStatusFn } from "./functions/session-status";
import { storageAccountingFn } from "./functions/storage-accounting";
import { transcribeMediaFn } from "./functions/transcribe-media";
import { updateProgressFn } from "./functions/update-progress";

export { inngest } from "./client";

export const functionGroups = {
  /** Counters, quotas, audit, analytics: cheap database work. */
  light: [initQuotasFn, storageAccountingFn, countInterviewsCreatedFn, auditLogFn, loginAnalyticsFn, deleteUserInterviewsFn, deleteUserMediaFn, sendInvitationsFn, sessionStatusFn, updateProgressFn, responseStatusFn, interviewReadyCountsFn, notifyHrFn, analysisStatusFn, applyRetentionFn, eraseCandidateMediaFn, generateReportFn, refreshReportFn, deliverWebhooksFn],
  /** ffmpeg: transcoding, posters, speech tracks. A worker host with ffmpeg runs it (`media:2`). */
  media: [processMediaFn],
  /** AI analysis: provider calls (transcription, scoring), bounded by AI_CONCURRENCY. A speech track download per answer; no ffmpeg. */
  ai: [transcribeMediaFn, analyseSessionFn],
} satisfies FunctionGroups;

export const functions = allFunctions(functionGroups);
