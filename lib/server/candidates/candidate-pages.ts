import type { GetServerSidePropsContext } from "next";
import { createFormatter, createTranslator } from "next-intl";
import type { GoneView } from "@/components/candidates/candidate-gone";
import type { LandingView } from "@/components/candidates/candidate-landing";
import type { NotFoundView } from "@/components/candidates/candidate-shell";
import { isLocale, LOCALE_COOKIE, preferredLocale, type Locale } from "@/lib/i18n/config";
import { getMessages } from "@/lib/i18n/messages";
import type { OpenedLink } from "@/lib/server/invitations/open-link";
import type { CandidateSessionView } from "./get-candidate-session";
import { readCandidatePage } from "./read-candidate-page";
import { SESSION_COOKIE } from "./session-access";

// The server half of the candidate pages (pages/i/[token]/*, pages/privacy.tsx), run by their
// getServerSideProps: what the link and this browser's session allow, and every string the
// page shows, translated here in the interview's language. The browser gets strings, not an
// i18n library (docs/decisions/0011-candidate-pages-router.md).

/** What every candidate page hands to pages/_document.tsx: the document's language and head. */
export type DocumentProps = { lang: Locale; title: string; description: string; noindex: boolean };

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

/** A translator for one namespace, as next-intl's server getTranslations gives it. */
export async function translate(locale: Locale, namespace: string): Promise<Translate> {
  const messages = await getMessages(locale);
  return createTranslator({ locale, messages: messages as never, namespace: namespace as never, timeZone: "UTC" }) as unknown as Translate;
}

/** The raw messages of one namespace, for a client component that fills their placeholders. */
export async function messagesOf(locale: Locale, namespace: string): Promise<Record<string, string>> {
  return (await getMessages(locale))[namespace] as Record<string, string>;
}

/** The document of a candidate page in `lang`; `title` replaces the app's default title. */
export async function documentProps(lang: Locale, { title, noindex = true }: { title?: string; noindex?: boolean } = {}): Promise<DocumentProps> {
  const t = await translate(lang, "common.meta");
  return { lang, title: title ? `${title} · Intervue` : t("title"), description: t("description"), noindex };
}

type Context = GetServerSidePropsContext<{ token: string }>;

export type LoadedPage =
  | { found: false; token: string }
  | { found: true; token: string; link: OpenedLink; session: CandidateSessionView | null; locale: Locale };

/** The link of the URL and the session of this browser's cookie for that link. */
export async function loadCandidatePage(ctx: Context): Promise<LoadedPage> {
  const token = String(ctx.params?.token ?? "");
  const { link, session } = await readCandidatePage(token, ctx.req.cookies[SESSION_COOKIE]);
  if (!link) return { found: false, token };
  return { found: true, token, link, session, locale: link.interview.language };
}

/**
 * An unknown link: status 404 and the app's not-found page (app/not-found.tsx), in the
 * visitor's language (their language cookie, else their browser's preference).
 */
export async function notFoundProps(ctx: Pick<Context, "req" | "res">): Promise<{ notFound: NotFoundView; document: DocumentProps }> {
  ctx.res.statusCode = 404;
  const cookie = ctx.req.cookies[LOCALE_COOKIE];
  const locale = isLocale(cookie) ? cookie : preferredLocale(ctx.req.headers["accept-language"]);
  const t = await translate(locale, "common.notFound");
  return { notFound: { title: t("title"), text: t("text"), back: t("back") }, document: await documentProps(locale, { noindex: false }) };
}

/** A redirect as App Router's redirect() answered it (307). */
export function redirectTo(destination: string) {
  return { redirect: { destination, permanent: false } } as const;
}

/** The landing's strings: the interview, or why the link takes nobody new. */
export async function landingView(link: OpenedLink): Promise<LandingView> {
  const { interview } = link;
  const locale = interview.language;
  const t = await translate(locale, "candidate");
  const format = createFormatter({ locale, timeZone: "UTC" });
  const deadline = interview.deadline
    ? t("deadlineValue", { date: format.dateTime(new Date(interview.deadline), { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) })
    : null;
  const company = interview.companyName || t("theCompany");
  if (link.state !== "open") {
    return {
      lang: locale,
      gone:
        link.state === "expired"
          ? { title: t("expiredTitle"), text: t("expiredText", { title: interview.title, date: deadline ?? "" }) }
          : { title: t("closedTitle"), text: t("closedText", { title: interview.title, company }) },
    };
  }
  return {
    lang: locale,
    markOpened: link.kind === "invitation",
    greeting: link.candidateName ? t("greeting", { name: link.candidateName }) : null,
    title: interview.title,
    invitedBy: interview.companyName ? t("invitedBy", { company: interview.companyName }) : t("invitedByUnknown"),
    intro: interview.introMessage || null,
    facts: t("facts"),
    questionsLabel: t("questions"),
    questions: t("questionsCount", { count: interview.questionsCount }),
    timeLabel: t("estimatedTime"),
    time: t("minutes", { count: interview.estimatedMinutes }),
    deadlineLabel: t("deadline"),
    deadline: deadline ?? t("noDeadline"),
    howItWorks: t("howItWorks"),
    howItWorksText: t("howItWorksText"),
    notYet: t("notYet"),
    start: t("startInterview"),
  };
}

/** The landing of a link that is not open (closed or expired): why it takes nobody new. */
export async function goneView(link: OpenedLink): Promise<GoneView> {
  const view = await landingView(link);
  if (!view.gone) throw new Error("goneView: the link is open");
  return view;
}
