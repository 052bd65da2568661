/** `/api/organization-types`, `/api/organizations`, `/api/organizations/{id}`. */
import Type from 'typebox';
import { isoDate, termSystem } from './common.js';

const dataVersion = Type.String({ description: 'Версия данных, из которых собран ответ (меняется при любом изменении plan.json или data/)' });

export const OrganizationType = Type.Object(
  {
    id: Type.Ref('OrganizationTypeId'),
    name: Type.String({ description: 'Название, как в приказе, например «дошкольные образовательные организации»' }),
    shortName: Type.String({ description: 'Краткое название, как в лентах' }),
    termSystem: termSystem('Система учебных периодов по умолчанию (муниципальный график)'),
    items: Type.Array(Type.Integer({ minimum: 1 }), { description: 'Номера пунктов плана, которые относятся к этому типу' }),
    feed: Type.Ref('FeedUrls'),
  },
  { $id: 'OrganizationType', description: 'Тип образовательных организаций' },
);

export const OrganizationTypeList = Type.Object(
  { dataVersion, organizationTypes: Type.Array(Type.Ref('OrganizationType')) },
  { $id: 'OrganizationTypeList', description: 'Три типа организаций, которым адресован план' },
);

export const Period = Type.Object(
  {
    name: Type.String({ description: 'Например «1-я четверть», «осенние каникулы»' }),
    start: isoDate('Первый день'),
    end: isoDate('Последний день (включительно)'),
    provisional: Type.Boolean({ description: 'Даты предварительные: отмечены так в данных сами или вместе со всем графиком' }),
    grades: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 11 }), {
        description: 'Каникулы только для этих классов (дополнительные каникулы первоклассников); учебные дни для организации они не отменяют',
      }),
    ),
  },
  { $id: 'Period', description: 'Учебный период или каникулы' },
);

export const FinalAttestationPeriod = Type.Object(
  {
    name: Type.String(),
    end: isoDate('Последний день периода итоговой аттестации'),
    provisional: Type.Boolean(),
    provisionalReason: Type.Optional(Type.String({ description: 'Почему даты предварительные' })),
  },
  { $id: 'FinalAttestationPeriod', description: 'Период государственной итоговой аттестации (ГИА)' },
);

export const SchoolCalendar = Type.Object(
  {
    schoolYear: Type.String({ pattern: '^\\d{4}-\\d{4}$', description: 'Учебный год, например 2025-2026' }),
    source: Type.Union([Type.Literal('municipal'), Type.Literal('own')], {
      description: 'municipal — муниципальный график (data/school-years.json) для системы termSystem; own — собственный график организации',
    }),
    termSystem: Type.Optional(termSystem('Система периодов муниципального графика; у собственного графика не указывается')),
    provisional: Type.Boolean({
      description: 'График (или весь учебный год) предварительный: так отмечен в данных или вычислен по образцу прошлых лет, потому что утверждённого графика ещё нет',
    }),
    provisionalReason: Type.Optional(Type.String({ description: 'Почему предварительный, например «учебный график 2027/28 ещё не утверждён»' })),
    terms: Type.Array(Type.Ref('Period'), { description: 'Учебные периоды по порядку' }),
    holidays: Type.Array(Type.Ref('Period'), { description: 'Школьные каникулы' }),
    finalAttestation: Type.Array(Type.Ref('FinalAttestationPeriod'), { description: 'Периоды ГИА этого учебного года (пустой список, если данных нет)' }),
  },
  { $id: 'SchoolCalendar', description: 'Календарный учебный график организации на один учебный год' },
);

export const MonthChoice = Type.Object(
  {
    item: Type.Integer({ minimum: 1, description: 'Пункт со сроком «… или …», например «Январь или Сентябрь»' }),
    months: Type.Array(Type.Integer({ minimum: 1, maximum: 12 }), {
      description: 'Месяцы, которые попадут в ленту организации: выбранный или, если выбора нет, все месяцы срока',
    }),
    chosen: Type.Boolean({ description: 'Организация выбрала один месяц (settings.monthChoices в реестре)' }),
  },
  { $id: 'MonthChoice' },
);

export const OrganizationSettings = Type.Object(
  {
    termSystem: termSystem('Система учебных периодов: указанная в реестре или, если не указана, по умолчанию для первого типа организации'),
    weekDays: Type.Union([Type.Literal(5), Type.Literal(6)], {
      description: 'Пяти- или шестидневная неделя ежедневного слота по учебным дням: из реестра или по умолчанию для первого типа (dailyDefaults)',
    }),
    dailyTime: Type.Optional(
      Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'Время ежедневного слота по учебным дням (Москва); если не указано — время из плана' }),
    ),
    schoolHolidays: Type.Boolean({ description: 'Идёт ли ежедневный слот по учебным дням и в школьные каникулы (организации дополнительного образования)' }),
    monthChoices: Type.Array(Type.Ref('MonthChoice'), { description: 'Пункты с выбором месяца, относящиеся к организации' }),
  },
  { $id: 'OrganizationSettings', description: 'Действующие настройки организации: значения из реестра или по умолчанию' },
);

export const Organization = Type.Object(
  {
    id: Type.String({ description: 'Идентификатор в реестре; используется в адресах' }),
    name: Type.String({ description: 'Полное название' }),
    shortName: Type.String({ description: 'Краткое название, как в ленте' }),
    types: Type.Array(Type.Ref('OrganizationTypeId'), { description: 'Типы организации (у школ с дошкольными группами их два)' }),
    settings: Type.Ref('OrganizationSettings'),
    schoolYears: Type.Array(Type.Ref('SchoolCalendar'), {
      description:
        'Учебный график по каждому учебному году: из данных, собственный или предварительный (текущий учебный год и по крайней мере два следующих всегда есть)',
    }),
    feed: Type.Ref('FeedUrls'),
  },
  { $id: 'Organization', description: 'Образовательная организация из реестра' },
);

export const OrganizationList = Type.Object(
  {
    dataVersion,
    source: Type.Object(
      {
        description: Type.String({ description: 'Откуда взят реестр' }),
        date: isoDate('На какую дату'),
        url: Type.Optional(Type.String()),
      },
      { description: 'Источник реестра организаций' },
    ),
    organizations: Type.Array(Type.Ref('Organization'), { description: 'В порядке реестра' }),
  },
  { $id: 'OrganizationList', description: 'Реестр организаций' },
);
