/**
 * The calendar apps people in Russia subscribe with, each with short steps in the words its
 * Russian interface uses today, and what it does with reminders and how often it refreshes
 * (ics-interop.md, «Client behaviour» and «What subscribers never see»).
 */
import type { Device } from './device.js';
import type { SubscribeLinks } from './subscribe-links.js';
import { html, type Html } from './template.js';

export type Place = 'page' | 'memo';

/** The first step of the apps that paste the link. */
const copyLink = (place: Place): Html =>
  place === 'page' ? html`Скопируйте ссылку на календарь (ниже).` : html`Возьмите ссылку для подписки, напечатанную выше, или откройте страницу организации по QR-коду и скопируйте её там.`;

export type CalendarAppId = 'apple' | 'google' | 'yandex' | 'outlook' | 'mailru';

export interface CalendarApp {
  readonly id: CalendarAppId;
  readonly name: string;
  /** The main action: a link that starts the subscription where the app allows one. */
  readonly action: (links: SubscribeLinks) => { readonly href: string; readonly label: string; readonly link: string };
  /** On the page (buttons and the copy field are at hand) or on the printed memo (a QR code and printed links). */
  readonly steps: (place: Place) => readonly Html[];
  /** Continues «Напоминания:». */
  readonly reminders: string;
  /** Continues «Обновление:». */
  readonly refresh: string;
  readonly secondary?: (links: SubscribeLinks) => Html;
}

const ext = html` target="_blank" rel="noopener noreferrer"`;

export const CALENDAR_APPS: Readonly<Record<CalendarAppId, CalendarApp>> = {
  apple: {
    id: 'apple',
    name: 'iPhone, iPad, Mac (Календарь Apple)',
    action: (l) => ({ href: l.webcal, label: 'Подписаться в Календаре Apple', link: 'webcal' }),
    steps: (place) => [
      place === 'page'
        ? html`Нажмите кнопку выше и подтвердите «Подписаться».`
        : html`Откройте страницу организации по QR-коду, нажмите «Подписаться в Календаре Apple» и подтвердите «Подписаться».`,
      html`На Mac в окне подписки снимите флажок «Удалить: Предупреждения», если нужны напоминания, и выберите «Автообновление: Каждый день».`,
      // Quoted as Apple writes its menus (without «ё»).
      html`Вручную: на iPhone — «Настройки» → «Приложения» → «Календарь» → «Учетные записи календарей» → «Добавить учетную запись» → «Другое» → «Добавить подписной календарь» и вставьте ссылку; на Mac — «Файл» → «Новая подписка на календарь…».`,
    ],
    reminders: 'сохраняются, если при подписке не удалять «Предупреждения».',
    refresh: 'по расписанию, выбранному при подписке (на iPhone — по настройке «Загрузка данных»).',
  },
  google: {
    id: 'google',
    name: 'Android и Google Календарь',
    action: (l) => ({ href: l.google, label: 'Открыть Google Календарь', link: 'google' }),
    steps: (place) => [
      copyLink(place),
      html`Откройте Google Календарь <strong>в браузере на компьютере</strong> (приложение на телефоне добавить календарь по ссылке не умеет): слева «Другие календари» → «+» → «Добавить по URL».`,
      html`Вставьте ссылку и нажмите «Добавить календарь». Через несколько минут календарь появится и в приложении на телефоне (если нет — включите его в настройках приложения: «Настройки» → название календаря → «Синхронизация»).`,
    ],
    reminders: 'Google их из календаря не берёт: включите уведомления в настройках этого календаря («Уведомления о мероприятиях на весь день»).',
    refresh: 'раз в 12–24 часа, кнопки «обновить» нет.',
  },
  yandex: {
    id: 'yandex',
    name: 'Яндекс Календарь',
    action: () => ({ href: 'https://calendar.yandex.ru/', label: 'Открыть Яндекс Календарь', link: 'yandex' }),
    steps: (place) => [
      copyLink(place),
      html`Откройте Яндекс Календарь в браузере: на панели слева нажмите «+» рядом с разделом «Подписки».`,
      html`Вставьте ссылку в поле «Ссылка на календарь», при желании измените название и нажмите «Создать».`,
    ],
    reminders: 'настраиваются в самом Яндекс Календаре.',
    refresh: 'само, обычно в течение нескольких часов.',
  },
  outlook: {
    id: 'outlook',
    name: 'Outlook',
    action: (l) => ({ href: l.outlookLive, label: 'Добавить в Outlook.com', link: 'outlook-live' }),
    steps: (place) => [
      place === 'page'
        ? html`Кнопка откроет Outlook в браузере с уже вставленной ссылкой: нажмите «Импорт».`
        : html`Откройте страницу организации по QR-коду и нажмите «Добавить в Outlook.com», затем «Импорт».`,
      html`Вручную: «Добавить календарь» → «Подписаться из Интернета», вставьте ссылку и нажмите «Импорт». В классическом Outlook для Windows — «Добавить календарь» → «Из Интернета…».`,
    ],
    reminders: 'Outlook их из подписанного календаря не берёт: настройте их в самом Outlook.',
    refresh: 'в браузере — примерно раз в 3 часа; изменения иногда видны только через сутки.',
    secondary: (l) => html`Рабочая или учебная почта (Microsoft 365): <a href="${l.outlookOffice}" data-link="outlook-office"${ext}>добавить в Outlook Microsoft 365</a>.`,
  },
  mailru: {
    id: 'mailru',
    name: 'Календарь Mail.ru',
    action: () => ({ href: 'https://calendar.mail.ru/', label: 'Открыть Календарь Mail.ru', link: 'mailru' }),
    steps: (place) => [
      copyLink(place),
      html`В Календаре Mail.ru в браузере нажмите «Добавить календарь» → «Подписаться на календарь», вставьте ссылку и сохраните.`,
    ],
    reminders: 'настраиваются в самом Календаре Mail.ru.',
    refresh: 'само, раз в несколько часов.',
  },
};

/** The visitor's own app first; the others keep one order, so the page reads the same for everyone else. */
export function appOrder(device: Device): readonly CalendarAppId[] {
  switch (device) {
    case 'apple':
      return ['apple', 'google', 'yandex', 'outlook', 'mailru'];
    case 'windows':
      return ['outlook', 'google', 'yandex', 'apple', 'mailru'];
    case 'android':
    case 'other':
      return ['google', 'yandex', 'apple', 'outlook', 'mailru'];
  }
}
