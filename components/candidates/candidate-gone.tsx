import { Card } from "@/components/ui/card";
import { CandidateNotFound, CandidateShell, type NotFoundView } from "./candidate-shell";

/** Why a closed or expired link takes nobody new (status 410), in the interview's language. */
export type GoneView = { lang: string; gone: { title: string; text: string } };

/**
 * The landing of a link that is gone (CandidateLanding's first case), apart so that the pages
 * that show only this case (start, check, done) do not load the landing's script.
 */
export function CandidateGone({ view }: { view: GoneView }) {
  return (
    <div lang={view.lang}>
      <Card>
        <h1 className="text-xl font-semibold text-slate-900">{view.gone.title}</h1>
        <p className="mt-3 text-slate-700">{view.gone.text}</p>
      </Card>
    </div>
  );
}

/** The props of a page that could not show itself: an unknown link (404) or a gone one (410). */
export type UnavailableProps = { notFound: NotFoundView } | { notFound?: undefined; landing: GoneView };

/** True when start, check or done must show CandidateUnavailable instead of themselves. */
export function isUnavailable<P extends { notFound?: NotFoundView; landing?: GoneView }>(props: P): props is Extract<P, UnavailableProps> {
  return props.notFound !== undefined || props.landing !== undefined;
}

/** What start, check and done show for a link that does not open. */
export function CandidateUnavailable(props: UnavailableProps) {
  if (props.notFound) return <CandidateNotFound view={props.notFound} />;
  return (
    <CandidateShell>
      <CandidateGone view={props.landing} />
    </CandidateShell>
  );
}
