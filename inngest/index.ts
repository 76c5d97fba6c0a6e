// The registry: every consumer function, served to Inngest at /api/inngest and run by the
// embedded runner otherwise. A function id is a consumer id of the event catalog.
import { describeFunction, type RunnerFunction } from "@/lib/runner/functions";
import { auditLogFn } from "./functions/audit-log";
import { countInterviewsCreatedFn } from "./functions/count-interviews-created";
import { initQuotasFn } from "./functions/init-quotas";
import { loginAnalyticsFn } from "./functions/login-analytics";
import { storageAccountingFn } from "./functions/storage-accounting";

export { inngest } from "./client";

export const functions = [initQuotasFn, storageAccountingFn, countInterviewsCreatedFn, auditLogFn, loginAnalyticsFn];

let described: RunnerFunction[] | null = null;

/** The registry as the embedded runner sees it. */
export function runnerFunctions(): RunnerFunction[] {
  described ??= functions.map(describeFunction);
  return described;
}
