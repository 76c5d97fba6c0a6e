/** The logo's picture and name, without a link (components/ui/logo.tsx links it). */
export function LogoMark() {
  return (
    <>
      <svg aria-hidden width="28" height="28" viewBox="0 0 28 28" fill="none">
        <rect width="28" height="28" rx="8" className="fill-brand-600" />
        <path d="M9 9.5h7a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2H9a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2Z" fill="white" />
        <path d="m18 13 3.5-2.2v6.4L18 15" fill="white" />
      </svg>
      <span>Intervue</span>
    </>
  );
}
