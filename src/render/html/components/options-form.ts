/** The subscription options as a plain GET form: the server renders links and QR codes for them; the script applies them without a reload. */
import type { FeedOptions } from '../../feed-options.js';
import { formatReminder } from '../format.js';
import { REMINDER_CHOICES } from '../options.js';
import { html, type Html } from '../template.js';

export function optionsForm(options: FeedOptions): Html {
  // Reminders from a shared link that the checkboxes do not offer stay selectable, so they are kept.
  const choices = [...new Set([...REMINDER_CHOICES, ...options.reminders])].sort((a, b) => b - a);
  const reminders = choices.map(
    (days) =>
      html`<label class="check"><input type="checkbox" name="reminders" value="${days}"${options.reminders.includes(days) ? html` checked` : ''}> ${formatReminder(days)}</label>`,
  );
  return html`<form class="options" method="get" data-options>
<fieldset>
<legend>Настройки календаря</legend>
<label class="check"><input type="checkbox" name="daily" value="0"${options.daily ? '' : html` checked`}> Без ежедневных дел</label>
<fieldset class="reminders">
<legend>Напоминать о сроке</legend>
${reminders}
</fieldset>
<button type="submit" class="button no-js">Применить</button>
</fieldset>
<p class="hint">Ссылки, QR-код и код для сайта ниже учитывают эти настройки.</p>
</form>`;
}
