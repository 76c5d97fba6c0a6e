// English and Russian: the language switch on the settings page (stored on the account), the
// switch on the sign-in and sign-up pages (a cookie), and the browser's preference for
// visitors. English stays the default, so the other specs read English.
import type { Page } from "@playwright/test";
import { alertWithText, expect, fieldError, newAccount, signUp, test } from "./fixtures";

const CYRILLIC = /[А-Яа-яЁё]/;

async function htmlLang(page: Page) {
  return page.locator("html").getAttribute("lang");
}

async function chooseLanguage(page: Page, label: string, value: "en" | "ru") {
  await page.getByLabel(label, { exact: true }).selectOption(value);
}

test.describe("the account's language", () => {
  test.use({ locale: "en-US" });

  test("switching to Russian in settings turns the dashboard, settings and events Russian, and back", async ({ page }) => {
    await signUp(page);
    await page.goto("/settings");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Language", { exact: true })).toHaveValue("en");

    await chooseLanguage(page, "Language", "ru");
    await page.getByRole("button", { name: "Save language" }).click();
    // The page re-renders in the new language, the confirmation included.
    await expect(page.getByRole("status").filter({ hasText: "Язык сохранён." })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Настройки", level: 1 })).toBeVisible();

    // Stored on the account: a fresh load is Russian too.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page).toHaveTitle(/^Настройки · Intervue$/);
    await expect(page.getByRole("heading", { name: "Настройки", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Профиль" })).toBeVisible();
    await expect(page.getByLabel("Полное имя")).toBeVisible();
    await expect(page.getByRole("button", { name: "Сохранить профиль" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Выйти везде" })).toBeVisible();
    await expect(page.getByLabel("Язык", { exact: true })).toHaveValue("ru");

    // Client-side messages in Russian: an empty name is refused in Russian.
    await page.getByLabel("Полное имя").fill("");
    await page.getByRole("button", { name: "Сохранить профиль" }).click();
    await expect(fieldError(page, "fullName")).toHaveText("Введите полное имя.");

    await page.goto("/dashboard");
    expect(await htmlLang(page)).toBe("ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(CYRILLIC);

    await page.goto("/events");
    expect(await htmlLang(page)).toBe("ru");
    await expect(page).toHaveTitle(/^События · Intervue$/);
    await expect(page.getByRole("heading", { name: "События", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Применить фильтры" })).toBeVisible();
    await expect(page.getByLabel("Тип события")).toBeVisible();
    // Sign-up and the language change are events of this account; their times read in Russian.
    const list = page.getByTestId("event-list");
    await expect(list.locator("time").first()).toHaveText(CYRILLIC);
    await expect(list.getByRole("link", { name: "user.updated" }).first()).toBeVisible();

    await list.getByRole("link", { name: "user.updated" }).first().click();
    await expect(page.getByRole("link", { name: "← Все события" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Подробности" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Доставки" })).toBeVisible();
    // The event says what changed: the locale.
    await expect(page.getByLabel("JSON события")).toContainText('"locale": "ru"');

    // A filter error is shown in Russian.
    await page.goto("/events?eventType=nope");
    await expect(fieldError(page, "eventType")).toHaveText("Выберите тип события из списка.");

    // And back to English.
    await page.goto("/settings");
    await chooseLanguage(page, "Язык", "en");
    await page.getByRole("button", { name: "Сохранить язык" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Language saved." })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/events");
    await expect(page.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Apply filters" })).toBeVisible();
  });
});

test.describe("visitors", () => {
  test.use({ locale: "en-US" });

  test("the sign-in page's switch sets the language for the sign-in and sign-up pages", async ({ page }) => {
    await page.goto("/sign-in");
    expect(await htmlLang(page)).toBe("en");
    const languages = page.getByRole("form", { name: "Language" });
    await expect(languages.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");

    await languages.getByRole("button", { name: "Русский" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Вход", level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(/^Вход · Intervue$/);
    await expect(page.getByRole("form", { name: "Язык" }).getByRole("button", { name: "Русский" })).toHaveAttribute("aria-pressed", "true");

    // Wrong credentials, in Russian.
    await page.getByLabel("Рабочая почта").fill("nobody-i18n@example.com");
    await page.getByLabel("Пароль").fill("not-the-password");
    await page.getByRole("button", { name: "Войти", exact: true }).click();
    await expect(alertWithText(page, "Неверная почта или пароль.")).toBeVisible();

    // The cookie carries over to the sign-up page, and its own checks speak Russian.
    await page.getByRole("link", { name: "Создайте аккаунт" }).click();
    await expect(page.getByRole("heading", { name: "Создайте аккаунт", level: 1 })).toBeVisible();
    expect(await htmlLang(page)).toBe("ru");
    await page.getByRole("button", { name: "Создать аккаунт" }).click();
    await expect(fieldError(page, "fullName")).toHaveText("Введите полное имя.");
    await expect(fieldError(page, "email")).toHaveText("Введите адрес электронной почты.");

    // And back.
    await page.getByRole("form", { name: "Язык" }).getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Create your account", level: 1 })).toBeVisible();
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  });

  test("someone who signs up in Russian gets a Russian dashboard", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Русский" }).click();
    await expect(page.getByRole("heading", { name: "Создайте аккаунт", level: 1 })).toBeVisible();
    const account = newAccount();
    await page.getByLabel("Полное имя").fill(account.fullName);
    await page.getByLabel("Компания (необязательно)").fill(account.companyName);
    await page.getByLabel("Рабочая почта").fill(account.email);
    await page.getByLabel("Пароль").fill(account.password);
    await page.getByRole("button", { name: "Создать аккаунт" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(await htmlLang(page)).toBe("ru");
    await page.goto("/settings");
    await expect(page.getByLabel("Язык", { exact: true })).toHaveValue("ru");
  });
});

test.describe("a browser that prefers Russian", () => {
  test.use({ locale: "ru-RU" });

  test("gets the sign-in page in Russian without choosing", async ({ page }) => {
    await page.goto("/sign-in");
    expect(await htmlLang(page)).toBe("ru");
    await expect(page.getByRole("heading", { name: "Вход", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Рабочая почта")).toBeVisible();
  });
});
