import type { GetServerSideProps } from "next";
import { CandidateLanding, type LandingView } from "@/components/candidates/candidate-landing";
import { CandidateNotFound, CandidateShell, type NotFoundView } from "@/components/candidates/candidate-shell";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";
import { documentProps, landingView, loadCandidatePage, notFoundProps, redirectTo, type DocumentProps } from "@/lib/server/candidates/candidate-pages";

type Props = { document: DocumentProps } & ({ notFound: NotFoundView } | { notFound?: undefined; token: string; landing: LandingView });

/**
 * /i/<token>: the public link of an interview or a candidate's personal link. Read-only (see
 * openLink). A browser whose cookie holds this link's session goes on where it stopped. A
 * closed or expired link answers 410 (proxy.ts, and here too) with a page that says so.
 */
export const getServerSideProps: GetServerSideProps<Props, { token: string }> = async (ctx) => {
  const page = await loadCandidatePage(ctx);
  if (!page.found) return { props: await notFoundProps(ctx) };
  const { token, link, session, locale } = page;
  if (session?.status === "completed") return redirectTo(`/i/${token}/done`);
  if (session?.acceptsAnswers) return redirectTo(`/i/${token}/questions`);
  if (isGone(link, session)) ctx.res.statusCode = 410;
  return { props: { document: await documentProps(locale), token, landing: await landingView(link) } };
};

export default function CandidateLinkPage(props: Props) {
  if (props.notFound) return <CandidateNotFound view={props.notFound} />;
  return (
    <CandidateShell>
      <CandidateLanding view={props.landing} token={props.token} />
    </CandidateShell>
  );
}
