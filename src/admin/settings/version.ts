/**
 * The version of one organization's settings: a hash of their canonical JSON (keys sorted), so
 * the ETag of `/admin/api/organizations/{id}/settings` changes only when this organization's
 * settings do — an edit to another organization or to the plan never makes a save look stale.
 */
import { createHash } from 'node:crypto';
import type { OrganizationSettings } from '../../domain/schema.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).sort().map((key) => [key, canonical(object[key])]));
  }
  return value;
}

export function settingsVersion(settings: OrganizationSettings | undefined): string {
  return createHash('sha256').update(JSON.stringify(canonical(settings ?? {}))).digest('hex').slice(0, 20);
}

/** The strong entity tag of a settings version. */
export function settingsTag(settings: OrganizationSettings | undefined): string {
  return `"settings-${settingsVersion(settings)}"`;
}

/**
 * The settings version an If-Match header says the client started from: the current one when
 * the header is `*` or lists the current tag, else the first tag it names (stale), else ''
 * (nothing this service issued: stale too). Weak tags never match (RFC 9110 §13.1.1).
 */
export function versionNamed(header: string, current: OrganizationSettings | undefined): string {
  const tags = header.split(',').map((t) => t.trim());
  const currentVersion = settingsVersion(current);
  if (tags.includes('*') || tags.includes(settingsTag(current))) return currentVersion;
  for (const tag of tags) {
    const match = /^"settings-([0-9a-f]{20})"$/.exec(tag);
    if (match) return match[1] as string;
  }
  return '';
}
