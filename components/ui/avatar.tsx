import { cn } from "./cn";

export function Avatar({ src, name, size = 40 }: { src?: string | null; name: string; size?: number }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join("");
  const style = { width: size, height: size };
  if (src) {
    // eslint-disable-next-line @next/next/no-img-element -- served by our own route, no optimiser needed
    return <img src={src} alt={`${name}'s avatar`} style={style} className="rounded-full object-cover ring-1 ring-slate-200" />;
  }
  return (
    <span
      aria-hidden
      style={style}
      className={cn("inline-flex items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700")}
    >
      <span style={{ fontSize: size * 0.38 }}>{initials || "?"}</span>
    </span>
  );
}
