import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { setVisitorLocaleAction } from "@/lib/actions/locale";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/config";

/**
 * English / Русский for visitors (sign-in, sign-up): each language is a submit button of a
 * form posting to a Server Action that sets the language cookie, so it works without
 * JavaScript too. Each name is written in its own language and marked as such.
 */
export function VisitorLanguageSwitch({ current }: { current: Locale }) {
  const t = useTranslations("common.languageSwitch");
  return (
    <form action={setVisitorLocaleAction} className="flex items-center justify-center gap-1 text-sm" aria-label={t("label")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className={cn(
            "rounded-md px-2.5 py-1 font-medium focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none",
            locale === current ? "bg-slate-200 text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
