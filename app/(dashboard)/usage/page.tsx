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
        <UsageBar
          id="interviews"
          label={t("interviews")}
          used={interviews.used}
          max={interviews.max}
          usedText={t("ofMax", { used: n(interviews.used), max: n(interviews.max ?? 0) })}
          unlimitedText={t("usedUnlimited", { used: n(interviews.used) })}
        />
        <UsageBar
          id="storage"
          label={t("storage")}
          used={storage.usedBytes}
          max={storage.maxBytes}
          usedText={t("ofMax", { used: bytes(storage.usedBytes), max: bytes(storage.maxBytes ?? 0) })}
          unlimitedText={t("usedUnlimited", { used: bytes(storage.usedBytes) })}
        />
        <UsageBar
          id="candidates"
          label={t("candidates")}
          used={largest.used}
          max={largest.max}
          usedText={t("ofMax", { used: n(largest.used), max: n(largest.max ?? 0) })}
          unlimitedText={t("usedUnlimited", { used: n(largest.used) })}
        />
        <p className="text-xs text-slate-500">{t("candidatesHint")}</p>
      </Card>
    </div>
  );
}
