/**
 * Atom feeds of publications (`/changes.atom`, `/organizations/{id}/changes.atom`), through the
 * `feed` library. Pure: every date comes from the data (no "now"), so the same data gives the
 * same bytes; entries are in Russian and link to the affected items of the plan.
 */
import { Feed } from 'feed';
import { publicationsFor, type Publication } from '../../domain/change-log.js';
import { feedCount } from '../../domain/changes.js';
import type { Dataset } from '../../domain/model.js';
import type { Organization } from '../../domain/schema.js';
import { escapeHtml } from '../html/template.js';

function entryContent(publication: Publication, publicUrl: string, perFeed: boolean): string {
  const items = publication.changes.map((c) => {
    const link = c.item === undefined ? `${publicUrl}/organizations` : `${publicUrl}/plan#item-${c.item}`;
    const feeds = perFeed ? '' : ` — ${feedCount(c.feeds.length)}`;
    return `<li><a href="${escapeHtml(link)}">${escapeHtml(c.description)}</a>${feeds}</li>`;
  });
  return `<p>${escapeHtml(publication.comment)}</p><ul>${items.join('')}</ul>`;
}

export interface ChangesFeedInput {
  readonly data: Dataset;
  readonly publicUrl: string;
  /** Absent: the whole service; present: only what changed in this organization's feed. */
  readonly organization?: Organization;
}

export function renderChangesAtom({ data, publicUrl, organization }: ChangesFeedInput): string {
  const publications = organization ? publicationsFor(data.changeLog, `organization:${organization.id}`) : (data.changeLog?.publications ?? []);
  const self = organization ? `${publicUrl}/organizations/${organization.id}/changes.atom` : `${publicUrl}/changes.atom`;
  const feed = new Feed({
    id: self,
    title: organization ? `Изменения календаря: ${organization.shortName}` : `Изменения календарей: ${data.plan.meta.shortTitle}`,
    description: organization ? `Что изменилось в календаре «${organization.name}» при каждой публикации данных` : 'Что изменилось в календарях при каждой публикации данных Отделом образования',
    link: organization ? `${publicUrl}/organizations/${organization.id}` : `${publicUrl}/changes`,
    language: 'ru',
    updated: new Date(publications[0]?.at ?? data.plan.meta.updated),
    generator: false,
    feedLinks: { atom: self },
    author: { name: data.plan.meta.issuer },
    copyright: data.plan.meta.issuer,
  });
  for (const publication of publications) {
    feed.addItem({
      id: `${publicUrl}/changes#revision-${publication.revision}`,
      title: `Версия ${publication.version}: ${publication.comment}`,
      link: `${publicUrl}/changes#revision-${publication.revision}`,
      date: new Date(publication.at),
      content: entryContent(publication, publicUrl, organization !== undefined),
    });
  }
  return feed.atom1();
}
