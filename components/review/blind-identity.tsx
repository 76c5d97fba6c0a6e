import { getTranslations } from "next-intl/server";

/** "Candidate 3" in place of a name blind review hides (the loader never sent the name). */
export async function BlindName({ number }: { number: number | null }) {
  const t = await getTranslations("review.judgement");
  return <span data-testid="blind-name">{t("candidate", { number: number ?? "none" })}</span>;
}

/** Why the name, email and posters are missing, and what reveals them. */
export async function BlindNotice() {
  const t = await getTranslations("review.judgement");
  return (
    <p role="note" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="blind-notice">
      {t("blindNotice")}
    </p>
  );
}
