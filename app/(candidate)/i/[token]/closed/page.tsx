import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { CandidateLanding } from "@/components/candidates/candidate-landing";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";
import { readCandidatePage } from "@/lib/server/candidates/read-candidate-page";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * What a closed or expired link shows to a browser that may not go on: proxy.ts rewrites the
 * link's pages here with status 410. A link that is still open (or a session that may still
 * answer) goes back to the link.
 */
export default async function CandidateClosedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { link, session } = await readCandidatePage(token);
  if (!link) notFound();
  if (!isGone(link, session)) redirect(`/i/${token}`);
  return <CandidateLanding link={link} token={token} />;
}
