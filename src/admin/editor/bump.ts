/** The plan metadata a publication sets: the next version and the publication time. */

/** «2026.1» → «2026.2»; a version without a trailing number gets «.1». */
export function nextVersion(version: string): string {
  const match = /^(.*?)(\d+)$/.exec(version);
  return match ? `${match[1]}${Number(match[2]) + 1}` : `${version}.1`;
}

/** UTC to the second, as `plan.meta.updated` is written. */
export function updatedAt(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The plan with `meta.version` one past the published one and `meta.updated` now (never before
 * the published `updated`: LAST-MODIFIED must not go back even when a clock does).
 */
export function bumpedPlan(plan: unknown, published: { readonly version: string; readonly updated: string }, now: Date): unknown {
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) return plan;
  const object = plan as { meta?: unknown };
  const meta = object.meta !== null && typeof object.meta === 'object' && !Array.isArray(object.meta) ? (object.meta as Record<string, unknown>) : {};
  const updated = Date.parse(published.updated) >= now.getTime() ? updatedAt(new Date(Date.parse(published.updated) + 1000)) : updatedAt(now);
  return { ...object, meta: { ...meta, version: nextVersion(published.version), updated } };
}
