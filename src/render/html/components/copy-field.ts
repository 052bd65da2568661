/** A read-only field with a copy button; the button appears only when the script can copy. */
import { html, type Html } from '../template.js';

interface CopyFieldInput {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Which link this is, so the page script can find it (`https`, `snippet`). */
  readonly role: string;
  readonly multiline?: boolean;
  readonly buttonLabel?: string;
}

export function copyField(input: CopyFieldInput): Html {
  const field = input.multiline
    ? html`<textarea id="${input.id}" readonly rows="4" spellcheck="false" data-link="${input.role}">${input.value}</textarea>`
    : html`<input id="${input.id}" type="text" readonly value="${input.value}" spellcheck="false" data-link="${input.role}">`;
  return html`<div class="copy-field">
<label for="${input.id}">${input.label}</label>
<div class="copy-row">${field}<button type="button" class="button" data-copy-from="${input.id}" hidden>${input.buttonLabel ?? 'Копировать'}</button></div>
<span class="copy-status" role="status" aria-live="polite"></span>
</div>`;
}
