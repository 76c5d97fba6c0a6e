import Link from "next/link";
import { useTranslations } from "next-intl";
import type { SelectHTMLAttributes } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Label } from "@/components/ui/field";
import { catalog, eventTypes, topics } from "@/lib/events/catalog";
import type { FieldErrors } from "@/lib/errors";
import { parseInstant, topicNames, type EventFilterKey } from "@/lib/schemas/events";
import { toDatetimeLocal } from "./format";

type Values = Partial<Record<EventFilterKey, string>>;

function FilterSelect({
  id,
  label,
  errors,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; errors?: string[] }) {
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        name={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={cn(
          "block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset sm:text-sm",
          "focus:ring-2 focus:ring-inset focus:outline-none",
          errors?.length ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500",
        )}
        {...props}
      >
        {children}
      </select>
      {errors?.length ? (
        <p id={errorId} role="alert" className="text-sm text-red-600" data-field-error={id}>
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

// A datetime-local input shows only its own format: anything else the URL carried is shown as
// that instant in UTC, or left for the user to see and correct when it is not a time at all.
function timeValue(value: string | undefined, edge: "start" | "end"): string | undefined {
  if (!value || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value;
  const date = parseInstant(value, edge);
  return date ? toDatetimeLocal(date) : undefined;
}

/** The explorer's filters: a plain GET form, so a filtered view is a link that can be shared. */
export function EventFilters({ values, errors }: { values: Values; errors: FieldErrors }) {
  const t = useTranslations("events.filters");
  const active = Object.values(values).some(Boolean);
  return (
    <Card className="p-4 sm:p-5">
      <form method="get" action="/events" className="space-y-4" aria-label={t("label")}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <FilterSelect id="eventType" label={t("eventType")} defaultValue={values.eventType ?? ""} errors={errors.eventType}>
            <option value="">{t("anyType")}</option>
            {topicNames.map((topic) => (
              <optgroup key={topic} label={topic}>
                {eventTypes
                  .filter((t) => catalog[t].topic === topic)
                  .map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
              </optgroup>
            ))}
          </FilterSelect>
          <FilterSelect id="topic" label={t("topic")} defaultValue={values.topic ?? ""} errors={errors.topic}>
            <option value="">{t("anyTopic")}</option>
            {topicNames.map((t) => (
              <option key={t} value={t} title={topics[t].description}>
                {t}
              </option>
            ))}
          </FilterSelect>
          <Field
            id="partitionKey"
            label={t("partitionKey")}
            defaultValue={values.partitionKey}
            errors={errors.partitionKey}
            hint={t("partitionKeyHint")}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
          <Field
            id="correlationId"
            label={t("correlationId")}
            defaultValue={values.correlationId}
            errors={errors.correlationId}
            hint={t("correlationIdHint")}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
          <Field
            id="from"
            label={t("from")}
            type="datetime-local"
            step={1}
            defaultValue={timeValue(values.from, "start")}
            errors={errors.from}
          />
          <Field id="to" label={t("to")} type="datetime-local" step={1} defaultValue={timeValue(values.to, "end")} errors={errors.to} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit">{t("apply")}</Button>
          {active && (
            <Link href="/events" className={buttonClass("ghost")}>
              {t("clear")}
            </Link>
          )}
        </div>
      </form>
    </Card>
  );
}
