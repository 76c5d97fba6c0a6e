import type { GetServerSideProps } from "next";
import { CandidateUnavailable, isUnavailable, type GoneView } from "@/components/candidates/candidate-gone";
import { CandidateShell, type NotFoundView } from "@/components/candidates/candidate-shell";
import { Card } from "@/components/ui/card";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";
import { documentProps, goneView, loadCandidatePage, notFoundProps, redirectTo, translate, type DocumentProps } from "@/lib/server/candidates/candidate-pages";

type Done = { lang: string; title: string; text: string };
type Props = { document: DocumentProps } & ({ notFound: NotFoundView } | { notFound?: undefined; token: string; landing: GoneView } | { notFound?: undefined; landing?: undefined; done: Done });

/**
 * /i/<token>/done: the thank-you page after the interview was submitted. Only a browser whose
 * session is completed sees it; anyone else goes back to the link (which sends a session in
 * progress on to its questions), never to a "your answers were sent" that is not true.
 */
export const getServerSideProps: GetServerSideProps<Props, { token: string }> = async (ctx) => {
  const page = await loadCandidatePage(ctx);
  if (!page.found) return { props: await notFoundProps(ctx) };
  const { token, link, session, locale } = page;
  const document = await documentProps(locale);
  // A closed or expired link (status 410) says so here too, rather than redirecting.
  if (isGone(link, session)) {
    ctx.res.statusCode = 410;
    return { props: { document, token, landing: await goneView(link) } };
  }
  if (session?.status !== "completed") return redirectTo(`/i/${token}`);
  const t = await translate(locale, "candidate");
  return { props: { document, done: { lang: locale, title: t("doneTitle"), text: t("doneText", { title: link.interview.title }) } } };
};

export default function CandidateDonePage(props: Props) {
  if (isUnavailable(props)) return <CandidateUnavailable {...props} />;
  return (
    <CandidateShell>
      <div lang={props.done.lang}>
        <Card>
          <h1 className="text-2xl font-semibold text-slate-900">{props.done.title}</h1>
          <p className="mt-3 text-slate-700">{props.done.text}</p>
        </Card>
      </div>
    </CandidateShell>
  );
}
