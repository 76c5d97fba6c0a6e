import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800">
      {children}
    </label>
  );
}

export function Input({ className, invalid, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      className={cn(
        "block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400",
        "focus:ring-2 focus:ring-inset focus:outline-none sm:text-sm",
        invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500",
        className,
      )}
      aria-invalid={invalid || undefined}
      {...props}
    />
  );
}

/** A labelled input with its help text and field-level errors wired for screen readers. */
export function Field({
  id,
  label,
  errors,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; errors?: string[]; hint?: string }) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [errors?.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={input.name ?? id} invalid={Boolean(errors?.length)} aria-describedby={describedBy} {...input} />
      {hint && !errors?.length && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={errorId} role="alert" className="text-sm text-red-600" data-field-error={id}>
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
