/**
 * What a browser submits for the editor's form at `action` on a page, unchanged: text-like
 * inputs, hidden inputs, textareas, each select's selected option, checked checkboxes. Covers
 * the markup the editor writes (double-quoted attributes), not HTML at large.
 */
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]!) : undefined;
};

export function formFields(page: string, action: string): Record<string, string> {
  const start = page.indexOf(`<form method="post" action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = page.slice(start, page.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const type = attribute(tag, 'type') ?? 'text';
    if (name === undefined) continue;
    if (type === 'checkbox') {
      if (/\schecked\b/.test(tag)) fields[name] = 'on';
    } else fields[name] = attribute(tag, 'value') ?? '';
  }
  // The browser drops the one line break that may follow <textarea>.
  for (const [, tag, content] of form.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g)) fields[attribute(tag!, 'name')!] = decode(content!.replace(/^\r?\n/, ''));
  for (const [, tag, options] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const all = [...options!.matchAll(/<option value="([^"]*)"( selected)?>/g)];
    const chosen = all.find((o) => o[2]) ?? all[0];
    if (chosen) fields[attribute(tag!, 'name')!] = decode(chosen[1]!);
  }
  return fields;
}
