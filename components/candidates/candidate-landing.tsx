import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { OpenedLink } from "@/lib/server/invitations/open-link";
import { MarkLinkOpened } from "./mark-link-opened";

/**
 * The candidate's first page, in the interview's language (not the visitor's): who invites,
 * to what, how long it takes and until when, and the way to start (/i/<token>/start). A personal
 * link of an open interview is marked opened by the page's script (MarkLinkOpened), not by
 * rendering it.
 */
export async function CandidateLanding({ link, token }: { link: OpenedLink; token: string }) {
  const { interview } = link;
  const locale = interview.language;
  const t = await getTranslations({ locale, namespace: "candidate" });
  const format = await getFormatter({ locale });
  const deadline = interview.deadline
    ? t("deadlineValue", { date: format.dateTime(new Date(interview.deadline), { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) })
    : null;
  const company = interview.companyName || t("theCompany");

  if (link.state !== "open") {
    return (
      <div lang={locale}>
        <Card>
          <h1 className="text-xl font-semibold text-slate-900">{link.state === "expired" ? t("expiredTitle") : t("closedTitle")}</h1>
          <p className="mt-3 text-slate-700">
            {link.state === "expired"
              ? t("expiredText", { title: interview.title, date: deadline ?? "" })
              : t("closedText", { title: interview.title, company })}
          </p>
        </Card>
      </div>
    );
  }

  return (
    <div lang={locale} className="space-y-6">
      {link.kind === "invitation" && <MarkLinkOpened token={token} />}
      <Card>
        {link.candidateName && <p className="text-sm font-medium text-brand-700">{t("greeting", { name: link.candidateName })}</p>}
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{interview.title}</h1>
        <p className="mt-2 text-slate-600">{interview.companyName ? t("invitedBy", { company: interview.companyName }) : t("invitedByUnknown")}</p>
        {interview.introMessage && <p className="mt-4 whitespace-pre-line text-slate-800">{interview.introMessage}</p>}
      </Card>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t("facts")}</h2>
        <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{t("questions")}</dt>
            <dd className="mt-1 font-medium text-slate-900">{t("questionsCount", { count: interview.questionsCount })}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{t("estimatedTime")}</dt>
            <dd className="mt-1 font-medium text-slate-900">{t("minutes", { count: interview.estimatedMinutes })}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{t("deadline")}</dt>
            <dd className="mt-1 font-medium text-slate-900">{deadline ?? t("noDeadline")}</dd>
          </div>
        </dl>
        <h2 className="mt-6 text-base font-semibold text-slate-900">{t("howItWorks")}</h2>
        <p className="mt-2 text-slate-700">{t("howItWorksText")}</p>
      </Card>
      <Alert tone="info">{t("notYet")}</Alert>
      <Link href={`/i/${token}/start`} className={buttonClass("primary", "w-full sm:w-auto")}>
        {t("startInterview")}
      </Link>
    </div>
  );
}
