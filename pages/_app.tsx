import type { AppProps } from "next/app";
import localFont from "next/font/local";
import "@/app/globals.css";

const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
  adjustFontFallback: false,
});
const interCyrillic = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-cyrillic-wght-normal.woff2",
  variable: "--font-inter-cyrillic",
  weight: "100 900",
  display: "swap",
  preload: false,
});

export default function App({ Component, pageProps }: AppProps) {
  return (
    <div className={`${inter.variable} ${interCyrillic.variable} min-h-dvh font-sans`}>
      <Component {...pageProps} />
    </div>
  );
}
