import type { AppProps } from "next/app";
import { fontVariables } from "@/lib/fonts";
import "@/app/globals.css";

export default function App({ Component, pageProps }: AppProps) {
  return (
    <div className={`${fontVariables} min-h-dvh font-sans`}>
      <Component {...pageProps} />
    </div>
  );
}
