/* global document, window, navigator, fetch, DOMParser, CSS, Element, HTMLDetailsElement */
// Progressive enhancement only: every page works without this script (plain links and GET
// forms); the script adds copy buttons, applies subscription options without a reload and
// filters the organization list as the user types.
(() => {
  'use strict';

  document.documentElement.classList.add('js');

  // ---- Copy buttons -------------------------------------------------------------------------

  const revealCopyButtons = (root) => {
    for (const button of root.querySelectorAll('[data-copy-from]')) button.hidden = false;
  };

  const copyText = (field) => {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(field.value);
    // Older browsers and plain-http sites: copy the selection.
    field.select();
    return document.execCommand('copy') ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  };

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-copy-from]') : null;
    if (!button) return;
    const field = document.getElementById(button.getAttribute('data-copy-from') || '');
    if (!field) return;
    const status = button.closest('.copy-field')?.querySelector('.copy-status');
    const say = (text) => {
      if (!status) return;
      status.textContent = text;
      window.setTimeout(() => {
        if (status.textContent === text) status.textContent = '';
      }, 4000);
    };
    copyText(field).then(
      () => say('Скопировано'),
      () => {
        field.select();
        say('Не удалось скопировать: текст выделен, нажмите Ctrl+C');
      },
    );
  });

  revealCopyButtons(document);

  // ---- Subscription options -----------------------------------------------------------------

  // The same canonical query as the server's feedOptionsKey: reminders ascending, then daily.
  const optionsQuery = (form) => {
    const params = [];
    const reminders = [...form.querySelectorAll('input[name="reminders"]:checked')]
      .map((input) => Number(input.value))
      .sort((a, b) => a - b);
    if (reminders.length > 0) params.push(`reminders=${reminders.join(',')}`);
    if (form.querySelector('input[name="daily"]')?.checked) params.push('daily=0');
    return params.length > 0 ? `?${params.join('&')}` : '';
  };

  const optionsForm = document.querySelector('form[data-options]');
  let sequence = 0;

  // The server renders links, QR codes and snippets for the options; the script fetches that
  // rendering and swaps the parts marked data-live, so there is one source of truth for links.
  const applyOptions = () => {
    const query = optionsQuery(optionsForm);
    const url = `${window.location.pathname}${query}`;
    const mine = ++sequence;
    optionsForm.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.text();
      })
      .then((text) => {
        if (mine !== sequence) return;
        const fresh = new DOMParser().parseFromString(text, 'text/html');
        for (const element of document.querySelectorAll('[data-live]')) {
          const name = element.getAttribute('data-live') || '';
          const replacement = fresh.querySelector(`[data-live="${CSS.escape(name)}"]`);
          if (!replacement) continue;
          if (element instanceof HTMLDetailsElement && element.open) replacement.setAttribute('open', '');
          element.replaceWith(document.importNode(replacement, true));
        }
        revealCopyButtons(document);
        window.history.replaceState(null, '', `${url}${window.location.hash}`);
        optionsForm.removeAttribute('aria-busy');
        document.documentElement.setAttribute('data-options', query);
      })
      .catch(() => {
        // The plain form submission still works: let the browser load the page.
        if (mine === sequence) window.location.assign(url);
      });
  };

  if (optionsForm) {
    optionsForm.addEventListener('change', applyOptions);
    optionsForm.addEventListener('submit', (event) => {
      event.preventDefault();
      applyOptions();
    });
  }

  // ---- Organization search ------------------------------------------------------------------

  // Mirrors normalizeSearch in src/render/html/search.ts.
  const normalize = (text) => text.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  const plural = (n, one, few, many) => {
    const mod10 = n % 10;
    const mod100 = n % 100;
    if (mod10 === 1 && mod100 !== 11) return one;
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
    return many;
  };

  const searchForm = document.querySelector('form[data-search-form]');
  if (searchForm) {
    const input = searchForm.querySelector('input[name="q"]');
    const status = document.querySelector('[data-search-status]');
    const filter = () => {
      const words = normalize(input.value).split(' ').filter((word) => word !== '');
      const found = new Set();
      for (const group of document.querySelectorAll('[data-group]')) {
        let any = false;
        for (const entry of group.querySelectorAll('li[data-search]')) {
          const text = entry.getAttribute('data-search') || '';
          const match = words.every((word) => text.includes(word));
          entry.hidden = !match;
          if (match) {
            any = true;
            found.add(entry.querySelector('a')?.getAttribute('href'));
          }
        }
        group.hidden = !any;
      }
      if (status) {
        const n = found.size;
        status.textContent =
          words.length === 0 ? '' : n === 0 ? 'Ничего не найдено' : `Найдено: ${n} ${plural(n, 'организация', 'организации', 'организаций')}`;
      }
      const query = input.value.trim() === '' ? '' : `?q=${encodeURIComponent(input.value)}`;
      window.history.replaceState(null, '', `${window.location.pathname}${query}`);
    };
    input.addEventListener('input', filter);
    searchForm.addEventListener('submit', (event) => {
      event.preventDefault();
      filter();
    });
  }
})();
