// `npm run plan -- <email> <free|plus|pro>`: moves an account to a plan and sets its limits
// (lib/server/quotas/set-plan.ts). With the embedded database, stop the app first (one process
// per PGlite directory).
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { planLimits, PLAN_NAMES } from "@/lib/server/quotas/plans";
import { setPlan } from "@/lib/server/quotas/set-plan";

const [email, plan] = process.argv.slice(2);
if (!email || !plan) {
  console.error(`usage: npm run plan -- <email> <${PLAN_NAMES.join("|")}>`);
  process.exitCode = 2;
} else {
  try {
    await migrate();
    const result = await setPlan({ input: { email, plan } });
    const l = planLimits(result.plan);
    const show = (v: number | bigint | null) => (v === null ? "unlimited" : String(v));
    console.log(
      `[plan] ${email} is on ${result.plan}: ${show(l.maxInterviews)} active interviews, ` +
        `${show(l.maxCandidatesPerInterview)} candidates per interview, ${show(l.maxStorageBytes)} bytes of storage`,
    );
  } catch (err) {
    console.error(`[plan] ${err instanceof AppError ? err.message : (err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await closeDb();
  }
}
