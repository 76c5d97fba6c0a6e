import { Logo } from "@/components/ui/logo";

/** Pages candidates see: no dashboard chrome, no account. */
export default function CandidateLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-5 py-10">
      <div className="mb-8">
        <Logo href="#" />
      </div>
      <div className="w-full max-w-xl">{children}</div>
    </main>
  );
}
