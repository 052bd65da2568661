/* global document, window, navigator, fetch, DOMParser, CSS, Element, ResizeObserver */
// Progressive enhancement only: every page works without this script (plain links and GET
// forms); the script adds copy buttons, applies subscription options without a reload and
// suggests organizations as the user types, remembers the last one on this device and sizes
// the widget's frame on the host page.
(() => {
  'use strict';

  document.documentElement.classList.add('js');

  // ---- Editor: a rule's kind shows that kind's fields at once ---------------------------------
  // Without the script, the «Показать поля» button beside the select does the same.

  for (const button of document.querySelectorAll('[data-kind-refresh]')) button.hidden = true;
  document.addEventListener('change', (event) => {
    const select = event.target instanceof Element ? event.target.closest('select') : null;
    const button = select?.parentElement?.querySelector('[data-kind-refresh]');
    if (button && select.form) select.form.requestSubmit(button);
  });

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
    // Daily duties are in by default, so only the deadlines-only choice is written (daily=0).
    const params = [];
    const reminders = [...form.querySelectorAll('input[name="reminders"]:checked')]
      .map((input) => Number(input.value))
      .sort((a, b) => a - b);
    if (reminders.length > 0) params.push(`reminders=${reminders.join(',')}`);
    if (form.querySelector('input[name="daily"]:checked')?.value === '0') params.push('daily=0');
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
          // The element stays (an open <details> stays open, a live region keeps announcing); its content is the server's new rendering.
          element.replaceChildren(...document.importNode(replacement, true).childNodes);
        }
        const status = optionsForm.querySelector('[data-options-status]');
        if (status) status.textContent = 'Ссылки обновлены под выбранные настройки.';
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
  const wordsOf = (text) => normalize(text).split(' ').filter((word) => word !== '');
  const matches = (searchText, words) => words.every((word) => searchText.includes(word));

  const pluralRules = new Intl.PluralRules('ru-RU');
  const FORMS = { one: 'организация', few: 'организации', many: 'организаций' };
  const countText = (n) => (n === 0 ? 'Ничего не найдено' : `Найдено: ${n}\u00a0${FORMS[pluralRules.select(n)] || FORMS.many}`);

  const MAX_SUGGESTIONS = 8;

  const setupSuggestions = (form) => {
    const input = form.querySelector('input[name="q"]');
    const list = form.querySelector('[role="listbox"]');
    const datalist = form.querySelector('datalist');
    const status = form.querySelector('[data-search-status]');
    if (!input || !list || !datalist) return;
    const entries = [...datalist.querySelectorAll('option')].map((option) => ({
      name: option.value,
      fullName: option.getAttribute('data-name') || '',
      href: option.getAttribute('data-href') || '',
      search: option.getAttribute('data-search') || '',
    }));
    // Our own list replaces the browser's datalist, which cannot match inside words or ignore «ё».
    input.removeAttribute('list');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    let active = -1;

    const options = () => [...list.querySelectorAll('[role="option"]')];
    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const highlight = (index) => {
      const all = options();
      all.forEach((option, i) => option.setAttribute('aria-selected', i === index ? 'true' : 'false'));
      active = index;
      if (all[index]) input.setAttribute('aria-activedescendant', all[index].id);
    };
    const render = () => {
      const words = wordsOf(input.value);
      list.textContent = '';
      if (words.length === 0) {
        close();
        if (status) status.textContent = '';
        return;
      }
      const found = entries.filter((entry) => matches(entry.search, words));
      found.slice(0, MAX_SUGGESTIONS).forEach((entry, i) => {
        const item = document.createElement('li');
        item.id = `${list.id}-${i}`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        const link = document.createElement('a');
        link.href = entry.href;
        link.tabIndex = -1;
        link.textContent = entry.name;
        const full = document.createElement('span');
        full.className = 'full-name';
        full.textContent = entry.fullName;
        link.append(full);
        item.append(link);
        list.append(item);
      });
      list.hidden = found.length === 0;
      input.setAttribute('aria-expanded', found.length > 0 ? 'true' : 'false');
      active = -1;
      if (status) status.textContent = countText(found.length);
    };
    input.addEventListener('input', render);
    input.addEventListener('keydown', (event) => {
      const all = options();
      if (event.key === 'ArrowDown' && all.length > 0) {
        event.preventDefault();
        highlight((active + 1) % all.length);
      } else if (event.key === 'ArrowUp' && all.length > 0) {
        event.preventDefault();
        highlight(active <= 0 ? all.length - 1 : active - 1);
      } else if (event.key === 'Enter' && active >= 0 && all[active]) {
        event.preventDefault();
        window.location.assign(all[active].querySelector('a').href);
      } else if (event.key === 'Escape') {
        close();
      }
    });
    document.addEventListener('click', (event) => {
      if (event.target instanceof Element && !form.contains(event.target)) close();
    });
  };

  for (const form of document.querySelectorAll('form[data-suggest]')) setupSuggestions(form);

  // The list page also filters its groups as the user types.
  const listInput = document.querySelector('form[data-search-form] input[name="q"]');
  if (listInput && document.querySelector('[data-group]')) {
    const result = document.querySelector('[data-search-result]');
    const listStatus = document.querySelector('[data-search-status]');
    const filter = () => {
      const words = wordsOf(listInput.value);
      // An organization of several types is listed in each of its groups but counted once, as the server counts it.
      const found = new Set();
      for (const group of document.querySelectorAll('[data-group]')) {
        let any = false;
        for (const entry of group.querySelectorAll('li[data-search]')) {
          const match = matches(entry.getAttribute('data-search') || '', words);
          entry.hidden = !match;
          any = any || match;
          if (match) found.add(entry.querySelector('a')?.getAttribute('href') || entry.getAttribute('data-search'));
        }
        group.hidden = !any;
      }
      // The server's count is for the submitted query; the live region announces the typed one.
      if (result) result.textContent = '';
      if (listStatus) listStatus.textContent = words.length === 0 ? '' : countText(found.size);
      const query = listInput.value.trim() === '' ? '' : `?q=${encodeURIComponent(listInput.value)}`;
      window.history.replaceState(null, '', `${window.location.pathname}${query}`);
    };
    listInput.addEventListener('input', filter);
  }

  // ---- The last organization chosen on this device ------------------------------------------

  const LAST_ORG = 'eo-calendar:last-organization';
  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return null; // storage disabled: nothing is remembered, nothing breaks
    }
  })();
  const heading = document.querySelector('[data-remember-org]');
  if (heading && storage) {
    storage.setItem(LAST_ORG, JSON.stringify({ name: heading.textContent, href: heading.getAttribute('data-href') }));
  }
  const lastSlot = document.querySelector('[data-last-org]');
  if (lastSlot && storage) {
    try {
      const last = JSON.parse(storage.getItem(LAST_ORG) || 'null');
      if (last && typeof last.href === 'string' && last.href.startsWith('/') && !last.href.startsWith('//') && typeof last.name === 'string') {
        const link = document.createElement('a');
        link.href = last.href;
        link.className = 'button';
        link.textContent = `${last.name} →`;
        lastSlot.append('Вы выбирали: ', link);
        lastSlot.hidden = false;
      }
    } catch {
      storage.removeItem(LAST_ORG);
    }
  }

  // Printing shows every choice's steps, not only the open one.
  window.addEventListener('beforeprint', () => {
    for (const details of document.querySelectorAll('details.app')) details.open = true;
  });

  // ---- Widget height ------------------------------------------------------------------------

  // Inside a frame, tell the host page how tall the widget is, so its frame never scrolls.
  if (document.documentElement.classList.contains('embed') && window.parent !== window) {
    let last = 0;
    const post = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: 'eo-calendar:height', height }, '*');
    };
    post();
    window.addEventListener('load', post);
    if (typeof ResizeObserver === 'function') new ResizeObserver(post).observe(document.documentElement);
  }
})();
