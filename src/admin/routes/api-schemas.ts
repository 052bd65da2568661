/** OpenAPI shapes of the department editor's API (documentation: the handlers check bodies themselves). */
import Type from 'typebox';

export const security = [{ bearerToken: [] }];

const anyJson = (description: string) => Type.Unknown({ description });

export const DraftBody = Type.Object(
  {
    plan: anyJson('Содержимое plan.json'),
    organizations: anyJson('Содержимое data/organizations.json'),
    schoolYears: anyJson('Содержимое data/school-years.json'),
  },
  { description: 'Черновик: каждое поле — ровно содержимое файла, которым оно станет' },
);

export const DraftProblemList = Type.Array(
  Type.Object({
    pointer: Type.String({ description: 'JSON Pointer поля в черновике (/plan/items/0/title)' }),
    message: Type.String({ description: 'Что с ним не так' }),
  }),
  { description: 'Ошибки черновика; пока они есть, его нельзя опубликовать' },
);

export const ChangeSchema = Type.Object({
  kind: Type.String({ description: 'added, removed, moved, reworded, confirmed, feedAdded, feedRemoved, feedRenamed' }),
  item: Type.Optional(Type.Integer({ description: 'Пункт плана' })),
  key: Type.String({ description: 'Ключ события (часть его UID) или ленты' }),
  subject: Type.String(),
  before: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
  description: Type.String({ description: 'Описание изменения по-русски' }),
  feeds: Type.Array(Type.String(), { description: 'Ленты, в которых оно видно: all, type:<тип>, organization:<id>' }),
});

export const RevisionSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ description: 'Время публикации (UTC)' }),
  author: Type.String(),
  comment: Type.String(),
  version: Type.String({ description: 'plan.meta.version этой редакции' }),
  restoredFrom: Type.Optional(Type.Integer({ description: 'Редакция, содержимое которой восстановлено' })),
  changes: Type.Array(ChangeSchema),
});

export const Preview = Type.Object({ problems: DraftProblemList, changes: Type.Array(ChangeSchema) });
export const SaveResult = Type.Object({ problems: DraftProblemList });
export const PublishBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 1000, description: 'Что и зачем изменено' }) });
export const RestoreBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 1000 })) });
export const IdParams = Type.Object({ id: Type.String({ description: 'Номер редакции' }) });
export const YearParams = Type.Object({ year: Type.String({ description: 'Год производственного календаря' }) });

export const json = (schema: unknown, description: string, headers?: unknown) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});

export const etagHeader = { ETag: { description: 'Версия черновика', schema: { type: 'string' } } };

// The handlers validate (with Russian messages and JSON pointers); the schemas are for OpenAPI.
export const noValidation = () => (value: unknown) => ({ value });
