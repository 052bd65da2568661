/** `/api/plan`: the plan as plan.json has it, with the standing duties the engine lists. */
import Type from 'typebox';
import { isoDate } from './common.js';

export const Footnote = Type.Object(
  {
    marker: Type.String({ description: 'Знак сноски в приказе (¹, ²)' }),
    text: Type.String(),
    note: Type.Optional(Type.String({ description: 'Почему сноска отнесена к этому пункту (в приказе нумерация сносок сбита)' })),
  },
  { $id: 'Footnote', description: 'Сноска к пункту плана' },
);

export const Schedule = Type.Object(
  {
    id: Type.String({ description: 'Постоянный идентификатор срока внутри пункта (из него и id правила строятся UID событий)' }),
    organizationTypes: Type.Array(Type.Ref('OrganizationTypeId'), { description: 'Для каких типов организаций этот срок' }),
    wording: Type.String({ description: 'Срок исполнения дословно, как в приказе' }),
    rules: Type.Array(Type.Ref('Rule'), {
      description:
        'Машиночитаемый смысл срока — список, а не одно правило: формулировка вроде «до 10 сентября, в течение 3-х рабочих дней ' +
        'в случае изменения…» — это два правила (дата и постоянная обязанность). Так же, как в plan.json.',
    }),
  },
  {
    $id: 'Schedule',
    description: 'Срок исполнения пункта для части типов организаций (у пунктов 5, 6 и 14 сроки для разных типов разные)',
  },
);

export const Item = Type.Object(
  {
    number: Type.Integer({ minimum: 1, description: 'Номер пункта плана' }),
    title: Type.String({ description: 'Краткое название (до 60 знаков), как в лентах' }),
    text: Type.String({ description: 'Содержание работ (опечатки приказа исправлены)' }),
    source: Type.String({ description: 'Содержание работ дословно, как в приказе' }),
    details: Type.Array(Type.String(), { description: 'Перечень документов или работ внутри пункта (пустой, если его нет)' }),
    subsystems: Type.Array(Type.Ref('SubsystemId'), { description: 'Подсистемы ГИС ЭО, в которых выполняется работа' }),
    footnotes: Type.Array(Type.Ref('Footnote'), { description: 'Сноски (пустой список, если их нет)' }),
    schedules: Type.Array(Type.Ref('Schedule')),
  },
  { $id: 'Item', description: 'Пункт типового плана' },
);

export const PlanMeta = Type.Object(
  {
    title: Type.String({ description: 'Полное название плана' }),
    shortTitle: Type.String(),
    issuer: Type.String({ description: 'Кто утвердил план' }),
    order: Type.Object(
      {
        number: Type.String(),
        date: isoDate('Дата приказа'),
        title: Type.String(),
        appendixNumber: Type.String({ description: 'Номер приказа в шапке приложения' }),
        note: Type.String({ description: 'О расхождении номеров приказа и приложения' }),
      },
      { description: 'Приказ, утвердивший план' },
    ),
    timeZone: Type.Literal('Europe/Moscow'),
    firstYear: Type.Integer({ description: 'Первый календарный год действия плана: ежегодные сроки повторяются начиная с него' }),
    onDayOff: Type.Union([Type.Literal('previousWorkingDay'), Type.Literal('nextWorkingDay'), Type.Literal('keep')], {
      description:
        'Что календарь делает со сроком «до …», выпавшим на выходной: previousWorkingDay — переносит на предыдущий рабочий день, nextWorkingDay — на следующий, keep — оставляет (в событии сказано, что день выходной). Дата по приказу — в orderDate сроков',
    }),
    version: Type.String({ description: 'Версия плана (plan.json)' }),
    updated: Type.String({ format: 'date-time', description: 'Время последнего изменения plan.json (UTC)' }),
    footnoteNote: Type.String({ description: 'О нумерации сносок в приказе' }),
  },
  { $id: 'PlanMeta', description: 'Сведения о плане и утвердившем его приказе' },
);

export const Subsystem = Type.Object(
  {
    id: Type.Ref('SubsystemId'),
    name: Type.String({ description: 'Краткое название' }),
    fullName: Type.String({ description: 'Полное название' }),
  },
  { $id: 'Subsystem' },
);

export const PlanDocument = Type.Object(
  {
    dataVersion: Type.String({ description: 'Версия данных, из которых собран ответ (меняется при любом изменении plan.json или data/)' }),
    meta: Type.Ref('PlanMeta'),
    feed: Type.Ref('FeedUrls'),
    subsystems: Type.Array(Type.Ref('Subsystem'), { description: 'Названия подсистем, на которые ссылаются пункты' }),
    items: Type.Array(Type.Ref('Item'), { description: 'Все пункты плана по порядку номеров' }),
    standing: Type.Array(Type.Ref('StandingDuty'), { description: 'Постоянные обязанности всех типов организаций' }),
  },
  { $id: 'PlanDocument', description: 'Типовой план целиком' },
);
