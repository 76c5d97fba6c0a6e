import { inngest, subscribe } from "@/inngest/client";
import { initQuotas } from "@/lib/server/quotas/init-quotas";

/** user.created → the new account's free-plan quota. */
export const initQuotasFn = inngest.createFunction(
  { id: "init-quotas", name: "Initialise quotas", retries: 5, ...subscribe("user.created") },
  async ({ event, step }) => step.run("create-quota", () => initQuotas(event.data)),
);
