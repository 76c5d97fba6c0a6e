import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { getUsage } from "@/lib/server/quotas/get-usage";
import { Card } from "@/components/ui/card";
import { UsageBar } from "@/components/dashboard/usage-bar";
import { byteSize } from "@/components/dashboard/byte-size";
import { INTL_LOCALE, isLocale } from "@/lib/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("usage");
  return { title: t("title") };
}

export default async function UsagePage() {
  const user = await requireUser("/usage");
  const usage = await getUsage({ actor: user });
  const t = await getTranslations("usage");
  const format = await getFormatter();
  const n = (v: number) => format.number(v);
  const locale = await getLocale();
  const bytes = (v: number) => byteSize(v, isLocale(locale) ? INTL_LOCALE[locale] : locale);
  const { interviews, storage, candidates } = usage;
  const largest = candidates.largestInterview;
  // One limit of the plan: its label is the message with the same key as its id.
  const limit = (
    id: "interviews" | "storage" | "candidates",
    used: number,
    max: number | null,
    show: (v: number) => string,
  ) => (
    <UsageBar
      id={id}
      label={t(id)}
      used={used}
      max={max}
      usedText={t("ofMax", { used: show(used), max: show(max ?? 0) })}
      unlimitedText={t("usedUnlimited", { used: show(used) })}
    />
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-prose text-slate-600">{t("intro")}</p>
      </div>
      <Card>
        <p className="text-sm text-slate-500">{t("plan")}</p>
        <p className="mt-1 text-xl font-semibold" data-testid="usage-plan">
          {t.has(`plans.${usage.plan}`) ? t(`plans.${usage.plan}`) : usage.plan}
        </p>
        <p className="mt-1 text-sm text-slate-600">{t("planHint")}</p>
      </Card>
      <Card className="space-y-6">
        {limit("interviews", interviews.used, interviews.max, n)}
        {limit("storage", storage.usedBytes, storage.maxBytes, bytes)}
        {limit("candidates", largest.used, largest.max, n)}
        <p className="text-xs text-slate-500">{t("candidatesHint")}</p>
      </Card>
    </div>
  );
}
