/** The subscription options as a plain GET form: the server renders links for them; the script applies them without a reload. */
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
<legend>Настроить календарь перед подпиской</legend>
<p class="hint">Все сроки плана в нём всегда; ссылки выше учитывают выбранное.</p>
<fieldset class="daily-choice">
<legend>Что будет в календаре</legend>
<label class="check"><input type="radio" name="daily" value="1"${options.daily ? html` checked` : ''}> Ежедневные дела (пп.&nbsp;18 и&nbsp;24)&nbsp;— короткое событие в&nbsp;каждый учебный день</label>
<label class="check"><input type="radio" name="daily" value="0"${options.daily ? '' : html` checked`}> Только сроки</label>
</fieldset>
<fieldset class="reminders">
<legend>Напоминать о сроке (Календарь Apple, Thunderbird)</legend>
${reminders}
</fieldset>
<button type="submit" class="button no-js">Применить</button>
</fieldset>
<p class="hint" role="status" aria-live="polite" data-options-status></p>
</form>`;
}
