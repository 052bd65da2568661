/** Russian names of the plan's fixed vocabulary, one place for feeds, API and pages. */
import type { OrganizationTypeId, SubsystemId, TermSystemId } from './schema.js';

export interface OrganizationTypeInfo {
  readonly id: OrganizationTypeId;
  /** As the order names it, e.g. «дошкольные образовательные организации». */
  readonly name: string;
  /** Short form for calendar names and buttons, e.g. «дошкольные организации». */
  readonly shortName: string;
}

export const ORGANIZATION_TYPES: Readonly<Record<OrganizationTypeId, OrganizationTypeInfo>> = {
  general: { id: 'general', name: 'общеобразовательные организации', shortName: 'общеобразовательные организации' },
  preschool: { id: 'preschool', name: 'дошкольные образовательные организации', shortName: 'дошкольные организации' },
  additional: {
    id: 'additional',
    name: 'образовательные организации дополнительного образования',
    shortName: 'организации дополнительного образования',
  },
};

export const SUBSYSTEMS: Readonly<Record<SubsystemId, { readonly id: SubsystemId; readonly name: string; readonly fullName: string }>> = {
  sgo: { id: 'sgo', name: 'СГО', fullName: 'подсистема «Сетевой город. Образование» (СГО)' },
  'e-uslugi': { id: 'e-uslugi', name: 'АИС «Е-Услуги»', fullName: 'подсистема СГО АИС «Е-Услуги. Образование»' },
};

export const TERM_SYSTEMS: Readonly<Record<TermSystemId, string>> = {
  quarters: 'четверти',
  trimesters: 'триместры',
  halfYears: 'полугодия',
};

/** Russian month names in the nominative (for labels like «январь») and genitive (for dates). */
export const MONTHS_NOMINATIVE = [
  'январь', 'февраль', 'март', 'апрель', 'май', 'июнь',
  'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь',
] as const;
export const MONTHS_GENITIVE = [
  'января', 'февраля', 'марта', 'апреля', 'мая', 'июня',
  'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
] as const;
