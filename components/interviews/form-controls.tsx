// Labelled textarea, select and checkbox with field errors, wired like components/ui/field.tsx's Field.
import type { ComponentProps, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";
import { Field, Label } from "@/components/ui/field";

const controlClass = (invalid: boolean) =>
  cn(
    "block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400",
    "focus:ring-2 focus:ring-inset focus:outline-none sm:text-sm",
    invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500",
  );

function describedBy(id: string, errors?: string[], hint?: ReactNode): string | undefined {
  return [errors?.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldMessages({ id, errors, hint }: { id: string; errors?: string[]; hint?: ReactNode }) {
  return (
    <>
      {hint && !errors?.length && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600" data-field-error={id}>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

export function TextAreaField({
  id,
  label,
  errors,
  hint,
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: string; errors?: string[]; hint?: ReactNode }) {
  const invalid = Boolean(errors?.length);
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        name={props.name ?? id}
        rows={3}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        className={controlClass(invalid)}
        {...props}
      />
      <FieldMessages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  errors,
  hint,
  className,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; errors?: string[]; hint?: ReactNode }) {
  const invalid = Boolean(errors?.length);
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        name={props.name ?? id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        className={controlClass(invalid)}
        {...props}
      >
        {children}
      </select>
      <FieldMessages id={id} errors={errors} hint={hint} />
    </div>
  );
}

/** A whole-number Field bounded by one of the schema's LIMITS ({ min, max }). */
export function RangeField({
  range,
  ...props
}: Omit<ComponentProps<typeof Field>, "type" | "inputMode" | "min" | "max"> & { range: { min: number; max: number } }) {
  return <Field {...props} type="number" inputMode="numeric" min={range.min} max={range.max} />;
}

/** A checkbox with its label beside it and a hint below the label (both read with the box). */
export function CheckboxField({
  id,
  label,
  errors,
  hint,
  className,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { id: string; label: string; errors?: string[]; hint?: ReactNode }) {
  const invalid = Boolean(errors?.length);
  return (
    <div className={cn("flex items-start gap-3", className)}>
      <input
        id={id}
        name={props.name ?? id}
        type="checkbox"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        className="mt-0.5 size-5 shrink-0 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
        {...props}
      />
      <div className="space-y-1">
        <Label htmlFor={id}>{label}</Label>
        <FieldMessages id={id} errors={errors} hint={hint} />
      </div>
    </div>
  );
}
