import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CandidateGone, type GoneView } from "./candidate-gone";
import { MarkLinkOpened } from "./mark-link-opened";

/** The landing's strings, already in the interview's language (lib/server/candidates/candidate-pages.ts landingView). */
export type LandingView =
  | GoneView
  | {
      lang: string;
      gone?: undefined;
      /** A personal link of an open interview: the page's script marks it opened. */
      markOpened: boolean;
      greeting: string | null;
      title: string;
      invitedBy: string;
      intro: string | null;
      facts: string;
      questionsLabel: string;
      questions: string;
      timeLabel: string;
      time: string;
      deadlineLabel: string;
      deadline: string;
      howItWorks: string;
      howItWorksText: string;
      notYet: string;
      start: string;
    };

/**
 * The candidate's first page, in the interview's language (not the visitor's): who invites,
 * to what, how long it takes and until when, and the way to start (/i/<token>/start); for a
 * closed or expired link, why it takes nobody new. A personal link of an open interview is
 * marked opened by the page's script (MarkLinkOpened), not by rendering it.
 */
export function CandidateLanding({ view, token }: { view: LandingView; token: string }) {
  if (view.gone) return <CandidateGone view={view} />;
  return (
    <div lang={view.lang} className="space-y-6">
      {view.markOpened && <MarkLinkOpened token={token} />}
      <Card>
        {view.greeting && <p className="text-sm font-medium text-brand-700">{view.greeting}</p>}
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{view.title}</h1>
        <p className="mt-2 text-slate-600">{view.invitedBy}</p>
        {view.intro && <p className="mt-4 whitespace-pre-line text-slate-800">{view.intro}</p>}
      </Card>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">{view.facts}</h2>
        <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{view.questionsLabel}</dt>
            <dd className="mt-1 font-medium text-slate-900">{view.questions}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{view.timeLabel}</dt>
            <dd className="mt-1 font-medium text-slate-900">{view.time}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{view.deadlineLabel}</dt>
            <dd className="mt-1 font-medium text-slate-900">{view.deadline}</dd>
          </div>
        </dl>
        <h2 className="mt-6 text-base font-semibold text-slate-900">{view.howItWorks}</h2>
        <p className="mt-2 text-slate-700">{view.howItWorksText}</p>
      </Card>
      <Alert tone="info">{view.notYet}</Alert>
      {/* A plain link, as on every first-load path of the candidate pages: next/link adds ~3 KB. */}
      <a href={`/i/${token}/start`} className={buttonClass("primary", "w-full sm:w-auto")}>
        {view.start}
      </a>
    </div>
  );
}
