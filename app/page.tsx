import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Logo } from "@/components/ui/logo";
import { buttonClass } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/current-user";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const [user, params, t] = await Promise.all([getCurrentUser(), searchParams, getTranslations("common.landing")]);
  return (
    <main className="mx-auto flex min-h-dvh max-w-5xl flex-col px-5 py-6">
      <header className="flex items-center justify-between">
        <Logo />
        <nav className="flex items-center gap-2">
          {user ? (
            <Link href="/dashboard" className={buttonClass("primary")}>
              {t("openDashboard")}
            </Link>
          ) : (
            <>
              <Link href="/sign-in" className={buttonClass("ghost")}>
                {t("signIn")}
              </Link>
              <Link href="/sign-up" className={buttonClass("primary")}>
                {t("createAccount")}
              </Link>
            </>
          )}
        </nav>
      </header>
      {params.deleted === "1" && !user && (
        <div className="mt-6">
          <Alert tone="success">{t("deleted")}</Alert>
        </div>
      )}
      <section className="flex flex-1 flex-col justify-center py-16">
        <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
          {t("headline")}
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-slate-600">{t("pitch")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href={user ? "/dashboard" : "/sign-up"} className={buttonClass("primary", "px-5 py-2.5 text-base")}>
            {user ? t("goToDashboard") : t("getStarted")}
          </Link>
        </div>
        <ul className="mt-14 grid gap-4 sm:grid-cols-3">
          {(["record", "review", "host"] as const).map((feature) => [t(`features.${feature}Title`), t(`features.${feature}Text`)]).map(([title, text]) => (
            <li key={title} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <h2 className="font-semibold">{title}</h2>
              <p className="mt-1.5 text-sm text-slate-600">{text}</p>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
