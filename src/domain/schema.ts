/**
 * TypeBox schemas for every data file eo-calendar reads: plan.json, the organization registry,
 * the school-year calendars and the working-day (production) calendars. One schema per shape:
 * it validates the files, gives the TypeScript types, and is exported as JSON Schema
 * (`npm run schemas`) so editors get completion.
 */
import Type, { type Static, type TObject, type TString, type TStringOptions } from 'typebox';

export const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

/**
 * Not blank, and none of: C0 controls (tab and line breaks included), DEL, C1 controls (U+0085
 * among them), the line and paragraph separators U+2028/U+2029, or the bidi controls U+061C,
 * U+200E/U+200F, U+202A–U+202E, U+2066–U+2069. RFC 5545 forbids controls in TEXT (some clients
 * drop the whole feed), and bidi overrides let a name read as another (U+202E).
 */
export const FORBIDDEN_TEXT_CHARACTERS = '\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
export const TEXT_PATTERN = `^(?=[\\s\\S]*\\S)[^${FORBIDDEN_TEXT_CHARACTERS}]*$`;

/** A name or text people read (titles, wordings, notes, names): see TEXT_PATTERN; messages in schema-messages.ts. */
export function Text(options: TStringOptions = {}) {
  return Type.String({ ...options, pattern: TEXT_PATTERN });
}

/** A calendar date without time, `YYYY-MM-DD`, read in Europe/Moscow. Checked for existence on load. */
export const LocalDate = Type.String({ pattern: ISO_DATE_PATTERN, description: 'Дата в формате ГГГГ-ММ-ДД' });

export const OrganizationTypeId = Type.Union(
  [Type.Literal('general'), Type.Literal('preschool'), Type.Literal('additional')],
  { description: 'general — общеобразовательные, preschool — дошкольные, additional — дополнительного образования' },
);
export type OrganizationTypeId = Static<typeof OrganizationTypeId>;
export const ORGANIZATION_TYPE_IDS: readonly OrganizationTypeId[] = ['general', 'preschool', 'additional'];

export const SubsystemId = Type.Union([Type.Literal('sgo'), Type.Literal('e-uslugi')]);
export type SubsystemId = Static<typeof SubsystemId>;

export const TermSystemId = Type.Union(
  [Type.Literal('quarters'), Type.Literal('trimesters'), Type.Literal('halfYears')],
  { description: 'quarters — четверти, trimesters — триместры, halfYears — полугодия' },
);
export type TermSystemId = Static<typeof TermSystemId>;

const Month = Type.Integer({ minimum: 1, maximum: 12 });
const Day = Type.Integer({ minimum: 1, maximum: 31 });
/** A day of the year, recurring every year (month + day); 29 February is refused on load. */
export const MonthDay = Type.Object({ month: Month, day: Day }, { additionalProperties: false });
export type MonthDay = Static<typeof MonthDay>;

// ---------------------------------------------------------------------------------------------
// Schedule rules: the machine-readable meaning of one part of a deadline wording.
// ---------------------------------------------------------------------------------------------

const note = { description: 'Пояснение к правилу (необязательно)' };

/**
 * Stable id of a schedule or a rule within its item: UIDs and ledger keys are built from it, so
 * inserting or reordering rules re-keys nothing. The bundled ids `s0`, `r0`… are the positional
 * names the keys had before ids existed, which kept every published UID.
 */
export const ENTRY_ID_PATTERN = '^[a-z][a-z0-9]*$';
const EntryId = (what: string) =>
  Type.String({
    pattern: ENTRY_ID_PATTERN,
    maxLength: 32,
    description: `Постоянный идентификатор ${what} внутри пункта (латиница и цифры): из него строятся UID событий. Не меняется и не используется повторно`,
  });
/** A rule object of plan.json: its kind's fields and its id. */
function withId<T extends TObject>(rule: T) {
  return Type.Object({ ...rule.properties, id: EntryId('правила') } as T['properties'] & { id: TString }, { additionalProperties: false });
}

/** «до 1 февраля»: an all-day deadline on that day itself, every year. */
export const DateRule = Type.Object(
  { kind: Type.Literal('date'), month: Month, day: Day, note: Type.Optional(Text(note)) },
  { additionalProperties: false },
);
/** «Январь»: the whole month, every year. */
export const MonthRule = Type.Object(
  { kind: Type.Literal('month'), month: Month, note: Type.Optional(Text(note)) },
  { additionalProperties: false },
);
/** «Январь или Сентябрь»: each month unless the organization chose one (`settings.monthChoices`). */
export const MonthChoiceRule = Type.Object(
  {
    kind: Type.Literal('monthChoice'),
    months: Type.Array(Month, { minItems: 2, uniqueItems: true }),
    note: Type.Optional(Text(note)),
  },
  { additionalProperties: false },
);
/** «Июнь-Август»: from the first day to the last day (inclusive), every year. */
export const SpanRule = Type.Object(
  { kind: Type.Literal('span'), start: MonthDay, end: MonthDay, note: Type.Optional(Text(note)) },
  { additionalProperties: false },
);
/** «Доступно с 1 апреля»: the day something becomes possible, every year. */
export const OpeningRule = Type.Object(
  { kind: Type.Literal('opening'), month: Month, day: Day, note: Type.Optional(Text(note)) },
  { additionalProperties: false },
);
/** «ежедневно»: every school day (duties about lessons) or every working day (the others). */
export const DailyRule = Type.Object(
  {
    kind: Type.Literal('daily'),
    days: Type.Union([Type.Literal('school'), Type.Literal('working')]),
    time: Type.Optional(
      Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Время напоминания-слота (Москва), по умолчанию 15:00' }),
    ),
    durationMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240, description: 'Длительность слота, по умолчанию 30 минут' })),
    note: Type.Optional(Text(note)),
  },
  { additionalProperties: false },
);
/**
 * «на следующий день после завершения учебного года»: `offsetDays` after the last day of the
 * organization's school year; with `month`, the date is moved forward into that month when it
 * falls before it (the plan's «Июнь (…)»), and it is a data error when it falls after it.
 */
export const SchoolYearEndRule = Type.Object(
  {
    kind: Type.Literal('schoolYearEnd'),
    offsetDays: Type.Integer({ minimum: 0, maximum: 31 }),
    month: Type.Optional(Month),
    note: Type.Optional(Text(note)),
  },
  { additionalProperties: false },
);
/** «По окончании учебного периода (четверти, триместра, полугодия, года)»: the last day of each term and of the year. */
export const TermEndRule = Type.Object(
  { kind: Type.Literal('termEnd'), note: Type.Optional(Text(note)) },
  { additionalProperties: false },
);
/** «По окончании итоговой аттестации»: the last day of each period of the final attestation (ГИА). */
export const FinalAttestationEndRule = Type.Object(
  { kind: Type.Literal('finalAttestationEnd'), note: Type.Optional(Text(note)) },
  { additionalProperties: false },
);
/** «в течение 3-х рабочих дней в случае изменения…»: a standing duty triggered by a change; never dated. */
export const OnChangeRule = Type.Object(
  {
    kind: Type.Literal('onChange'),
    workingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    note: Type.Optional(Text(note)),
  },
  { additionalProperties: false },
);
/** «по мере необходимости», «далее по необходимости»: an open-ended standing duty; never dated. */
export const AsNeededRule = Type.Object(
  { kind: Type.Literal('asNeeded'), note: Type.Optional(Text(note)) },
  { additionalProperties: false },
);

export const Rule = Type.Union([
  withId(DateRule),
  withId(MonthRule),
  withId(MonthChoiceRule),
  withId(SpanRule),
  withId(OpeningRule),
  withId(DailyRule),
  withId(SchoolYearEndRule),
  withId(TermEndRule),
  withId(FinalAttestationEndRule),
  withId(OnChangeRule),
  withId(AsNeededRule),
]);
export type Rule = Static<typeof Rule>;
export type RuleKind = Rule['kind'];
export const STANDING_RULE_KINDS = ['onChange', 'asNeeded'] as const satisfies readonly RuleKind[];

// ---------------------------------------------------------------------------------------------
// plan.json
// ---------------------------------------------------------------------------------------------

export const Schedule = Type.Object(
  {
    id: EntryId('срока'),
    organizationTypes: Type.Array(OrganizationTypeId, { minItems: 1, uniqueItems: true }),
    wording: Text({ minLength: 1, description: 'Срок исполнения дословно, как в приказе' }),
    rules: Type.Array(Rule, {
      minItems: 1,
      description: 'Машиночитаемый смысл срока; несколько правил, когда срок сочетает дату и постоянную обязанность',
    }),
  },
  { additionalProperties: false },
);
export type Schedule = Static<typeof Schedule>;

export const Footnote = Type.Object(
  {
    marker: Type.String({ description: 'Знак сноски в источнике (¹, ²)' }),
    text: Text({ minLength: 1 }),
    note: Type.Optional(Text({ description: 'Почему сноска отнесена к этому пункту' })),
  },
  { additionalProperties: false },
);
export type Footnote = Static<typeof Footnote>;

export const Item = Type.Object(
  {
    number: Type.Integer({ minimum: 1 }),
    title: Text({ minLength: 1, maxLength: 60, description: 'Краткое название для календаря (до 60 знаков)' }),
    text: Text({ minLength: 1, description: 'Содержание работ (опечатки исправлены)' }),
    source: Text({ minLength: 1, description: 'Содержание работ дословно, как в приказе' }),
    details: Type.Optional(Type.Array(Text({ minLength: 1 }))),
    subsystems: Type.Array(SubsystemId, { uniqueItems: true }),
    footnotes: Type.Optional(Type.Array(Footnote)),
    schedules: Type.Array(Schedule, { minItems: 1 }),
    retiredIds: Type.Optional(
      Type.Array(Type.String({ pattern: ENTRY_ID_PATTERN }), {
        uniqueItems: true,
        description: 'Идентификаторы удалённых сроков и правил этого пункта: их нельзя использовать снова',
      }),
    ),
  },
  { additionalProperties: false },
);
export type Item = Static<typeof Item>;

/**
 * What the calendar does with a `date` deadline that falls on a day off: `previousWorkingDay`
 * (shipped; the plan's dated duties prepare what follows, see docs/architecture.md),
 * `nextWorkingDay` (Civil Code art. 193 by analogy) or `keep` (the order's day as it is).
 */
export const OnDayOff = Type.Union([Type.Literal('previousWorkingDay'), Type.Literal('nextWorkingDay'), Type.Literal('keep')], {
  description:
    'Срок «до …», выпавший на выходной: previousWorkingDay — на предыдущий рабочий день, nextWorkingDay — на следующий, keep — оставить как в приказе',
});
export type OnDayOff = Static<typeof OnDayOff>;

export const PlanMeta = Type.Object(
  {
    title: Text({ minLength: 1 }),
    shortTitle: Text({ minLength: 1 }),
    issuer: Text({ minLength: 1 }),
    order: Type.Object(
      {
        number: Type.String(),
        date: LocalDate,
        title: Type.String(),
        appendixNumber: Type.String({ description: 'Номер приказа в шапке приложения' }),
        note: Type.String({ description: 'О расхождении номеров приказа и приложения' }),
      },
      { additionalProperties: false },
    ),
    timeZone: Type.Literal('Europe/Moscow'),
    firstYear: Type.Integer({ minimum: 2000, maximum: 2100, description: 'Первый календарный год действия плана' }),
    onDayOff: Type.Optional(OnDayOff),
    version: Type.String({ minLength: 1, description: 'Версия данных' }),
    updated: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$',
      description: 'Время последнего изменения данных (UTC); используется как DTSTAMP',
    }),
    footnoteNote: Type.String({ description: 'О нумерации сносок в источнике' }),
    contact: Type.Optional(
      Type.Object(
        {
          phone: Type.Optional(Type.String({ minLength: 1, description: 'Телефон для вопросов о плане, как его пишут на сайте' })),
          email: Type.Optional(Type.String({ minLength: 3, pattern: '^[^@\\s]+@[^@\\s]+$' })),
          url: Type.Optional(Type.String({ pattern: '^https://' , description: 'Официальный сайт отдела образования' })),
        },
        { additionalProperties: false, description: 'Контакты отдела образования: показываются на каждой странице' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PlanMeta = Static<typeof PlanMeta>;

export const Plan = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    meta: PlanMeta,
    items: Type.Array(Item, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type Plan = Static<typeof Plan>;

// ---------------------------------------------------------------------------------------------
// data/school-years.json
// ---------------------------------------------------------------------------------------------

export const DateRange = Type.Object(
  {
    name: Text({ minLength: 1 }),
    start: LocalDate,
    end: LocalDate,
    provisional: Type.Optional(Type.Boolean()),
    grades: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 11 }), { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type DateRange = Static<typeof DateRange>;

/** One variant of a school year: its terms (in order, not overlapping) and its holidays. */
export const TermCalendar = Type.Object(
  {
    terms: Type.Array(DateRange, { minItems: 1 }),
    holidays: Type.Array(DateRange),
    provisional: Type.Optional(Type.Boolean()),
    source: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type TermCalendar = Static<typeof TermCalendar>;

export const FinalAttestationPeriod = Type.Object(
  {
    name: Text({ minLength: 1 }),
    end: LocalDate,
    provisional: Type.Optional(Type.Boolean()),
    source: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type FinalAttestationPeriod = Static<typeof FinalAttestationPeriod>;

export const SchoolYearId = Type.String({ pattern: '^\\d{4}-\\d{4}$', description: 'Учебный год, например 2025-2026' });

export const SchoolYear = Type.Object(
  {
    id: SchoolYearId,
    provisional: Type.Optional(Type.Boolean()),
    source: Type.Optional(Type.String()),
    systems: Type.Object(
      { quarters: Type.Optional(TermCalendar), trimesters: Type.Optional(TermCalendar), halfYears: Type.Optional(TermCalendar) },
      { additionalProperties: false },
    ),
    finalAttestation: Type.Optional(Type.Array(FinalAttestationPeriod)),
  },
  { additionalProperties: false },
);
export type SchoolYear = Static<typeof SchoolYear>;

/** The municipal default of the school-day slot (item 18) for one organization type. */
export const DailyDefault = Type.Object(
  {
    time: Type.String({ pattern: TIME_PATTERN, description: 'Время слота (Москва), ЧЧ:ММ' }),
    weekDays: Type.Union([Type.Literal(5), Type.Literal(6)], { description: 'Пяти- или шестидневная неделя' }),
    schoolHolidays: Type.Boolean({ description: 'Идут ли занятия в школьные каникулы' }),
  },
  { additionalProperties: false },
);
export type DailyDefault = Static<typeof DailyDefault>;

export const SchoolYears = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    defaults: Type.Object(
      { general: TermSystemId, preschool: TermSystemId, additional: TermSystemId },
      { additionalProperties: false, description: 'Система учебных периодов по умолчанию для каждого типа организаций' },
    ),
    dailyDefaults: Type.Optional(
      Type.Object(
        { general: DailyDefault, preschool: DailyDefault, additional: DailyDefault },
        { additionalProperties: false, description: 'Ежедневный слот по учебным дням по умолчанию для каждого типа: время, дни недели, каникулы' },
      ),
    ),
    years: Type.Array(SchoolYear, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type SchoolYears = Static<typeof SchoolYears>;

// ---------------------------------------------------------------------------------------------
// data/organizations.json
// ---------------------------------------------------------------------------------------------

export const OrganizationId = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 64 });

export const OrganizationSettings = Type.Object(
  {
    termSystem: Type.Optional(TermSystemId),
    schoolYears: Type.Optional(
      Type.Record(SchoolYearId, TermCalendar, {
        description: 'Собственный календарный учебный график организации по учебным годам',
      }),
    ),
    monthChoices: Type.Optional(
      Type.Record(Type.String({ pattern: '^\\d+$' }), Month, {
        description: 'Выбранный месяц для пунктов со сроком «… или …» (номер пункта → месяц)',
      }),
    ),
    weekDays: Type.Optional(Type.Union([Type.Literal(5), Type.Literal(6)], { description: 'Пяти- или шестидневная учебная неделя' })),
    dailyTime: Type.Optional(Type.String({ pattern: TIME_PATTERN, description: 'Время ежедневного слота по учебным дням (Москва), ЧЧ:ММ' })),
    schoolHolidays: Type.Optional(Type.Boolean({ description: 'Работает ли организация в школьные каникулы (ежедневные сроки по учебным дням идут и в каникулы)' })),
  },
  { additionalProperties: false },
);
export type OrganizationSettings = Static<typeof OrganizationSettings>;

export const Organization = Type.Object(
  {
    id: OrganizationId,
    name: Text({ minLength: 1, maxLength: 500 }),
    shortName: Text({ minLength: 1, maxLength: 200 }),
    types: Type.Array(OrganizationTypeId, { minItems: 1, uniqueItems: true }),
    settings: Type.Optional(OrganizationSettings),
    previousIds: Type.Optional(
      Type.Array(OrganizationId, { uniqueItems: true, description: 'Прежние идентификаторы: их адреса переадресуются (301) на нынешние' }),
    ),
  },
  { additionalProperties: false },
);
export type Organization = Static<typeof Organization>;

/** An organization taken out of the registry: its feed and page answer 410 Gone. */
export const RemovedOrganization = Type.Object(
  {
    id: OrganizationId,
    name: Type.String({ minLength: 1, maxLength: 500 }),
    date: LocalDate,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type RemovedOrganization = Static<typeof RemovedOrganization>;

export const Registry = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    source: Type.Object(
      {
        description: Type.String(),
        date: LocalDate,
        url: Type.Optional(Type.String()),
        sample: Type.Optional(
          Type.Boolean({ description: 'true, пока реестр — пример, а не официальные данные: страницы показывают об этом предупреждение' }),
        ),
      },
      { additionalProperties: false },
    ),
    organizations: Type.Array(Organization),
    removed: Type.Optional(Type.Array(RemovedOrganization, { description: 'Исключённые из реестра организации (их адреса отвечают 410)' })),
  },
  { additionalProperties: false },
);
export type Registry = Static<typeof Registry>;

// ---------------------------------------------------------------------------------------------
// data/working-days/YYYY.json (converted from the public xmlcalendar format)
// ---------------------------------------------------------------------------------------------

export const WorkingDayException = Type.Object(
  {
    date: LocalDate,
    type: Type.Union([Type.Literal('nonWorking'), Type.Literal('shortened'), Type.Literal('working')], {
      description: 'nonWorking — нерабочий, shortened — сокращённый, working — рабочий выходной',
    }),
    holiday: Type.Optional(Text()),
    movedFrom: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type WorkingDayException = Static<typeof WorkingDayException>;

export const WorkingDaysYear = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    source: Type.String(),
    generated: Type.Optional(Type.String()),
    verified: Type.Boolean({ description: 'Сверено ли с постановлением Правительства' }),
    days: Type.Array(WorkingDayException),
  },
  { additionalProperties: false },
);
export type WorkingDaysYear = Static<typeof WorkingDaysYear>;

// ---------------------------------------------------------------------------------------------
// data/event-history.json: SEQUENCE and LAST-MODIFIED of feed events (written by npm run stamp)
// ---------------------------------------------------------------------------------------------

export const EventHistoryEntry = Type.Object(
  {
    hash: Type.String({ pattern: '^[0-9a-f]{16}$', description: 'Хеш содержимого события' }),
    sequence: Type.Integer({ minimum: 0, description: 'SEQUENCE: растёт при каждом изменении события' }),
    modified: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$',
      description: 'LAST-MODIFIED (UTC): plan.meta.updated на момент последнего изменения события',
    }),
  },
  { additionalProperties: false },
);
export type EventHistoryEntry = Static<typeof EventHistoryEntry>;

/** Ledger key → entry. */
export type EventHistory = Readonly<Record<string, EventHistoryEntry>>;

/** The file `data/event-history.json`. */
export const EventHistoryFile = Type.Object(
  {
    description: Type.Optional(Type.String()),
    events: Type.Record(Type.String(), EventHistoryEntry),
  },
  { additionalProperties: false },
);
export type EventHistoryFile = Static<typeof EventHistoryFile>;
