import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Logo } from "@/components/ui/logo";
import { buttonClass } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/current-user";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const [user, params] = await Promise.all([getCurrentUser(), searchParams]);
  return (
    <main className="mx-auto flex min-h-dvh max-w-5xl flex-col px-5 py-6">
      <header className="flex items-center justify-between">
        <Logo />
        <nav className="flex items-center gap-2">
          {user ? (
            <Link href="/dashboard" className={buttonClass("primary")}>
              Open dashboard
            </Link>
          ) : (
            <>
              <Link href="/sign-in" className={buttonClass("ghost")}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClass("primary")}>
                Create account
              </Link>
            </>
          )}
        </nav>
      </header>
      {params.deleted === "1" && !user && (
        <div className="mt-6">
          <Alert tone="success">Your account was deleted and you have been signed out.</Alert>
        </div>
      )}
      <section className="flex flex-1 flex-col justify-center py-16">
        <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
          Interview more candidates in less time.
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-slate-600">
          Write your questions once, share one link, and candidates record their answers when it suits them, on a laptop
          or a phone. You review video, transcript and an evidence-backed AI summary side by side, rate, and rank.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href={user ? "/dashboard" : "/sign-up"} className={buttonClass("primary", "px-5 py-2.5 text-base")}>
            {user ? "Go to your dashboard" : "Get started — it's free"}
          </Link>
        </div>
        <ul className="mt-14 grid gap-4 sm:grid-cols-3">
          {[
            ["Record anywhere", "Answers are recorded in the browser and uploaded even over a shaky connection."],
            ["Review faster", "Every answer is transcoded, transcribed and summarised with the quotes behind the score."],
            ["Self-host or cloud", "Runs on one server with PostgreSQL, or on Vercel with managed services."],
          ].map(([title, text]) => (
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
