import Link from "next/link";
import { LogoMark } from "./logo-mark";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 font-semibold text-slate-900">
      <LogoMark />
    </Link>
  );
}
