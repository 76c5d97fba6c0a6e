import { getLocale } from "next-intl/server";
import { Logo } from "@/components/ui/logo";
import { VisitorLanguageSwitch } from "@/components/auth/visitor-language-switch";
import { toLocale } from "@/lib/i18n/config";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const locale = toLocale(await getLocale());
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-5 py-10">
      <div className="mb-8">
        <Logo />
      </div>
      <div className="w-full max-w-sm">{children}</div>
      <div className="mt-6">
        <VisitorLanguageSwitch current={locale} />
      </div>
    </main>
  );
}
