import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isPlan, planLimits, PLAN_NAMES, type Plan } from "./plans";

/**
 * An operator's command (`npm run plan -- <email> <plan>`; billing does not exist yet): moves
 * the account to the plan and sets every limit of it. Existing interviews and candidates stay
 * even above the new limits; new ones (create, publish, invite) are refused until usage fits.
 */
export async function setPlan({ input }: { input: { email: string; plan: string } }): Promise<{ userId: string; plan: Plan }> {
  const { email, plan } = input;
  if (!isPlan(plan)) throw new AppError("VALIDATION", `Unknown plan "${plan}": use one of ${PLAN_NAMES.join(", ")}.`, { plan: ["Unknown plan."] });
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { email: { equals: email.trim(), mode: "insensitive" }, deletedAt: null },
    select: { id: true },
  });
  if (!user) throw new AppError("NOT_FOUND", `No account with the email ${email}.`);
  const limits = planLimits(plan);
  await db.quota.upsert({ where: { userId: user.id }, create: { userId: user.id, ...limits }, update: limits });
  return { userId: user.id, plan };
}
