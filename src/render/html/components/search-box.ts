/**
 * The organization search: a plain GET form to /organizations (one match opens the organization
 * at once), with the registry's names as a <datalist> the browser suggests from without the
 * script; the script replaces it with suggestions by any part of either name.
 */
import type { Organization } from '../../../domain/schema.js';
import { MAX_QUERY_LENGTH, searchTextOf } from '../search.js';
import { html, type Html } from '../template.js';

export interface SearchBoxInput {
  readonly id: string;
  readonly base: string;
  readonly organizations: readonly Organization[];
  readonly query?: string;
  readonly label?: string;
}

export function searchBox(input: SearchBoxInput): Html {
  const { id, base } = input;
  const options = input.organizations.map(
    (o) => html`<option value="${o.shortName}" data-href="${base}/organizations/${o.id}" data-search="${searchTextOf(o)}" data-name="${o.name}"></option>`,
  );
  return html`<form class="search" method="get" action="${base}/organizations" role="search" data-search-form data-suggest="${id}">
<label for="${id}">${input.label ?? 'Название организации — полное или сокращённое, можно часть'}</label>
<div class="search-row"><input id="${id}" name="q" type="search" value="${input.query ?? ''}" maxlength="${MAX_QUERY_LENGTH}" list="${id}-names" autocomplete="off" spellcheck="false" placeholder="например, Ласточка или СОШ №&nbsp;5"><button type="submit" class="button primary">Найти</button></div>
<datalist id="${id}-names">${options}</datalist>
<ul class="suggestions" id="${id}-suggestions" role="listbox" aria-label="Подходящие организации" hidden></ul>
<p class="search-status" role="status" aria-live="polite" data-search-status></p>
</form>`;
}
