import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Label } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { COMPARE_DECISIONS, COMPARE_FLAGS, compareHref, type CompareFilterValues } from "@/lib/schemas/compare";
import { SESSION_STATUSES } from "@/lib/schemas/session";

function FilterSelect({ id, label, value, error, children }: { id: string; label: string; value?: string; error?: string; children: ReactNode }) {
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        name={id}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cn(
          "block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset sm:text-sm",
          "focus:ring-2 focus:ring-inset focus:outline-none",
          error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500",
        )}
      >
        {children}
      </select>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-600" data-field-error={id}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The compare page's filters: a plain GET form, so a filtered comparison is a link to share. */
export function CompareFilters({ interviewId, values, errors }: { interviewId: string; values: CompareFilterValues; errors: FieldErrors }) {
  const t = useTranslations("compare");
  // Field messages in the page's language (the schema's are English, for the API).
  const error = (field: string) => (errors[field]?.length ? t(`invalid.${field}` as "invalid.status") : undefined);
  const active = Object.values(values).some(Boolean);
  return (
    <Card className="p-4 sm:p-5">
      <form method="get" action={compareHref(interviewId)} className="space-y-4" aria-label={t("filters.label")}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <FilterSelect id="status" label={t("filters.status")} value={values.status} error={error("status")}>
            <option value="">{t("filters.anyStatus")}</option>
            {SESSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id="decision" label={t("filters.decision")} value={values.decision} error={error("decision")}>
            <option value="">{t("filters.anyDecision")}</option>
            {COMPARE_DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`decision.${d}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id="flag" label={t("filters.flag")} value={values.flag} error={error("flag")}>
            <option value="">{t("filters.anyFlag")}</option>
            {COMPARE_FLAGS.map((f) => (
              <option key={f} value={f}>
                {t(`flagFilter.${f}`)}
              </option>
            ))}
          </FilterSelect>
          <Field
            id="minScore"
            label={t("filters.minScore")}
            hint={t("filters.scoreHint")}
            type="number"
            inputMode="decimal"
            min={0}
            max={10}
            step={0.1}
            defaultValue={values.minScore}
            errors={error("minScore") ? [error("minScore")!] : undefined}
          />
          <Field
            id="maxScore"
            label={t("filters.maxScore")}
            hint={t("filters.scoreHint")}
            type="number"
            inputMode="decimal"
            min={0}
            max={10}
            step={0.1}
            defaultValue={values.maxScore}
            errors={error("maxScore") ? [error("maxScore")!] : undefined}
          />
        </div>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
          <div className="flex items-center gap-2">
            <input
              id="shortlisted"
              name="shortlisted"
              type="checkbox"
              value="1"
              defaultChecked={values.shortlisted === "1" || values.shortlisted === "true"}
              aria-invalid={error("shortlisted") ? true : undefined}
              className="size-4 rounded border-slate-400 text-brand-600 focus:ring-brand-500"
            />
            <label htmlFor="shortlisted" className="text-sm font-medium text-slate-800">
              {t("filters.shortlisted")}
            </label>
            {error("shortlisted") && (
              <p role="alert" className="text-sm text-red-600" data-field-error="shortlisted">
                {error("shortlisted")}
              </p>
            )}
          </div>
          <Button type="submit">{t("filters.apply")}</Button>
          {active && (
            <Link href={compareHref(interviewId)} className={buttonClass("ghost")}>
              {t("filters.clear")}
            </Link>
          )}
        </div>
      </form>
    </Card>
  );
}
