import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { CandidateLanding } from "@/components/candidates/candidate-landing";
import { readCandidatePage } from "@/lib/server/candidates/read-candidate-page";

// A link is a capability: never indexed, never sent on as a Referer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * /i/<token>: the public link of an interview or a candidate's personal link. Read-only (see
 * openLink). A browser whose cookie holds this link's session goes on where it stopped.
 */
export default async function CandidateLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { link, session } = await readCandidatePage(token);
  if (!link) notFound();
  if (session?.status === "completed") redirect(`/i/${token}/done`);
  if (session?.acceptsAnswers) redirect(`/i/${token}/questions`);
  return <CandidateLanding link={link} token={token} />;
}
