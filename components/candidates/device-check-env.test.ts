import { describe, expect, it } from "vitest";
import { browserFamily, detectInAppBrowser, levelOf, mediaProblem, megabitsPerSecond } from "./device-check-env";

// Real user agents of in-app browsers and ordinary ones (as logged by their apps' versions of 2023–2024).
const UA = {
  linkedinIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.27.1234",
  linkedinAndroid:
    "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 [LinkedInApp]/4.1.868",
  instagramAndroid:
    "Mozilla/5.0 (Linux; Android 13; SM-S918B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 Instagram 297.0.0.33.109 Android (33/13; 480dpi; 1080x2340; samsung; SM-S918B; dm3q; qcom; en_US; 505152093)",
  instagramIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 298.0.0.17.111 (iPhone14,5; iOS 16_6; en_US; en; scale=3.00; 1170x2532; 509372418) NW/3",
  facebookIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/430.0.0.29.109;FBBV/517312245;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]",
  facebookAndroid:
    "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/431.0.0.35.108;]",
  tiktokAndroid:
    "Mozilla/5.0 (Linux; Android 12; SM-A525F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0.5481.153 Mobile Safari/537.36 trill_2022903040 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/29.3.4 ByteLocale/en ByteFullLocale/en Region/US BytedanceWebview/d8a21c6",
  tiktokIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_30.0.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US RevealType/Dialog isDarkMode/0 WKWebView/1 BytedanceWebview/d8a21c6",
  telegramAndroid:
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36 Telegram-Android/10.5.0 (Google Pixel 7; Android 13; SDK 33; AVERAGE)",
  wechatIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN",
  chromeDesktop: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  chromeAndroid: "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  safariIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
  chromeIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
  firefox: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
  samsung:
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
};

describe("detectInAppBrowser", () => {
  it.each([
    ["linkedinIos", "linkedin"],
    ["linkedinAndroid", "linkedin"],
    ["instagramAndroid", "instagram"],
    ["instagramIos", "instagram"],
    ["facebookIos", "facebook"],
    ["facebookAndroid", "facebook"],
    ["tiktokAndroid", "tiktok"],
    ["tiktokIos", "tiktok"],
    ["telegramAndroid", "telegram"],
    ["wechatIos", "wechat"],
  ] as const)("%s is %s's in-app browser", (ua, app) => {
    expect(detectInAppBrowser(UA[ua])).toBe(app);
  });

  it.each(["chromeDesktop", "chromeAndroid", "safariIos", "chromeIos", "safariMac", "firefox", "edge", "samsung"] as const)(
    "%s is an ordinary browser",
    (ua) => {
      expect(detectInAppBrowser(UA[ua])).toBeNull();
    },
  );

  it("an Instagram browser carrying Facebook's markers is Instagram", () => {
    expect(detectInAppBrowser(`${UA.instagramIos} [FBAN/FBIOS;FBAV/430.0]`)).toBe("instagram");
  });
});

describe("browserFamily", () => {
  it.each([
    ["chromeDesktop", "chrome"],
    ["chromeAndroid", "chrome"],
    ["safariIos", "safari-ios"],
    ["chromeIos", "safari-ios"],
    ["safariMac", "safari"],
    ["firefox", "firefox"],
    ["edge", "edge"],
    ["samsung", "samsung"],
  ] as const)("%s → %s", (ua, family) => {
    expect(browserFamily(UA[ua])).toBe(family);
  });
  it("an unknown agent is other", () => expect(browserFamily("curl/8.0")).toBe("other"));
});

describe("mediaProblem", () => {
  const err = (name: string) => Object.assign(new Error("x"), { name });
  it.each([
    ["NotAllowedError", "denied"],
    ["SecurityError", "denied"],
    ["NotFoundError", "missing"],
    ["OverconstrainedError", "missing"],
    ["NotReadableError", "busy"],
    ["TypeError", "unsupported"],
    ["SomethingElse", "other"],
  ])("%s → %s", (name, problem) => {
    expect(mediaProblem(err(name))).toBe(problem);
  });
  it("a non-error is other", () => expect(mediaProblem("nope")).toBe("other"));
});

describe("megabitsPerSecond and levelOf", () => {
  it("512 KB in one second is 4.2 Mbit/s; in four seconds 1 Mbit/s", () => {
    expect(megabitsPerSecond(512 * 1024, 1000)).toBe(4.2);
    expect(megabitsPerSecond(512 * 1024, 4000)).toBe(1);
    expect(megabitsPerSecond(512 * 1024, 0)).toBe(Number.POSITIVE_INFINITY);
  });
  it("silence is 0, a loud signal fills the meter", () => {
    expect(levelOf(new Uint8Array(256).fill(128))).toBe(0);
    const loud = Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 255 : 0));
    expect(levelOf(loud)).toBe(100);
    const quiet = Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 133 : 123));
    expect(levelOf(quiet)).toBeGreaterThan(0);
    expect(levelOf(quiet)).toBeLessThan(30);
  });
});
