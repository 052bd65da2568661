/**
 * Every named API schema. The HTTP layer registers each once as a Fastify shared schema
 * (src/http/plugins/api-schemas.ts) so that route responses, the serializer and the OpenAPI
 * document (`components.schemas`) all point at one definition; the renderers take the
 * TypeScript types of the documents from the same schemas, with the references resolved.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { FeedUrls, OrganizationTypeId, Rule, StandingDuty, SubsystemId } from './common.js';
import { MissingSchoolYear, Occurrence, OccurrencesDocument } from './occurrences.js';
import {
  FinalAttestationPeriod,
  MonthChoice,
  Organization,
  OrganizationList,
  OrganizationSettings,
  OrganizationType,
  OrganizationTypeList,
  Period,
  SchoolCalendar,
} from './organizations.js';
import { Footnote, Item, PlanDocument, PlanMeta, Schedule, Subsystem } from './plan.js';

/** Keyed by `$id`, as `Type.Ref` names them (a test checks that every key is its schema's `$id`). */
export const API_SCHEMAS = {
  OrganizationTypeId,
  SubsystemId,
  Rule,
  FeedUrls,
  StandingDuty,
  Footnote,
  Schedule,
  Item,
  PlanMeta,
  Subsystem,
  PlanDocument,
  OrganizationType,
  OrganizationTypeList,
  Period,
  FinalAttestationPeriod,
  SchoolCalendar,
  MonthChoice,
  OrganizationSettings,
  Organization,
  OrganizationList,
  Occurrence,
  MissingSchoolYear,
  OccurrencesDocument,
} as const;
export type ApiSchemas = typeof API_SCHEMAS;
export type ApiSchemaName = keyof ApiSchemas;

/** The value a named schema describes, references resolved. */
export type ApiValue<Name extends ApiSchemaName> = Static<ApiSchemas[Name], ApiSchemas>;

export type PlanDocument = ApiValue<'PlanDocument'>;
export type OrganizationTypeList = ApiValue<'OrganizationTypeList'>;
export type OrganizationList = ApiValue<'OrganizationList'>;
export type Organization = ApiValue<'Organization'>;
export type OccurrencesDocument = ApiValue<'OccurrencesDocument'>;

/** A reference to a named schema, for route response declarations. */
export function apiRef(name: ApiSchemaName): TSchema {
  return Type.Ref(name);
}
