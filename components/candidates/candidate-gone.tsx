import { Card } from "@/components/ui/card";

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
