/**
 * Named shapes shared by several API documents. Each has an `$id`: the app registers it once
 * as a shared schema (`fastify.addSchema`), documents point at it with `Type.Ref`, and the
 * OpenAPI document lists it once under `components.schemas` with that name.
 */
import Type from 'typebox';
import {
  OrganizationTypeId as DataOrganizationTypeId,
  Rule as DataRule,
  SubsystemId as DataSubsystemId,
  TermSystemId as DataTermSystemId,
} from '../../domain/schema.js';

export const OrganizationTypeId = Type.Union(DataOrganizationTypeId.anyOf, {
  $id: 'OrganizationTypeId',
  description: 'Тип организаций: general — общеобразовательные, preschool — дошкольные, additional — дополнительного образования',
});

// Fields whose meaning differs per place (first day, last day, which term system) are written
// inline with their own description: a `$ref` carries none of its own in the generated document.

/** A calendar day, `YYYY-MM-DD`. */
export function isoDate(description: string) {
  return Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description}: ГГГГ-ММ-ДД` });
}

/** A term system (quarters, trimesters, half-years). */
export function termSystem(description: string) {
  return Type.Union(DataTermSystemId.anyOf, {
    description: `${description} (quarters — четверти, trimesters — триместры, halfYears — полугодия)`,
  });
}

export const SubsystemId = Type.Union(DataSubsystemId.anyOf, {
  $id: 'SubsystemId',
  description: 'Подсистема ГИС ЭО: sgo — «Сетевой город. Образование», e-uslugi — АИС «Е-Услуги. Образование»',
});

/** The plan's rule, exactly as plan.json has it. */
export const Rule = Type.Union(DataRule.anyOf, {
  $id: 'Rule',
  description:
    'Машиночитаемый смысл части срока, как в plan.json (kind: date, month, monthChoice, span, opening, daily, ' +
    'schoolYearEnd, termEnd, finalAttestationEnd — сроки с датами; onChange, asNeeded — постоянные обязанности без даты).',
});

export const FeedUrls = Type.Object(
  {
    https: Type.String({ format: 'uri', description: 'Адрес ленты iCalendar для подписки (Google Календарь, Outlook в браузере)' }),
    webcal: Type.String({ format: 'uri', description: 'Тот же адрес со схемой webcal:// (Apple Календарь, Outlook для Windows)' }),
  },
  { $id: 'FeedUrls', description: 'Адреса ленты iCalendar без дополнительных параметров' },
);

export const StandingDuty = Type.Object(
  {
    item: Type.Integer({ minimum: 1, description: 'Номер пункта плана' }),
    title: Type.String({ description: 'Краткое название пункта' }),
    kind: Type.Union([Type.Literal('onChange'), Type.Literal('asNeeded')], {
      description: 'onChange — в течение нескольких рабочих дней после изменения, asNeeded — по мере необходимости',
    }),
    wording: Type.String({ description: 'Срок исполнения дословно, как в приказе' }),
    organizationTypes: Type.Array(Type.Ref('OrganizationTypeId'), { description: 'Для каких типов организаций' }),
  },
  { $id: 'StandingDuty', description: 'Постоянная обязанность: своей даты у неё нет, поэтому в лентах она только перечислена в описании календаря' },
);
