import Link from "next/link";
import { useTranslations } from "next-intl";

/** The facts a QUOTA_EXCEEDED error carries in `details` (lib/server/quotas/enforce-quota.ts). */
export function quotaFacts(
  details: Record<string, unknown> | undefined,
): { limit: "interviews" | "candidatesPerInterview"; plan: string; used: number; max: number } | null {
  if (!details) return null;
  const { limit, plan, used, max } = details;
  if (limit !== "interviews" && limit !== "candidatesPerInterview") return null;
  if (typeof plan !== "string" || typeof used !== "number" || typeof max !== "number") return null;
  return { limit, plan, used, max };
}

/**
 * An action's error message. When a plan limit refused it (QUOTA_EXCEEDED), the limit is
 * said in the dashboard's language from the error's details (the message itself is the API's
 * English), with a link to the usage page.
 */
export function QuotaMessage({ message, code, details }: { message: string; code?: string; details?: Record<string, unknown> }) {
  const t = useTranslations("interviews.quota");
  if (code !== "QUOTA_EXCEEDED") return <>{message}</>;
  const facts = quotaFacts(details);
  return (
    <>
      {facts ? t(facts.limit, { plan: t.has(`plans.${facts.plan}`) ? t(`plans.${facts.plan}`) : facts.plan, used: facts.used, max: facts.max }) : message}{" "}
      <Link href="/usage" className="font-medium underline">
        {t("seeUsage")}
      </Link>
    </>
  );
}
