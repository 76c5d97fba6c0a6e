import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { compareFilterValues, compareHref, compareQuerySchema } from "@/lib/schemas/compare";
import { compareCandidates } from "@/lib/server/compare/compare-candidates";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { Alert } from "@/components/ui/alert";
import { CompareFilters } from "@/components/compare/compare-filters";
import { CompareTable } from "@/components/compare/compare-table";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("compare"))("metaTitle") };
}

// The interview's candidates side by side. Filters live in the URL; invalid ones are shown on
// the form (the table is not), never a 500. Anyone else's interview is a 404.
export default async function ComparePage({ params, searchParams }: Props) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const user = await requireUser(`/interviews/${id}/compare`);
  const search = await searchParams;
  const values = compareFilterValues(search);
  const pageParam = Array.isArray(search.page) ? search.page[0] : search.page;
  // An empty field of the GET form ("?status=&flag=silent") means "any": the URL says only what filters.
  if (Object.entries(search).some(([, v]) => v === "" || (Array.isArray(v) && v.includes("")))) {
    redirect(compareHref(id, values, pageParam && /^\d+$/.test(pageParam) ? Number(pageParam) : 1));
  }
  const parsed = compareQuerySchema.safeParse({ ...values, page: pageParam });
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // With invalid filters the interview is still looked up (the owner check), unfiltered, for its title.
  const result = await compareCandidates({ actor: user, interviewId: id, input: parsed.success ? { ...values, page: pageParam } : {} }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const t = await getTranslations("compare");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href={`/interviews/${id}`} className="text-sm font-medium text-brand-700 hover:text-brand-600">
          ← {t("back")}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight break-words">
          {t("title")}: {result.interview.title}
        </h1>
        <p className="max-w-prose text-sm text-slate-700">{t("intro")}</p>
        {result.interview.blindReview && <p className="text-sm font-medium text-slate-800">{t("blindNotice")}</p>}
      </div>
      <CompareFilters interviewId={id} values={values} errors={errors} />
      {parsed.success ? (
        <CompareTable result={result} values={values} />
      ) : (
        <Alert tone="error">
          {errors.page ? t("invalid.page") : t("invalid.summary")}{" "}
          <Link href={compareHref(id)} className="font-medium underline">
            {t("filters.clear")}
          </Link>
        </Alert>
      )}
    </div>
  );
}
