/** `/api/occurrences`: the dated occurrences of an audience in a range of days. */
import Type, { type Static } from 'typebox';
import { isoDate, termSystem } from './common.js';
import { ISO_DATE_PATTERN, OrganizationId, OrganizationTypeId } from '../../domain/schema.js';
import { FeedQuery } from '../feed-query.js';

/** Longest range one request may ask for, inclusive: three years, a leap day included. */
export const MAX_RANGE_DAYS = 1096;

// The registry's id shape, so a malformed id is a 400 and a well-formed unknown one a 404.
const organizationId = OrganizationId as unknown as { readonly pattern: string; readonly maxLength: number };

// Descriptions double as the hint in a 400 problem's detail: they say what a valid value is.
export const OccurrencesQuery = Type.Object(
  {
    from: Type.String({
      pattern: ISO_DATE_PATTERN,
      description: 'Первый день периода (включительно) в формате ГГГГ-ММ-ДД, например from=2025-09-01.',
      examples: ['2025-09-01'],
    }),
    to: Type.String({
      pattern: ISO_DATE_PATTERN,
      description: `Последний день периода (включительно) в формате ГГГГ-ММ-ДД, не раньше from; период не длиннее ${MAX_RANGE_DAYS} дней (3 года), например to=2026-08-31.`,
      examples: ['2026-08-31'],
    }),
    type: Type.Optional(
      Type.Union(OrganizationTypeId.anyOf, {
        description: 'Только сроки одного типа организаций: general, preschool или additional. Нельзя вместе с organization.',
      }),
    ),
    organization: Type.Optional(
      Type.String({
        pattern: organizationId.pattern,
        maxLength: organizationId.maxLength,
        description: 'Только сроки одной организации (идентификатор из /api/organizations) с её учебным графиком и выбором месяцев. Нельзя вместе с type.',
        examples: ['sosh-6'],
      }),
    ),
    items: FeedQuery.properties.items,
    daily: FeedQuery.properties.daily,
  },
  { additionalProperties: false },
);
export type OccurrencesQuery = Static<typeof OccurrencesQuery>;

export const Occurrence = Type.Object(
  {
    item: Type.Integer({ minimum: 1, description: 'Номер пункта плана (в лентах — X-PLAN-ITEM)' }),
    title: Type.String({ description: 'Краткое название пункта' }),
    kind: Type.Union(
      [
        Type.Literal('date'),
        Type.Literal('month'),
        Type.Literal('monthChoice'),
        Type.Literal('span'),
        Type.Literal('opening'),
        Type.Literal('daily'),
        Type.Literal('schoolYearEnd'),
        Type.Literal('termEnd'),
        Type.Literal('finalAttestationEnd'),
        Type.Literal('standing'),
      ],
      {
        description:
          'Вид правила, из которого получен срок (как kind в plan.json); standing — ежегодное событие «Постоянные обязанности по ГИС ЭО» со списком обязанностей без дат (пункты — в items)',
      },
    ),
    start: Type.String({
      description:
        'Начало. Для срока на целый день (allDay: true) — дата ГГГГ-ММ-ДД. Для ежедневной обязанности (allDay: false) — ' +
        'дата и время ISO 8601 по Москве со смещением, например 2025-09-01T15:00:00+03:00.',
      examples: ['2025-09-10', '2025-09-01T15:00:00+03:00'],
    }),
    end: Type.String({
      description:
        'Конец. Для срока на целый день — ПОСЛЕДНИЙ день срока ГГГГ-ММ-ДД, включительно (срок «Сентябрь» — с 2025-09-01 по 2025-09-30; ' +
        'в iCalendar DTEND на день позже, там он исключается). Для ежедневной обязанности — дата и время конца слота со смещением, ' +
        'например 2025-09-01T15:30:00+03:00.',
      examples: ['2025-09-30', '2025-09-01T15:30:00+03:00'],
    }),
    allDay: Type.Boolean({ description: 'true — срок на целые дни; false — ежедневная обязанность в виде короткого слота времени' }),
    time: Type.Optional(
      Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'Только для ежедневных обязанностей: время начала слота по Москве, ЧЧ:ММ' }),
    ),
    wording: Type.String({ description: 'Срок исполнения дословно, как в приказе' }),
    organizationTypes: Type.Array(Type.Ref('OrganizationTypeId'), { description: 'Для каких типов организаций этот срок' }),
    label: Type.Optional(Type.String({ description: 'Что это за срок, например «2-я четверть», «январь»' })),
    provisional: Type.Boolean({
      description: 'Дата вычислена из предварительных данных (предварительного учебного графика, производственного календаря, расписания ГИА); в лентах такие события отмечены «(предварительно)»',
    }),
    provisionalReason: Type.Optional(
      Type.String({ description: 'Почему дата предварительная, например «учебный график 2027/28 ещё не утверждён»' }),
    ),
    orderDate: Type.Optional(
      Type.String({
        pattern: ISO_DATE_PATTERN,
        description:
          'Только для сроков «до …» (kind: date): день по приказу. Если он выпал на выходной, start — день, на который срок перенесён в календаре (plan.meta.onDayOff)',
      }),
    ),
    items: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'Только для kind: standing — все пункты, перечисленные в событии' })),
    dateUnknown: Type.Optional(
      Type.Boolean({ description: 'true — сама дата ещё не известна (расписание ГИА не утверждено): событие лишь сообщает об этом' }),
    ),
  },
  { $id: 'Occurrence', description: 'Один срок в календаре' },
);

export const MissingSchoolYear = Type.Object(
  {
    schoolYear: Type.String({ pattern: '^\\d{4}-\\d{4}$', description: 'Учебный год, например 2026-2027' }),
    what: Type.Union([Type.Literal('terms'), Type.Literal('finalAttestation'), Type.Literal('workingDays')], {
      description: 'Чего нет: terms — учебного графика, finalAttestation — сроков ГИА, workingDays — производственного календаря',
    }),
    termSystem: Type.Optional(termSystem('Для terms: график какой системы периодов нужен')),
    items: Type.Array(Type.Integer({ minimum: 1 }), { description: 'Пункты, сроки которых поэтому не вычислены' }),
  },
  {
    $id: 'MissingSchoolYear',
    description:
      'Данные, которых нет для сроков в запрошенном периоде. Учебных графиков и производственных календарей на текущий учебный год и два следующих не бывает в этом списке: их заменяют предварительные (provisional). Сроков ГИА не угадывают: вместо них в occurrences есть событие с dateUnknown: true',
  },
);

export const OccurrencesDocument = Type.Object(
  {
    dataVersion: Type.String({ description: 'Версия данных, из которых собран ответ' }),
    from: isoDate('Первый день периода'),
    to: isoDate('Последний день периода (включительно)'),
    audience: Type.Object(
      {
        kind: Type.Union([Type.Literal('all'), Type.Literal('type'), Type.Literal('organization')], {
          description: 'all — весь план, type — один тип организаций, organization — одна организация',
        }),
        type: Type.Optional(Type.Ref('OrganizationTypeId')),
        organization: Type.Optional(Type.String({ description: 'Идентификатор организации' })),
      },
      { description: 'Для кого сроки' },
    ),
    daily: Type.Boolean({ description: 'Включены ли ежедневные обязанности' }),
    items: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'Только эти пункты (если был указан параметр items)' })),
    occurrences: Type.Array(Type.Ref('Occurrence'), {
      description: 'Сроки, пересекающиеся с периодом (срок на границе периода включается целиком), по дате начала, затем по номеру пункта',
    }),
    standing: Type.Array(Type.Ref('StandingDuty'), { description: 'Постоянные обязанности без дат' }),
    missing: Type.Array(Type.Ref('MissingSchoolYear'), { description: 'Каких учебных годов не хватает в данных (пустой список — всё есть)' }),
  },
  { $id: 'OccurrencesDocument', description: 'Сроки за период' },
);
